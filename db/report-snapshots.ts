// Daily snapshots of each tenant's compliance inventory (chart data): the hourly sweep writes
// today's once (a second run the same day changes nothing) and drops those older than 400 days;
// the history route reads them back by day.

import { and, asc, eq, gte, isNull, lt, lte } from 'drizzle-orm';
import { daysBefore, dayOf } from '../shared/reports/calendar';
import type { Db } from './client';
import { complianceReport, type ComplianceReportData } from './compliance-report';
import { reportSnapshots, tenants } from './schema';

/** Days a snapshot is kept. */
export const SNAPSHOT_DAYS = 400;

export type Snapshot = Pick<ComplianceReportData['inventory'], 'overall' | 'lists'>;

/** Writes today's snapshot of every tenant of this database that has none yet; returns how many were written. */
export async function writeDailySnapshots(db: Db, d1: D1Database, now: Date): Promise<number> {
  const day = dayOf(now);
  const missing = await db
    .select({ id: tenants.id })
    .from(tenants)
    .leftJoin(reportSnapshots, and(eq(reportSnapshots.tenantId, tenants.id), eq(reportSnapshots.day, day)))
    .where(isNull(reportSnapshots.day));
  let written = 0;
  for (const t of missing) {
    const { report } = await complianceReport(d1, t.id, now);
    const data: Snapshot = { overall: report.inventory.overall, lists: report.inventory.lists };
    const rows = await db
      .insert(reportSnapshots)
      .values({ tenantId: t.id, day, data, createdAt: now })
      .onConflictDoNothing()
      .returning({ day: reportSnapshots.day });
    written += rows.length;
  }
  await db.delete(reportSnapshots).where(lt(reportSnapshots.day, daysBefore(day, SNAPSHOT_DAYS - 1)));
  return written;
}

/** A tenant's snapshots from `from` to `to` (days, inclusive), oldest first. */
export async function snapshotsOf(db: Db, tenantId: string, from: string, to: string) {
  const rows = await db
    .select({ day: reportSnapshots.day, data: reportSnapshots.data })
    .from(reportSnapshots)
    .where(
      and(
        eq(reportSnapshots.tenantId, tenantId),
        gte(reportSnapshots.day, from),
        lte(reportSnapshots.day, to),
      ),
    )
    .orderBy(asc(reportSnapshots.day));
  return rows.map((r) => ({ day: r.day, ...(r.data as Snapshot) }));
}
