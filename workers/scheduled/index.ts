// The `scheduled` entry point: hourly sweeps in both regions. Each sweep is independent, so one
// failing region or task does not stop the others.

import { purgeExpiredNonces } from '../../db/used-nonces';
import { REGIONS, type Region } from '../../shared/regions';
import { describeError, log } from '../../shared/log';
import type { Bindings } from '../env';
import { dispatchBacklog } from '../outbox/dispatch';
import { purgeIdempotencyKeys } from '../../db/idempotency';
import { regional } from '../../db/regions';
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
