// Privacy requests: the one domain function that files a request, whatever the channel
// (preference centre, unsubscribe page, link intercept, inbound email, API, admin). It merges a
// duplicate of an open request, sets the due dates, and writes the request, its history and
// its outbox event in one batch. Lookups and listings of requests live here too.

import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { encryptTenantField, decryptTenantField, type TenantKeys } from '../shared/crypto/envelope';
import { DEFAULT_DUE_DAYS, dueDates } from '../shared/due-dates';
import { AppError } from '../shared/errors';
import { newId } from '../shared/regions';
import { OPEN_STATUSES } from '../shared/request-lifecycle';
import { runBatch, type BatchItem, type Db } from './client';
import { outboxInsert, type OutboxRef, outboxRefs } from './outbox';
import { counted, requestSubjectScope } from './report-counters';
import { privacyRequestHistory, privacyRequests, type TenantSettings } from './schema';

export type PrivacyRequest = typeof privacyRequests.$inferSelect;
export type RequestHistoryEntry = typeof privacyRequestHistory.$inferSelect;
export type RequestKind = PrivacyRequest['kind'];
export type RequestChannel = PrivacyRequest['channel'];
export type RequestStatus = PrivacyRequest['status'];
export { OPEN_STATUSES };

export type NewPrivacyRequest = {
  tenantId: string;
  kind: RequestKind;
  channel: RequestChannel;
  /** Known subscriber, if any. */
  subscriberId?: string | null;
  /** Blind index of the requester's address, when known. */
  subjectIndex?: string | null;
  /**
   * The requester's normalised address when no subscriber holds it (a request by someone the
   * tenant does not know): kept encrypted on the request so that they can be answered.
   */
  requester?: { email: string; keys: TenantKeys } | null;
  /** What created it (message id, token kind, API key id…): never personal data. */
  evidence?: Record<string, unknown>;
  language?: string | null;
  /**
   * Whether the requester's identity is already established (signed link, verified sender, the
   * client's API). Otherwise the request waits for the requester to confirm (Art. 12(6)).
   */
  verified: boolean;
  /** Who filed it, for the history: `subscriber`, `api_key:<id>`, `system`, `admin:<id>`. */
  actor: string;
  receivedAt?: Date;
};

export function dueDaysFor(settings: TenantSettings, kind: RequestKind, fallback = DEFAULT_DUE_DAYS): number {
  return settings.dueDays?.[kind] ?? settings.dueDays?.default ?? fallback;
}

export async function findOpenDuplicate(
  db: Db,
  input: Pick<NewPrivacyRequest, 'tenantId' | 'kind' | 'subscriberId' | 'subjectIndex'>,
) {
  const subjects: SQL[] = [];
  if (input.subscriberId) subjects.push(eq(privacyRequests.subscriberId, input.subscriberId));
  if (input.subjectIndex) subjects.push(eq(privacyRequests.subjectIndex, input.subjectIndex));
  if (subjects.length === 0) return undefined;
  return db.query.privacyRequests.findFirst({
    where: and(
      eq(privacyRequests.tenantId, input.tenantId),
      eq(privacyRequests.kind, input.kind),
      inArray(privacyRequests.status, [...OPEN_STATUSES]),
      or(...subjects),
    ),
  });
}

export type FiledRequest = { request: PrivacyRequest; merged: boolean };

/**
 * Files a request, or returns the open request of the same kind and subject it duplicates
 * (recording the duplicate in that request's history). A merge never changes the request's
 * status or verification, whatever the duplicate claims: a request awaiting confirmation is
 * confirmed only by its requester's link (or a client vouching through the API's `verify`).
 * `extra` commits in the same batch as the filing (the change a request carried out at once
 * records); the outbox events written are added to `events`.
 */
export async function createPrivacyRequest(
  db: Db,
  settings: TenantSettings,
  input: NewPrivacyRequest,
  events: OutboxRef[] = [],
  extra: BatchItem[] = [],
): Promise<FiledRequest> {
  const now = input.receivedAt ?? new Date();
  for (let attempt = 1; ; attempt++) {
    const duplicate = await findOpenDuplicate(db, input);
    if (duplicate) return mergeDuplicate(db, duplicate, input, now, events, extra);
    try {
      return await insertRequest(db, settings, input, now, events, extra);
    } catch (err) {
      // A request filed at the same moment won the open-request unique index: merge into it.
      if (!isOpenRequestConflict(err) || attempt >= 3) throw err;
    }
  }
}

const isOpenRequestConflict = (err: unknown) =>
  err instanceof Error &&
  /UNIQUE constraint failed: privacy_requests\.(tenant_id|kind)/.test(
    `${err.message} ${String(err.cause ?? '')}`,
  );

async function mergeDuplicate(
  db: Db,
  duplicate: PrivacyRequest,
  input: NewPrivacyRequest,
  now: Date,
  events: OutboxRef[],
  extra: BatchItem[],
): Promise<FiledRequest> {
  const batch: BatchItem[] = [
    db.insert(privacyRequestHistory).values({
      id: newId('rqh'),
      tenantId: input.tenantId,
      requestId: duplicate.id,
      fromStatus: duplicate.status,
      toStatus: duplicate.status,
      action: 'duplicate_merged',
      actor: input.actor,
      // The filing's own claim is kept for whoever decides; it changes nothing here.
      note: `via ${input.channel}${input.verified ? ', filed as verified' : ''}`,
      at: now,
    }),
    outboxInsert(db, {
      tenantId: input.tenantId,
      type: 'privacy_request.duplicate_merged',
      subjectType: 'privacy_request',
      subjectId: duplicate.id,
      payload: {
        requestId: duplicate.id,
        subscriberId: duplicate.subscriberId,
        kind: duplicate.kind,
        channel: input.channel,
      },
      occurredAt: now,
    }),
    ...extra,
  ];
  await runBatch(db, batch);
  events.push(...outboxRefs(batch));
  return { request: duplicate, merged: true };
}

async function insertRequest(
  db: Db,
  settings: TenantSettings,
  input: NewPrivacyRequest,
  now: Date,
  events: OutboxRef[],
  extra: BatchItem[],
): Promise<FiledRequest> {
  const id = newId('prq');
  const { dueAt, monthDueAt } = dueDates(now, dueDaysFor(settings, input.kind));
  const request: PrivacyRequest = {
    id,
    tenantId: input.tenantId,
    subscriberId: input.subscriberId ?? null,
    subjectIndex: input.subjectIndex ?? null,
    kind: input.kind,
    status: input.verified ? 'open' : 'awaiting_verification',
    channel: input.channel,
    evidence: input.evidence ?? {},
    language: input.language ?? null,
    receivedAt: now,
    dueAt,
    monthDueAt,
    verifiedAt: input.verified ? now : null,
    pausedAt: null,
    extendedAt: null,
    extensionReason: null,
    rejectReason: null,
    rejectNote: null,
    resolvedAt: null,
    reminderSentAt: null,
    pausedMs: 0,
    requesterCt:
      input.requester && !input.subscriberId
        ? await encryptTenantField(input.requester.keys, id, 'requester', input.requester.email)
        : null,
    updatedAt: now,
  };
  const batch: BatchItem[] = [
    db.insert(privacyRequests).values(request),
    db.insert(privacyRequestHistory).values({
      id: newId('rqh'),
      tenantId: input.tenantId,
      requestId: request.id,
      fromStatus: null,
      toStatus: request.status,
      action: 'created',
      actor: input.actor,
      note: null,
      at: now,
    }),
    outboxInsert(db, {
      tenantId: input.tenantId,
      type: 'privacy_request.created',
      subjectType: 'privacy_request',
      subjectId: request.id,
      payload: {
        requestId: request.id,
        subscriberId: request.subscriberId,
        kind: request.kind,
        status: request.status,
        channel: request.channel,
        dueAt: dueAt.toISOString(),
        monthDueAt: monthDueAt.toISOString(),
      },
      occurredAt: now,
    }),
    ...extra,
  ];
  // A confirmed erasure puts its subject among those on their way out (compliance counters).
  const counting =
    request.kind === 'erasure' && request.status === 'open'
      ? counted(db, requestSubjectScope(request.tenantId, request), batch)
      : batch;
  await runBatch(db, counting);
  events.push(...outboxRefs(batch));
  return { request, merged: false };
}

export async function findPrivacyRequest(
  db: Db,
  tenantId: string,
  requestId: string,
): Promise<PrivacyRequest | undefined> {
  return db.query.privacyRequests.findFirst({
    where: and(eq(privacyRequests.tenantId, tenantId), eq(privacyRequests.id, requestId)),
  });
}

/** The request, or a 404 that says nothing about other tenants' requests. */
export async function getPrivacyRequest(
  db: Db,
  tenantId: string,
  requestId: string,
): Promise<PrivacyRequest> {
  const found = await findPrivacyRequest(db, tenantId, requestId);
  if (!found) throw new AppError('not_found', 'No privacy request with this id.');
  return found;
}

export async function requestHistory(
  db: Db,
  tenantId: string,
  requestId: string,
): Promise<RequestHistoryEntry[]> {
  return db.query.privacyRequestHistory.findMany({
    where: and(eq(privacyRequestHistory.tenantId, tenantId), eq(privacyRequestHistory.requestId, requestId)),
    orderBy: (h, { asc }) => [asc(h.at), asc(h.id)],
  });
}

export type RequestFilter = {
  status?: RequestStatus;
  kind?: RequestKind;
  channel?: RequestChannel;
  dueBefore?: Date;
  /** Page position: requests received before (at, id), newest first. */
  after?: { at: number; id: string } | null;
  limit: number;
};

/** One page of a tenant's requests, newest first; `next` positions the following page. */
export async function listPrivacyRequests(db: Db, tenantId: string, f: RequestFilter) {
  const where: SQL[] = [eq(privacyRequests.tenantId, tenantId)];
  if (f.status) where.push(eq(privacyRequests.status, f.status));
  if (f.kind) where.push(eq(privacyRequests.kind, f.kind));
  if (f.channel) where.push(eq(privacyRequests.channel, f.channel));
  if (f.dueBefore) where.push(lt(privacyRequests.dueAt, f.dueBefore));
  if (f.after) {
    const at = new Date(f.after.at);
    where.push(
      or(
        lt(privacyRequests.receivedAt, at),
        and(eq(privacyRequests.receivedAt, at), lt(privacyRequests.id, f.after.id)),
      )!,
    );
  }
  const rows = await db
    .select()
    .from(privacyRequests)
    .where(and(...where))
    .orderBy(desc(privacyRequests.receivedAt), desc(privacyRequests.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    next: rows.length > f.limit && last ? { at: last.receivedAt.getTime(), id: last.id } : null,
  };
}

/** The address kept on a request filed by someone without a subscriber row, or null. */
export async function storedRequester(
  keys: TenantKeys,
  request: Pick<PrivacyRequest, 'id' | 'requesterCt'>,
): Promise<string | null> {
  return request.requesterCt ? decryptTenantField(keys, request.id, 'requester', request.requesterCt) : null;
}
