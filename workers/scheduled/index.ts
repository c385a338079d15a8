// The `scheduled` entry point: hourly sweeps in both regions. Each sweep is independent, so one
// failing region or task does not stop the others.

import { purgeExpiredNonces } from '../../db/used-nonces';
import { REGIONS, type Region } from '../../shared/regions';
import { describeError, log } from '../../shared/log';
import type { Bindings } from '../env';
import { dispatchBacklog } from '../outbox/dispatch';
import { purgeIdempotencyKeys } from '../../db/idempotency';
import { purgeEndedSessions } from '../../db/admin-sessions';
import { purgeOldFailures } from '../../db/sign-in-failures';
import { regional } from '../../db/regions';
import { profileCountingSweep } from './profiles';
import { reconcileReportCounters, snapshotReports } from './reports';
import { purgeUnconfirmedSignUps } from './unconfirmed-purge';
import { sendingSweep } from '../sending/sweep';
import { closeLapsedUnverified, reconcileErasureClocks, sendDueReminders } from '../privacy/sweeps';
import { webhookCatchUp } from '../queue/webhook-catch-up';

export type Sweep = { name: string; run: (env: Bindings, region: Region, now: Date) => Promise<unknown> };

/** Sweeps run every hour in every region; capabilities add theirs here. */
export const SWEEPS: Sweep[] = [
  { name: 'outbox-catch-up', run: (env, region) => dispatchBacklog(env, region) },
  {
    name: 'used-nonces-expiry',
    run: (env, region, now) => purgeExpiredNonces(regional(env, region).db, now),
  },
  { name: 'unconfirmed-purge', run: (env, region, now) => purgeUnconfirmedSignUps(env, region, now) },
  {
    name: 'idempotency-keys',
    run: (env, region, now) => purgeIdempotencyKeys(regional(env, region).db, now),
  },
  { name: 'privacy-reminders', run: sendDueReminders },
  { name: 'erasure-clock-reconcile', run: reconcileErasureClocks },
  { name: 'unverified-close', run: closeLapsedUnverified },
  { name: 'sending', run: sendingSweep },
  { name: 'webhook-catch-up', run: webhookCatchUp },
  { name: 'admin-sessions', run: (env, region, now) => purgeEndedSessions(regional(env, region).db, now) },
  { name: 'sign-in-failures', run: (env, region, now) => purgeOldFailures(regional(env, region).db, now) },
  // After every other sweep of the hour has moved its counters.
  { name: 'report-counters-reconcile', run: reconcileReportCounters },
  { name: 'report-snapshots', run: snapshotReports },
  { name: 'profile-counting', run: profileCountingSweep },
];

export async function handleScheduled(
  controller: ScheduledController,
  env: Bindings,
  _ctx: ExecutionContext,
): Promise<void> {
  const now = new Date(controller.scheduledTime);
  for (const region of REGIONS) {
    for (const sweep of SWEEPS) {
      try {
        await sweep.run(env, region, now);
      } catch (err) {
        log('error', 'sweep.failed', { sweep: sweep.name, region, ...describeError(err) });
      }
    }
  }
}
