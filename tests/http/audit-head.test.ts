// The audit chain's head kept by the isolate: an append after one of this isolate's own starts
// from the head it wrote (one round trip, the batch); a head another isolate moved meanwhile is
// refused by the unique seq, one ahead of the chain (a restore, a repair) by the head guard; either
// is re-read at once, without the pause of a real race, and the chain stays whole with no entry lost.

import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

/** The rows after `seq` gone, as a restore or a repair leaves them; with `moveHead`, the stored head too. */
async function cutChainAfter(tenantId: string, seq: number, moveHead: boolean) {
  await env.DB_EU.prepare('delete from audit_log where tenant_id = ? and seq > ?').bind(tenantId, seq).run();
  if (moveHead)
    await env.DB_EU.prepare(
      'update audit_heads set seq = ?1, hash = (select hash from audit_log where tenant_id = ?2 and seq = ?1) where tenant_id = ?2',
    )
      .bind(seq, tenantId)
      .run();
}

async function actionsOf(tenantId: string): Promise<string[]> {
  const { results } = await env.DB_EU.prepare('select action from audit_log where tenant_id = ? order by seq')
    .bind(tenantId)
    .all<{ action: string }>();
  return results.map((r) => r.action);
}

/** Counts the pauses of `retryOnConflict` (timers of a non-zero delay; the jitter pinned above 0). */
function countPauses(): { pauses: number } {
  const counted = { pauses: 0 };
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
  const setTimer = globalThis.setTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
    if ((ms ?? 0) > 0) counted.pauses++;
    return setTimer(fn, ms);
  }) as typeof setTimeout);
  return counted;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** A tenant whose audit chain holds `one`, `two`, `three`, appended by this isolate. */
async function chainOfThree() {
  const { tenant } = await seedTenant('eu');
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  for (const action of ['one', 'two', 'three']) await appendAudit(dbFor(env.DB_EU), keys, [entry(action)]);
  return { tenant, keys };
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
    // The head guard, the row, the head.
    expect(second.batches).toEqual([3]);
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
    const counted = countPauses();
    const stale = await recordD1(() => appendAudit(dbFor(env.DB_EU), keys, [entry('mine.4')]));
    // The batch on the kept head (seq 1) is refused, the head read, the batch sent again at once.
    expect(stale.batches.length).toBe(2);
    expect(stale.roundTrips).toBe(3);
    expect(counted.pauses).toBe(0);
    vi.restoreAllMocks();
    await appendAudit(dbFor(env.DB_EU), keys, [entry('mine.5')]);
    const verdict = await verifyAuditChain(dbFor(env.DB_EU), tenant.id);
    expect(verdict).toMatchObject({ ok: true, rows: 5, head: { seq: 5 } });
    expect(await actionsOf(tenant.id)).toEqual(['mine.1', 'theirs.2', 'theirs.3', 'mine.4', 'mine.5']);
    expect(await countRows(env.DB_EU, 'audit_heads', 'tenant_id = ? and seq = 5', tenant.id)).toBe(1);
  });

  it('pauses before the next round when a head it has just read is taken by another writer', async () => {
    const { tenant } = await seedTenant('eu');
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    // Another isolate commits between this append's read of the head and its batch.
    let raced = false;
    const d1 = new Proxy(env.DB_EU, {
      get(target, prop) {
        if (prop === 'batch')
          return async (list: D1PreparedStatement[]) => {
            if (!raced) {
              raced = true;
              await appendElsewhere(tenant.id, 'theirs.1');
            }
            return target.batch(list);
          };
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const counted = countPauses();
    await appendAudit(dbFor(d1), keys, [entry('mine.2')]);
    expect(counted.pauses).toBe(1);
    vi.restoreAllMocks();
    expect(await actionsOf(tenant.id)).toEqual(['theirs.1', 'mine.2']);
    expect(await verifyAuditChain(dbFor(env.DB_EU), tenant.id)).toMatchObject({ ok: true, rows: 2 });
  });

  it('chains after the chain’s last row when the kept head is ahead of it (a restore moved both back)', async () => {
    const { tenant, keys } = await chainOfThree();
    await cutChainAfter(tenant.id, 1, true);
    const counted = countPauses();
    const next = await recordD1(() => appendAudit(dbFor(env.DB_EU), keys, [entry('after')]));
    // The kept head (seq 3) is refused by the guard, the head read (seq 1), the batch sent again at once.
    expect(next.batches.length).toBe(2);
    expect(counted.pauses).toBe(0);
    vi.restoreAllMocks();
    await appendAudit(dbFor(env.DB_EU), keys, [entry('later')]);
    expect(await actionsOf(tenant.id)).toEqual(['one', 'after', 'later']);
    expect(await verifyAuditChain(dbFor(env.DB_EU), tenant.id)).toMatchObject({
      ok: true,
      rows: 3,
      head: { seq: 3 },
    });
  });

  it('chains after the chain’s last row when rows after the kept head were removed and the stored head not', async () => {
    const { tenant, keys } = await chainOfThree();
    await cutChainAfter(tenant.id, 2, false);
    await appendAudit(dbFor(env.DB_EU), keys, [entry('after')]);
    expect(await actionsOf(tenant.id)).toEqual(['one', 'two', 'after']);
    // The append moved the stored head onto the chain's new last row.
    expect(await verifyAuditChain(dbFor(env.DB_EU), tenant.id)).toMatchObject({
      ok: true,
      rows: 3,
      head: { seq: 3 },
    });
  });
});
