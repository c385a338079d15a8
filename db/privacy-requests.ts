// Privacy requests: the one domain function that files a request, whatever the channel
// (preference centre, unsubscribe page, link intercept, inbound email, API, admin). It merges a
// duplicate of an open request, sets the due dates, and writes the request, its history and
// its outbox event in one batch.

import { and, eq, inArray } from 'drizzle-orm';
import { DEFAULT_DUE_DAYS, dueDates } from '../shared/due-dates';
import { newId } from '../shared/regions';
import { runBatch, type Db } from './client';
import { outboxInsert } from './outbox';
import { privacyRequestHistory, privacyRequests, type TenantSettings } from './schema';

export type PrivacyRequest = typeof privacyRequests.$inferSelect;
export type RequestKind = PrivacyRequest['kind'];
export type RequestChannel = PrivacyRequest['channel'];
export type RequestStatus = PrivacyRequest['status'];

/** Statuses in which a request is still open, and so absorbs duplicates. */
export const OPEN_STATUSES: RequestStatus[] = ['awaiting_verification', 'open', 'paused', 'executing'];

export type NewPrivacyRequest = {
  tenantId: string;
  kind: RequestKind;
  channel: RequestChannel;
  /** Known subscriber, if any. */
  subscriberId?: string | null;
  /** Blind index of the requester's address, when known. */
  subjectIndex?: string | null;
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

export async function findOpenDuplicate(db: Db, input: Pick<NewPrivacyRequest, 'tenantId' | 'kind' | 'subscriberId' | 'subjectIndex'>) {
  const subject = input.subscriberId
    ? eq(privacyRequests.subscriberId, input.subscriberId)
    : input.subjectIndex
      ? eq(privacyRequests.subjectIndex, input.subjectIndex)
      : null;
  if (!subject) return undefined;
  return db.query.privacyRequests.findFirst({
    where: and(eq(privacyRequests.tenantId, input.tenantId), eq(privacyRequests.kind, input.kind), inArray(privacyRequests.status, OPEN_STATUSES), subject),
  });
}

/**
 * Files a request, or returns the open request of the same kind and subject it duplicates
 * (recording the duplicate in that request's history).
 */
export async function createPrivacyRequest(
  db: Db,
  settings: TenantSettings,
  input: NewPrivacyRequest,
): Promise<{ request: PrivacyRequest; merged: boolean }> {
  const now = input.receivedAt ?? new Date();
  const duplicate = await findOpenDuplicate(db, input);
  if (duplicate) {
    await runBatch(db, [
      db.insert(privacyRequestHistory).values({
        id: newId('rqh'), tenantId: input.tenantId, requestId: duplicate.id, fromStatus: duplicate.status, toStatus: duplicate.status,
        action: 'duplicate_merged', actor: input.actor, note: `via ${input.channel}`, at: now,
      }),
      outboxInsert(db, {
        tenantId: input.tenantId, type: 'privacy_request.duplicate_merged', subjectType: 'privacy_request', subjectId: duplicate.id,
        payload: { requestId: duplicate.id, kind: duplicate.kind, channel: input.channel }, occurredAt: now,
      }),
    ]);
    return { request: duplicate, merged: true };
  }
  const { dueAt, monthDueAt } = dueDates(now, dueDaysFor(settings, input.kind));
  const request: PrivacyRequest = {
    id: newId('prq'),
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
    updatedAt: now,
  };
  await runBatch(db, [
    db.insert(privacyRequests).values(request),
    db.insert(privacyRequestHistory).values({
      id: newId('rqh'), tenantId: input.tenantId, requestId: request.id, fromStatus: null, toStatus: request.status,
      action: 'created', actor: input.actor, note: null, at: now,
    }),
    outboxInsert(db, {
      tenantId: input.tenantId, type: 'privacy_request.created', subjectType: 'privacy_request', subjectId: request.id,
      payload: { requestId: request.id, kind: request.kind, status: request.status, channel: request.channel, dueAt: dueAt.toISOString() },
      occurredAt: now,
    }),
  ]);
  return { request, merged: false };
}
