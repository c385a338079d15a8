// The compliance counters' one write path. A change that can move people between cells is
// wrapped as [minus the cells of the people it touches, the change, plus their cells again]
// inside its own D1 batch: the deltas are computed in SQL from the rows themselves, before and
// after, in the same transaction, so concurrent writers cannot make the counters drift. The
// statements are plain upserts that cannot fail on their own, so a state change never fails
// because of its counters. Consent events, erasures and suppressions are tallied alongside.

import { type SQL, sql } from 'drizzle-orm';
import type { BatchItem, Db } from './client';
import { reportCounters } from './schema';
import { PERSON_STATE_SQL, SUBSCRIPTION_STATE_SQL } from './subscription-state';

/** Whose cells a change may move, as a condition on `p` (subscribers) that names the tenant. */
export type CounterScope = { tenantId: string; where: SQL };

/** One subscriber. */
export const subscriberScope = (tenantId: string, subscriberId: string): CounterScope => ({
  tenantId,
  where: sql`p.tenant_id = ${tenantId} and p.id = ${subscriberId}`,
});

/** Several subscribers (one bound parameter, read with json_each). */
export const subscribersScope = (tenantId: string, subscriberIds: readonly string[]): CounterScope => ({
  tenantId,
  where: sql`p.tenant_id = ${tenantId} and p.id in (select value from json_each(${JSON.stringify(subscriberIds)}))`,
});

/** The subscriber an erasure request is about: by id, or by the blind index of the address. */
export const requestSubjectScope = (
  tenantId: string,
  subject: { subscriberId: string | null; subjectIndex: string | null },
): CounterScope => ({
  tenantId,
  where: sql`p.tenant_id = ${tenantId} and (p.id = ${subject.subscriberId ?? ''} or p.email_index = ${subject.subjectIndex ?? ''})`,
});

/**
 * The subscribers several erasure requests are about (ids and blind indexes as two JSON
 * parameters), each found through its own key (the id; the tenant and blind index, address by
 * address: `cross join` keeps the addresses outside): an `or` of the two, or the tenant index
 * SQLite picks for a plainer union, would read the whole tenant.
 */
export const requestSubjectsScope = (
  tenantId: string,
  subjects: readonly { subscriberId: string | null; subjectIndex: string | null }[],
): CounterScope => {
  const ids = subjects.flatMap((s) => (s.subscriberId ? [s.subscriberId] : []));
  const indexes = subjects.flatMap((s) => (s.subjectIndex ? [s.subjectIndex] : []));
  return {
    tenantId,
    where: sql`+p.tenant_id = ${tenantId} and p.id in (select value from json_each(${JSON.stringify(ids)})
      union select q.id from json_each(${JSON.stringify(indexes)}) as k cross join subscribers q on q.tenant_id = ${tenantId} and q.email_index = k.value)`,
  };
};

/** Everyone subscribed to a list (a change of its lawful basis). */
export const listScope = (tenantId: string, listId: string): CounterScope => ({
  tenantId,
  where: sql`p.tenant_id = ${tenantId} and p.id in (select subscriber_id from subscriptions where tenant_id = ${tenantId} and list_id = ${listId})`,
});

/**
 * Inserts the cells `select` yields (tenant_id, list_id, region, state, n), adding to those that
 * exist. A counter corrupted to the edge of the integer range is replaced rather than
 * overflowing, so the upsert cannot fail (the reconciliation sets it right). An insert … select
 * (not `db.run`): drizzle's batch cannot bind the parameters of raw statements.
 */
function addCells(db: Db, select: SQL) {
  return db
    .insert(reportCounters)
    .select(select)
    .onConflictDoUpdate({
      target: [reportCounters.tenantId, reportCounters.listId, reportCounters.region, reportCounters.state],
      set: {
        n: sql`case when abs(${reportCounters.n}) > 4000000000000000000 then excluded.n else ${reportCounters.n} + excluded.n end`,
      },
    });
}

/**
 * The cells of the scope's people, signed: per list (their subscriptions), per person, per status.
 * `+s.tenant_id` keeps SQLite from walking all of the tenant's subscriptions (by its tenant
 * index) to find the scope's: it starts from the people and takes their subscriptions by key.
 */
function cellsOf(scope: CounterScope, sign: 1 | -1): SQL {
  return sql`select tenant_id, list_id, region, state, sum(n) from (
      select s.tenant_id as tenant_id, s.list_id as list_id, p.home_region as region,
        ${sql.raw(SUBSCRIPTION_STATE_SQL)} as state, ${sign} as n
      from subscribers p
        join subscriptions s on s.subscriber_id = p.id and +s.tenant_id = p.tenant_id
        join lists l on l.id = s.list_id
      where ${scope.where}
      union all
      select p.tenant_id, '', p.home_region, ${sql.raw(PERSON_STATE_SQL)}, ${sign} from subscribers p where ${scope.where}
      union all
      select p.tenant_id, '', p.home_region, 'status:' || p.status, ${sign} from subscribers p where ${scope.where}
    ) where true group by tenant_id, list_id, region, state`;
}

/** One signed delta of the scope's cells, as it stands at this point of the batch. */
export function cellDelta(db: Db, scope: CounterScope, sign: 1 | -1): ReturnType<typeof addCells> {
  return addCells(db, cellsOf(scope, sign));
}

/** `statements` with the scope's cells taken out before and put back after them. */
export function counted<T extends BatchItem>(
  db: Db,
  scope: CounterScope,
  statements: readonly T[],
): (T | ReturnType<typeof cellDelta>)[] {
  return [cellDelta(db, scope, -1), ...statements, cellDelta(db, scope, 1)];
}

type Tagged = { counterScope: { tenantId: string; subscriberId: string } };

/** Marks a statement as changing a subscriber, so `withCounters` wraps whatever batch it ends up in. */
export function touches<T extends object>(query: T, tenantId: string, subscriberId: string): T & Tagged {
  return Object.assign(query, { counterScope: { tenantId, subscriberId } });
}

/**
 * A batch with the cells of every subscriber its statements touch (`touches`) counted around it:
 * what every consent-chain append commits (db/consent-log.ts `appendToChain`).
 */
export function withCounters(db: Db, statements: readonly BatchItem[]): BatchItem[] {
  const byTenant = new Map<string, Set<string>>();
  for (const s of statements) {
    if (s === null || typeof s !== 'object' || !('counterScope' in s)) continue;
    const { tenantId, subscriberId } = (s as unknown as Tagged).counterScope;
    byTenant.set(tenantId, (byTenant.get(tenantId) ?? new Set()).add(subscriberId));
  }
  let out: BatchItem[] = [...statements];
  for (const [tenantId, ids] of byTenant) out = counted(db, subscribersScope(tenantId, [...ids]), out);
  return out;
}

/** Adds `counts` to tenant-wide totals `<prefix><key>` (region ''), e.g. consent events by kind. */
export function tally(db: Db, tenantId: string, prefix: string, counts: Record<string, number>, region = '') {
  return addCells(
    db,
    sql`select ${tenantId}, '', ${region}, ${prefix} || key, value from json_each(${JSON.stringify(counts)})
      where value <> 0`,
  );
}

/** Counts every key once in a list of kinds: `['opt_in', 'opt_in']` → `{opt_in: 2}`. */
export function countKinds(kinds: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of kinds) out[k] = (out[k] ?? 0) + 1;
  return out;
}

/**
 * Before the scope's consent events are deleted: takes them out of the live totals and, for an
 * erasure, into the erased ones (so totals "ever" stay equal), counted in SQL from the rows.
 */
export function eventsLeaving(db: Db, scope: CounterScope, erased: boolean) {
  const moved = erased
    ? sql`union all select e.tenant_id, '', '', 'erased_events:' || e.kind, 1 from consent_events e
        join subscribers p on p.id = e.subscriber_id and p.tenant_id = e.tenant_id where ${scope.where}`
    : sql``;
  return addCells(
    db,
    sql`select tenant_id, list_id, region, state, sum(n) from (
        select e.tenant_id as tenant_id, '' as list_id, '' as region, 'events:' || e.kind as state, -1 as n
        from consent_events e join subscribers p on p.id = e.subscriber_id and p.tenant_id = e.tenant_id
        where ${scope.where} ${moved}
      ) where true group by tenant_id, list_id, region, state`,
  );
}

/**
 * Before an erasure deletes the scope's people: one more erased person per region for each of
 * them, and `erasures` more erasures (a chunk's requests, those without a subscriber included).
 * (`+p.home_region`: grouping must not make SQLite walk the tenant's region index.)
 */
export function erasureTotals(db: Db, scope: CounterScope, erasures: number) {
  return [
    addCells(
      db,
      sql`select p.tenant_id, '', p.home_region, 'erased', count(*) from subscribers p where ${scope.where}
        group by p.tenant_id, +p.home_region`,
    ),
    tally(db, scope.tenantId, '', { erasures }),
  ];
}

/** The suppressions of addresses (tenant, blind indexes), counted by reason around `statements`. */
export function suppressionCounted<T extends BatchItem>(
  db: Db,
  tenantId: string,
  emailIndexes: readonly string[],
  statements: readonly T[],
): (T | ReturnType<typeof addCells>)[] {
  const delta = (sign: 1 | -1) =>
    addCells(
      db,
      sql`select tenant_id, '', '', 'suppressions:' || reason, sum(${sign}) from suppressions
        where tenant_id = ${tenantId} and email_index in (select value from json_each(${JSON.stringify(emailIndexes)}))
        group by tenant_id, reason`,
    );
  return [delta(-1), ...statements, delta(1)];
}
