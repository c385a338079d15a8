// Requests whose requester never confirmed their identity (Art. 12(6)): once every confirmation
// link they may have been sent has expired, they are closed as `rejected` with the reason
// `identity_not_verified`, through the ordinary reject transition (state, history row and outbox
// event in one batch; the stored requester address wiped). No mail goes to the unconfirmed address.

import { and, asc, eq, gt, lte, notExists } from 'drizzle-orm';
import { AppError } from '../shared/errors';
import { verificationLapsedBefore } from '../shared/request-lifecycle';
import type { Db } from './client';
import type { OutboxRef } from './outbox';
import { rejectRequest } from './privacy-transitions';
import { privacyRequestHistory, privacyRequests } from './schema';

export const UNVERIFIED_CLOSE_NOTE =
  'The requester did not confirm the request before the confirmation link expired.';

/**
 * Requests still awaiting confirmation whose links have all lapsed by `now`, oldest first. A
 * history row newer than the cut-off (a merged duplicate, which may have re-sent a link) keeps
 * the request waiting.
 */
export async function lapsedUnverifiedRequests(db: Db, now: Date, limit: number) {
  const cutoff = verificationLapsedBefore(now);
  return db
    .select()
    .from(privacyRequests)
    .where(
      and(
        eq(privacyRequests.status, 'awaiting_verification'),
        lte(privacyRequests.receivedAt, cutoff),
        notExists(
          db
            .select({ id: privacyRequestHistory.id })
            .from(privacyRequestHistory)
            .where(
              and(
                eq(privacyRequestHistory.requestId, privacyRequests.id),
                gt(privacyRequestHistory.at, cutoff),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(privacyRequests.receivedAt), asc(privacyRequests.id))
    .limit(limit);
}

/**
 * Closes up to `limit` lapsed requests; returns how many it closed. Each is its own guarded
 * batch: a request confirmed or merged meanwhile is skipped, and a second run finds nothing.
 */
export async function closeUnverifiedRequests(
  db: Db,
  now = new Date(),
  limit = 200,
  events: OutboxRef[] = [],
): Promise<number> {
  let closed = 0;
  for (const request of await lapsedUnverifiedRequests(db, now, limit)) {
    try {
      await rejectRequest(db, request, {
        actor: 'system',
        reason: 'identity_not_verified',
        text: UNVERIFIED_CLOSE_NOTE,
        now,
        events,
      });
      closed++;
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'conflict' && err.code !== 'illegal_transition'))
        throw err;
    }
  }
  return closed;
}
