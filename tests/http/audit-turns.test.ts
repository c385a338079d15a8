// The audit chain under a crowd: one tenant's appends from one isolate take turns, so fifty at
// once commit fifty batches with no lost race for the next seq, and the chain verifies.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../db/audit-log';
import { dbFor } from '../../db/client';
import { tenantKeys } from '../../db/tenants';
import { countRows, seedTenant } from '../support/seed';

/** DB_EU through a proxy that counts its batches. */
function countingBatches() {
  const counted = { batches: 0 };
  const d1 = new Proxy(env.DB_EU, {
    get(target, prop) {
      if (prop === 'batch') counted.batches++;
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: dbFor(d1), counted };
}

describe('audit appends of one tenant at once', () => {
  it('commit one batch each, in seq order without gaps, and the chain verifies', async () => {
    const { tenant } = await seedTenant('eu');
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    const { db, counted } = countingBatches();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        appendAudit(db, keys, [{ actor: { type: 'system', id: 'crowd' }, action: `crowd.append_${i}` }]),
      ),
    );
    // A lost race would have sent its batch again on a new head.
    expect(counted.batches).toBe(50);
    expect(
      await countRows(env.DB_EU, 'audit_log', 'tenant_id = ? and actor_id = ?', tenant.id, 'crowd'),
    ).toBe(50);
    const verdict = await verifyAuditChain(dbFor(env.DB_EU), tenant.id);
    expect(verdict.ok).toBe(true);
    expect(verdict.rows).toBe(verdict.head.seq);
  });

  it('of two tenants do not wait for each other', async () => {
    const [a, b] = await Promise.all([seedTenant('eu'), seedTenant('eu')]);
    const [ka, kb] = await Promise.all([
      tenantKeys(env.MASTER_KEY, a.tenant),
      tenantKeys(env.MASTER_KEY, b.tenant),
    ]);
    const { db, counted } = countingBatches();
    const entry = { actor: { type: 'system' as const, id: 'pair' }, action: 'pair.append' };
    await Promise.all(
      [...Array(10)].flatMap(() => [appendAudit(db, ka, [entry]), appendAudit(db, kb, [entry])]),
    );
    expect(counted.batches).toBe(20);
    for (const t of [a.tenant, b.tenant])
      expect((await verifyAuditChain(dbFor(env.DB_EU), t.id)).ok).toBe(true);
  });
});
