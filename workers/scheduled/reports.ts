// Sweeps of the compliance reports: the reconciliation of the counters (a bounded number of
// chunks per run, going on where the last run stopped; drift logged as counts only) and today's
// snapshot of every tenant (written once a day, kept 400 days).

import { regional } from '../../db/regions';
import { reconcileCounters } from '../../db/report-reconcile';
import { writeDailySnapshots } from '../../db/report-snapshots';
import { log } from '../../shared/log';
import type { Region } from '../../shared/regions';
import type { Bindings } from '../env';

export async function reconcileReportCounters(env: Bindings, region: Region, now: Date): Promise<void> {
  const run = await reconcileCounters(regional(env, region).d1, now);
  for (const d of run.drifted) {
    log('warn', 'report.counters_drift', {
      region,
      tenantId: d.tenantId,
      chunk: d.chunk,
      cells: d.cells,
      people: d.people,
    });
  }
}

export async function snapshotReports(env: Bindings, region: Region, now: Date): Promise<void> {
  const { db, d1 } = regional(env, region);
  await writeDailySnapshots(db, d1, now);
}
