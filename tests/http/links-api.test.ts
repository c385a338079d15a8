// POST /api/v1/links: minting tracked links, and the clear errors (with nothing written) for
// destinations we would never redirect to, and subscribers or lists of another tenant.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../db/api-keys';
import { regional } from '../../db/regions';
import { masterKeyring } from '../../shared/crypto/keyring';
import { readLinkToken } from '../../shared/link-tokens';
import { api, call, seedTenant } from '../support/seed';
import { BROWSER_UA, US_CF, rowCounts, seedList, seedSubscriber } from '../support/intercept';

async function setup() {
  const seeded = await seedTenant('eu');
  const subscriber = await seedSubscriber(seeded.tenant, { email: 'Anna.Schmidt@example.org' });
  const list = await seedList(seeded.tenant);
  return { ...seeded, subscriber, list };
}

type Links = { links: { destination: string; url: string; token: string; expiresAt: string }[] };

describe('POST /api/v1/links', () => {
  it('mints one short, sealed link per destination that redirects to it', async () => {
    const { tenant, apiKey, subscriber, list } = await setup();
    const res = await api(apiKey, '/links', {
      method: 'POST',
      json: {
        subscriberId: subscriber.id,
        listId: list.id,
        messageId: 'msg_2026_spring',
        destinations: ['https://shop.example.com/a?utm=1', 'http://Example.org'],
      },
    });
    expect(res.status).toBe(201);
    const { links } = (await res.json()) as Links;
    expect(links.map((l) => l.destination)).toEqual([
      'https://shop.example.com/a?utm=1',
      'http://example.org/',
    ]);
    for (const link of links) {
      expect(link.url).toBe(`https://privacy.test/l/${link.token}`);
      expect(link.token.startsWith('e')).toBe(true);
      expect(link.token.length).toBeLessThan(260);
      for (const secret of [
        subscriber.id,
        subscriber.id.slice(4),
        'anna',
        'example',
        list.id,
        tenant.id.slice(-20),
      ]) {
        expect(link.url.toLowerCase()).not.toContain(secret.toLowerCase());
      }
      const claims = await readLinkToken(await masterKeyring(env.MASTER_KEY), link.token);
      expect(claims).toMatchObject({
        tenantId: tenant.id,
        subscriberId: subscriber.id,
        listId: list.id,
        messageId: 'msg_2026_spring',
        destination: link.destination,
      });
      const click = await call(`/l/${link.token}`, {
        cf: US_CF,
        headers: { 'user-agent': BROWSER_UA },
        redirect: 'manual',
      });
      expect(click.headers.get('location')).toBe(link.destination);
    }
    const days = (Date.parse(links[0]!.expiresAt) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(180);
  });

  it('mints a single destination with a chosen expiry', async () => {
    const { apiKey, subscriber, list } = await setup();
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const res = await api(apiKey, '/links', {
      method: 'POST',
      json: { subscriberId: subscriber.id, listId: list.id, destination: 'https://example.com/x', expiresAt },
    });
    expect(res.status).toBe(201);
    const { links } = (await res.json()) as Links;
    expect(links).toHaveLength(1);
    expect(Math.abs(Date.parse(links[0]!.expiresAt) - Date.parse(expiresAt))).toBeLessThan(1000);
  });

  it.each([
    ['javascript: destination', { destination: 'javascript:alert(1)' }, 'validation_failed'],
    ['data: destination', { destination: 'data:text/html,<b>x</b>' }, 'validation_failed'],
    ['mailto: destination', { destination: 'mailto:someone@example.com' }, 'validation_failed'],
    ['relative destination', { destination: '/account' }, 'validation_failed'],
    ['protocol-relative destination', { destination: '//evil.example/' }, 'validation_failed'],
    ['host-less destination', { destination: 'https://' }, 'validation_failed'],
    [
      'destination with credentials',
      { destination: 'https://bank.example@evil.example/' },
      'validation_failed',
    ],
    [
      'oversized destination',
      { destination: `https://example.com/${'a'.repeat(3000)}` },
      'validation_failed',
    ],
    [
      'one bad destination among good ones',
      { destinations: ['https://example.com/', 'ftp://example.com/'] },
      'validation_failed',
    ],
    [
      'both destination and destinations',
      { destination: 'https://example.com/', destinations: ['https://example.com/'] },
      'validation_failed',
    ],
    ['no destination', {}, 'validation_failed'],
    [
      'expiry in the past',
      { destination: 'https://example.com/', expiresAt: '2020-01-01T00:00:00Z' },
      'validation_failed',
    ],
    [
      'expiry beyond 400 days',
      {
        destination: 'https://example.com/',
        expiresAt: new Date(Date.now() + 500 * 86_400_000).toISOString(),
      },
      'validation_failed',
    ],
  ])('refuses a %s with 400 and writes nothing', async (_name, extra, code) => {
    const { tenant, apiKey, subscriber, list } = await setup();
    const before = await rowCounts(tenant.id);
    const res = await api(apiKey, '/links', {
      method: 'POST',
      json: { subscriberId: subscriber.id, listId: list.id, ...extra },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    expect(await rowCounts(tenant.id)).toBe(before);
  });

  it('refuses a subscriber or list of another tenant with 404', async () => {
    const a = await setup();
    const b = await setup();
    for (const json of [
      { subscriberId: b.subscriber.id, listId: a.list.id, destination: 'https://example.com/' },
      { subscriberId: a.subscriber.id, listId: b.list.id, destination: 'https://example.com/' },
      { subscriberId: 'sub_doesnotexist', listId: a.list.id, destination: 'https://example.com/' },
    ]) {
      const res = await api(a.apiKey, '/links', { method: 'POST', json });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string; message: string } }).error.code).toBe(
        'not_found',
      );
    }
  });

  it('refuses malformed JSON and ids with 400, a key without the links scope with 403', async () => {
    const { tenant, apiKey, subscriber, list } = await setup();
    const garbage = await call('/api/v1/links', {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: '{"subscriberId":',
    });
    expect(garbage.status).toBe(400);
    const badId = await api(apiKey, '/links', {
      method: 'POST',
      json: { subscriberId: '../../x', listId: list.id, destination: 'https://example.com/' },
    });
    expect(badId.status).toBe(400);
    const { key } = await createApiKey(regional(env, 'eu').db, tenant, {
      name: 'no links',
      scopes: ['subscribers'],
    });
    const forbidden = await api(key, '/links', {
      method: 'POST',
      json: { subscriberId: subscriber.id, listId: list.id, destination: 'https://example.com/' },
    });
    expect(forbidden.status).toBe(403);
  });

  it('documents the route in the OpenAPI document', async () => {
    const doc = (await (await call('/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.paths['/v1/links']).toBeDefined();
    expect(doc.components.schemas.CreateLinks).toBeDefined();
  });
});
