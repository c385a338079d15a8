// The "send me my link" form on `/p`: the same page for a known, an unknown and an erased
// address (no enumeration); a link mail only to a subscriber, in their language, at most one per
// address in ten minutes; 429 pages from the per-address and per-IP rate limits.

import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { regional } from '../../db/regions';
import { suppressions } from '../../db/schema';
import { tenantKeys } from '../../db/tenants';
import { blindIndex } from '../../shared/crypto/blind-index';
import { captureMail } from '../support/mail';
import { documentLanguage, headingsOf, press } from '../support/pages';
import { call } from '../support/seed';
import { open, selfService } from '../support/self-service';

const { db } = regional(env, 'eu');

/** A fresh visitor IP per test, so the per-IP limit of one test never holds back another. */
const visitorIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

const ask = (tenantId: string, email: string, headers: Record<string, string> = {}) =>
  press(
    '/p',
    { 'cf-connecting-ip': visitorIp(), ...headers },
    {
      body: new URLSearchParams({ tenant: tenantId, email }).toString(),
    },
  );

/** Waits out the end of a rate-limit minute so a test's posts fall in one. */
async function startOfAMinute() {
  const into = Date.now() % 60_000;
  if (into > 45_000) await new Promise((r) => setTimeout(r, 60_000 - into + 50));
}

describe('GET /p?tenant=', () => {
  it('shows the form under the tenant’s branding in the browser’s language; an unknown tenant is a 404 page', async () => {
    const s = await selfService({ settings: { displayName: 'Fietsen & Co' } });
    const form = await open(`/p?tenant=${s.tenant.id}`, 'nl');
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(documentLanguage(html)).toBe('nl');
    expect(html).toContain('Fietsen &amp; Co');
    expect(html).toContain('<label for="email">');
    for (const path of ['/p', '/p?tenant=t_eu_nope', `/p?tenant=${'x'.repeat(100)}`]) {
      const res = await open(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });
});

describe('POST /p', () => {
  it('answers a known, an unknown and an erased address with the same page; only the subscriber gets a mail, in their language', async () => {
    const mail = captureMail();
    const s = await selfService({ language: 'fr' });
    const keys = await tenantKeys(env.MASTER_KEY, s.tenant);
    await db.insert(suppressions).values({
      tenantId: s.tenant.id,
      emailIndex: await blindIndex(keys.indexKey, 'gone@example.org'),
      reason: 'erasure',
    });
    const known = await ask(s.tenant.id, s.person.email.toUpperCase(), { 'accept-language': 'fr' });
    const unknown = await ask(s.tenant.id, 'nobody@example.org', { 'accept-language': 'fr' });
    const erased = await ask(s.tenant.id, 'gone@example.org', { 'accept-language': 'fr' });
    const pages = await Promise.all([known, unknown, erased].map((r) => r.text()));
    expect([known.status, unknown.status, erased.status]).toEqual([200, 200, 200]);
    expect(pages[1]).toBe(pages[0]);
    expect(pages[2]).toBe(pages[0]);
    expect(pages[0]).not.toContain(s.person.email);
    await vi.waitFor(async () => expect(await mail.messages()).toHaveLength(1));
    const [sent] = await mail.messages();
    expect(sent!.to).toBe(s.person.email);
    expect(sent!.parsed.subject).toContain('Votre lien vers vos préférences');
    const link = new URL(/https?:\/\/\S+\/p\/\S+/.exec(sent!.parsed.text ?? '')![0]).pathname;
    const centre = await open(link, 'fr');
    expect(centre.status).toBe(200);
    expect(await centre.text()).toContain(s.person.email);
  });

  it('mails an address at most once in ten minutes, with the same page every time', async () => {
    const mail = captureMail();
    const s = await selfService();
    const first = await (await ask(s.tenant.id, s.person.email)).text();
    const second = await ask(s.tenant.id, s.person.email);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(first);
    await vi.waitFor(async () => expect(await mail.messages()).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 100));
    expect(await mail.messages()).toHaveLength(1);
  });

  it('an invalid address is a 400 on the form; a post from another site is refused; neither sends anything', async () => {
    const mail = captureMail();
    const s = await selfService();
    const bad = await ask(s.tenant.id, 'not-an-address', { 'accept-language': 'it' });
    expect(bad.status).toBe(400);
    expect(documentLanguage(await bad.text())).toBe('it');
    const forged = await ask(s.tenant.id, s.person.email, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    const huge = await ask(s.tenant.id, `${'a'.repeat(17 * 1024)}@example.org`);
    expect(huge.status).toBe(413);
    const unknownTenant = await ask('t_eu_unknown', s.person.email);
    expect(unknownTenant.status).toBe(404);
    await new Promise((r) => setTimeout(r, 100));
    expect(await mail.messages()).toEqual([]);
  });

  it('the fourth ask for one address in a minute, from anywhere, is a 429 page with Retry-After', async () => {
    captureMail();
    const s = await selfService();
    await startOfAMinute();
    for (let i = 0; i < 3; i++) expect((await ask(s.tenant.id, 'target@example.org')).status).toBe(200);
    const over = await ask(s.tenant.id, 'Target@Example.org', { 'accept-language': 'de' });
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('60');
    expect(over.headers.get('content-type')).toContain('text/html');
    const html = await over.text();
    expect(documentLanguage(html)).toBe('de');
    expect(headingsOf(html)).toHaveLength(1);
    // Another address is not held back.
    expect((await ask(s.tenant.id, 'other@example.org')).status).toBe(200);
  }, 45_000);

  it('the eleventh ask from one IP in a minute is a 429, whatever the address', async () => {
    captureMail();
    const s = await selfService();
    const ip = '192.0.2.211';
    await startOfAMinute();
    for (let i = 0; i < 10; i++)
      expect((await ask(s.tenant.id, `v${i}@example.org`, { 'cf-connecting-ip': ip })).status).toBe(200);
    expect((await ask(s.tenant.id, 'v10@example.org', { 'cf-connecting-ip': ip })).status).toBe(429);
    expect((await call(`/p?tenant=${s.tenant.id}`)).status).toBe(200);
  }, 45_000);
});
