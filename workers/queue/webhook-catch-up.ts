// The hourly safety net of webhook delivery: deliveries waiting well past their attempt time with
// no attempt in flight (their message was lost) are sent again, and rotations whose previous
// secret expired forget it.

import { regional } from '../../db/regions';
import { overdueDeliveries } from '../../db/webhook-deliveries';
import { dropExpiredSecrets } from '../../db/webhook-endpoints';
import { log } from '../../shared/log';
import type { Region } from '../../shared/regions';
import type { Bindings } from '../env';
import { enqueueDeliveries } from './webhook-messages';

/** How late a delivery must be before the catch-up sends it again (queues deliver well within it). */
const OVERDUE_MS = 10 * 60_000;
const CATCH_UP_LIMIT = 1000;

export async function webhookCatchUp(env: Bindings, region: Region, now: Date): Promise<number> {
  const { db } = regional(env, region);
  await dropExpiredSecrets(db, now);
  const overdue = await overdueDeliveries(db, now, OVERDUE_MS, CATCH_UP_LIMIT);
  await enqueueDeliveries(env, region, overdue);
  if (overdue.length) log('warn', 'webhook.overdue_resent', { region, deliveries: overdue.length });
  return overdue.length;
}
