// Alpha, pseudonymised profiles: the reconciliation of profile_counters. A pass recounts the
// tenant's counted people chunk by chunk (profiles decrypted in memory, counted by the one path of
// db/profile-counters.ts) into `profile_recount`, then replaces the counters with the recount in
// one batch. Every counter write bumps `profile_counting.writes`: a pass that sees it move starts
// again, so the repair is exact. Drift comes back as counts only.

import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TenantKeys } from '../shared/crypto/envelope';
import type { BatchItem, Db } from './client';
import { type ProfileAudience, profileChunk, profileCountRows, countStatement } from './profile-counters';
import { profileCounters, profileCountingState, profileRecountCells } from './schema';

/** People recounted per chunk. */
export const RECONCILE_CHUNK = 200;

export type ProfileReconcileStep =
  | { step: 'chunk' }
  | { step: 'restarted' }
  | { step: 'repaired'; drift: { cells: number; off: number } };

type Cell = { audience: string; field: string; token: string; n: number };
const cellKey = (c: Cell) => `${c.audience}\u0000${c.field}\u0000${c.token}`;

/** Cells whose counter differs from the recount, and by how much in all. */
function driftOf(counters: Cell[], recount: Cell[]): { cells: number; off: number } {
  const want = new Map(recount.map((c) => [cellKey(c), c.n]));
  const have = new Map(counters.map((c) => [cellKey(c), c.n]));
  let cells = 0;
  let off = 0;
  for (const key of new Set([...want.keys(), ...have.keys()])) {
    const d = Math.abs((want.get(key) ?? 0) - (have.get(key) ?? 0));
    if (d > 0) {
      cells++;
      off += d;
    }
  }
  return { cells, off };
}

/**
 * One step of the tenant's reconciliation: starts a pass when none runs, recounts the next chunk
 * of counted people, or (after the last chunk) repairs the counters. Null while the backfill is
 * still counting (the counters are not complete yet) or the tenant never counted.
 */
export async function reconcileProfileStep(db: Db, keys: TenantKeys): Promise<ProfileReconcileStep | null> {
  const tenantId = keys.tenantId;
  const state = await db.query.profileCountingState.findFirst({
    where: eq(profileCountingState.tenantId, tenantId),
  });
  if (!state || state.backfillAfter !== null || !state.backfillStartedAt) return null;
  let after = state.reconcileAfter;
  if (after === null) {
    await db.batch([
      db.delete(profileRecountCells).where(eq(profileRecountCells.tenantId, tenantId)),
      db
        .update(profileCountingState)
        .set({ reconcileAfter: '', reconcileWrites: sql`${profileCountingState.writes}` })
        .where(and(eq(profileCountingState.tenantId, tenantId), isNull(profileCountingState.reconcileAfter))),
    ]);
    after = '';
  }
  // The pass still describes the counters: nobody wrote them since it began, nobody moved it on.
  const unmoved = and(
    eq(profileCountingState.tenantId, tenantId),
    eq(profileCountingState.reconcileAfter, after),
    sql`${profileCountingState.reconcileWrites} = ${profileCountingState.writes}`,
  )!;
  const guard = sql`exists (select 1 from ${profileCountingState} where ${unmoved})`;
  const chunk = await profileChunk(db, keys, after, RECONCILE_CHUNK);
  const counted = chunk.people.filter((p) => p.profileAudience !== null && p.profile !== null);
  if (chunk.people.length > 0) {
    const statements: BatchItem[] = [];
    for (const audience of ['detail', 'aggregate'] as ProfileAudience[]) {
      const rows = await profileCountRows(
        keys,
        counted.filter((p) => p.profileAudience === audience).map((p) => p.profile!),
        1,
      );
      if (rows.length > 0)
        statements.push(countStatement(db, tenantId, audience, rows, guard, profileRecountCells));
    }
    const next = chunk.last ?? chunk.people[chunk.people.length - 1]!.id;
    const moved = db
      .update(profileCountingState)
      .set({ reconcileAfter: next })
      .where(unmoved)
      .returning({ tenantId: profileCountingState.tenantId });
    // The recount first: its guard reads the cursor before this chunk moves it on.
    const batch: BatchItem[] = [...statements, moved];
    const results = (await db.batch(batch as [BatchItem, ...BatchItem[]])) as unknown[];
    if ((results[results.length - 1] as unknown[]).length === 1) return { step: 'chunk' };
    return restart(db, tenantId);
  }
  const cells = (table: typeof profileCounters | typeof profileRecountCells) =>
    db
      .select({ audience: table.audience, field: table.field, token: table.token, n: table.n })
      .from(table)
      .where(eq(table.tenantId, tenantId));
  const [valid, before, recount] = await db.batch([
    db.select({ tenantId: profileCountingState.tenantId }).from(profileCountingState).where(unmoved),
    cells(profileCounters),
    cells(profileRecountCells),
    db
      .update(profileCounters)
      .set({
        n: sql`coalesce((select r.n from ${profileRecountCells} r where r.tenant_id = ${profileCounters.tenantId}
          and r.audience = ${profileCounters.audience} and r.field = ${profileCounters.field}
          and r.token = ${profileCounters.token}), 0)`,
      })
      .where(and(eq(profileCounters.tenantId, tenantId), guard)),
    db
      .insert(profileCounters)
      .select(
        sql`select tenant_id, audience, field, token, value_ct, n from ${profileRecountCells}
          where tenant_id = ${tenantId} and ${guard}`,
      )
      .onConflictDoNothing(),
    db.delete(profileRecountCells).where(eq(profileRecountCells.tenantId, tenantId)),
    db
      .update(profileCountingState)
      .set({ reconcileAfter: null, reconcileWrites: null })
      .where(eq(profileCountingState.tenantId, tenantId)),
  ]);
  if (valid.length === 0) return { step: 'restarted' };
  return { step: 'repaired', drift: driftOf(before, recount) };
}

/** Drops a pass that no longer describes the counters: the next step begins a new one. */
async function restart(db: Db, tenantId: string): Promise<ProfileReconcileStep> {
  await db.batch([
    db.delete(profileRecountCells).where(eq(profileRecountCells.tenantId, tenantId)),
    db
      .update(profileCountingState)
      .set({ reconcileAfter: null, reconcileWrites: null })
      .where(eq(profileCountingState.tenantId, tenantId)),
  ]);
  return { step: 'restarted' };
}
