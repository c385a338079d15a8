// Moving a privacy request through its state machine (shared/request-lifecycle.ts): every change
// writes the new state, a history row and the outbox event in one batch, behind a guard that
// fails the whole batch when the request changed since it was read (no lost updates, no
// transition from a state the request has already left).

import { and, eq, ne, or, sql } from 'drizzle-orm';
import { extendedDueDates, resumedDueDates } from '../shared/due-dates';
import { AppError } from '../shared/errors';
import { newId } from '../shared/regions';
import {
  nextStatus,
  OPEN_STATUSES,
  type RejectReason,
  type RequestAction,
} from '../shared/request-lifecycle';
import { runBatch, type BatchItem, type Db } from './client';
import { outboxInsert, outboxInsertEach, type OutboxRef, outboxRefs } from './outbox';
import { findPrivacyRequest, type PrivacyRequest } from './privacy-requests';
import { counted, requestSubjectScope, requestSubjectsScope } from './report-counters';
import { privacyRequestHistory, privacyRequests } from './schema';

const EVENT = {
  verify: 'verified',
  pause: 'paused',
  resume: 'resumed',
  extend: 'extended',
  start: 'executing',
  finish: 'completed',
  reject: 'rejected',
  complete: 'completed',
  close: 'closed',
  withdraw: 'withdrawn',
} as const satisfies Record<RequestAction, string>;

export type TransitionInput = {
  /** `api_key:<id>`, `subscriber`, `system`, `clock`, `admin:<id>`. */
  actor: string;
  note?: string | null;
  now?: Date;
  /** Columns to change besides status and updatedAt. */
  patch?: Partial<Omit<PrivacyRequest, 'id' | 'tenantId' | 'status'>>;
  /** Facts added to the outbox payload (ids and codes only). */
  payload?: Record<string, unknown>;
  /** More statements for the same batch (an erasure's deletions). */
  extra?: BatchItem[];
  /** Receives the outbox events of the batch once it committed (to hand exactly those on). */
  events?: OutboxRef[];
};

/**
 * A statement that fails when the request is no longer in the state it was read in: it sets a
 * NOT NULL column to null on exactly that condition, and the constraint error aborts the batch.
 */
function guard(db: Db, request: PrivacyRequest) {
  return db
    .update(privacyRequests)
    .set({ kind: sql`null` })
    .where(
      and(
        eq(privacyRequests.id, request.id),
        or(ne(privacyRequests.status, request.status), ne(privacyRequests.updatedAt, request.updatedAt)),
      ),
    );
}

const isGuardFailure = (err: unknown) =>
  err instanceof Error &&
  /NOT NULL constraint failed: privacy_requests\.kind/.test(`${err.message} ${String(err.cause ?? '')}`);

/** The state `action` moves `request` to, at `now` (after its last change); or `illegal_transition` (409). */
function transitioned(
  request: PrivacyRequest,
  action: RequestAction,
  input: Pick<TransitionInput, 'now' | 'patch'>,
): PrivacyRequest {
  const verdict = nextStatus(request.status, action, {
    kind: request.kind,
    extended: request.extendedAt !== null,
  });
  if (!verdict.ok)
    throw new AppError('illegal_transition', verdict.reason, { status: request.status, action });
  let now = input.now ?? new Date();
  if (now.getTime() <= request.updatedAt.getTime()) now = new Date(request.updatedAt.getTime() + 1);
  return { ...request, ...input.patch, status: verdict.to, updatedAt: now };
}

/** The outbox payload of a transition: the request's ids, state and due dates, and `facts`. */
function transitionPayload(request: PrivacyRequest, next: PrivacyRequest, facts?: Record<string, unknown>) {
  return {
    requestId: request.id,
    subscriberId: next.subscriberId,
    kind: request.kind,
    status: next.status,
    dueAt: next.dueAt.toISOString(),
    monthDueAt: next.monthDueAt.toISOString(),
    ...facts,
  };
}

/**
 * The statements of one transition (guard, new state, history row, outbox event), for a batch of
 * the caller's; throws `illegal_transition` (409) when the action is not allowed from the status.
 */
function transitionStatements(
  db: Db,
  request: PrivacyRequest,
  action: RequestAction,
  input: Omit<TransitionInput, 'extra' | 'events'>,
): { next: PrivacyRequest; batch: BatchItem[] } {
  const next = transitioned(request, action, input);
  const now = next.updatedAt;
  const { id: _id, tenantId: _tenantId, ...changes } = next;
  const type = `privacy_request.${EVENT[action]}` as const;
  const batch: BatchItem[] = [
    guard(db, request),
    db
      .update(privacyRequests)
      .set(changes)
      .where(and(eq(privacyRequests.tenantId, request.tenantId), eq(privacyRequests.id, request.id))),
    db.insert(privacyRequestHistory).values({
      id: newId('rqh'),
      tenantId: request.tenantId,
      requestId: request.id,
      fromStatus: request.status,
      toStatus: next.status,
      action,
      actor: input.actor,
      note: input.note ?? null,
      at: now,
    }),
    outboxInsert(db, {
      tenantId: request.tenantId,
      type,
      subjectType: 'privacy_request',
      subjectId: request.id,
      occurredAt: now,
      payload: transitionPayload(request, next, input.payload),
    }),
  ];
  // An erasure opening or closing moves its subject between the compliance cells.
  return {
    next,
    batch:
      request.kind === 'erasure' ? counted(db, requestSubjectScope(request.tenantId, request), batch) : batch,
  };
}

/** Applies `action`, or throws `illegal_transition` (409) / `conflict` (409) and writes nothing. */
export async function transitionRequest(
  db: Db,
  request: PrivacyRequest,
  action: RequestAction,
  input: TransitionInput,
): Promise<PrivacyRequest> {
  const { next, batch } = transitionStatements(db, request, action, input);
  batch.push(...(input.extra ?? []));
  await runGuarded(db, batch);
  input.events?.push(...outboxRefs(batch));
  return next;
}

/**
 * Runs a batch holding transition guards; a guard that fired becomes `conflict` (409) and the
 * batch changed nothing. Other failures are rethrown as they are.
 */
export async function runGuarded(db: Db, batch: BatchItem[]): Promise<unknown[]> {
  try {
    if (batch.length === 0) return [];
    return await db.batch(batch as [BatchItem, ...BatchItem[]]);
  } catch (err) {
    if (isGuardFailure(err))
      throw new AppError(
        'conflict',
        'The request changed while this was being done; read it again and retry.',
      );
    throw err;
  }
}

type Actor = Pick<TransitionInput, 'actor' | 'note' | 'now' | 'events'>;

/** Identity confirmed (Art. 12(6)): the clock, stopped since receipt, starts now. */
export function verifyRequest(db: Db, request: PrivacyRequest, by: Actor) {
  const now = by.now ?? new Date();
  const moved = resumedDueDates(request, request.receivedAt, now);
  return transitionRequest(db, request, 'verify', { ...by, now, patch: { ...moved, verifiedAt: now } });
}

export function pauseRequest(db: Db, request: PrivacyRequest, by: Actor) {
  const now = by.now ?? new Date();
  return transitionRequest(db, request, 'pause', { ...by, now, patch: { pausedAt: now } });
}

/** The clock runs again; both due dates move by the time it stood still. */
export function resumeRequest(db: Db, request: PrivacyRequest, by: Actor) {
  const now = by.now ?? new Date();
  const moved = resumedDueDates(request, request.pausedAt ?? now, now);
  return transitionRequest(db, request, 'resume', { ...by, now, patch: { ...moved, pausedAt: null } });
}

export function extendRequest(db: Db, request: PrivacyRequest, by: Actor & { days: number; reason: string }) {
  const now = by.now ?? new Date();
  const moved = extendedDueDates(request, by.days);
  return transitionRequest(db, request, 'extend', {
    ...by,
    now,
    note: by.reason,
    patch: { ...moved, extendedAt: now, extensionReason: by.reason, reminderSentAt: null },
    payload: { days: by.days },
  });
}

export function rejectRequest(
  db: Db,
  request: PrivacyRequest,
  by: Actor & { reason: RejectReason; text?: string | null },
) {
  const now = by.now ?? new Date();
  return transitionRequest(db, request, 'reject', {
    ...by,
    now,
    note: by.text ?? null,
    payload: { reason: by.reason },
    patch: {
      rejectReason: by.reason,
      rejectNote: by.text ?? null,
      resolvedAt: now,
      pausedAt: null,
      requesterCt: null,
    },
  });
}

/**
 * A kind the client fulfils itself, done; `extra` commits with it (an unsubscribe or a
 * rectification carried out at once), `payload` adds its facts to the completed event.
 */
export function completeRequest(
  db: Db,
  request: PrivacyRequest,
  by: Actor & { extra?: BatchItem[]; payload?: Record<string, unknown> },
) {
  const now = by.now ?? new Date();
  return transitionRequest(db, request, 'complete', {
    ...by,
    now,
    patch: { resolvedAt: now, pausedAt: null, requesterCt: null },
  });
}

/**
 * Commits `queries` together with the completion of `requestId`, carried out by them at once.
 * When the request is no longer open (a simultaneous caller completed it first) they commit
 * alone: the change is made either way, and the request is completed once. Callers act on a
 * link mailed to the person's address, which establishes identity as the confirmation link
 * would: a request they joined that still awaits confirmation is confirmed first. Returns the
 * request this call completed, if it did.
 */
export async function commitWithCompletion(
  db: Db,
  tenantId: string,
  requestId: string,
  queries: BatchItem[],
  by: Actor & { payload?: Record<string, unknown>; events: OutboxRef[] },
): Promise<PrivacyRequest | undefined> {
  for (;;) {
    let request = await findPrivacyRequest(db, tenantId, requestId);
    if (!request || !OPEN_STATUSES.includes(request.status) || request.status === 'executing') {
      await runBatch(db, queries);
      by.events.push(...outboxRefs(queries));
      return undefined;
    }
    try {
      if (request.status === 'awaiting_verification')
        request = await verifyRequest(db, request, {
          actor: by.actor,
          note: 'confirmed by its link',
          events: by.events,
        });
      return await completeRequest(db, request, { ...by, extra: queries });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  }
}

/** The requester takes back a request nothing has been carried out for yet (Art. 7(3) in spirit). */
export function withdrawRequest(db: Db, request: PrivacyRequest, by: Actor) {
  const now = by.now ?? new Date();
  return transitionRequest(db, request, 'withdraw', {
    ...by,
    now,
    patch: { resolvedAt: now, pausedAt: null, requesterCt: null },
  });
}

/** Claims a request for execution; a second claimant gets `conflict`. */
export function startExecution(db: Db, request: PrivacyRequest, by: Actor) {
  return transitionRequest(db, request, 'start', by);
}

export function finishExecution(
  db: Db,
  request: PrivacyRequest,
  by: Actor & { extra?: BatchItem[]; payload?: Record<string, unknown>; patch?: TransitionInput['patch'] },
) {
  return transitionRequest(db, request, 'finish', finishing(by));
}

/** A finished execution is resolved now and keeps no requester address. */
function finishing<T extends TransitionInput>(by: T): T {
  const now = by.now ?? new Date();
  return { ...by, now, patch: { ...by.patch, resolvedAt: now, requesterCt: null } };
}

/** One request of a transition of several, with its own changes and event facts. */
export type EachTransition = {
  request: PrivacyRequest;
  /** Columns to change besides status and updatedAt: the same keys for every request. */
  patch?: TransitionInput['patch'];
  payload?: Record<string, unknown>;
};

/** A value of a patch as SQLite stores it (dates as milliseconds), for a JSON parameter. */
const stored = (value: unknown) => (value instanceof Date ? value.getTime() : value);

/**
 * The statements of one action applied to several erasure requests of a tenant, one statement
 * per kind whatever their number (guard, new states, history rows, outbox events, with the
 * compliance cells of their subjects counted around them): their values travel as one bound
 * JSON array, read with `json_each`, so D1's 100 parameters per statement never bind the
 * number. One request changed meanwhile fails the whole batch, as its own guard would.
 */
function transitionEachStatements(
  db: Db,
  items: readonly EachTransition[],
  action: RequestAction,
  input: Omit<TransitionInput, 'extra' | 'events' | 'patch' | 'payload'>,
): { next: PrivacyRequest[]; batch: BatchItem[] } {
  const first = items[0]?.request;
  if (!first) return { next: [], batch: [] };
  const tenantId = first.tenantId;
  const keys = Object.keys(items[0]?.patch ?? {}) as (keyof NonNullable<TransitionInput['patch']>)[];
  if (items.some((i) => i.request.tenantId !== tenantId || i.request.kind !== 'erasure'))
    throw new Error('transitionEachStatements: erasure requests of one tenant');
  const next = items.map((i) => transitioned(i.request, action, { now: input.now, patch: i.patch }));
  const rows = items.map((i, n) => ({
    id: i.request.id,
    from: i.request.status,
    was: i.request.updatedAt.getTime(),
    status: next[n]?.status,
    at: next[n]?.updatedAt.getTime(),
    history: newId('rqh'),
    patch: Object.fromEntries(keys.map((k) => [k, stored(i.patch?.[k])])),
  }));
  const json = JSON.stringify(rows);
  const field = (path: string) => sql.raw(`json_extract(j.value, '$.${path}')`);
  const each = sql`json_each(${json}) as j`;
  // `+tenant_id`: the requests are found by their ids, never through the tenant's index.
  const ofChunk = and(
    sql`+${privacyRequests.tenantId} = ${tenantId}`,
    sql`${privacyRequests.id} = ${field('id')}`,
  );
  const batch: BatchItem[] = [
    // The guard: a NOT NULL column set to null on any request no longer as it was read.
    db
      .update(privacyRequests)
      .set({ kind: sql`null` })
      .from(each)
      .where(
        and(
          ofChunk,
          sql`(${privacyRequests.status} <> ${field('from')} or ${privacyRequests.updatedAt} <> ${field('was')})`,
        ),
      ),
    db
      .update(privacyRequests)
      .set({
        status: sql`${field('status')}`,
        updatedAt: sql`${field('at')}`,
        ...Object.fromEntries(keys.map((k) => [k, sql`${field(`patch.${k}`)}`])),
      })
      .from(each)
      .where(ofChunk),
    db.insert(privacyRequestHistory).select(
      db
        .select({
          id: sql<string>`${field('history')}`.as('id'),
          tenantId: sql<string>`${tenantId}`.as('tenant_id'),
          requestId: sql<string>`${field('id')}`.as('request_id'),
          fromStatus: sql<string>`${field('from')}`.as('from_status'),
          toStatus: sql<string>`${field('status')}`.as('to_status'),
          action: sql<string>`${action}`.as('action'),
          actor: sql<string>`${input.actor}`.as('actor'),
          note: sql<string | null>`${input.note ?? null}`.as('note'),
          at: sql<number>`${field('at')}`.as('at'),
        })
        .from(each),
    ),
    outboxInsertEach(
      db,
      items.map((i, n) => {
        const moved = next[n] as PrivacyRequest;
        return {
          tenantId,
          type: `privacy_request.${EVENT[action]}` as const,
          subjectType: 'privacy_request' as const,
          subjectId: i.request.id,
          occurredAt: moved.updatedAt,
          payload: transitionPayload(i.request, moved, i.payload),
        };
      }),
    ),
  ];
  return {
    next,
    batch: counted(
      db,
      requestSubjectsScope(
        tenantId,
        items.map((i) => i.request),
      ),
      batch,
    ),
  };
}

/**
 * The statements that claim erasure requests for execution, for a batch of the caller's (run with
 * `runGuarded`): a request claimed or changed meanwhile fails the whole batch.
 */
export function startEachStatements(db: Db, requests: readonly PrivacyRequest[], by: Omit<Actor, 'events'>) {
  return transitionEachStatements(
    db,
    requests.map((request) => ({ request })),
    'start',
    by,
  );
}

/**
 * The statements that complete claimed executions, for the batch of the erasures themselves:
 * resolved now, no requester address kept, each with its own `patch` and event facts.
 */
export function finishEachStatements(db: Db, items: readonly EachTransition[], by: Omit<Actor, 'events'>) {
  const now = by.now ?? new Date();
  return transitionEachStatements(
    db,
    items.map((i) => ({ ...i, patch: { ...i.patch, resolvedAt: now, requesterCt: null } })),
    'finish',
    { ...by, now },
  );
}

/**
 * The statements that close a request because its subject was erased by `erasureRequestId`
 * (for the erasure's own batch): completed, its stored address wiped, with history and event.
 */
export function closeForErasure(
  db: Db,
  request: PrivacyRequest,
  by: { erasureRequestId: string; now: Date; patch?: TransitionInput['patch'] },
) {
  return transitionStatements(db, request, 'close', {
    actor: 'system',
    now: by.now,
    note: `subject erased by ${by.erasureRequestId}`,
    payload: { reason: 'subject_erased', erasureRequestId: by.erasureRequestId },
    patch: { ...by.patch, resolvedAt: by.now, pausedAt: null, requesterCt: null },
  });
}
