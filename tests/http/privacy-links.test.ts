// The requester's links. POST /v/:token confirms a privacy request only when a browser posted it
// from our own page (the CSRF check of POST /l/ and /c/): another site's form cannot confirm a
// request in the person's name, and a refused post changes nothing. A download link of a person
// erased since says so, in the request's language.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { findPrivacyRequest } from '../../db/privacy-requests';
import { regional } from '../../db/regions';
import { clockFor } from '../../workers/privacy/clock';
import { documentLanguage, headingsOf, press, requestWithLinks } from '../support/pages';
import { body, seedSubscriber } from '../support/privacy';
import { api, call, seedTenant } from '../support/seed';

const { db } = regional(env, 'eu');

describe('POST /v/:token', () => {
  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['a cross-site form without Origin', { origin: null, 'sec-fetch-site': 'cross-site' }],
  ])('from %s is refused with 403 and confirms nothing', async (_name, headers) => {
    const { tenant, apiKey } = await seedTenant('eu');
    const { id, verifyPath } = await requestWithLinks(tenant, apiKey, { kind: 'erasure' });
    const res = await press(verifyPath, headers);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(`href="${verifyPath}"`);
    expect((await findPrivacyRequest(db, tenant.id, id))?.status).toBe('awaiting_verification');
    expect(await clockFor(env, tenant.id).pending()).toEqual([]);
  });

  it('from a mail scanner that submits forms shows the question again and confirms nothing', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const { id, verifyPath } = await requestWithLinks(tenant, apiKey, { kind: 'erasure' });
    const res = await press(verifyPath, { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda Sentinel)' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<form method="post">');
    expect((await findPrivacyRequest(db, tenant.id, id))?.status).toBe('awaiting_verification');
    expect(await clockFor(env, tenant.id).pending()).toEqual([]);
  });

  it('from our own page confirms once; the same press again says it is already confirmed', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const { id, verifyPath } = await requestWithLinks(tenant, apiKey, { kind: 'erasure' });
    const first = await press(verifyPath);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('<h1>Thank you</h1>');
    expect((await findPrivacyRequest(db, tenant.id, id))?.status).toBe('open');
    const again = await press(verifyPath);
    expect(await again.text()).toContain('<h1>Already confirmed</h1>');
    expect(
      (
        await db.query.privacyRequestHistory.findMany({
          where: (h, { eq }) => eq(h.requestId, id),
        })
      ).filter((h) => h.action === 'verify'),
    ).toHaveLength(1);
  });
});

describe('GET /x/:token', () => {
  it("of a person erased since answers 410 with a page in the request's language that shows nothing of theirs", async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const person = await seedSubscriber(tenant, { email: 'efface@example.org', language: 'fr' });
    const access = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'access', subscriberId: person.id },
      }),
    );
    const done = await body(
      await api(apiKey, `/privacy-requests/${access.id}/confirm`, { method: 'POST', json: {} }),
    );
    const download = new URL((done.export as { url: string }).url).pathname;
    expect((await call(download)).status).toBe(200);
    const erasure = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', subscriberId: person.id },
      }),
    );
    await api(apiKey, `/privacy-requests/${erasure.id}/confirm`, { method: 'POST', json: {} });

    const late = await call(download);
    expect(late.status).toBe(410);
    expect(late.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await late.text();
    expect(documentLanguage(html)).toBe('fr');
    expect(headingsOf(html)).toEqual(['Plus rien à télécharger']);
    expect(html).not.toContain('efface@example.org');
  });
});
