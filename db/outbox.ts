// Transactional outbox: `outboxInsert` returns the insert to put in the same D1 batch as the
// state change it announces, tagged with the event's reference, so whoever ran the batch can
// hand exactly those events to the queue (`dispatchOutboxEvents`); `dispatchOutbox` sends the
// whole backlog of a region, the hourly catch-up's job.

import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { newId, type Region } from '../shared/regions';
import type { QueueMessage } from '../shared/schemas/queue';
import type { Db } from './client';
import { outboxEvents } from './schema';

export type OutboxEventInput = {
  tenantId: string;
  /** Dotted event type, e.g. `privacy_request.created`. */
  type: string;
  subjectType: string;
  subjectId: string;
  /** Ids and facts only: never personal data. */
  payload: Record<string, unknown>;
  occurredAt?: Date;
};

export type OutboxRef = { id: string; tenantId: string; type: string };

export function outboxInsert(db: Db, event: OutboxEventInput) {
  const id = newId('evt');
  const outboxRef: OutboxRef = { id, tenantId: event.tenantId, type: event.type };
  const query = db.insert(outboxEvents).values({
    id,
    tenantId: event.tenantId,
    type: event.type,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    payload: event.payload,
    occurredAt: event.occurredAt ?? new Date(),
  });
  return Object.assign(query, { eventId: id, outboxRef });
}

/** The events among the statements of a batch (those made by `outboxInsert`), once it committed. */
export function outboxRefs(items: readonly unknown[]): OutboxRef[] {
  return items.flatMap((item) =>
    item !== null && typeof item === 'object' && 'outboxRef' in item
      ? [(item as { outboxRef: OutboxRef }).outboxRef]
      : [],
  );
}

const DISPATCH_LIMIT = 500;
const QUEUE_BATCH = 100;

/**
 * Sends undispatched events of one region to the queue and marks them dispatched. Two dispatchers
 * racing may both send an event: the consumer is idempotent, so that is harmless.
 */
export async function dispatchOutbox(
  db: Db,
  queue: Queue<QueueMessage>,
  region: Region,
  limit = DISPATCH_LIMIT,
): Promise<number> {
  const rows = await db
    .select({ id: outboxEvents.id, tenantId: outboxEvents.tenantId, type: outboxEvents.type })
    .from(outboxEvents)
    .where(isNull(outboxEvents.dispatchedAt))
    .orderBy(asc(outboxEvents.occurredAt))
    .limit(limit);
  for (let i = 0; i < rows.length; i += QUEUE_BATCH) {
    const slice = rows.slice(i, i + QUEUE_BATCH);
    await queue.sendBatch(
      slice.map((r) => ({
        body: { type: 'outbox-event', region, tenantId: r.tenantId, eventId: r.id, eventType: r.type },
      })),
    );
    await db
      .update(outboxEvents)
      .set({ dispatchedAt: new Date() })
      .where(
        and(
          inArray(
            outboxEvents.id,
            slice.map((r) => r.id),
          ),
          isNull(outboxEvents.dispatchedAt),
        ),
      );
  }
  return rows.length;
}

/** Marks an event received by the consumer; returns false when it already was (a redelivery). */
export async function markOutboxReceived(db: Db, eventId: string): Promise<boolean> {
  const res = await db
    .update(outboxEvents)
    .set({ receivedAt: new Date() })
    .where(and(eq(outboxEvents.id, eventId), isNull(outboxEvents.receivedAt)))
    .returning({ id: outboxEvents.id });
  return res.length > 0;
}

/**
 * Sends just the events a request wrote (not the whole backlog, which concurrent requests would
 * all send again) and marks them dispatched; anything that fails here is left to the sweep.
 */
export async function dispatchOutboxEvents(
  db: Db,
  queue: Queue<QueueMessage>,
  region: Region,
  events: OutboxRef[],
): Promise<void> {
  if (events.length === 0) return;
  await queue.sendBatch(
    events.map((e) => ({
      body: { type: 'outbox-event', region, tenantId: e.tenantId, eventId: e.id, eventType: e.type },
    })),
  );
  await db
    .update(outboxEvents)
    .set({ dispatchedAt: new Date() })
    .where(
      and(
        inArray(
          outboxEvents.id,
          events.map((e) => e.id),
        ),
        isNull(outboxEvents.dispatchedAt),
      ),
    );
}
