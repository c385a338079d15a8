// The real-time compliance report of one tenant in one D1 round trip of indexed reads: the
// counter cells (moved with every state change, db/report-counters.ts), the lists, open and
// overdue privacy requests, the median time to close, and the home regions resolved per week.
// Nothing is recounted per call; the D1 time of the reads is returned for the benchmark.

import { OPEN_STATUSES } from '../shared/request-lifecycle';
import {
  type CounterRow,
  inventory,
  type ListMeta,
  resolvedPerWeek,
  totals,
} from '../shared/reports/compliance';
import { daysBefore, dayOf, weekOf } from '../shared/reports/calendar';
import { AppError } from '../shared/errors';

const DAY_MS = 86_400_000;
/** Requests due within this many days count as due soon. */
export const DUE_SOON_DAYS = 7;
/** The median time to close covers requests resolved within this many days. */
export const CLOSED_WINDOW_DAYS = 90;
/** Weeks of resolved home regions in the report. */
export const RESOLVED_WEEKS = 26;

const OPEN = OPEN_STATUSES.map(() => '?').join(', ');

type Counts = Record<string, number>;

/** The reads, one batch; each statement indexed on the tenant. */
function statements(d1: D1Database, tenantId: string, now: Date) {
  const t = now.getTime();
  return [
    d1.prepare('select list_id, region, state, n from report_counters where tenant_id = ?').bind(tenantId),
    d1
      .prepare('select id, name, lawful_basis from lists where tenant_id = ? order by created_at, id')
      .bind(tenantId),
    d1
      .prepare(
        `select kind, count(*) as n, sum(due_at < ?) as overdue, sum(due_at >= ? and due_at < ?) as due_soon
          from privacy_requests where tenant_id = ? and status in (${OPEN}) group by kind`,
      )
      .bind(t, t, t + DUE_SOON_DAYS * DAY_MS, tenantId, ...OPEN_STATUSES),
    d1
      .prepare(
        'select kind, status, count(*) as n from privacy_requests where tenant_id = ? group by kind, status',
      )
      .bind(tenantId),
    d1
      .prepare(
        `with closed as (select resolved_at - received_at as ms from privacy_requests
            where tenant_id = ? and resolved_at >= ?),
          c as (select count(*) as n from closed)
        select (select n from c) as n,
          (select avg(ms) from (select ms from closed order by ms
            limit 2 - (select n from c) % 2 offset ((select n from c) - 1) / 2)) as median`,
      )
      .bind(tenantId, t - CLOSED_WINDOW_DAYS * DAY_MS),
    d1
      .prepare('select week, source, region, n from region_resolutions where tenant_id = ? and week >= ?')
      .bind(tenantId, daysBefore(weekOf(now), 7 * (RESOLVED_WEEKS - 1))),
  ];
}

type Row<T> = D1Result<T>;

export type ComplianceReportData = ReturnType<typeof shape>;

function shape(results: Row<unknown>[], now: Date, listId: string | undefined) {
  const [counters, listRows, open, all, closed, resolved] = results as [
    Row<{ list_id: string; region: string; state: string; n: number }>,
    Row<{ id: string; name: string; lawful_basis: string }>,
    Row<{ kind: string; n: number; overdue: number; due_soon: number }>,
    Row<{ kind: string; status: string; n: number }>,
    Row<{ n: number; median: number | null }>,
    Row<{ week: string; source: string; region: string; n: number }>,
  ];
  const rows: CounterRow[] = counters.results.map((r) => ({
    listId: r.list_id,
    region: r.region,
    state: r.state,
    n: r.n,
  }));
  const lists: ListMeta[] = listRows.results.map((l) => ({
    id: l.id,
    name: l.name,
    lawfulBasis: l.lawful_basis,
  }));
  if (listId !== undefined && !lists.some((l) => l.id === listId))
    throw new AppError('not_found', `List ${listId} does not exist.`);
  const count = (rs: { key: string; n: number }[]): Counts => {
    const out: Counts = {};
    for (const r of rs) out[r.key] = (out[r.key] ?? 0) + r.n;
    return out;
  };
  const openByKind = count(open.results.map((r) => ({ key: r.kind, n: r.n })));
  const overdue = open.results.reduce((n, r) => n + (r.overdue ?? 0), 0);
  const median = closed.results[0]?.median ?? null;
  const inv = inventory(rows, listId === undefined ? lists : lists.filter((l) => l.id === listId));
  return {
    generatedAt: now.toISOString(),
    day: dayOf(now),
    inventory: inv,
    regionsResolved: resolvedPerWeek(resolved.results),
    ...totals(rows),
    privacyRequests: {
      byKind: count(all.results.map((r) => ({ key: r.kind, n: r.n }))),
      byStatus: count(all.results.map((r) => ({ key: r.status, n: r.n }))),
      overdue,
      open: {
        total: Object.values(openByKind).reduce((a, b) => a + b, 0),
        byKind: openByKind,
        overdue,
        dueIn7Days: open.results.reduce((n, r) => n + (r.due_soon ?? 0), 0),
      },
      closedLast90Days: closed.results[0]?.n ?? 0,
      medianDaysToClose: median === null ? null : Math.round((median / DAY_MS) * 10) / 10,
    },
  };
}

/**
 * The report, and `d1Ms`: the D1 time of its reads (`meta.duration`). With `listId`, the
 * inventory shows that list only (404 for a list the tenant does not have).
 */
export async function complianceReport(
  d1: D1Database,
  tenantId: string,
  now = new Date(),
  listId?: string,
): Promise<{ report: ComplianceReportData; d1Ms: number }> {
  const results = await d1.batch(statements(d1, tenantId, now));
  const d1Ms = results.reduce((ms, r) => ms + (r.meta?.duration ?? 0), 0);
  return { report: shape(results, now, listId), d1Ms };
}
