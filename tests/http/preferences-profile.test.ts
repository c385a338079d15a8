// Corrections in the preference centre: a profile edit is a rectification applied at once and
// recorded by a completed `rectification` request (channel preference_centre); values the forms
// refuse (special categories, payment data, too long, wrong type) change nothing. An address
// change waits for a press on the link mailed to the new address, and refuses an address that
// is another subscriber's or was erased without saying which.

import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { createProfileField } from '../../db/lists';
import { regional } from '../../db/regions';
import { profileFields, suppressions } from '../../db/schema';
import { decryptSubscriber, loadSubscriberKey } from '../../db/subscribers';
import { tenantKeys } from '../../db/tenants';
import { blindIndex } from '../../shared/crypto/blind-index';
import { newId } from '../../shared/regions';
import { captureQueue, rowCounts } from '../support/intercept';
import { captureMail } from '../support/mail';
import { headingsOf, press } from '../support/pages';
import { seedSubscriber } from '../support/privacy';
import { eventTypesOf, open, requestsOf, rows, selfService, type SelfService } from '../support/self-service';

const { db } = regional(env, 'eu');

async function personNow(s: SelfService) {
  const keys = await tenantKeys(env.MASTER_KEY, s.tenant);
  const key = (await loadSubscriberKey(db, keys, s.person.id))!;
  const [row] = await rows<{ email_ct: string; name_ct: string; profile_ct: string; email_index: string }>(
    'select email_ct, name_ct, profile_ct, email_index from subscribers where id = ?',
    s.person.id,
  );
  const plain = await decryptSubscriber(key, {
    emailCt: row!.email_ct,
    nameCt: row!.name_ct,
    profileCt: row!.profile_ct,
  });
  return { ...plain, emailIndex: row!.email_index, keys };
}

const edit = (s: SelfService, form: string, headers: Record<string, string> = {}) =>
  press(s.centre, headers, { body: `action=profile&${form}`, redirect: 'manual' });

describe('profile corrections', () => {
  it('are applied at once and recorded by a completed rectification request with its events and a done mail', async () => {
    captureQueue();
    const mail = captureMail();
    const s = await selfService();
    await createProfileField(db, s.tenant.id, { key: 'city', label: 'Home town', type: 'text' });
    await createProfileField(db, s.tenant.id, { key: 'born', label: 'Birthday', type: 'date' });
    const res = await edit(s, 'name=Anna+Beispiel&f_city=Rotterdam&f_born=1990-04-01');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${s.centre}?done=profile`);
    const person = await personNow(s);
    expect(person.name).toBe('Anna Beispiel');
    expect(person.profile).toEqual({ city: 'Rotterdam', plan: 'pro', born: '1990-04-01' });
    const [request] = await requestsOf(s.tenant.id);
    expect(request).toMatchObject({
      kind: 'rectification',
      status: 'completed',
      channel: 'preference_centre',
    });
    expect(request!.verified_at).not.toBeNull();
    expect(await eventTypesOf(s.tenant.id)).toEqual(['privacy_request.completed', 'privacy_request.created']);
    await vi.waitFor(async () => expect((await mail.messages()).map((m) => m.to)).toEqual([s.person.email]));
    const page = await (await open(`${s.centre}?done=profile`)).text();
    expect(page).toContain('Your details are corrected.');
    expect(page).toContain('<dt>Home town</dt><dd>Rotterdam</dd>');
  });

  it('an empty field removes its value; the same correction again changes nothing', async () => {
    captureQueue();
    const s = await selfService();
    await createProfileField(db, s.tenant.id, { key: 'city', label: 'Home town', type: 'text' });
    await edit(s, 'name=Anna+Example&f_city=');
    expect((await personNow(s)).profile).toEqual({ plan: 'pro' });
    const before = await rowCounts(s.tenant.id);
    const again = await edit(s, 'name=Anna+Example&f_city=');
    expect(again.headers.get('location')).toBe(`${s.centre}?done=nothing_changed`);
    expect(await rowCounts(s.tenant.id)).toBe(before);
  });

  it.each([
    ['a card number', 'f_city=4111+1111+1111+1111', 422, 'looks like a card number'],
    ['an IBAN in the name', 'name=DE89370400440532013000', 422, 'Payment data is never kept'],
    ['a value over 500 characters', `f_city=${'x'.repeat(501)}`, 400, 'is too long'],
    ['a name over 200 characters', `name=${'y'.repeat(201)}`, 400, 'is too long'],
    ['a number field with words', 'f_age=forty', 400, 'must be a number'],
    ['an impossible date', 'f_born=2024-02-31', 400, 'must be a date'],
  ])('refuses %s on the page, changing nothing', async (_name, form, status, sentence) => {
    captureQueue();
    const s = await selfService();
    await createProfileField(db, s.tenant.id, { key: 'city', label: 'Home town', type: 'text' });
    await createProfileField(db, s.tenant.id, { key: 'age', label: 'Age', type: 'number' });
    await createProfileField(db, s.tenant.id, { key: 'born', label: 'Birthday', type: 'date' });
    const before = await rowCounts(s.tenant.id);
    const res = await edit(s, form);
    expect(res.status).toBe(status);
    const html = await res.text();
    expect(html).toContain('Nothing was changed');
    expect(html).toContain(sentence);
    expect(await rowCounts(s.tenant.id)).toBe(before);
    expect((await personNow(s)).profile).toEqual({ city: 'Utrecht', plan: 'pro' });
  });

  it('refuses a value for a special-category field (one defined before such fields were refused), in German', async () => {
    captureQueue();
    const s = await selfService();
    await db
      .insert(profileFields)
      .values({ id: newId('fld'), tenantId: s.tenant.id, key: 'religion', label: 'Religion', type: 'text' });
    const before = await rowCounts(s.tenant.id);
    const res = await edit(s, 'f_religion=none', { 'accept-language': 'de' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Es wurde nichts geändert');
    expect(html).toContain('„Religion“');
    expect(await rowCounts(s.tenant.id)).toBe(before);
  });
});

/** The path of the confirmation link in the mail to the new address. */
async function addressLinkIn(mail: ReturnType<typeof captureMail>, to: string) {
  const sent = await vi.waitFor(async () => {
    const found = (await mail.messages()).find((m) => m.to === to);
    if (!found) throw new Error('no mail to the new address yet');
    return found;
  });
  return new URL(/https?:\/\/\S+\/p\/address\/\S+/.exec(sent.parsed.text ?? '')![0]).pathname;
}

describe('address change', () => {
  it('mails a link to the new address; a GET changes nothing; the press replaces the address and tells the old one', async () => {
    captureQueue();
    const mail = captureMail();
    const s = await selfService();
    const asked = await press(
      s.centre,
      { 'accept-language': 'de' },
      { body: 'action=address&email=Anna.New%40Example.org', redirect: 'manual' },
    );
    expect(asked.headers.get('location')).toBe(`${s.centre}?done=address_sent`);
    const link = await addressLinkIn(mail, 'anna.new@example.org');
    expect((await mail.messages()).find((m) => m.to === 'anna.new@example.org')!.parsed.subject).toContain(
      'Bestätigen',
    );
    expect((await personNow(s)).email).toBe(s.person.email);
    const question = await open(link, 'de');
    expect(question.status).toBe(200);
    expect(headingsOf(await question.text())).toEqual(['Bestätigen Sie Ihre neue Adresse']);
    expect((await personNow(s)).email).toBe(s.person.email);
    const done = await press(link, { 'accept-language': 'de' });
    expect(done.status).toBe(200);
    expect(headingsOf(await done.text())).toEqual(['Ihre Adresse ist geändert']);
    const person = await personNow(s);
    expect(person.email).toBe('anna.new@example.org');
    expect(person.emailIndex).toBe(await blindIndex(person.keys.indexKey, 'anna.new@example.org'));
    const [request] = await requestsOf(s.tenant.id);
    expect(request).toMatchObject({
      kind: 'rectification',
      status: 'completed',
      channel: 'preference_centre',
    });
    expect(JSON.parse(request!.evidence as string)).toEqual({ fields: ['email'] });
    await vi.waitFor(async () =>
      expect((await mail.messages()).some((m) => m.to === s.person.email)).toBe(true),
    );
    // The same link again: already done, nothing more written.
    const before = await rowCounts(s.tenant.id);
    const again = await press(link, {});
    expect(headingsOf(await again.text())).toEqual(['Already changed']);
    expect(await rowCounts(s.tenant.id)).toBe(before);
  });

  it('an address that is another subscriber’s: the form says the same as for any address; the link refuses without saying whose', async () => {
    captureQueue();
    const mail = captureMail();
    const s = await selfService();
    const other = await seedSubscriber(s.tenant, { email: 'taken@example.org', name: 'Berta Other' });
    const asked = await press(
      s.centre,
      {},
      { body: 'action=address&email=taken%40example.org', redirect: 'manual' },
    );
    expect(asked.headers.get('location')).toBe(`${s.centre}?done=address_sent`);
    const link = await addressLinkIn(mail, other.email);
    const before = await rowCounts(s.tenant.id);
    const refused = await press(link, {});
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(headingsOf(html)).toEqual(['This address cannot be used']);
    expect(html).not.toContain('Berta Other');
    expect(html).not.toContain(other.id);
    expect(await rowCounts(s.tenant.id)).toBe(before);
    expect((await personNow(s)).email).toBe(s.person.email);
  });

  it('an erased (suppressed) address is refused the same way', async () => {
    captureQueue();
    const mail = captureMail();
    const s = await selfService();
    const keys = await tenantKeys(env.MASTER_KEY, s.tenant);
    await db.insert(suppressions).values({
      tenantId: s.tenant.id,
      emailIndex: await blindIndex(keys.indexKey, 'erased@example.org'),
      reason: 'erasure',
    });
    await press(s.centre, {}, { body: 'action=address&email=erased%40example.org' });
    const refused = await press(await addressLinkIn(mail, 'erased@example.org'), {});
    expect(refused.status).toBe(409);
    expect((await personNow(s)).email).toBe(s.person.email);
    expect(await requestsOf(s.tenant.id)).toEqual([]);
  });

  it('a bad address or one’s own is refused on the page; a tampered or preference token is no confirmation link', async () => {
    captureQueue();
    const mail = captureMail();
    const s = await selfService();
    const bad = await press(
      s.centre,
      { 'accept-language': 'es' },
      { body: 'action=address&email=not-an-address' },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('No se ha cambiado nada');
    const same = await press(
      s.centre,
      {},
      { body: `action=address&email=${encodeURIComponent(s.person.email.toUpperCase())}` },
    );
    expect(same.status).toBe(400);
    expect(await same.text()).toContain('This is already your address.');
    await press(s.centre, {}, { body: 'action=address&email=fresh%40example.org' });
    const link = await addressLinkIn(mail, 'fresh@example.org');
    const token = link.slice('/p/address/'.length);
    const tampered = `/p/address/${token.slice(0, 12)}${token[12] === 'A' ? 'B' : 'A'}${token.slice(13)}`;
    for (const path of [tampered, `/p/address/${s.centre.slice(3)}`]) {
      expect((await open(path)).status).toBe(400);
      expect((await press(path, {})).status).toBe(400);
    }
    // A scanner's POST of the confirmation form changes nothing either.
    await press(link, { 'user-agent': 'Mozilla/5.0 (compatible; Mimecast URL Protect)' });
    expect((await personNow(s)).email).toBe(s.person.email);
  });
});
