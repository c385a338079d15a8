import { env } from 'cloudflare:workers';
import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { handleScheduled } from '../../workers/scheduled';
import { confirmationLinkIn, formFixture, postForm, postJson } from '../support/consent';
import { captureMail } from '../support/mail';
import { api, call, countRows } from '../support/seed';

const path = (link: string) => new URL(link).pathname;

describe('double opt-in', () => {
  it('sends the confirmation mail in the notice language; one click confirms with its own evidence', async () => {
    const f = await formFixture('eu', { language: 'de' });
    const mail = captureMail();
    const res = await postJson(f.formId, { email: 'Greta@Example.de' });
    expect(await res.json()).toMatchObject({ ok: true, status: 'pending' });
    const [sent] = await mail.messages();
    expect(sent?.to).toBe('greta@example.de');
    expect(sent?.parsed.subject).toContain('Bitte bestätigen');
    expect(sent?.parsed.text).toContain('Newsletter');
    const link = confirmationLinkIn(sent?.parsed.text);
    expect(link.startsWith('https://privacy.test/c/e')).toBe(true);

    const click = await call(path(link), {
      headers: { 'cf-connecting-ip': '192.0.2.99', 'user-agent': 'MailClient/1.0' },
      cf: { country: 'AT', isEUCountry: '1', region: 'Vienna' },
    });
    expect(click.status).toBe(200);
    const page = await click.text();
    expect(page).toContain('Abonnement bestätigt');
    expect(page).not.toContain('<form');
    const events = await env.DB_EU.prepare(
      'select kind, country, source_type, source_id, ip_ct from consent_events where tenant_id = ? order by seq',
    )
      .bind(f.tenant.id)
      .all<Record<string, string>>();
    expect(events.results.map((e) => e.kind)).toEqual(['opt_in', 'confirmation']);
    expect(events.results[1]).toMatchObject({
      country: 'AT',
      source_type: 'confirmation',
      source_id: f.formId,
    });
    expect(events.results[1]!.ip_ct).not.toBe(events.results[0]!.ip_ct);
    expect(events.results[1]!.ip_ct).not.toContain('192.0.2.99');
    expect(
      await countRows(
        env.DB_EU,
        'subscriptions',
        'tenant_id = ? and status = ? and consent = ?',
        f.tenant.id,
        'confirmed',
        'given',
      ),
    ).toBe(1);
    expect(
      await countRows(env.DB_EU, 'subscribers', 'tenant_id = ? and status = ?', f.tenant.id, 'active'),
    ).toBe(1);
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        'tenant_id = ? and type = ?',
        f.tenant.id,
        'consent.confirmed',
      ),
    ).toBe(1);

    const again = await call(path(link));
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Bereits bestätigt');
    expect(await countRows(env.DB_EU, 'consent_events', 'tenant_id = ?', f.tenant.id)).toBe(2);
  });

  it('templates exist for en, fr and nl', async () => {
    for (const [language, words] of [
      ['en', 'Please confirm'],
      ['fr', 'Merci de confirmer'],
      ['nl', 'Bevestig'],
    ] as const) {
      const f = await formFixture('eu', { language });
      const mail = captureMail();
      await postJson(f.formId, { email: `x-${language}@example.org` });
      const [sent] = await mail.messages();
      expect(sent?.parsed.subject).toContain(words);
      expect(sent?.parsed.html).toContain('/c/');
    }
  });

  it('a tampered or foreign-purpose token is refused with a readable page', async () => {
    const f = await formFixture('eu');
    const mail = captureMail();
    await postJson(f.formId, { email: 'tamper@example.org' });
    const link = confirmationLinkIn((await mail.messages())[0]?.parsed.text);
    const broken = path(link).slice(0, -3) + (path(link).endsWith('AAA') ? 'BBB' : 'AAA');
    const res = await call(broken);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('not valid');
    expect(
      await countRows(env.DB_EU, 'consent_events', 'tenant_id = ? and kind = ?', f.tenant.id, 'confirmation'),
    ).toBe(0);
  });

  it('re-submitting a confirmed address never downgrades it', async () => {
    const f = await formFixture('eu');
    const mail = captureMail();
    await postJson(f.formId, { email: 'stay@example.org' });
    await call(path(confirmationLinkIn((await mail.messages())[0]?.parsed.text)));
    const again = await postForm(f.formId, { email: 'stay@example.org', consent: 'yes' });
    expect(again.status).toBe(303);
    const unticked = await postForm(f.formId, { email: 'stay@example.org' });
    expect(unticked.status).toBe(422);
    const row = await env.DB_EU.prepare('select status, consent from subscriptions where tenant_id = ?')
      .bind(f.tenant.id)
      .first();
    expect(row).toEqual({ status: 'confirmed', consent: 'given' });
    expect(
      await countRows(env.DB_EU, 'subscribers', 'tenant_id = ? and status = ?', f.tenant.id, 'active'),
    ).toBe(1);
    expect((await mail.messages()).length).toBe(1);
  });

  it('the scheduled sweep purges sign-ups unconfirmed after the configured days, and keeps the rest', async () => {
    const f = await formFixture('eu', { lists: 'both' });
    await env.DB_EU.prepare('update tenants set settings = ? where id = ?')
      .bind(JSON.stringify({ unconfirmedPurgeDays: 3 }), f.tenant.id)
      .run();
    const doiOnly = await formFixture('eu');
    await env.DB_EU.prepare('update tenants set settings = ? where id = ?')
      .bind(JSON.stringify({ unconfirmedPurgeDays: 3 }), doiOnly.tenant.id)
      .run();
    captureMail();
    await postJson(f.formId, { email: 'mixed@example.org' });
    await postJson(doiOnly.formId, { email: 'never@example.org' });
    await postJson(doiOnly.formId, { email: 'recent@example.org' });
    const old = Date.now() - 4 * 86_400_000;
    await env.DB_EU.prepare(
      "update subscriptions set updated_at = ? where status = 'pending' and tenant_id in (?, ?)",
    )
      .bind(old, f.tenant.id, doiOnly.tenant.id)
      .run();
    await postJson(doiOnly.formId, { email: 'recent@example.org' });

    await handleScheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }),
      env,
      createExecutionContext(),
    );

    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', doiOnly.tenant.id)).toBe(1);
    expect(await countRows(env.DB_EU, 'subscriber_keys', 'tenant_id = ?', doiOnly.tenant.id)).toBe(1);
    expect(await countRows(env.DB_EU, 'consent_events', 'tenant_id = ?', doiOnly.tenant.id)).toBe(2);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(1);
    expect(await countRows(env.DB_EU, 'subscriptions', 'tenant_id = ?', f.tenant.id)).toBe(1);
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        'tenant_id = ? and type = ?',
        doiOnly.tenant.id,
        'subscription.unconfirmed_purged',
      ),
    ).toBe(1);
    const id = (await env.DB_EU.prepare('select id from subscribers where tenant_id = ?')
      .bind(f.tenant.id)
      .first<{ id: string }>())!.id;
    expect(await (await api(f.apiKey, `/subscribers/${id}/consent-chain`)).json()).toMatchObject({
      ok: true,
    });
  });

  it('an expired sign-up link after the purge says so', async () => {
    const f = await formFixture('eu');
    const mail = captureMail();
    await postJson(f.formId, { email: 'late@example.org' });
    const link = confirmationLinkIn((await mail.messages())[0]?.parsed.text);
    await env.DB_EU.prepare('update subscriptions set updated_at = ? where tenant_id = ?')
      .bind(Date.now() - 30 * 86_400_000, f.tenant.id)
      .run();
    await handleScheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }),
      env,
      createExecutionContext(),
    );
    const res = await call(path(link));
    expect(res.status).toBe(410);
  });
});
