// Executing an erasure: crypto-shred the subscriber's data key, delete every personal row
// (subscriber and profile, subscriptions, consent events, clicks, message recipients, events and
// deliveries about them), keep the blind index as a suppression and an erasure record with
// counts only, move the compliance counters, and complete the request: one D1 batch, so it
// happens entirely or not at all. The request's status in D1 is the authority: a late or
// repeated call never erases twice.

import { and, asc, count, eq, gte, inArray, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { decryptTenantField, type TenantKeys } from '../shared/crypto/envelope';
import { newId } from '../shared/regions';
import { chunk, type BatchItem, type Db } from './client';
import { IDEMPOTENCY_TTL_MS } from './idempotency';
import { outboxInsert, type OutboxRef } from './outbox';
import { findPrivacyRequest, OPEN_STATUSES, storedRequester, type PrivacyRequest } from './privacy-requests';
import { closeForErasure, finishExecution, startExecution } from './privacy-transitions';
import { redactAuditSubject } from './audit-log';
import {
  clicks,
  consentEvents,
  erasureRecords,
  idempotencyKeys,
  messageRecipients,
  outboxEvents,
  privacyRequests,
  subscriberKeys,
  subscribers,
  subscriptions,
  suppressions,
  webhookAttempts,
  webhookDeliveries,
} from './schema';
import { profileCount, type ProfileValues } from './profile-counters';
import {
  counted,
  erasureTotals,
  eventsLeaving,
  subscriberScope,
  suppressionCounted,
  tally,
} from './report-counters';
import {
  type DecryptedSubscriber,
  decryptSubscriber,
  findSubscriberByBlindIndex,
  findSubscriber,
  loadSubscriberKey,
  type Subscriber,
} from './subscribers';

export type ErasureTrigger = 'confirmed' | 'due' | 'admin';

export type ErasureOutcome =
  | {
      status: 'executed';
      request: PrivacyRequest;
      counts: Record<string, number>;
      requesterEmail: string | null;
      language: string | null;
    }
  | { status: 'not_due'; dueAt: Date }
  | { status: 'skipped'; reason: 'not_found' | 'not_erasure' | 'already_erased' | 'not_open' };

/** Groups counts into `{prefix.key: n}` so the erasure record stays one flat object of numbers. */
function prefixed(prefix: string, rows: { key: string | null; n: number }[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [`${prefix}.${r.key ?? 'none'}`, r.n]));
}

async function countsFor(
  db: Db,
  tenantId: string,
  sub: Subscriber | undefined,
): Promise<Record<string, number>> {
  if (!sub) return { subscribers: 0 };
  const [events, subs, clickRows, recipients] = await Promise.all([
    db
      .select({ key: consentEvents.kind, n: count() })
      .from(consentEvents)
      .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.subscriberId, sub.id)))
      .groupBy(consentEvents.kind),
    db
      .select({ key: subscriptions.status, n: count() })
      .from(subscriptions)
      .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.subscriberId, sub.id)))
      .groupBy(subscriptions.status),
    db
      .select({ key: clicks.outcome, n: count() })
      .from(clicks)
      .where(and(eq(clicks.tenantId, tenantId), eq(clicks.subscriberId, sub.id)))
      .groupBy(clicks.outcome),
    db
      .select({ key: messageRecipients.status, n: count() })
      .from(messageRecipients)
      .where(and(eq(messageRecipients.tenantId, tenantId), eq(messageRecipients.subscriberId, sub.id)))
      .groupBy(messageRecipients.status),
  ]);
  return {
    subscribers: 1,
    [`region.${sub.homeRegion}`]: 1,
    [`status.${sub.status}`]: 1,
    ...prefixed('consentEvents', events),
    ...prefixed('subscriptions', subs),
    ...prefixed('clicks', clickRows),
    ...prefixed('messageRecipients', recipients),
  };
}

/** Every statement that removes one subscriber's personal data, in dependency order. */
function deletions(db: Db, tenantId: string, sub: Subscriber, requestId: string): BatchItem[] {
  const aboutSubscriber = and(
    eq(outboxEvents.tenantId, tenantId),
    eq(outboxEvents.subjectType, 'subscriber'),
    eq(outboxEvents.subjectId, sub.id),
  );
  const deliveriesAbout = and(
    eq(webhookDeliveries.tenantId, tenantId),
    inArray(
      webhookDeliveries.eventId,
      db.select({ id: outboxEvents.id }).from(outboxEvents).where(aboutSubscriber),
    ),
  );
  return [
    // Crypto-shredding first: without the data key no ciphertext of theirs can be read again,
    // including copies in backups.
    db
      .delete(subscriberKeys)
      .where(and(eq(subscriberKeys.tenantId, tenantId), eq(subscriberKeys.subscriberId, sub.id))),
    db
      .delete(consentEvents)
      .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.subscriberId, sub.id))),
    db
      .delete(subscriptions)
      .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.subscriberId, sub.id))),
    db.delete(clicks).where(and(eq(clicks.tenantId, tenantId), eq(clicks.subscriberId, sub.id))),
    db
      .delete(messageRecipients)
      .where(and(eq(messageRecipients.tenantId, tenantId), eq(messageRecipients.subscriberId, sub.id))),
    // Attempts first: they point at the deliveries.
    db
      .delete(webhookAttempts)
      .where(
        and(
          eq(webhookAttempts.tenantId, tenantId),
          inArray(
            webhookAttempts.deliveryId,
            db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(deliveriesAbout),
          ),
        ),
      ),
    db.delete(webhookDeliveries).where(deliveriesAbout),
    db.delete(outboxEvents).where(aboutSubscriber),
    // The audit trail keeps that an action happened, not on whom; its chain still verifies.
    redactAuditSubject(db, tenantId, sub.id, requestId),
    db.delete(subscribers).where(and(eq(subscribers.tenantId, tenantId), eq(subscribers.id, sub.id))),
  ];
}

/**
 * The deletions with the compliance counters moved around them: the person's cells out, their
 * consent events from the live totals into the erased ones, one more erased person of their
 * region and one more erasure, and their counted profile values out (read before the key goes).
 */
async function removalCounted(
  db: Db,
  keys: TenantKeys,
  sub: Subscriber,
  plain: DecryptedSubscriber | null,
  removal: BatchItem[],
): Promise<BatchItem[]> {
  const scope = subscriberScope(keys.tenantId, sub.id);
  const profile =
    plain && sub.profileAudience
      ? await profileCount(db, keys, sub.profileAudience, [plain.profile as ProfileValues], -1)
      : [];
  return counted(db, scope, [
    eventsLeaving(db, scope, true),
    ...erasureTotals(db, scope),
    ...profile,
    ...removal,
  ]);
}

/**
 * Stored API answers (Idempotency-Key replays, kept 24 hours, encrypted with the tenant key)
 * that mention the person: they would still decrypt after the shredding, so they go too.
 */
async function idempotencyAnswersAbout(
  db: Db,
  keys: TenantKeys,
  sub: Subscriber,
  email: string | null,
  now: Date,
): Promise<BatchItem[]> {
  const rows = await db
    .select({ key: idempotencyKeys.key, body: idempotencyKeys.body })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.tenantId, keys.tenantId),
        ne(idempotencyKeys.status, 0),
        gte(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS - 3_600_000)),
      ),
    );
  const about: string[] = [];
  for (const row of rows) {
    const text = await decryptTenantField(keys, `idem:${row.key}`, 'answer', row.body).catch(() => '');
    if (text.includes(sub.id) || (email !== null && text.toLowerCase().includes(email))) about.push(row.key);
  }
  return chunk(about, 90).map((part) =>
    db
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.tenantId, keys.tenantId), inArray(idempotencyKeys.key, part))),
  );
}

/** The person's requests still open besides the erasure itself (one still executing is left alone). */
async function otherOpenRequests(db: Db, request: PrivacyRequest, samePerson: SQL[]) {
  if (samePerson.length === 0) return [];
  return db.query.privacyRequests.findMany({
    where: and(
      eq(privacyRequests.tenantId, request.tenantId),
      or(...samePerson),
      ne(privacyRequests.id, request.id),
      inArray(
        privacyRequests.status,
        OPEN_STATUSES.filter((s) => s !== 'executing'),
      ),
    ),
  });
}

/** Evidence of an inbound mail without the mail's Message-ID. */
function withoutMailIds(evidence: Record<string, unknown>): Record<string, unknown> {
  if (evidence.source !== 'inbound_email') return evidence;
  const { messageId: _messageId, ...rest } = evidence;
  return rest;
}

/**
 * Outbox payloads that list subscribers (`subscriberIds` of an import or a purge) lose the erased
 * id, and events about the person's privacy requests name no subscriber any more (`subscriberId`
 * null, as the catalogue allows). Events about the subscriber are deleted with them;
 * `subscriber.erased` keeps it, as the client must learn whom to erase in its own systems.
 */
function scrubIdsFromEvents(db: Db, tenantId: string, subscriberId: string) {
  const listed = sql`exists (select 1 from json_each(${outboxEvents.payload}, '$.subscriberIds') where value = ${subscriberId})`;
  return [
    db
      .update(outboxEvents)
      .set({
        payload: sql`json_set(${outboxEvents.payload}, '$.subscriberIds', json((select json_group_array(value) from json_each(${outboxEvents.payload}, '$.subscriberIds') where value <> ${subscriberId})))`,
      })
      .where(and(eq(outboxEvents.tenantId, tenantId), listed)),
    db
      .update(outboxEvents)
      .set({ payload: sql`json_set(${outboxEvents.payload}, '$.subscriberId', json('null'))` })
      .where(
        and(
          eq(outboxEvents.tenantId, tenantId),
          eq(outboxEvents.subjectType, 'privacy_request'),
          ne(outboxEvents.type, 'subscriber.erased'),
          sql`json_extract(${outboxEvents.payload}, '$.subscriberId') = ${subscriberId}`,
        ),
      ),
  ];
}

/**
 * Executes the erasure request `requestId` if, in D1, it is an erasure that is open (or whose
 * execution was interrupted) and, for the clock, due. Anything else is reported, not done.
 */
export async function executeErasure(
  db: Db,
  keys: TenantKeys,
  requestId: string,
  trigger: ErasureTrigger,
  actor: string,
  now = new Date(),
  events: OutboxRef[] = [],
): Promise<ErasureOutcome> {
  const tenantId = keys.tenantId;
  const request = await findPrivacyRequest(db, tenantId, requestId);
  if (!request) return { status: 'skipped', reason: 'not_found' };
  if (request.kind !== 'erasure') return { status: 'skipped', reason: 'not_erasure' };
  if (request.status === 'completed') return { status: 'skipped', reason: 'already_erased' };
  if (request.status !== 'open' && request.status !== 'executing')
    return { status: 'skipped', reason: 'not_open' };
  if (trigger === 'due' && request.dueAt.getTime() > now.getTime())
    return { status: 'not_due', dueAt: request.dueAt };

  const claimed = await startExecution(db, request, { actor, now, note: trigger, events });
  const sub = request.subscriberId
    ? await findSubscriber(db, tenantId, request.subscriberId)
    : request.subjectIndex
      ? await findSubscriberByBlindIndex(db, tenantId, request.subjectIndex)
      : undefined;
  const [key, counts] = await Promise.all([
    sub ? loadSubscriberKey(db, keys, sub.id) : null,
    countsFor(db, tenantId, sub),
  ]);
  const plain = sub && key ? await decryptSubscriber(key, sub) : null;
  const requesterEmail = plain ? plain.email : await storedRequester(keys, request);
  const index = sub?.emailIndex ?? request.subjectIndex;
  const samePerson: SQL[] = [];
  if (sub) samePerson.push(eq(privacyRequests.subscriberId, sub.id));
  if (index) samePerson.push(eq(privacyRequests.subjectIndex, index));
  const recordId = newId('era');
  // What the person's requests keep after the erasure: the erasure record instead of the
  // subscriber id, and no Message-ID of their mails (it can carry their address or host).
  const residueFree = {
    subscriberId: sub ? recordId : request.subscriberId,
    evidence: withoutMailIds(request.evidence),
  };
  const closures = (await otherOpenRequests(db, request, samePerson)).map(
    (other) =>
      closeForErasure(db, other, {
        erasureRequestId: request.id,
        now,
        patch: {
          subscriberId: sub && other.subscriberId ? recordId : other.subscriberId,
          evidence: withoutMailIds(other.evidence),
        },
      }).batch,
  );

  const extra: BatchItem[] = [
    ...(sub
      ? await removalCounted(db, keys, sub, plain, deletions(db, tenantId, sub, request.id))
      : [tally(db, tenantId, '', { erasures: 1 })]),
    ...(sub ? scrubIdsFromEvents(db, tenantId, sub.id) : []),
    ...(sub ? await idempotencyAnswersAbout(db, keys, sub, requesterEmail, now) : []),
    ...(index
      ? suppressionCounted(db, tenantId, index, [
          db
            .insert(suppressions)
            .values({ tenantId, emailIndex: index, reason: 'erasure', requestId: request.id })
            .onConflictDoUpdate({
              target: [suppressions.tenantId, suppressions.emailIndex],
              set: { reason: 'erasure', requestId: request.id },
            }),
        ])
      : []),
    ...closures.flat(),
    ...(samePerson.length
      ? [
          db
            .update(privacyRequests)
            .set({
              requesterCt: null,
              ...(sub ? { subscriberId: recordId } : {}),
              evidence: sql`case when json_extract(${privacyRequests.evidence}, '$.source') = 'inbound_email' then json_remove(${privacyRequests.evidence}, '$.messageId') else ${privacyRequests.evidence} end`,
            })
            .where(
              and(
                eq(privacyRequests.tenantId, tenantId),
                or(...samePerson),
                sql`${privacyRequests.id} <> ${request.id}`,
              ),
            ),
        ]
      : []),
    // Unique per request: a second execution that got this far fails here and changes nothing.
    db.insert(erasureRecords).values({
      id: recordId,
      tenantId,
      requestId: request.id,
      requestedAt: request.receivedAt,
      executedAt: now,
      trigger,
      counts,
    }),
    outboxInsert(db, {
      tenantId,
      type: 'subscriber.erased',
      subjectType: 'privacy_request',
      subjectId: request.id,
      occurredAt: now,
      payload: { requestId: request.id, subscriberId: sub?.id ?? null, trigger },
    }),
  ];
  const done = await finishExecution(db, claimed, {
    actor,
    now,
    note: trigger,
    extra,
    payload: { trigger, closed: closures.length },
    patch: residueFree,
    events,
  });
  return {
    status: 'executed',
    request: done,
    counts,
    requesterEmail,
    language: request.language ?? sub?.language ?? null,
  };
}

/** Erasure requests of a region that are, or will be by `until`, due and not yet done. */
export async function erasuresDueBy(db: Db, until: Date, limit: number) {
  return db
    .select({ id: privacyRequests.id, tenantId: privacyRequests.tenantId, dueAt: privacyRequests.dueAt })
    .from(privacyRequests)
    .where(
      and(
        eq(privacyRequests.kind, 'erasure'),
        inArray(privacyRequests.status, ['open', 'executing']),
        lte(privacyRequests.dueAt, until),
      ),
    )
    .orderBy(asc(privacyRequests.dueAt))
    .limit(limit);
}
