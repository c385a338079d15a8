// Webhook deliveries: one row per (endpoint, event), created by the fan-out; the claim that lets
// exactly one consumer send an attempt; the settlement that records the attempt, moves the
// delivery on and marks the endpoint's health in one batch; replays; the API's views of them.

import {
  and,
  asc,
  desc,
  eq,
  exists,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import type { TenantKeys } from '../shared/crypto/envelope';
import { newId } from '../shared/regions';
import { matchesEventFilter, type EventType } from '../shared/webhooks/catalogue';
import { type AuditOrigin, appendAudit } from './audit-log';
import { bound, builtOnce, columnsOf, d1Of, rowOf, slot } from './built-statements';
import { statementOf } from './bulk-insert';
import type { Db } from './client';
import {
  type LiveEndpoint,
  type OutboxEventRow,
  type OutboxRef,
  outboxInsert,
  outboxRefs,
  storedEventColumns,
} from './outbox';
import { outboxEvents, tenants, webhookAttempts, webhookDeliveries, webhookEndpoints } from './schema';
import {
  disableStatements,
  type DisableReason,
  liveEndpoints,
  type WebhookEndpoint,
} from './webhook-endpoints';

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type DeliveryStatus = WebhookDelivery['status'];
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;

/** What a queue message needs to send one delivery. */
export type DeliveryRef = { id: string; tenantId: string; round: number };

/** How long a claimed attempt holds its delivery: the 10 s request and the bookkeeping around it. */
export const CLAIM_LEASE_MS = 60_000;
/** A message may arrive this much before the attempt time its delivery waits for (clock skew). */
const EARLY_SLACK_MS = 2_000;

/**
 * The fan-out of one event: a delivery for each enabled endpoint of the tenant whose filters
 * match (unique per endpoint and event, so a redelivered event adds none), and the deliveries of
 * this event not yet attempted, to be sent as queue messages (the insert and that read in one batch).
 * `live` are the endpoints live when it occurred, as the receipt read them; read here when not given.
 */
export async function createDeliveries(
  db: Db,
  event: { id: string; tenantId: string; type: EventType; occurredAt: Date },
  now: Date,
  live?: readonly LiveEndpoint[],
): Promise<DeliveryRef[]> {
  const endpoints = (live ?? (await liveEndpoints(db, event.tenantId, event.occurredAt))).filter((e) =>
    matchesEventFilter(e.eventTypes, event.type),
  );
  if (endpoints.length === 0) return [];
  const [, refs] = await db.batch([
    db
      .insert(webhookDeliveries)
      .values(
        endpoints.map((e) => ({
          id: newId('whd'),
          tenantId: event.tenantId,
          endpointId: e.id,
          eventId: event.id,
          nextAttemptAt: now,
          createdAt: now,
        })),
      )
      .onConflictDoNothing(),
    db
      .select({
        id: webhookDeliveries.id,
        tenantId: webhookDeliveries.tenantId,
        round: webhookDeliveries.round,
      })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.tenantId, event.tenantId),
          eq(webhookDeliveries.eventId, event.id),
          eq(webhookDeliveries.status, 'pending'),
          eq(webhookDeliveries.attempts, 0),
        ),
      ),
  ]);
  return refs;
}

/**
 * A test event for one endpoint: the event (marked dispatched and received, so no fan-out sends
 * it elsewhere), its one delivery and the caller's audit row, in one batch with the audit chain
 * (the request's only write). The delivery takes its endpoint from a read of the tenant's enabled
 * endpoint inside the batch: when there is none the insert fails (endpoint_id is NOT NULL) and the
 * whole batch with it, so nothing is written; the caller then reads why (404 or 409).
 */
export async function createTestDelivery(
  db: Db,
  keys: TenantKeys,
  endpoint: Pick<WebhookEndpoint, 'tenantId' | 'id'>,
  origin: AuditOrigin,
  now: Date,
): Promise<{ eventId: string; delivery: DeliveryRef }> {
  const enabledEndpoint = db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.tenantId, endpoint.tenantId),
        eq(webhookEndpoints.id, endpoint.id),
        eq(webhookEndpoints.active, true),
      ),
    );
  const event = outboxInsert(db, {
    tenantId: endpoint.tenantId,
    type: 'webhook_endpoint.test',
    subjectType: 'webhook_endpoint',
    subjectId: endpoint.id,
    payload: { endpointId: endpoint.id },
    occurredAt: now,
  });
  const id = newId('whd');
  await appendAudit(
    db,
    keys,
    [
      {
        ...origin,
        action: 'webhook_endpoint.test_sent',
        target: { type: 'webhook_endpoint', id: endpoint.id },
        details: { eventId: event.eventId, deliveryId: id },
        at: now,
      },
    ],
    [
      event,
      db
        .update(outboxEvents)
        .set({ dispatchedAt: now, receivedAt: now })
        .where(eq(outboxEvents.id, event.eventId)),
      db.insert(webhookDeliveries).values({
        id,
        tenantId: endpoint.tenantId,
        endpointId: sql`(${enabledEndpoint})`,
        eventId: event.eventId,
        nextAttemptAt: now,
        createdAt: now,
      }),
    ],
  );
  return { eventId: event.eventId, delivery: { id, tenantId: endpoint.tenantId, round: 1 } };
}

/** The tenant's wrapped data key, read with the claim so the sender needs no read of its own. */
export type ClaimedTenant = { id: string; wrappedKey: string };

export type Claim =
  | {
      kind: 'claimed';
      delivery: WebhookDelivery;
      endpoint: WebhookEndpoint;
      /** Undefined when the event or the tenant is gone (nothing can be sent). */
      event: OutboxEventRow | undefined;
      tenant: ClaimedTenant | undefined;
    }
  /** Nothing to do: gone, settled, of an earlier round, or another message holds the schedule. */
  | { kind: 'skip'; reason: 'missing' | 'settled' | 'stale_round' | 'not_due' | 'endpoint_disabled' }
  /** Another consumer is sending it right now: look again when its lease ends. */
  | { kind: 'busy'; seconds: number };

/**
 * Takes one attempt of each delivery: counts it and leases the row in one conditional update, so
 * of two consumers of the same message (or of duplicate messages) exactly one sends. The same
 * batch reads the deliveries as the update left them, their endpoints, events and tenants: one
 * round trip and five statements for the whole queue batch, however many deliveries it holds.
 */
export async function claimDeliveries(db: Db, refs: readonly DeliveryRef[], now: Date): Promise<Claim[]> {
  if (refs.length === 0) return [];
  const d1 = d1Of(db);
  const values = claimValues(refs, now);
  const [claimed, deliveries, endpoints, events, tenantRows] = (
    await d1.batch<Record<string, unknown>>(claimStatements(db).map((q) => bound(d1, q, values)))
  ).map((r) => r.results);
  // One row matches once: of two messages of the delivery's current round in a batch, the first
  // holds the claim; a message of an earlier round never does, wherever it comes in the batch.
  const unclaimed = new Map((claimed ?? []).map((c) => [c.id as string, c.round as number]));
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [endpointOf, eventOf, tenantOf] = [
    byId((endpoints ?? []).map((r) => rowOf<WebhookEndpoint>(ENDPOINT_COLUMNS, r))),
    byId((events ?? []).map((r) => rowOf<OutboxEventRow>(storedEventColumns, r))),
    byId((tenantRows ?? []).map((r) => rowOf<ClaimedTenant>(CLAIMED_TENANT_COLUMNS, r))),
  ];
  const rows = (deliveries ?? []).map((r) => rowOf<WebhookDelivery>(DELIVERY_COLUMNS, r));
  return Promise.all(
    refs.map((ref) => {
      // Every read is of the message's own tenant: another tenant's delivery is missing.
      const delivery = rows.find((r) => r.id === ref.id && r.tenantId === ref.tenantId);
      const row = delivery && {
        delivery,
        endpoint: sameTenant(endpointOf.get(delivery.endpointId), ref),
        event: sameTenant(eventOf.get(delivery.eventId), ref),
        tenant: tenantOf.get(ref.tenantId),
      };
      const holds = row !== undefined && unclaimed.get(ref.id) === ref.round && unclaimed.delete(ref.id);
      return claimOutcome(db, ref, now, holds, row);
    }),
  );
}

const DELIVERY_COLUMNS = columnsOf(webhookDeliveries);
const ENDPOINT_COLUMNS = columnsOf(webhookEndpoints);
const CLAIMED_TENANT_COLUMNS = { id: tenants.id, wrappedKey: tenants.wrappedKey };

/**
 * The claim's values, each list as one JSON parameter (D1 binds at most 100 per statement): the
 * ids, the refs as `[[tenantId, id, round], …]` and their tenants; the times in milliseconds.
 */
const claimValues = (refs: readonly DeliveryRef[], now: Date) => ({
  ids: JSON.stringify(refs.map((r) => r.id)),
  refs: JSON.stringify(refs.map((r) => [r.tenantId, r.id, r.round])),
  tenantIds: JSON.stringify([...new Set(refs.map((r) => r.tenantId))]),
  now: now.getTime(),
  lease: now.getTime() + CLAIM_LEASE_MS,
  dueBy: now.getTime() + EARLY_SLACK_MS,
});

/** `column in` the JSON list bound to `name`. */
const inSlot = (column: SQLWrapper, name: string) =>
  sql`${column} in (select value from json_each(${slot(name)}))`;

/** The claim's five statements (see `claimDeliveries`), built once per isolate. */
const claimStatements = builtOnce((db: Db) => {
  const d = webhookDeliveries;
  const ofBatch = inSlot(d.id, 'ids');
  return [
    db
      .update(d)
      .set({ attempts: sql`${d.attempts} + 1`, claimedUntil: slot('lease') })
      .where(
        and(
          ofBatch,
          sql`(${d.tenantId}, ${d.id}, ${d.round}) in (select value ->> 0, value ->> 1, value ->> 2 from json_each(${slot('refs')}))`,
          inArray(d.status, ['pending', 'retrying']),
          or(isNull(d.claimedUntil), lte(d.claimedUntil, slot('now'))),
          or(isNull(d.nextAttemptAt), lte(d.nextAttemptAt, slot('dueBy'))),
          exists(
            db
              .select({ one: sql`1` })
              .from(webhookEndpoints)
              .where(and(eq(webhookEndpoints.id, d.endpointId), eq(webhookEndpoints.active, true))),
          ),
        ),
      )
      .returning({ id: d.id, round: d.round }),
    db.select().from(d).where(ofBatch),
    db
      .select()
      .from(webhookEndpoints)
      .where(inArray(webhookEndpoints.id, db.select({ id: d.endpointId }).from(d).where(ofBatch))),
    db
      .select(storedEventColumns)
      .from(outboxEvents)
      .where(inArray(outboxEvents.id, db.select({ id: d.eventId }).from(d).where(ofBatch))),
    db.select(CLAIMED_TENANT_COLUMNS).from(tenants).where(inSlot(tenants.id, 'tenantIds')),
  ] as const;
});

const sameTenant = <T extends { tenantId: string }>(row: T | undefined, ref: DeliveryRef) =>
  row?.tenantId === ref.tenantId ? row : undefined;

type ClaimRow = {
  delivery: WebhookDelivery;
  endpoint: WebhookEndpoint | undefined;
  event: OutboxEventRow | undefined;
  tenant: ClaimedTenant | undefined;
};

/** What the claim found for one delivery: `claimed` when its update counted this attempt. */
async function claimOutcome(
  db: Db,
  ref: DeliveryRef,
  now: Date,
  claimed: boolean,
  row: ClaimRow | undefined,
): Promise<Claim> {
  if (!row) return { kind: 'skip', reason: 'missing' };
  const { delivery, endpoint } = row;
  if (claimed) {
    if (!endpoint) return { kind: 'skip', reason: 'missing' };
    return { kind: 'claimed', delivery, endpoint, event: row.event, tenant: row.tenant };
  }
  if (delivery.round !== ref.round) return { kind: 'skip', reason: 'stale_round' };
  if (delivery.status !== 'pending' && delivery.status !== 'retrying')
    return { kind: 'skip', reason: 'settled' };
  if (delivery.claimedUntil && delivery.claimedUntil > now)
    return {
      kind: 'busy',
      seconds: Math.ceil((delivery.claimedUntil.getTime() - now.getTime()) / 1000) + 1,
    };
  if (!endpoint?.active) {
    // Disabled meanwhile: nothing is sent; replay it once the endpoint is enabled again.
    await db
      .update(webhookDeliveries)
      .set({ status: 'failed', lastError: 'endpoint_disabled', nextAttemptAt: null })
      .where(
        and(
          eq(webhookDeliveries.id, delivery.id),
          eq(webhookDeliveries.round, delivery.round),
          inArray(webhookDeliveries.status, ['pending', 'retrying']),
        ),
      );
    return { kind: 'skip', reason: 'endpoint_disabled' };
  }
  return { kind: 'skip', reason: 'not_due' };
}

/** What one attempt found: the answer's status, or the error that kept it from one. */
export type AttemptResult = {
  at: Date;
  durationMs: number;
  statusCode: number | null;
  ok: boolean;
  errorCode: string | null;
  error: string | null;
};

/** How the delivery goes on after an attempt. */
export type Settlement =
  | { status: 'delivered' }
  | { status: 'retrying'; delaySeconds: number }
  | { status: 'failed' | 'dead' }
  | { status: 'failed'; disable: DisableReason };

/** What a settlement wrote: the events to hand over, and whether it disabled the endpoint. */
export type Settled = { events: OutboxRef[]; disabled: boolean };

/**
 * What every attempt writes, built once per isolate: the attempt row, the delivery's new state
 * (of its tenant and round), and the health mark it leaves on its endpoint: a success ends a
 * failing run, a failure starts (or continues) one.
 */
const attemptStatements = builtOnce((db: Db) => {
  const d = webhookDeliveries;
  const e = webhookEndpoints;
  const endpoint = and(eq(e.tenantId, slot('tenantId')), eq(e.id, slot('endpointId')));
  return [
    db.insert(webhookAttempts).values({
      id: slot('attemptId'),
      tenantId: slot('tenantId'),
      deliveryId: slot('deliveryId'),
      round: slot('round'),
      attempt: slot('attempt'),
      at: slot('at'),
      durationMs: slot('durationMs'),
      statusCode: slot('statusCode'),
      outcome: slot('outcome'),
      errorCode: slot('errorCode'),
      error: slot('error'),
    }),
    db
      .update(d)
      .set({
        status: slot('status'),
        lastStatusCode: slot('statusCode'),
        lastError: slot('errorCode'),
        nextAttemptAt: slot('nextAttemptAt'),
        deliveredAt: slot('deliveredAt'),
        claimedUntil: null,
      })
      .where(and(eq(d.tenantId, slot('tenantId')), eq(d.id, slot('deliveryId')), eq(d.round, slot('round')))),
    db
      .update(e)
      .set({ failingSince: null })
      .where(and(endpoint, isNotNull(e.failingSince))),
    db
      .update(e)
      .set({ failingSince: sql`coalesce(${e.failingSince}, ${slot('at')})` })
      .where(endpoint),
  ] as const;
});

/**
 * The statements that record an attempt and its consequences together: the attempt row, the
 * delivery's new state, the endpoint's failing run and, when the endpoint is to be disabled, the
 * disabling with its event; and how to read what they did from their results.
 */
function settlementStatements(
  db: Db,
  claim: { delivery: WebhookDelivery; endpoint: WebhookEndpoint },
  result: AttemptResult,
  next: Settlement,
  health: 'ok' | 'failed' | 'unchanged',
): { statements: D1PreparedStatement[]; settled: (results: D1Result[]) => Settled } {
  const { delivery, endpoint } = claim;
  const at = result.at;
  const d1 = d1Of(db);
  const [attempt, update, healthy, failing] = attemptStatements(db);
  const values = {
    attemptId: newId('wha'),
    tenantId: delivery.tenantId,
    deliveryId: delivery.id,
    endpointId: endpoint.id,
    round: delivery.round,
    attempt: delivery.attempts,
    at: at.getTime(),
    durationMs: result.durationMs,
    statusCode: result.statusCode,
    outcome: result.ok ? 'delivered' : 'failed',
    errorCode: result.errorCode,
    error: result.error,
    status: next.status,
    nextAttemptAt: next.status === 'retrying' ? at.getTime() + next.delaySeconds * 1000 : null,
    deliveredAt: next.status === 'delivered' ? at.getTime() : null,
  };
  const statements = [
    attempt,
    update,
    ...(health === 'unchanged' ? [] : [health === 'ok' ? healthy : failing]),
  ].map((q) => bound(d1, q, values));
  if (!('disable' in next)) return { statements, settled: () => ({ events: [], disabled: false }) };
  const failingSince = next.disable === 'failing' ? (endpoint.failingSince ?? at) : null;
  const disabling = disableStatements(db, endpoint, next.disable, failingSince, at);
  return {
    statements: [...statements, statementOf(d1, disabling.event), statementOf(d1, disabling.update)],
    settled: (results) => ({
      events: outboxRefs([disabling.event]),
      disabled: (results.at(-1)?.results ?? []).length > 0,
    }),
  };
}

/** Records one attempt: see `settlementStatements`. */
export type SettleAttempt = (
  claim: { delivery: WebhookDelivery; endpoint: WebhookEndpoint },
  result: AttemptResult,
  next: Settlement,
  health: 'ok' | 'failed' | 'unchanged',
) => Promise<Settled>;

/**
 * The settlements of one queue batch, each in one D1 batch with the others ready at the same time:
 * the first is written at once, those that finish while a write is in flight go together in the
 * next, so a batch of deliveries settles in a few round trips and no attempt waits for a slower
 * one. A write that fails is tried again one settlement at a time, so a failure is only its own.
 */
export function settlementWriter(db: Db): SettleAttempt {
  type Waiting = {
    statements: D1PreparedStatement[];
    resolve: (results: D1Result[]) => void;
    reject: (err: unknown) => void;
  };
  const d1 = d1Of(db);
  let waiting: Waiting[] = [];
  let writing = false;
  const write = async (group: Waiting[]) => {
    const results = await d1.batch(group.flatMap((w) => w.statements));
    let at = 0;
    for (const w of group) {
      w.resolve(results.slice(at, at + w.statements.length));
      at += w.statements.length;
    }
  };
  const drain = async () => {
    writing = true;
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        await write(group);
      } catch (err) {
        if (group.length === 1) group[0]!.reject(err);
        else for (const w of group) await write([w]).catch(w.reject);
      }
    }
    writing = false;
  };
  return async (claim, result, next, health) => {
    const { statements, settled } = settlementStatements(db, claim, result, next, health);
    const results = await new Promise<D1Result[]>((resolve, reject) => {
      waiting.push({ statements, resolve, reject });
      if (!writing) void drain();
    });
    return settled(results);
  };
}

/** The dead-letter queue's record: a delivery whose message gave up is dead, unless it was settled. */
export async function markDeadLettered(db: Db, ref: DeliveryRef): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({
      status: 'dead',
      lastError: sql`coalesce(${webhookDeliveries.lastError}, 'dead_letter')`,
      claimedUntil: null,
      nextAttemptAt: null,
    })
    .where(
      and(
        eq(webhookDeliveries.tenantId, ref.tenantId),
        eq(webhookDeliveries.id, ref.id),
        eq(webhookDeliveries.round, ref.round),
        inArray(webhookDeliveries.status, ['pending', 'retrying']),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

/**
 * Starts a new round for deliveries: pending again, attempts from zero, any message of an earlier
 * round stale. A delivery whose attempt is in flight is left alone. Returns the refs to send.
 */
export async function replayDeliveries(
  db: Db,
  tenantId: string,
  ids: string[],
  now: Date,
): Promise<DeliveryRef[]> {
  if (ids.length === 0) return [];
  return db
    .update(webhookDeliveries)
    .set({
      status: 'pending',
      round: sql`${webhookDeliveries.round} + 1`,
      attempts: 0,
      nextAttemptAt: now,
      claimedUntil: null,
    })
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        inArray(webhookDeliveries.id, ids),
        or(isNull(webhookDeliveries.claimedUntil), lte(webhookDeliveries.claimedUntil, now)),
      ),
    )
    .returning({
      id: webhookDeliveries.id,
      tenantId: webhookDeliveries.tenantId,
      round: webhookDeliveries.round,
    });
}

/** Ids of an endpoint's deliveries in `statuses` created since `since`, oldest first. */
export async function deliveriesToReplay(
  db: Db,
  tenantId: string,
  endpointId: string,
  since: Date,
  statuses: DeliveryStatus[],
  limit: number,
): Promise<string[]> {
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.endpointId, endpointId),
        inArray(webhookDeliveries.status, statuses),
        gte(webhookDeliveries.createdAt, since),
      ),
    )
    .orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * The catch-up's share: deliveries waiting longer than `late` past their attempt time with no
 * attempt in flight (a message lost on the way); sending them again is harmless (the claim).
 */
export async function overdueDeliveries(
  db: Db,
  now: Date,
  lateMs: number,
  limit: number,
): Promise<DeliveryRef[]> {
  return db
    .select({
      id: webhookDeliveries.id,
      tenantId: webhookDeliveries.tenantId,
      round: webhookDeliveries.round,
    })
    .from(webhookDeliveries)
    .where(
      and(
        inArray(webhookDeliveries.status, ['pending', 'retrying']),
        lt(webhookDeliveries.nextAttemptAt, new Date(now.getTime() - lateMs)),
        or(isNull(webhookDeliveries.claimedUntil), lte(webhookDeliveries.claimedUntil, now)),
      ),
    )
    .limit(limit);
}

export type DeliveryRow = WebhookDelivery & { eventType: string };

const withType = { delivery: webhookDeliveries, eventType: outboxEvents.type };

export async function getDelivery(db: Db, tenantId: string, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select(withType)
    .from(webhookDeliveries)
    .innerJoin(outboxEvents, eq(outboxEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, id)))
    .limit(1);
  return row ? { ...row.delivery, eventType: row.eventType } : undefined;
}

export async function deliveryAttempts(
  db: Db,
  tenantId: string,
  deliveryId: string,
): Promise<WebhookAttempt[]> {
  return db
    .select()
    .from(webhookAttempts)
    .where(and(eq(webhookAttempts.tenantId, tenantId), eq(webhookAttempts.deliveryId, deliveryId)))
    .orderBy(asc(webhookAttempts.at), asc(webhookAttempts.id));
}

export type DeliveryFilter = {
  endpointId?: string;
  status?: DeliveryStatus;
  eventType?: string;
  since?: Date;
  limit: number;
  after: { at: number; id: string } | null;
};

/** A page of a tenant's deliveries, newest first. */
export async function listDeliveries(
  db: Db,
  tenantId: string,
  f: DeliveryFilter,
): Promise<{ rows: DeliveryRow[]; next: { at: number; id: string } | null }> {
  const before = f.after
    ? or(
        lt(webhookDeliveries.createdAt, new Date(f.after.at)),
        and(eq(webhookDeliveries.createdAt, new Date(f.after.at)), lt(webhookDeliveries.id, f.after.id)),
      )
    : undefined;
  const rows = await db
    .select(withType)
    .from(webhookDeliveries)
    .innerJoin(outboxEvents, eq(outboxEvents.id, webhookDeliveries.eventId))
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        f.endpointId ? eq(webhookDeliveries.endpointId, f.endpointId) : undefined,
        f.status ? eq(webhookDeliveries.status, f.status) : undefined,
        f.eventType ? eq(outboxEvents.type, f.eventType) : undefined,
        f.since ? gt(webhookDeliveries.createdAt, f.since) : undefined,
        before,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(f.limit + 1);
  const shown = rows.slice(0, f.limit).map((r) => ({ ...r.delivery, eventType: r.eventType }));
  const last = shown.at(-1);
  return {
    rows: shown,
    next: rows.length > f.limit && last ? { at: last.createdAt.getTime(), id: last.id } : null,
  };
}
