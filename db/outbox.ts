// Transactional outbox: `outboxInsert` returns the insert to put in the same D1 batch as the
// state change it announces, tagged with the event's reference, so whoever ran the batch can
// hand exactly those events to the queue (`dispatchOutboxEvents`), or settle in that batch the
// ones no endpoint listens to (`settleUnwatched`); `dispatchOutbox` sends the
// whole backlog of a region, the hourly catch-up's job. Every insert numbers its event among the
// events of the same subject in the statement itself (`seq`), so the order holds under races.

import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { newId, type Region } from '../shared/regions';
import type { QueueMessage } from '../shared/schemas/queue';
import {
  type EventType,
  filtersSelecting,
  isEventType,
  type SubjectType,
} from '../shared/webhooks/catalogue';
import type { StoredEvent } from '../shared/webhooks/envelope';
import { type BatchItem, type Db, inJson } from './client';
import { liveEndpointCondition } from './live-endpoints';
import { outboxEvents, webhookEndpoints } from './schema';

export type OutboxEventInput = {
  tenantId: string;
  /** A type of the event catalogue (shared/webhooks/catalogue.ts), e.g. `privacy_request.created`. */
  type: EventType;
  subjectType: SubjectType;
  subjectId: string;
  /** Ids and facts only: never personal data. */
  payload: Record<string, unknown>;
  occurredAt?: Date;
};

export type OutboxRef = { id: string; tenantId: string; type: string };

/**
 * The next sequence number of the event's subject, computed inside the inserting statement: a D1
 * batch is one transaction and statements run one at a time, so two events never get the same
 * number (the unique index `outbox_events_subject_seq` would refuse it if they did).
 */
function nextSeq(event: Pick<OutboxEventInput, 'tenantId' | 'subjectType' | 'subjectId'>) {
  return sql<number>`(select coalesce(max(seq), 0) + 1 from outbox_events where tenant_id = ${event.tenantId} and subject_type = ${event.subjectType} and subject_id = ${event.subjectId})`;
}

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
    seq: nextSeq(event),
  });
  return Object.assign(query, { eventId: id, outboxRef });
}

/**
 * An event written only if a row of `from` matches `where` when the statement runs (a change
 * that is itself conditional in SQL, like a home-region fill or a disabling), so a retry or a
 * concurrent writer never writes it twice. Put it before the conditional change in the batch.
 */
export function outboxInsertIf(db: Db, event: OutboxEventInput, from: SQLiteTable, where: SQL | undefined) {
  const id = newId('evt');
  const outboxRef: OutboxRef = { id, tenantId: event.tenantId, type: event.type };
  const select = db
    .select({
      id: sql<string>`${id}`.as('id'),
      tenantId: sql<string>`${event.tenantId}`.as('tenant_id'),
      type: sql<string>`${event.type}`.as('type'),
      subjectType: sql<string>`${event.subjectType}`.as('subject_type'),
      subjectId: sql<string>`${event.subjectId}`.as('subject_id'),
      payload: sql<string>`${JSON.stringify(event.payload)}`.as('payload'),
      occurredAt: sql<number>`${(event.occurredAt ?? new Date()).getTime()}`.as('occurred_at'),
      dispatchedAt: sql<null>`null`.as('dispatched_at'),
      receivedAt: sql<null>`null`.as('received_at'),
      seq: nextSeq(event).as('seq'),
    })
    .from(from)
    .where(where)
    .limit(1);
  return Object.assign(db.insert(outboxEvents).select(select), { eventId: id, outboxRef });
}

/**
 * Events of distinct subjects written by one statement (an `insert … select` over one bound JSON
 * array), each numbered as `outboxInsert` numbers it: a chunk's events of one type cost one query
 * whatever their number. Two events of one subject need two statements (each must see the other's
 * `seq`), so a repeated subject throws.
 */
export function outboxInsertEach(db: Db, events: readonly OutboxEventInput[]) {
  const subjects = new Set(events.map((e) => `${e.tenantId}\u0000${e.subjectType}\u0000${e.subjectId}`));
  if (subjects.size !== events.length) throw new Error('outboxInsertEach: one event per subject');
  const rows = events.map((e) => ({
    id: newId('evt'),
    tenantId: e.tenantId,
    type: e.type,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    payload: e.payload,
    occurredAt: (e.occurredAt ?? new Date()).getTime(),
  }));
  const field = (name: string) => sql.raw(`json_extract(j.value, '$.${name}')`);
  const select = db
    .select({
      id: sql<string>`${field('id')}`.as('id'),
      tenantId: sql<string>`${field('tenantId')}`.as('tenant_id'),
      type: sql<string>`${field('type')}`.as('type'),
      subjectType: sql<string>`${field('subjectType')}`.as('subject_type'),
      subjectId: sql<string>`${field('subjectId')}`.as('subject_id'),
      payload: sql<string>`${field('payload')}`.as('payload'),
      occurredAt: sql<number>`${field('occurredAt')}`.as('occurred_at'),
      dispatchedAt: sql<null>`null`.as('dispatched_at'),
      receivedAt: sql<null>`null`.as('received_at'),
      seq: sql<number>`(select coalesce(max(o.seq), 0) + 1 from outbox_events o where o.tenant_id = ${field('tenantId')} and o.subject_type = ${field('subjectType')} and o.subject_id = ${field('subjectId')})`.as(
        'seq',
      ),
    })
    .from(sql`json_each(${JSON.stringify(rows)}) as j`);
  const eventRefs: OutboxRef[] = rows.map((r) => ({ id: r.id, tenantId: r.tenantId, type: r.type }));
  return Object.assign(db.insert(outboxEvents).select(select), { outboxRefList: eventRefs });
}

/** An event as the webhook fan-out and delivery read it (its type not yet checked against the catalogue). */
export type OutboxEventRow = Omit<StoredEvent, 'type'> & { type: string };

/** The columns of an `OutboxEventRow`, for reads that join the event to other rows. */
export const storedEventColumns = {
  id: outboxEvents.id,
  tenantId: outboxEvents.tenantId,
  type: outboxEvents.type,
  subjectType: outboxEvents.subjectType,
  subjectId: outboxEvents.subjectId,
  seq: outboxEvents.seq,
  occurredAt: outboxEvents.occurredAt,
  payload: outboxEvents.payload,
};

/** An endpoint as the fan-out matches it against an event. */
export type LiveEndpoint = { id: string; eventTypes: string[] };

/**
 * The fan-out's receipt of an event, in one batch: marks it received (`first` is false when it
 * already was, a redelivery; a message naming another tenant marks nothing), reads it as it stands (`event` is undefined when absent) and the
 * tenant's endpoints live when it occurred (`liveEndpointCondition`), for the fan-out to match.
 */
export async function receiveOutboxEvent(
  db: Db,
  tenantId: string,
  eventId: string,
): Promise<{ first: boolean; event: OutboxEventRow | undefined; endpoints: LiveEndpoint[] }> {
  const ofEvent = and(eq(outboxEvents.tenantId, tenantId), eq(outboxEvents.id, eventId));
  const [marked, [event], endpoints] = await db.batch([
    db
      .update(outboxEvents)
      .set({ receivedAt: new Date() })
      .where(and(ofEvent, isNull(outboxEvents.receivedAt)))
      .returning({ id: outboxEvents.id }),
    db.select(storedEventColumns).from(outboxEvents).where(ofEvent).limit(1),
    db
      .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
      .from(webhookEndpoints)
      .where(
        liveEndpointCondition(
          tenantId,
          sql`(${db.select({ at: outboxEvents.occurredAt }).from(outboxEvents).where(ofEvent)})`,
        ),
      ),
  ]);
  return { first: marked.length > 0, event, endpoints };
}

/**
 * The events among the statements of a batch (those made by `outboxInsert`, `outboxInsertIf` and
 * `outboxInsertEach`), once it committed.
 */
export function outboxRefs(items: readonly unknown[]): OutboxRef[] {
  return items.flatMap((item) => {
    if (item === null || typeof item !== 'object') return [];
    if ('outboxRef' in item) return [(item as { outboxRef: OutboxRef }).outboxRef];
    if ('outboxRefList' in item) return (item as { outboxRefList: OutboxRef[] }).outboxRefList;
    return [];
  });
}

/**
 * Settles, in the batch that writes them, the events no endpoint listens to: marks them
 * dispatched and received when, as the batch commits, no enabled endpoint of the tenant created by
 * the event's time has a filter selecting its type (`liveEndpointCondition` and `filtersSelecting`: the
 * fan-out would make no delivery), so no queue message, receipt or endpoint read follows. One
 * statement per event type, after the inserts; `toDispatch` reads the committed batch's answers
 * and returns the events still to hand over (written, and listened to).
 */
export function settleUnwatched(db: Db, refs: readonly OutboxRef[], now = new Date()) {
  const byType = new Map<string, string[]>();
  for (const ref of refs) byType.set(ref.type, [...(byType.get(ref.type) ?? []), ref.id]);
  const statements = [...byType].map(([type, ids]) => {
    const selecting = isEventType(type) ? filtersSelecting(type) : [];
    const unwatched = sql`not exists (select 1 from ${webhookEndpoints}, json_each(${webhookEndpoints.eventTypes}) as f
      where ${liveEndpointCondition(outboxEvents.tenantId, outboxEvents.occurredAt)}
        and f.value in (select value from json_each(${JSON.stringify(selecting)})))`;
    const settledAt = sql`case when ${unwatched} then ${now.getTime()} end`;
    return db
      .update(outboxEvents)
      .set({ dispatchedAt: settledAt, receivedAt: settledAt })
      .where(and(inJson(outboxEvents.id, ids), isNull(outboxEvents.dispatchedAt)))
      .returning({ id: outboxEvents.id, settled: sql<number | null>`${outboxEvents.dispatchedAt}` });
  });
  return {
    statements,
    toDispatch(batch: readonly BatchItem[], answers: readonly unknown[]): OutboxRef[] {
      const waiting = new Set<string>();
      for (const statement of statements) {
        const rows = answers[batch.indexOf(statement)] as
          | { id: string; settled: number | null }[]
          | undefined;
        // Not in the batch's answers: hand everything over, as without settling.
        if (!rows) return [...refs];
        for (const row of rows) if (row.settled === null) waiting.add(row.id);
      }
      // An event written only on a condition (outboxInsertIf) that did not hold has no row and no dispatch.
      return refs.filter((ref) => waiting.has(ref.id));
    },
  };
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
