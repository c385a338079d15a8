// Reconciliation of the compliance counters: a chunk of cells (one list of a tenant, its people,
// its totals) is recounted from the rows with GROUP BY and written back in ONE batch that also
// reads the counters before, so the repair is exact even while writers move the same cells. The
// hourly sweep goes through every tenant's chunks, a bounded number per run, from where the last
// run stopped; drift is reported as counts only.

import { asc, eq, gt, gte, type SQL, sql } from 'drizzle-orm';
import { statementOf } from './bulk-insert';
import { type Db, dbFor } from './client';
import { lists, reportReconcileCursor, tenants } from './schema';
import { PERSON_STATES } from '../shared/reports/states';
import { PERSON_STATE_SQL, SUBSCRIPTION_STATE_SQL } from './subscription-state';

export type CounterCell = { listId: string; region: string; state: string; n: number };

/** A tenant's chunk: a list id, its people (`*people`) or its totals (`*totals`); in this order of names. */
export const PEOPLE = '*people';
export const TOTALS = '*totals';

const PERSON_FAMILY = `(state in (${PERSON_STATES.map((s) => `'${s}'`).join(', ')}) or state like 'status:%')`;
const TOTAL_FAMILY = `(state like 'events:%' or state like 'erased_events:%' or state like 'suppressions:%' or state in ('erased', 'erasures'))`;

/** Which counters a chunk owns, and the GROUP BY that recounts them (columns: list_id, region, state, n). */
function chunkSql(tenantId: string, chunk: string): { owned: SQL; recount: SQL } {
  if (chunk === PEOPLE)
    return {
      owned: sql`list_id = '' and ${sql.raw(PERSON_FAMILY)}`,
      recount: sql`select '' as list_id, region, state, count(*) as n from (
          select p.home_region as region, ${sql.raw(PERSON_STATE_SQL)} as state from subscribers p where p.tenant_id = ${tenantId}
          union all
          select p.home_region, 'status:' || p.status from subscribers p where p.tenant_id = ${tenantId}
        ) group by region, state`,
    };
  if (chunk === TOTALS)
    return {
      owned: sql`list_id = '' and ${sql.raw(TOTAL_FAMILY)}`,
      recount: sql`select '' as list_id, region, state, sum(n) as n from (
          select '' as region, 'events:' || kind as state, 1 as n from consent_events where tenant_id = ${tenantId}
          union all
          select '', 'erased_events:' || substr(j.key, 15), j.value from erasure_records r, json_each(r.counts) j
            where r.tenant_id = ${tenantId} and j.key like 'consentEvents.%'
          union all
          select substr(j.key, 8), 'erased', j.value from erasure_records r, json_each(r.counts) j
            where r.tenant_id = ${tenantId} and j.key like 'region.%'
          union all
          select '', 'erasures', 1 from erasure_records where tenant_id = ${tenantId}
          union all
          select '', 'suppressions:' || reason, 1 from suppressions where tenant_id = ${tenantId}
        ) group by region, state`,
    };
  return {
    owned: sql`list_id = ${chunk}`,
    recount: sql`select s.list_id as list_id, p.home_region as region, ${sql.raw(SUBSCRIPTION_STATE_SQL)} as state, count(*) as n
        from subscriptions s
          join subscribers p on p.id = s.subscriber_id and p.tenant_id = s.tenant_id
          join lists l on l.id = s.list_id
        where s.tenant_id = ${tenantId} and s.list_id = ${chunk}
        group by s.list_id, p.home_region, state`,
  };
}

/** What the rows say a chunk's cells are: the GROUP BY recount alone (tests and benches compare with it). */
export async function recountChunk(db: Db, tenantId: string, chunk: string): Promise<CounterCell[]> {
  const rows = await db.all<{ list_id: string; region: string; state: string; n: number }>(
    chunkSql(tenantId, chunk).recount,
  );
  return rows.map((r) => ({ listId: r.list_id, region: r.region, state: r.state, n: r.n }));
}

/** The same recount as one D1 statement, whose result carries its D1 time (`meta.duration`): bench/report.ts. */
export function recountStatement(d1: D1Database, tenantId: string, chunk: string): D1PreparedStatement {
  return statementOf(d1, dbFor(d1).all(chunkSql(tenantId, chunk).recount));
}

export type ChunkDrift = { cells: number; people: number };

/**
 * Recounts one chunk and writes the result back, in one transaction: the counters it read before
 * are compared with what it wrote. Returns the drift: cells that differed, and by how much in all.
 */
export async function reconcileChunk(d1: D1Database, tenantId: string, chunk: string): Promise<ChunkDrift> {
  const db = dbFor(d1);
  const { owned, recount } = chunkSql(tenantId, chunk);
  const read = sql`select list_id, region, state, n from report_counters where tenant_id = ${tenantId} and ${owned} and n <> 0`;
  type Row = { list_id: string; region: string; state: string; n: number };
  // On the D1 binding: drizzle's batch cannot bind the parameters of raw statements.
  const [before, , , after] = (await d1.batch([
    statementOf(d1, db.all(read)),
    statementOf(d1, db.run(sql`delete from report_counters where tenant_id = ${tenantId} and ${owned}`)),
    statementOf(
      d1,
      db.run(
        sql`insert into report_counters (tenant_id, list_id, region, state, n)
          select ${tenantId}, list_id, region, state, n from (${recount}) where n <> 0`,
      ),
    ),
    statementOf(d1, db.all(read)),
  ])) as [D1Result<Row>, unknown, unknown, D1Result<Row>];
  const key = (r: Row) => `${r.list_id}\u0000${r.region}\u0000${r.state}`;
  const was = new Map(before.results.map((r) => [key(r), r.n]));
  const is = new Map(after.results.map((r) => [key(r), r.n]));
  let cells = 0;
  let people = 0;
  for (const k of new Set([...was.keys(), ...is.keys()])) {
    const d = (is.get(k) ?? 0) - (was.get(k) ?? 0);
    if (d !== 0) {
      cells++;
      people += Math.abs(d);
    }
  }
  return { cells, people };
}

/** The chunks of one tenant from `after` on (exclusive), in name order. */
export async function chunksOf(db: Db, tenantId: string, after: string | null): Promise<string[]> {
  const listIds = await db
    .select({ id: lists.id })
    .from(lists)
    .where(eq(lists.tenantId, tenantId))
    .orderBy(asc(lists.id));
  const all = [PEOPLE, TOTALS, ...listIds.map((l) => l.id)];
  return after === null ? all : all.filter((c) => c > after);
}

const CURSOR = 'counters';

export type ReconcileRun = {
  chunks: number;
  drifted: { tenantId: string; chunk: string; cells: number; people: number }[];
  /** Every tenant was gone through: the next run starts from the first again. */
  finished: boolean;
};

/**
 * One run of the sweep in one region's database: up to `maxChunks` chunks, going on after the
 * last chunk the previous run did (a cursor row in the same database).
 */
export async function reconcileCounters(d1: D1Database, now: Date, maxChunks = 200): Promise<ReconcileRun> {
  const db = dbFor(d1);
  const cursor = await db.query.reportReconcileCursor.findFirst({
    where: eq(reportReconcileCursor.id, CURSOR),
  });
  const run: ReconcileRun = { chunks: 0, drifted: [], finished: false };
  let from: { tenantId: string; chunk: string | null } | null = cursor ?? null;
  for (;;) {
    const [tenant] = await db
      .select({ id: tenants.id })
      .from(tenants)
      .where(
        from
          ? from.chunk === null
            ? gt(tenants.id, from.tenantId)
            : gte(tenants.id, from.tenantId)
          : undefined,
      )
      .orderBy(asc(tenants.id))
      .limit(1);
    if (!tenant) {
      run.finished = true;
      await db.delete(reportReconcileCursor).where(eq(reportReconcileCursor.id, CURSOR));
      return run;
    }
    for (const chunk of await chunksOf(db, tenant.id, from?.tenantId === tenant.id ? from.chunk : null)) {
      if (run.chunks >= maxChunks) return run;
      const drift = await reconcileChunk(d1, tenant.id, chunk);
      run.chunks++;
      if (drift.cells > 0) run.drifted.push({ tenantId: tenant.id, chunk, ...drift });
      await db
        .insert(reportReconcileCursor)
        .values({ id: CURSOR, tenantId: tenant.id, chunk, updatedAt: now })
        .onConflictDoUpdate({
          target: reportReconcileCursor.id,
          set: { tenantId: tenant.id, chunk, updatedAt: now },
        });
    }
    from = { tenantId: tenant.id, chunk: null };
  }
}
