// The hourly sending sweep of one region: scheduled messages due before the next sweep go on the
// queue (delayed until their `sendAt`), queued messages whose queue message was lost go again,
// and recipients claimed by a consumer that stopped mid-send are recorded as failed, never
// sent again (whether that mail left is unknown), so their messages can finish.

import { failStaleClaims } from '../../db/message-recipients';
import { dueScheduled, finishIfDone, queueScheduled, strandedQueued } from '../../db/messages';
import { regional } from '../../db/regions';
import type { Region } from '../../shared/regions';
import type { Bindings } from '../env';
import { dispatchEvents } from '../outbox/dispatch';
import { queueSelection } from './create';

/** Scheduled messages due within this window are queued now: it spans the next hourly sweep. */
export const SCHEDULE_HORIZON_MS = 2 * 3_600_000;
/** A queued message not started this long after it was due lost its queue message. */
export const STRANDED_AFTER_MS = 15 * 60_000;
/** A claim without an outcome for this long belongs to a consumer that stopped. */
export const STALE_CLAIM_MS = 15 * 60_000;

export async function sendingSweep(env: Bindings, region: Region, now: Date): Promise<void> {
  const { db } = regional(env, region);
  for (const message of await dueScheduled(db, new Date(now.getTime() + SCHEDULE_HORIZON_MS))) {
    if (await queueScheduled(db, message.id)) await queueSelection(env, region, message, now.getTime());
  }
  for (const message of await strandedQueued(db, new Date(now.getTime() - STRANDED_AFTER_MS)))
    await queueSelection(env, region, message, now.getTime());
  for (const stale of await failStaleClaims(db, new Date(now.getTime() - STALE_CLAIM_MS))) {
    const events = await finishIfDone(db, stale.tenantId, stale.messageId, now);
    if (events) await dispatchEvents(env, region, events);
  }
}
