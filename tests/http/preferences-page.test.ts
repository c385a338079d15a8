// GET /p/:token: what a person sees of their own data (decrypted for them alone), in their
// language, under the tenant's branding; and every way the link or a post can be bad (expired,
// tampered, another purpose, another tenant, erased person, foreign origin, scanner, 16 KB).

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { createProfileField } from '../../db/lists';
import { captureQueue, mintLink, rowCounts } from '../support/intercept';
import { documentLanguage, headingsOf, press } from '../support/pages';
import { body, seedSubscriber } from '../support/privacy';
import { api, call, seedTenant } from '../support/seed';
import { open, preferencePath, rows, selfService, unsubscribePath } from '../support/self-service';

const { db } = regional(env, 'eu');

describe('GET /p/:token shows the person their own data', () => {
  it('address, name, profile values, every list with purpose, legal basis, state and since when, open requests with due dates', async () => {
    const s = await selfService();
    await createProfileField(db, s.tenant.id, { key: 'city', label: 'Home town', type: 'text' });
    await api(s.apiKey, '/lists', {
      method: 'POST',
      json: { name: 'Offers', purpose: 'Seasonal offers', lawfulBasis: 'consent' },
    });
    const filed = await body(
      await api(s.apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'objection', subscriberId: s.person.id, verified: true },
      }),
    );
    const page = await open(s.centre);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
    const html = await page.text();
    expect(headingsOf(html)).toEqual(['Your preferences']);
    expect(html).toContain(s.person.email);
    expect(html).toContain('Anna Example');
    expect(html).toContain('<dt>Home town</dt><dd>Utrecht</dd>');
    // A value the tenant defined no field for is still shown, under its key.
    expect(html).toContain('<dt>plan</dt><dd>pro</dd>');
    expect(html).toContain('<h3>News</h3><p>Monthly news</p>');
    expect(html).toContain('<dd>your consent</dd>');
    const since = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(Date.now() - 86_400_000),
    );
    expect(html).toContain(`subscribed since ${since}`);
    expect(html).toContain('<h3>Offers</h3>');
    expect(html).toContain('not subscribed');
    expect(html).toContain('Objection to the use of my personal data');
    const due = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(Math.min(Date.parse(filed.dueAt as string), Date.parse(filed.monthDueAt as string))),
    );
    expect(html).toContain(`answer due by ${due}`);
  });

  it('in the browser’s language, else the subscriber’s; with the tenant’s branding and contacts', async () => {
    const s = await selfService({
      language: 'it',
      settings: {
        displayName: 'Bottega Verde',
        accentColor: '#225522',
        privacyOfficer: { name: 'Dr. Rossi', email: 'dpo@bottega.example' },
      },
    });
    const german = await (await open(s.centre, 'de-CH,de;q=0.9')).text();
    expect(documentLanguage(german)).toBe('de');
    expect(headingsOf(german)).toEqual(['Ihre Einstellungen']);
    expect(german).toContain('Bottega Verde');
    expect(german).toContain('dpo@bottega.example');
    const italian = await (await call(s.centre)).text();
    expect(documentLanguage(italian)).toBe('it');
    expect(headingsOf(italian)).toEqual(['Le sue preferenze']);
    for (const [lang, heading] of [
      ['fr', 'Vos préférences'],
      ['nl', 'Uw voorkeuren'],
      ['es', 'Sus preferencias'],
    ]) {
      const html = await (await open(s.centre, lang!)).text();
      expect(headingsOf(html)).toEqual([heading]);
    }
  });

  it('never shows another subscriber’s data', async () => {
    const s = await selfService();
    const other = await seedSubscriber(s.tenant, { email: 'someone-else@example.org', name: 'Berta Other' });
    const html = await (await open(s.centre)).text();
    expect(html).not.toContain(other.email);
    expect(html).not.toContain('Berta Other');
  });
});

describe('bad links', () => {
  it('an expired, a tampered, another purpose’s and a made-up token open nothing', async () => {
    captureQueue();
    const s = await selfService();
    const before = await rowCounts(s.tenant.id);
    const expired = await preferencePath(s.tenant.id, s.person.id, { now: Date.now() - 91 * 86_400_000 });
    const token = s.centre.slice(3);
    const tampered = `/p/${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    const link = await mintLink({
      tenantId: s.tenant.id,
      subscriberId: s.person.id,
      listId: s.person.listId,
    });
    for (const path of [expired, tampered, `/p/${link}`, s.unsubscribe.replace('/u/', '/p/'), '/p/e1.x']) {
      const res = await open(path, 'fr');
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(headingsOf(html)).toEqual(['Ce lien n’est pas valide']);
      expect(html).not.toContain(s.person.email);
      expect((await press(path, {}, { body: 'action=withdraw_all' })).status).toBe(400);
    }
    // A preference token is neither a tracked link nor an unsubscribe link.
    expect((await open(`/l/${token}`)).status).toBe(400);
    expect((await open(`/u/${token}`)).status).toBe(400);
    expect(await rowCounts(s.tenant.id)).toBe(before);
  });

  it('a token naming another tenant’s subscriber shows nothing of them', async () => {
    const a = await selfService();
    const { tenant: b } = await seedTenant('eu');
    const res = await open(await preferencePath(b.id, a.person.id));
    expect(res.status).toBe(410);
    expect(await res.text()).not.toContain(a.person.email);
  });

  it('the link of an erased person says there is nothing left (nothing of theirs is known, not even their language)', async () => {
    const s = await selfService({ language: 'nl' });
    const erasure = await body(
      await api(s.apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', subscriberId: s.person.id },
      }),
    );
    await api(s.apiKey, `/privacy-requests/${erasure.id}/confirm`, { method: 'POST', json: {} });
    const res = await open(s.centre, 'nl-BE');
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(headingsOf(html)).toEqual(['Niets meer te beheren']);
    expect(html).not.toContain(s.person.email);
    const unsubscribe = await unsubscribePath({
      tenantId: s.tenant.id,
      subscriberId: s.person.id,
      listId: s.person.listId,
    });
    expect((await call(unsubscribe)).status).toBe(410);
  });
});

describe('POST /p/:token that is not a person’s press changes nothing', () => {
  it.each([
    ['another site', { origin: 'https://evil.example' }, 403],
    ['an opaque origin', { origin: 'null' }, 403],
    ['a cross-site form without Origin', { origin: null, 'sec-fetch-site': 'cross-site' }, 403],
    ['a scanner that submits forms', { 'user-agent': 'Mozilla/5.0 (compatible; Mimecast URL Protect)' }, 200],
    ['a HEAD-less scripted client', { origin: null, 'user-agent': 'python-requests/2.32' }, 200],
  ])('from %s', async (_name, headers, status) => {
    captureQueue();
    const s = await selfService();
    const before = await rowCounts(s.tenant.id);
    for (const form of ['action=withdraw_all', 'action=erase', 'action=profile&name=Mallory']) {
      const res = await press(s.centre, headers as Record<string, string | null>, { body: form });
      expect(res.status).toBe(status);
    }
    expect(await rowCounts(s.tenant.id)).toBe(before);
  });

  it('a form that names nothing on the page is a stale page (400), not a 5xx', async () => {
    captureQueue();
    const s = await selfService();
    const before = await rowCounts(s.tenant.id);
    for (const form of [
      'action=explode',
      'action=unsubscribe&list=lst_notmine',
      `action=subscribe&list=${s.person.listId}&notice=forged`,
      'action=cancel',
      'action=download&format=pdf',
      '',
    ]) {
      const res = await press(s.centre, { 'accept-language': 'de' }, { body: form });
      expect(res.status).toBe(400);
      expect(headingsOf(await res.text())).toEqual(['Diese Seite ist abgelaufen']);
    }
    expect(await rowCounts(s.tenant.id)).toBe(before);
  });

  it('a body over 16 KB answers 413 in the person’s language', async () => {
    captureQueue();
    const s = await selfService();
    const before = await rowCounts(s.tenant.id);
    const res = await press(
      s.centre,
      { 'accept-language': 'it' },
      { body: `action=profile&name=${'x'.repeat(17 * 1024)}` },
    );
    expect(res.status).toBe(413);
    expect(documentLanguage(await res.text())).toBe('it');
    expect(await rowCounts(s.tenant.id)).toBe(before);
    expect(await rows('select name_ct from subscribers where id = ?', s.person.id)).toHaveLength(1);
  });
});
