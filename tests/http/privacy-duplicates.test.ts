// Duplicate requests filed at the same moment: the database, not a read-then-write check, makes
// sure that one subject has at most one open request of a kind; the others are merged into it.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../db/client';
import { createPrivacyRequest, type NewPrivacyRequest } from '../../db/privacy-requests';
import { completeRequest } from '../../db/privacy-transitions';
import { regional } from '../../db/regions';
import { addressIndex, prepareSubscriber } from '../../db/subscribers';
import { tenantKeys, type Tenant } from '../../db/tenants';
import { countRows, seedTenant } from '../support/seed';

async function subscriberOf(tenant: Tenant) {
  const { db } = regional(env, tenant.region);
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const { email, index } = await addressIndex(keys, `dup.${crypto.randomUUID().slice(0, 8)}@example.org`);
  const sub = await prepareSubscriber(db, keys, { email, emailIndex: index });
  await runBatch(db, sub.queries);
  return { id: sub.id, index };
}

const mergedCount = (d1: D1Database, requestId: string) =>
  countRows(d1, 'privacy_request_history', "request_id = ? and action = 'duplicate_merged'", requestId);

describe('concurrent duplicate requests', () => {
  it('five simultaneous filings for one subscriber make one request and four merges', async () => {
    const { tenant } = await seedTenant('eu');
    const { db } = regional(env, 'eu');
    const sub = await subscriberOf(tenant);
    const input: NewPrivacyRequest = {
      tenantId: tenant.id,
      kind: 'erasure',
      channel: 'email',
      subscriberId: sub.id,
      subjectIndex: sub.index,
      verified: true,
      actor: 'test',
    };
    const filed = await Promise.all(
      [1, 2, 3, 4, 5].map(() => createPrivacyRequest(db, tenant.settings, input)),
    );
    expect(await countRows(env.DB_EU, 'privacy_requests', 'tenant_id = ?', tenant.id)).toBe(1);
    expect(new Set(filed.map((f) => f.request.id)).size).toBe(1);
    expect(filed.filter((f) => f.merged)).toHaveLength(4);
    expect(await mergedCount(env.DB_EU, filed[0]!.request.id)).toBe(4);
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        "tenant_id = ? and type = 'privacy_request.created'",
        tenant.id,
      ),
    ).toBe(1);
  });

  it('five simultaneous filings by an unknown requester (blind index only) make one request', async () => {
    const { tenant } = await seedTenant('us');
    const { db } = regional(env, 'us');
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    const { email, index } = await addressIndex(keys, 'stranger@example.net');
    const input: NewPrivacyRequest = {
      tenantId: tenant.id,
      kind: 'access',
      channel: 'email',
      subjectIndex: index,
      requester: { email, keys },
      verified: false,
      actor: 'test',
    };
    const filed = await Promise.all(
      [1, 2, 3, 4, 5].map(() => createPrivacyRequest(db, tenant.settings, input)),
    );
    expect(await countRows(env.DB_US, 'privacy_requests', 'tenant_id = ?', tenant.id)).toBe(1);
    expect(filed.filter((f) => !f.merged)).toHaveLength(1);
  });

  it('a resolved request does not block a new one; kinds do not block each other', async () => {
    const { tenant } = await seedTenant('eu');
    const { db } = regional(env, 'eu');
    const sub = await subscriberOf(tenant);
    const input: NewPrivacyRequest = {
      tenantId: tenant.id,
      kind: 'objection',
      channel: 'api',
      subscriberId: sub.id,
      verified: true,
      actor: 'test',
    };
    const first = await createPrivacyRequest(db, tenant.settings, input);
    await completeRequest(db, first.request, { actor: 'test' });
    const [again, other] = await Promise.all([
      createPrivacyRequest(db, tenant.settings, input),
      createPrivacyRequest(db, tenant.settings, { ...input, kind: 'access' }),
    ]);
    expect(again.merged).toBe(false);
    expect(again.request.id).not.toBe(first.request.id);
    expect(other.merged).toBe(false);
    expect(await countRows(env.DB_EU, 'privacy_requests', 'tenant_id = ?', tenant.id)).toBe(3);
  });
});
