// The aggregate compliance report of one tenant: subscribers by region and status, consent
// events and requests by kind, erasures and suppressions. Erased people leave counts behind in
// their erasure records, so totals "ever" stay equal before and after an erasure.

import { and, count, eq, inArray, lt } from 'drizzle-orm';
import { OPEN_STATUSES } from '../shared/request-lifecycle';
import type { Db } from './client';
import { consentEvents, erasureRecords, privacyRequests, subscribers, suppressions } from './schema';

type Counts = Record<string, number>;

const tally = (rows: { key: string | null; n: number }[]): Counts =>
  Object.fromEntries(rows.map((r) => [r.key ?? 'none', r.n]));

/** Sums the `prefix.*` entries of every erasure record into one object. */
function erasedCounts(records: { counts: Record<string, number> }[], prefix: string): Counts {
  const out: Counts = {};
  for (const r of records) {
    for (const [k, n] of Object.entries(r.counts)) {
      if (k.startsWith(`${prefix}.`))
        out[k.slice(prefix.length + 1)] = (out[k.slice(prefix.length + 1)] ?? 0) + n;
    }
  }
  return out;
}

function plus(a: Counts, b: Counts): Counts {
  const out: Counts = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

const sum = (c: Counts) => Object.values(c).reduce((a, b) => a + b, 0);

export async function complianceReport(db: Db, tenantId: string, now = new Date()) {
  const [byRegion, byStatus, events, reqKind, reqStatus, overdue, records, suppressed] = await Promise.all([
    db
      .select({ key: subscribers.homeRegion, n: count() })
      .from(subscribers)
      .where(eq(subscribers.tenantId, tenantId))
      .groupBy(subscribers.homeRegion),
    db
      .select({ key: subscribers.status, n: count() })
      .from(subscribers)
      .where(eq(subscribers.tenantId, tenantId))
      .groupBy(subscribers.status),
    db
      .select({ key: consentEvents.kind, n: count() })
      .from(consentEvents)
      .where(eq(consentEvents.tenantId, tenantId))
      .groupBy(consentEvents.kind),
    db
      .select({ key: privacyRequests.kind, n: count() })
      .from(privacyRequests)
      .where(eq(privacyRequests.tenantId, tenantId))
      .groupBy(privacyRequests.kind),
    db
      .select({ key: privacyRequests.status, n: count() })
      .from(privacyRequests)
      .where(eq(privacyRequests.tenantId, tenantId))
      .groupBy(privacyRequests.status),
    db
      .select({ n: count() })
      .from(privacyRequests)
      .where(
        and(
          eq(privacyRequests.tenantId, tenantId),
          inArray(privacyRequests.status, [...OPEN_STATUSES]),
          lt(privacyRequests.dueAt, now),
        ),
      ),
    db
      .select({ counts: erasureRecords.counts })
      .from(erasureRecords)
      .where(eq(erasureRecords.tenantId, tenantId)),
    db
      .select({ key: suppressions.reason, n: count() })
      .from(suppressions)
      .where(eq(suppressions.tenantId, tenantId))
      .groupBy(suppressions.reason),
  ]);
  const live = { byRegion: tally(byRegion), byStatus: tally(byStatus) };
  const erased = { byRegion: erasedCounts(records, 'region'), byStatus: erasedCounts(records, 'status') };
  const eventsLive = tally(events);
  const eventsErased = erasedCounts(records, 'consentEvents');
  return {
    generatedAt: now.toISOString(),
    subscribers: {
      total: sum(live.byRegion),
      byRegion: live.byRegion,
      byStatus: live.byStatus,
      erased: sum(erased.byRegion),
      erasedByRegion: erased.byRegion,
      everByRegion: plus(live.byRegion, erased.byRegion),
    },
    consentEvents: {
      live: eventsLive,
      erased: eventsErased,
      ever: plus(eventsLive, eventsErased),
      total: sum(eventsLive) + sum(eventsErased),
    },
    privacyRequests: { byKind: tally(reqKind), byStatus: tally(reqStatus), overdue: overdue[0]?.n ?? 0 },
    erasures: records.length,
    suppressions: tally(suppressed),
  };
}
