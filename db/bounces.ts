// Hard bounces: the address is undeliverable, so the subscriber is marked `bounced` and its
// blind index joins the suppression list (reason `hard_bounce`), with the outbox event and the
// compliance counters, in one batch. An existing suppression (an erasure, say) is left as it is.

import { and, eq, ne } from 'drizzle-orm';
import { runBatch, type BatchItem, type Db } from './client';
import { outboxInsertIf, type OutboxRef, outboxRefs } from './outbox';
import { counted, subscriberScope, suppressionCounted } from './report-counters';
import { subscribers, suppressions } from './schema';

export type HardBounceInput = {
  tenantId: string;
  /** The subscriber, when known; a bounce for an address we hold no subscriber for only suppresses. */
  subscriberId: string | null;
  emailIndex: string;
  /** Enhanced status code from the report (`5.1.1`), when there was one. */
  status: string | null;
};

/** Returns the event written (none when the subscriber was already marked), for the caller to hand over. */
export async function recordHardBounce(
  db: Db,
  input: HardBounceInput,
  now = new Date(),
): Promise<OutboxRef[]> {
  const items: BatchItem[] = suppressionCounted(
    db,
    input.tenantId,
    [input.emailIndex],
    [
      db
        .insert(suppressions)
        .values({
          tenantId: input.tenantId,
          emailIndex: input.emailIndex,
          reason: 'hard_bounce',
          createdAt: now,
        })
        .onConflictDoNothing(),
    ],
  );
  if (input.subscriberId) {
    const notYet = and(
      eq(subscribers.tenantId, input.tenantId),
      eq(subscribers.id, input.subscriberId),
      ne(subscribers.status, 'bounced'),
    );
    // The event first, conditional like the change it announces: a second report writes neither.
    items.push(
      outboxInsertIf(
        db,
        {
          tenantId: input.tenantId,
          type: 'subscriber.bounced',
          subjectType: 'subscriber',
          subjectId: input.subscriberId,
          payload: { subscriberId: input.subscriberId, reason: 'hard_bounce', status: input.status },
          occurredAt: now,
        },
        subscribers,
        notYet,
      ),
      db.update(subscribers).set({ status: 'bounced', updatedAt: now }).where(notYet),
    );
  }
  await runBatch(
    db,
    input.subscriberId ? counted(db, subscriberScope(input.tenantId, input.subscriberId), items) : items,
  );
  return outboxRefs(items);
}
