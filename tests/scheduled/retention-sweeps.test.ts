// The hourly retention sweeps of spent values, in both regions: `used-nonces-expiry` forgets an
// answered consent page's nonce only once its answer token has expired too (so no replay window
// opens), and `idempotency-keys` forgets a key 24 hours after it was first used (a later retry is
// a new request).

import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_MS } from '../../db/idempotency';
import { regional } from '../../db/regions';
import { usedNonces } from '../../db/schema';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import { openAnswerToken } from '../../shared/intercept-answer';
import type { Region } from '../../shared/regions';
import { handleScheduled } from '../../workers/scheduled';
import { createList } from '../support/consent';
import {
  answerTokenOf,
  BROWSER_UA,
  captureQueue,
  EU_CF,
  mintLink,
  seedList,
  seedSubscriber,
} from '../support/intercept';
import { api, call, countRows, seedTenant } from '../support/seed';

const sweep = (at: number) =>
  handleScheduled(
    createScheduledController({ scheduledTime: at, cron: '17 * * * *' }),
    env,
    createExecutionContext(),
  );

/** A consent page answered YES, as a person in the EU does: its nonce is now spent. */
async function answeredConsentPage() {
  captureQueue();
  const { tenant } = await seedTenant('eu');
  const subscriber = await seedSubscriber(tenant);
  const list = await seedList(tenant);
  const token = await mintLink({ tenantId: tenant.id, subscriberId: subscriber.id, listId: list.id });
  const page = await call(`/l/${token}`, { cf: EU_CF, headers: { 'user-agent': BROWSER_UA } });
  expect(page.status).toBe(200);
  const answerToken = answerTokenOf(await page.text());
  const answered = await call(`/l/${token}`, {
    method: 'POST',
    cf: EU_CF,
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'https://privacy.test',
      'user-agent': BROWSER_UA,
    },
    body: new URLSearchParams({ answer: 'yes', answer_token: answerToken }).toString(),
  });
  expect(answered.status).toBe(303);
  const nonce = await env.DB_EU.prepare('select nonce, expires_at from used_nonces where tenant_id = ?')
    .bind(tenant.id)
    .first<{ nonce: string; expires_at: number }>();
  expect(nonce).not.toBeNull();
  return { tenant, token, answerToken, expiresAt: nonce!.expires_at };
}

describe('used-nonces-expiry', () => {
  it('keeps a spent nonce while its answer token is valid and drops it once the token has expired', async () => {
    const { tenant, token, answerToken, expiresAt } = await answeredConsentPage();
    const ring = await masterKeyring(env.MASTER_KEY);
    const nonces = () => countRows(env.DB_EU, 'used_nonces', 'tenant_id = ?', tenant.id);

    await sweep(expiresAt);
    expect(await nonces()).toBe(1);
    // At the last moment the nonce is kept, the token still opens: the nonce is what refuses a replay.
    await expect(openAnswerToken(ring, answerToken, token, expiresAt)).resolves.toMatchObject({ expiresAt });

    await sweep(expiresAt + 1);
    expect(await nonces()).toBe(0);
    // From the moment it is gone, the token itself is refused.
    await expect(openAnswerToken(ring, answerToken, token, expiresAt + 1)).rejects.toBeInstanceOf(AppError);
  });

  it('sweeps both regions and only what has expired', async () => {
    const now = Date.now();
    const seeded: Record<Region, string> = { eu: '', us: '' };
    for (const region of ['eu', 'us'] as const) {
      const { tenant } = await seedTenant(region);
      seeded[region] = tenant.id;
      await regional(env, region)
        .db.insert(usedNonces)
        .values([
          {
            tenantId: tenant.id,
            nonce: 'spent-long-ago',
            purpose: 'test',
            expiresAt: new Date(now - 60_000),
          },
          { tenantId: tenant.id, nonce: 'still-needed', purpose: 'test', expiresAt: new Date(now + 60_000) },
        ]);
    }
    await sweep(now);
    for (const region of ['eu', 'us'] as const) {
      const { results } = await regional(env, region)
        .d1.prepare('select nonce from used_nonces where tenant_id = ?')
        .bind(seeded[region])
        .all<{ nonce: string }>();
      expect(results.map((r) => r.nonce)).toEqual(['still-needed']);
    }
  });
});

describe('idempotency-keys', () => {
  async function insertWithKey(region: Region) {
    const t = await seedTenant(region);
    const listId = await createList(t.apiKey, { lawfulBasis: 'contract', doubleOptIn: false });
    const send = () =>
      api(t.apiKey, '/subscribers', {
        method: 'POST',
        headers: { 'idempotency-key': 'order-4711' },
        json: { email: `buyer-${region}@example.org`, listIds: [listId] },
      });
    const first = await send();
    expect(first.status).toBe(201);
    const replay = await send();
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const { d1 } = regional(env, region);
    const row = await d1
      .prepare('select created_at from idempotency_keys where tenant_id = ?')
      .bind(t.tenant.id)
      .first<{ created_at: number }>();
    const keys = () => countRows(d1, 'idempotency_keys', 'tenant_id = ?', t.tenant.id);
    return { send, createdAt: row!.created_at, keys };
  }

  it('forgets a key 24 hours after its first use, in both regions; a retry after that is new', async () => {
    const eu = await insertWithKey('eu');
    const us = await insertWithKey('us');
    const last = Math.max(eu.createdAt, us.createdAt);
    const first = Math.min(eu.createdAt, us.createdAt);

    await sweep(first + IDEMPOTENCY_TTL_MS);
    expect([await eu.keys(), await us.keys()]).toEqual([1, 1]);

    await sweep(last + IDEMPOTENCY_TTL_MS + 1);
    expect([await eu.keys(), await us.keys()]).toEqual([0, 0]);
    for (const region of [eu, us]) {
      const retry = await region.send();
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
      expect(await region.keys()).toBe(1);
    }
  });
});
