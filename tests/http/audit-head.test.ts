// The audit chain's head kept by the isolate: an append after one of this isolate's own starts
// from the head it wrote (one round trip, the batch), and a head another isolate moved meanwhile
// is refused by the unique seq, re-read, and the chain stays whole with no entry lost.

import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../db/audit-log';
import { dbFor } from '../../db/client';
import { auditHeads, auditLog } from '../../db/schema';
import { tenantKeys } from '../../db/tenants';
import { auditCommitment, auditHash } from '../../shared/audit-chain';
import { countRows, seedTenant } from '../support/seed';
import { recordD1 } from '../support/slow-writes';

const entry = (action: string) => ({ actor: { type: 'system' as const, id: 'head-test' }, action });

/** What an append of another isolate leaves: the next row chained on the head, and the head moved. */
async function appendElsewhere(tenantId: string, action: string) {
  const db = dbFor(env.DB_EU);
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId));
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? null;
  const salt = 'c2FsdC1vZi1hbm90aGVyLWlzb2xhdGU';
  const row = {
    id: `aud_elsewhere_${seq}`,
    tenantId,
    seq,
    at: new Date(),
    actorType: 'system' as const,
    actorId: 'other-isolate',
    action,
    targetType: null,
    targetId: null,
    country: null,
    ipCt: null,
  };
  const commitment = await auditCommitment(salt, { subjectId: null, subscriberTarget: null, details: {} });
  const hash = await auditHash(row, commitment, prevHash);
  await db.batch([
    db.insert(auditLog).values({ ...row, subjectId: null, details: {}, salt, commitment, prevHash, hash }),
    db
      .insert(auditHeads)
      .values({ tenantId, seq, hash })
      .onConflictDoUpdate({ target: auditHeads.tenantId, set: { seq, hash } }),
  ]);
}

describe('the audit head kept by the isolate', () => {
  it('lets an append after this isolate’s own write its batch without reading the head first', async () => {
    const { tenant } = await seedTenant('eu');
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    const first = await recordD1(() => appendAudit(dbFor(env.DB_EU), keys, [entry('first')]));
    // Nothing written by this isolate yet: the head is read, then the batch.
    expect(first.roundTrips).toBe(2);
    const second = await recordD1(() => appendAudit(dbFor(env.DB_EU), keys, [entry('second')]));
    expect(second.roundTrips).toBe(1);
    expect(second.batches).toEqual([2]);
    const verdict = await verifyAuditChain(dbFor(env.DB_EU), tenant.id);
    expect(verdict).toMatchObject({ ok: true, rows: 2, head: { seq: 2 } });
  });

  it('keeps the head when the change in its batch is refused: nothing written, the next append still reads nothing', async () => {
    const { tenant } = await seedTenant('eu');
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    const db = dbFor(env.DB_EU);
    await appendAudit(db, keys, [entry('before')]);
    // The change breaks a unique index of its own (the tenant's primary key): the batch rolls back.
    const duplicate = db.insert(auditHeads).values({ tenantId: tenant.id, seq: 0, hash: 'x' });
    await expect(appendAudit(db, keys, [entry('refused')], [duplicate])).rejects.toThrow();
    const next = await recordD1(() => appendAudit(dbFor(env.DB_EU), keys, [entry('after')]));
    expect(next.roundTrips).toBe(1);
    const verdict = await verifyAuditChain(db, tenant.id);
    expect(verdict).toMatchObject({ ok: true, rows: 2, head: { seq: 2 } });
  });

  it('re-reads a head another isolate moved and chains after it, losing no entry', async () => {
    const { tenant } = await seedTenant('eu');
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    await appendAudit(dbFor(env.DB_EU), keys, [entry('mine.1')]);
    await appendElsewhere(tenant.id, 'theirs.2');
    await appendElsewhere(tenant.id, 'theirs.3');
    const stale = await recordD1(() => appendAudit(dbFor(env.DB_EU), keys, [entry('mine.4')]));
    // The batch on the kept head (seq 1) is refused, the head read, the batch sent again.
    expect(stale.batches.length).toBe(2);
    await appendAudit(dbFor(env.DB_EU), keys, [entry('mine.5')]);
    const verdict = await verifyAuditChain(dbFor(env.DB_EU), tenant.id);
    expect(verdict).toMatchObject({ ok: true, rows: 5, head: { seq: 5 } });
    const actions = await env.DB_EU.prepare('select action from audit_log where tenant_id = ? order by seq')
      .bind(tenant.id)
      .all<{ action: string }>();
    expect(actions.results.map((r) => r.action)).toEqual([
      'mine.1',
      'theirs.2',
      'theirs.3',
      'mine.4',
      'mine.5',
    ]);
    expect(await countRows(env.DB_EU, 'audit_heads', 'tenant_id = ? and seq = 5', tenant.id)).toBe(1);
  });
});
