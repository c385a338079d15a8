import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { decideSubscription } from '../../db/consent-capture';
import type { ListRow } from '../../db/lists';
import { masterKeyring } from '../../shared/crypto/keyring';
import { embedScript } from '../../shared/forms/embed-script';
import { judgeSubmission, mintFillToken } from '../../shared/forms/fill-time';
import { formWords } from '../../shared/forms/messages';
import { formIdRegion, newFormId } from '../../shared/form-ids';
import { confirmationMail } from '../../shared/mail/confirmation';
import { brandingOf } from '../../shared/branding';
import { confirmationHtml } from '../../workers/mail/confirmation-html';

const list = (over: Partial<ListRow> = {}): ListRow => ({
  id: 'lst_1',
  tenantId: 't',
  name: 'N',
  purpose: 'p',
  lawfulBasis: 'consent',
  doubleOptIn: true,
  noticeKey: null,
  retentionDays: null,
  createdAt: new Date(),
  ...over,
});

describe('decideSubscription (never a downgrade)', () => {
  const given = { consentUnknown: false, confirmed: false };
  it.each([
    [
      'new DOI sign-up waits, and is not consent until the click',
      list(),
      undefined,
      given,
      { status: 'pending', consent: 'unknown', awaits: true },
    ],
    [
      'new single opt-in is confirmed',
      list({ doubleOptIn: false }),
      undefined,
      given,
      { status: 'confirmed', consent: 'given', awaits: false },
    ],
    [
      'contract basis needs no confirmation',
      list({ lawfulBasis: 'contract' }),
      undefined,
      given,
      { status: 'confirmed', consent: 'given', awaits: false },
    ],
    [
      'confirmed stays confirmed',
      list(),
      { status: 'confirmed', consent: 'given' },
      given,
      { status: 'confirmed', consent: 'given', awaits: false },
    ],
    [
      'confirmed with unknown consent waits for the click but stays subscribed',
      list(),
      { status: 'confirmed', consent: 'unknown' },
      given,
      { status: 'confirmed', consent: 'unknown', awaits: true },
    ],
    [
      'an unsubscribed person opting in again must confirm',
      list(),
      { status: 'unsubscribed', consent: 'withdrawn' },
      given,
      { status: 'pending', consent: 'unknown', awaits: true },
    ],
    [
      'client-run DOI is confirmed',
      list(),
      undefined,
      { consentUnknown: false, confirmed: true },
      { status: 'confirmed', consent: 'given', awaits: false },
    ],
    [
      'import without evidence: consent unknown',
      list(),
      undefined,
      { consentUnknown: true, confirmed: false },
      { status: 'confirmed', consent: 'unknown', awaits: false },
    ],
    [
      'import without evidence keeps given consent',
      list(),
      { status: 'confirmed', consent: 'given' },
      { consentUnknown: true, confirmed: false },
      { status: 'confirmed', consent: 'given', awaits: false },
    ],
    [
      'import without evidence does not resubscribe',
      list(),
      { status: 'unsubscribed', consent: 'withdrawn' },
      { consentUnknown: true, confirmed: false },
      { status: 'unsubscribed', consent: 'withdrawn', awaits: false },
    ],
    [
      'import without evidence leaves a pending sign-up pending',
      list(),
      { status: 'pending', consent: 'unknown' },
      { consentUnknown: true, confirmed: false },
      { status: 'pending', consent: 'unknown', awaits: false },
    ],
    [
      'a refusal followed by a new DOI sign-up waits for the click again',
      list(),
      { status: 'unsubscribed', consent: 'refused' },
      given,
      { status: 'pending', consent: 'unknown', awaits: true },
    ],
  ] as const)('%s', (_name, l, before, opts, expected) => {
    expect(decideSubscription(l, before, opts)).toEqual(expected);
  });
});

describe('fill-time judge', () => {
  it('passes a person, stops fast bots, honeypots, foreign and missing tokens', async () => {
    const ring = await masterKeyring(env.MASTER_KEY);
    const now = Date.now();
    const form = newFormId('eu');
    const old = await mintFillToken(ring, 'eu', form, now - 5_000);
    expect(await judgeSubmission(ring, form, { token: old }, true, now)).toEqual({ spam: false });
    expect(
      await judgeSubmission(
        ring,
        form,
        { token: await mintFillToken(ring, 'eu', form, now - 500) },
        true,
        now,
      ),
    ).toEqual({ spam: true, reason: 'too_fast' });
    expect(await judgeSubmission(ring, form, { token: old, honeypot: 'x' }, true, now)).toEqual({
      spam: true,
      reason: 'honeypot',
    });
    expect(await judgeSubmission(ring, newFormId('eu'), { token: old }, true, now)).toEqual({
      spam: true,
      reason: 'bad_token',
    });
    expect(await judgeSubmission(ring, form, { token: 'e1.garbage' }, true, now)).toEqual({
      spam: true,
      reason: 'bad_token',
    });
    expect(await judgeSubmission(ring, form, {}, true, now)).toEqual({ spam: true, reason: 'no_token' });
    expect(await judgeSubmission(ring, form, {}, false, now)).toEqual({ spam: false });
  });
});

describe('form ids and texts', () => {
  it('form ids carry the region', () => {
    expect(formIdRegion(newFormId('eu'))).toBe('eu');
    expect(formIdRegion(newFormId('us'))).toBe('us');
    expect(formIdRegion('frm_x_00000000000000000000')).toBeNull();
    expect(formIdRegion('frm_e_short')).toBeNull();
  });

  it('confirmation mails in en, de, fr, nl, es, it carry the link; other languages fall back to English', async () => {
    for (const [lang, word] of [
      ['en', 'Confirm'],
      ['de', 'bestätigen'],
      ['fr', 'Confirmer'],
      ['nl', 'bevestigen'],
      ['es', 'Confirmar'],
      ['it', 'Conferma'],
      ['pl', 'Confirm'],
    ] as const) {
      const m = confirmationMail({
        language: lang,
        sender: 'Shop',
        lists: ['News'],
        link: 'https://p.test/c/e1.abc',
        purgeDays: 14,
      });
      expect(m.action).toContain(word);
      expect(m.text).toContain('https://p.test/c/e1.abc');
      expect(m.text).toContain('14');
      const html = await confirmationHtml(m, brandingOf({ name: 'Shop', settings: {} }));
      expect(html).toContain(`>${m.action}</a>`);
      expect(html).toContain('href="https://p.test/c/e1.abc"');
    }
    const hostile = confirmationMail({
      language: 'de-AT',
      sender: '<b>',
      lists: [],
      link: 'x',
      purgeDays: 1,
    });
    expect(await confirmationHtml(hostile, brandingOf({ name: '<b>', settings: {} }))).not.toContain('<b>');
  });

  it('the embed script keeps the config inert', () => {
    const js = embedScript({
      action: 'https://p/f/x',
      formId: 'x',
      language: 'en',
      notice: '</script>\u2028',
      fields: [],
      token: 't',
      words: formWords('en'),
      honeypot: 'tm_hp',
      tokenField: 'tm_t',
    });
    expect(js).not.toContain('</script>');
    expect(js).not.toContain('\u2028');
    expect(() => new Function(js)).not.toThrow();
  });
});
