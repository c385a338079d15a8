// Master-key rotation as an operator runs it: data written under v1, then
// `POST /api/platform/keys/rotate` with MASTER_KEY="v2:… v1:…", then v1 dropped from the secret.
// The Worker is called with each secret in turn, as after each `wrangler secret put`.

import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-log';
import { regional } from '../../db/regions';
import { decryptSubscriber, loadSubscriberKey, type Subscriber } from '../../db/subscribers';
import { findTenant, tenantKeys } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { mintAddressToken, openAddressToken } from '../../shared/reply-address';
import type { Region } from '../../shared/regions';
import { app } from '../../workers/http/app';
import { BROWSER_UA, seedList, seedSubscriber, US_CF } from '../support/intercept';
import { seedTenant } from '../support/seed';

const V1 = env.MASTER_KEY;
const NEW_KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const ROTATING = `v2:${NEW_KEY} ${V1}`;
const AFTER = `v2:${NEW_KEY}`;

type Answer = { masterKeyVersion: number; regions: Record<Region, { tenants: number; rewrapped: number }> };

/** A request into the Worker deployed with `secrets`, as a client on the internet sends it. */
function deployedWith(secrets: { MASTER_KEY: string; PLATFORM_KEY?: string }) {
  return (path: string, init: RequestInit & { cf?: Record<string, unknown> } = {}) =>
    app.fetch(
      new Request(`https://privacy.test${path}`, init as RequestInit),
      { ...env, ...secrets },
      createExecutionContext(),
    );
}

const rotate = (masterKey: string, authorization = `Bearer ${env.PLATFORM_KEY}`) =>
  deployedWith({ MASTER_KEY: masterKey })('/api/platform/keys/rotate', {
    method: 'POST',
    headers: { authorization },
  });

/** Tenant keys per master version, per region. */
async function wrapVersions(region: Region): Promise<Record<string, number>> {
  const { results } = await regional(env, region)
    .d1.prepare(`select substr(wrapped_key, 1, instr(wrapped_key, '.') - 1) as v, count(*) as n
      from tenants group by v`)
    .all<{ v: string; n: number }>();
  return Object.fromEntries(results.map((r) => [r.v, r.n]));
}

/** The address of a subscriber row as written under v1, decrypted with `masterKey` in the secret. */
async function emailOf(masterKey: string, region: Region, subscriber: Subscriber) {
  const { db } = regional(env, region);
  const tenant = (await findTenant(db, subscriber.tenantId))!;
  const key = await loadSubscriberKey(db, await tenantKeys(masterKey, tenant), subscriber.id);
  return (await decryptSubscriber(key!, subscriber)).email;
}

describe('POST /api/platform/keys/rotate', () => {
  it.each([
    ['no Authorization header', undefined, {}],
    ['a wrong key', 'Bearer not-the-platform-key-0123456789abcdefgh', {}],
    ['the key with one character more', `Bearer ${env.PLATFORM_KEY}x`, {}],
    ['the key as Basic credentials', `Basic ${env.PLATFORM_KEY}`, {}],
    ['an empty Bearer while no platform key is configured', 'Bearer ', { PLATFORM_KEY: '' }],
    ['a short key that is configured', 'Bearer short', { PLATFORM_KEY: 'short' }],
  ])('refuses %s with a JSON 401 and re-wraps nothing', async (_name, authorization, secrets) => {
    await seedTenant('eu');
    const before = await wrapVersions('eu');
    const res = await deployedWith({ MASTER_KEY: ROTATING, ...secrets })('/api/platform/keys/rotate', {
      method: 'POST',
      headers: authorization === undefined ? {} : { authorization },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect(await wrapVersions('eu')).toEqual(before);
  });

  it('keeps data written under v1 readable through the rotation and after v1 is dropped', async () => {
    const seeded = await Promise.all(
      (['eu', 'us'] as const).map(async (region) => {
        const { tenant, apiKey } = await seedTenant(region);
        const email = `rotation-${region}@example.org`;
        const subscriber = await seedSubscriber(tenant, { email, homeRegion: 'non_eu' });
        const list = await seedList(tenant);
        return { region, tenant, apiKey, email, subscriber, list };
      }),
    );
    const us = seeded[1]!;
    const link = async (masterKey: string) => {
      const res = await deployedWith({ MASTER_KEY: masterKey })('/api/v1/links', {
        method: 'POST',
        headers: { authorization: `Bearer ${us.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          subscriberId: us.subscriber.id,
          listId: us.list.id,
          destination: 'https://shop.example.com/spring',
        }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { links: { token: string }[] }).links[0]!.token;
    };
    const click = (masterKey: string, token: string) =>
      deployedWith({ MASTER_KEY: masterKey })(`/l/${token}`, {
        cf: US_CF,
        headers: { 'user-agent': BROWSER_UA },
        redirect: 'manual',
      });
    const mintedUnderV1 = await link(V1);
    const replyUnderV1 = await mintAddressToken(await masterKeyring(V1), 'r', us.tenant.id, us.subscriber.id);
    const v1Before = { eu: (await wrapVersions('eu')).t1, us: (await wrapVersions('us')).t1 };
    expect(v1Before.eu).toBeGreaterThan(0);
    expect(v1Before.us).toBeGreaterThan(0);

    const first = await rotate(ROTATING);
    expect(first.status).toBe(200);
    const answer = (await first.json()) as Answer;
    expect(answer).toEqual({
      masterKeyVersion: 2,
      regions: {
        eu: { tenants: v1Before.eu, rewrapped: v1Before.eu },
        us: { tenants: v1Before.us, rewrapped: v1Before.us },
      },
    });
    expect(await wrapVersions('eu')).toEqual({ t2: v1Before.eu });
    expect(await wrapVersions('us')).toEqual({ t2: v1Before.us });
    const again = (await (await rotate(ROTATING)).json()) as Answer;
    expect(again.regions.eu.rewrapped + again.regions.us.rewrapped).toBe(0);

    const mintedUnderV2 = await link(ROTATING);
    for (const masterKey of [ROTATING, AFTER]) {
      for (const s of seeded) {
        expect(await emailOf(masterKey, s.region, s.subscriber)).toBe(s.email);
      }
      const shown = await deployedWith({ MASTER_KEY: masterKey })(`/api/v1/subscribers/${us.subscriber.id}`, {
        headers: { authorization: `Bearer ${us.apiKey}` },
      });
      expect(await shown.json()).toMatchObject({ id: us.subscriber.id, email: us.email });
      expect((await click(masterKey, mintedUnderV2)).headers.get('location')).toBe(
        'https://shop.example.com/spring',
      );
    }
    // Tokens and reply addresses carry the version that sealed them: v1's work while v1 is in the
    // secret, and stop when it leaves (docs/personal-data.md).
    expect((await click(ROTATING, mintedUnderV1)).status).toBe(302);
    expect(await openAddressToken(await masterKeyring(ROTATING), replyUnderV1)).toMatchObject({
      subscriberId: us.subscriber.id,
    });
    expect((await click(AFTER, mintedUnderV1)).status).toBe(400);
    expect(await openAddressToken(await masterKeyring(AFTER), replyUnderV1)).toBeNull();
  });

  it('re-wraps each tenant once when runs overlap', async () => {
    for (let i = 0; i < 3; i++) await Promise.all([seedTenant('eu'), seedTenant('us')]);
    const v1 = { eu: (await wrapVersions('eu')).t1 ?? 0, us: (await wrapVersions('us')).t1 ?? 0 };
    expect(v1.eu).toBeGreaterThanOrEqual(3);
    const since = Date.now();
    const answers = await Promise.all(Array.from({ length: 6 }, () => rotate(ROTATING)));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Answer[];
    for (const region of ['eu', 'us'] as const) {
      expect(bodies.reduce((n, b) => n + b.regions[region].rewrapped, 0)).toBe(v1[region]);
      expect((await wrapVersions(region)).t1).toBeUndefined();
      // One audit row per re-wrapped tenant, however many runs overlapped, each chain intact.
      const { results } = await regional(env, region)
        .d1.prepare(`select tenant_id as tenantId, actor_type as actorType, count(*) as n from audit_log
          where action = 'tenant.key_rewrapped' and at >= ? group by tenant_id, actor_type`)
        .bind(since)
        .all<{ tenantId: string; actorType: string; n: number }>();
      expect(results).toHaveLength(v1[region]);
      expect(results.every((r) => r.n === 1 && r.actorType === 'platform')).toBe(true);
      for (const r of results) {
        expect(await verifyAuditChain(regional(env, region).db, r.tenantId)).toMatchObject({ ok: true });
      }
    }
  });
});
