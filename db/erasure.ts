// Executing erasures: crypto-shred each subscriber's data key, delete every personal row
// (subscriber and profile, subscriptions, consent events, clicks, message recipients, events and
// deliveries about them), keep the blind index as a suppression and an erasure record with
// counts only, move the compliance counters, and complete the request. A chunk of due requests
// runs together: one read of the requests, one claim batch, one batch of reads, one deletion
// batch, each with one statement per kind for all of them (values passed as one JSON parameter).
// A batch is one transaction, so each chunk happens entirely or not at all; when a chunk's batch
// fails, its requests run one by one. The request's status in D1 is the authority: a late or
// repeated call never erases twice.

import { and, asc, count, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { decryptTenantField, type TenantKeys, unwrapSubscriberKey } from '../shared/crypto/envelope';
import { describeError, log } from '../shared/log';
import { EVENT_CATALOGUE, EVENT_TYPES } from '../shared/webhooks/catalogue';
import { newId } from '../shared/regions';
import { redactAuditSubjects } from './audit-log';
import { type BatchItem, type Db, inJson } from './client';
import { IDEMPOTENCY_TTL_MS } from './idempotency';
import { outboxInsertEach, type OutboxRef, outboxRefs, settleUnwatched } from './outbox';
import { OPEN_STATUSES, storedRequester, type PrivacyRequest } from './privacy-requests';
import {
  closeForErasure,
  type EachTransition,
  finishEachStatements,
  runGuarded,
  startEachStatements,
} from './privacy-transitions';
import { profileCount, type ProfileValues } from './profile-counters';
import {
  counted,
  erasureTotals,
  eventsLeaving,
  subscribersScope,
  suppressionCounted,
  tally,
} from './report-counters';
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
  webhookEndpoints,
} from './schema';
import { type DecryptedSubscriber, decryptSubscriber, type Subscriber } from './subscribers';

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

type Count = { id: string | null; key: string | null; n: number };

/**
 * `column = tenantId` that SQLite will not pick an index for: the statement's other condition
 * names rows by a key, and a tenant-wide index would read every row of the tenant (all of a
 * 100,000 backlog, per chunk), which is what made a chunk's cost grow with the backlog.
 */
const ofTenant = (column: SQLiteColumn, tenantId: string): SQL => sql`+${column} = ${tenantId}`;

/** Groups counts into `{prefix.key: n}` so the erasure record stays one flat object of numbers. */
function prefixed(prefix: string, rows: Count[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [`${prefix}.${r.key ?? 'none'}`, r.n]));
}

/** The statements of `chunkReads`. */
const CHUNK_READS = 7;

/**
 * The open requests (any kind) of the people with these subscriber ids or subject indexes, the
 * chunk's own included: found through each index, as `chunkReads` finds them.
 */
function openRequestsOf(db: Db, tenantId: string, subIds: string[], indexes: string[]) {
  return db
    .select({
      id: privacyRequests.id,
      kind: privacyRequests.kind,
      subscriberId: privacyRequests.subscriberId,
      subjectIndex: privacyRequests.subjectIndex,
    })
    .from(privacyRequests)
    .where(
      and(
        ofTenant(privacyRequests.tenantId, tenantId),
        sql`${privacyRequests.id} in (
          select id from privacy_requests where tenant_id = ${tenantId} and subscriber_id in (select value from json_each(${JSON.stringify(subIds)}))
          union select id from privacy_requests where tenant_id = ${tenantId} and subject_index in (select value from json_each(${JSON.stringify(indexes)}))
          union select id from privacy_requests where tenant_id = ${tenantId} and subject_index in (
            select email_index from subscribers where tenant_id = ${tenantId} and id in (select value from json_each(${JSON.stringify(subIds)}))))`,
        inArray(
          sql`+${privacyRequests.status}`,
          OPEN_STATUSES.filter((s) => s !== 'executing'),
        ),
      ),
    );
}

/** The reads of a chunk after its claim, in one D1 round trip. */
async function chunkReads(
  db: Db,
  tenantId: string,
  ids: string[],
  requests: PrivacyRequest[],
  indexes: string[],
  now: Date,
) {
  const countOf = (
    table: typeof consentEvents | typeof subscriptions | typeof clicks | typeof messageRecipients,
    key: SQLiteColumn,
  ) =>
    db
      .select({ id: table.subscriberId, key: sql<string | null>`${key}`, n: count() })
      .from(table)
      .where(and(tenantOf(table), inJson(table.subscriberId, ids)))
      .groupBy(table.subscriberId, key);
  // Subscriptions are keyed by subscriber first: their tenant index would read the whole tenant.
  const tenantOf = (table: Parameters<typeof countOf>[0]) =>
    table === subscriptions ? ofTenant(table.tenantId, tenantId) : eq(table.tenantId, tenantId);
  // Found through the subscriber and the subject indexes (an `or` of the two reads the tenant).
  const samePerson = sql`${privacyRequests.id} in (
    select id from privacy_requests where tenant_id = ${tenantId} and subscriber_id in (select value from json_each(${JSON.stringify(ids)}))
    union select id from privacy_requests where tenant_id = ${tenantId} and subject_index in (select value from json_each(${JSON.stringify(indexes)})))`;
  const [keyRows, events, subs, clickRows, recipients, others, answers] = await db.batch([
    db
      .select()
      .from(subscriberKeys)
      .where(and(eq(subscriberKeys.tenantId, tenantId), inJson(subscriberKeys.subscriberId, ids))),
    countOf(consentEvents, consentEvents.kind),
    countOf(subscriptions, subscriptions.status),
    countOf(clicks, clicks.outcome),
    countOf(messageRecipients, messageRecipients.status),
    // The people's requests still open besides the chunk's own (one executing is left alone).
    db
      .select()
      .from(privacyRequests)
      .where(
        and(
          ofTenant(privacyRequests.tenantId, tenantId),
          samePerson,
          sql`${privacyRequests.id} not in (select value from json_each(${JSON.stringify(requests.map((r) => r.id))}))`,
          inArray(
            sql`+${privacyRequests.status}`,
            OPEN_STATUSES.filter((s) => s !== 'executing'),
          ),
        ),
      )
      .orderBy(asc(privacyRequests.receivedAt)),
    // Stored API answers (Idempotency-Key replays, kept 24 hours, encrypted with the tenant key):
    // they would still decrypt after the shredding, so those that mention a person go too.
    db
      .select({ key: idempotencyKeys.key, body: idempotencyKeys.body })
      .from(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.tenantId, tenantId),
          ne(idempotencyKeys.status, 0),
          gte(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS - 3_600_000)),
          sql`${ids.length} > 0`,
        ),
      ),
  ]);
  const bySubscriber = (rows: Count[]) => {
    const out = new Map<string, Count[]>();
    for (const r of rows) if (r.id) out.set(r.id, [...(out.get(r.id) ?? []), r]);
    return out;
  };
  return {
    wrapped: new Map(keyRows.map((r) => [r.subscriberId, r.wrappedKey])),
    counts: {
      consentEvents: bySubscriber(events),
      subscriptions: bySubscriber(subs),
      clicks: bySubscriber(clickRows),
      messageRecipients: bySubscriber(recipients),
    },
    others,
    answers,
  };
}

/** Every statement that removes the people's personal data, in dependency order. */
function deletions(db: Db, tenantId: string, people: readonly Person[]): BatchItem[] {
  const ids = people.map((p) => p.sub.id);
  const aboutThem = and(
    eq(outboxEvents.tenantId, tenantId),
    eq(outboxEvents.subjectType, 'subscriber'),
    inJson(outboxEvents.subjectId, ids),
  );
  // Through the tenant's few endpoints to the (endpoint, event) index, not every delivery of the tenant.
  const deliveriesAbout = and(
    ofTenant(webhookDeliveries.tenantId, tenantId),
    inArray(
      webhookDeliveries.endpointId,
      db
        .select({ id: webhookEndpoints.id })
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.tenantId, tenantId)),
    ),
    inArray(
      webhookDeliveries.eventId,
      db.select({ id: outboxEvents.id }).from(outboxEvents).where(aboutThem),
    ),
  );
  return [
    // Crypto-shredding first: without the data key no ciphertext of theirs can be read again,
    // including copies in backups.
    db
      .delete(subscriberKeys)
      .where(and(eq(subscriberKeys.tenantId, tenantId), inJson(subscriberKeys.subscriberId, ids))),
    db
      .delete(consentEvents)
      .where(and(eq(consentEvents.tenantId, tenantId), inJson(consentEvents.subscriberId, ids))),
    db
      .delete(subscriptions)
      .where(and(ofTenant(subscriptions.tenantId, tenantId), inJson(subscriptions.subscriberId, ids))),
    db.delete(clicks).where(and(eq(clicks.tenantId, tenantId), inJson(clicks.subscriberId, ids))),
    db
      .delete(messageRecipients)
      .where(and(eq(messageRecipients.tenantId, tenantId), inJson(messageRecipients.subscriberId, ids))),
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
    db.delete(outboxEvents).where(aboutThem),
    // The audit trail keeps that an action happened, not on whom; its chain still verifies.
    redactAuditSubjects(
      db,
      tenantId,
      people.map((p) => ({ subscriberId: p.sub.id, requestId: p.request.id })),
    ),
    db.delete(subscribers).where(and(eq(subscribers.tenantId, tenantId), inJson(subscribers.id, ids))),
  ];
}

/**
 * The deletions with the compliance counters moved around them: the people's cells out, their
 * consent events from the live totals into the erased ones, one more erased person of their
 * region and `erasures` more erasures, and their counted profile values out (read before the
 * keys go).
 */
async function removalCounted(
  db: Db,
  keys: TenantKeys,
  people: readonly Person[],
  erasures: number,
): Promise<BatchItem[]> {
  if (people.length === 0) return erasures ? [tally(db, keys.tenantId, '', { erasures })] : [];
  const scope = subscribersScope(
    keys.tenantId,
    people.map((p) => p.sub.id),
  );
  const profiles: BatchItem[] = [];
  for (const audience of ['detail', 'aggregate'] as const) {
    const values = people
      .filter((p) => p.plain && p.sub.profileAudience === audience)
      .map((p) => p.plain?.profile as ProfileValues);
    if (values.length) profiles.push(...(await profileCount(db, keys, audience, values, -1)));
  }
  return counted(db, scope, [
    eventsLeaving(db, scope, true),
    ...erasureTotals(db, scope, erasures),
    ...profiles,
    ...deletions(db, keys.tenantId, people),
  ]);
}

/** The stored answers (see `chunkReads`) that mention one of the people, deleted. */
async function idempotencyAnswersAbout(
  db: Db,
  keys: TenantKeys,
  rows: readonly { key: string; body: string }[],
  people: readonly Person[],
): Promise<BatchItem[]> {
  if (people.length === 0) return [];
  const texts = await Promise.all(
    rows.map((row) => decryptTenantField(keys, `idem:${row.key}`, 'answer', row.body).catch(() => '')),
  );
  const about = rows
    .filter((_, i) => {
      const text = texts[i] ?? '';
      const lower = text.toLowerCase();
      return people.some((p) => text.includes(p.sub.id) || (p.email !== null && lower.includes(p.email)));
    })
    .map((row) => row.key);
  return about.length
    ? [
        db
          .delete(idempotencyKeys)
          .where(and(eq(idempotencyKeys.tenantId, keys.tenantId), inJson(idempotencyKeys.key, about))),
      ]
    : [];
}

/** Evidence of an inbound mail without the mail's Message-ID. */
function withoutMailIds(evidence: Record<string, unknown>): Record<string, unknown> {
  if (evidence.source !== 'inbound_email') return evidence;
  const { messageId: _messageId, ...rest } = evidence;
  return rest;
}

/** The subjects of the event types whose payload lists subscribers (`subscriberIds`). */
const LISTING_SUBJECTS = [
  ...new Set(
    EVENT_TYPES.filter((t) => 'subscriberIds' in EVENT_CATALOGUE[t].facts.shape).map(
      (t) => EVENT_CATALOGUE[t].subject,
    ),
  ),
];

/**
 * Outbox payloads that list subscribers (`subscriberIds` of an import or a purge) lose the erased
 * ids, and events about the people's privacy requests name no subscriber any more (`subscriberId`
 * null, as the catalogue allows). Events about the subscribers are deleted with them;
 * `subscriber.erased` keeps it, as the client must learn whom to erase in its own systems.
 * Only events of the subjects that can carry those ids are read (the `subject_seq` index), not
 * the tenant's whole outbox: the people's requests are the chunk's own (`requestIds`, already
 * pointing at the erasure record) and those still naming one of them.
 */
function scrubIdsFromEvents(
  db: Db,
  tenantId: string,
  subscriberIds: readonly string[],
  requestIds: readonly string[],
): BatchItem[] {
  if (subscriberIds.length === 0) return [];
  const ids = JSON.stringify(subscriberIds);
  const erased = sql`(select value from json_each(${ids}))`;
  const listed = sql`exists (select 1 from json_each(${outboxEvents.payload}, '$.subscriberIds') where value in ${erased})`;
  return [
    db
      .update(outboxEvents)
      .set({
        payload: sql`json_set(${outboxEvents.payload}, '$.subscriberIds', json((select json_group_array(value) from json_each(${outboxEvents.payload}, '$.subscriberIds') where value not in ${erased})))`,
      })
      .where(
        and(eq(outboxEvents.tenantId, tenantId), inArray(outboxEvents.subjectType, LISTING_SUBJECTS), listed),
      ),
    db
      .update(outboxEvents)
      .set({ payload: sql`json_set(${outboxEvents.payload}, '$.subscriberId', json('null'))` })
      .where(
        and(
          eq(outboxEvents.tenantId, tenantId),
          eq(outboxEvents.subjectType, 'privacy_request'),
          sql`${outboxEvents.subjectId} in (select value from json_each(${JSON.stringify(requestIds)})
            union all select id from privacy_requests where tenant_id = ${tenantId} and subscriber_id in ${erased})`,
          ne(outboxEvents.type, 'subscriber.erased'),
          sql`json_extract(${outboxEvents.payload}, '$.subscriberId') in ${erased}`,
        ),
      ),
  ];
}

export type ErasureRun = {
  trigger: ErasureTrigger;
  /** `clock`, `subscriber`, `admin:<id>`, … */
  actor: string;
  now?: Date;
  /** Receives the outbox events written, to hand exactly those on. */
  events?: OutboxRef[];
  /** D1 queries (statements) this invocation has sent for the erasures so far. */
  queries?: { sent: number };
};

/**
 * What a chunk reports per request: an outcome, the error that stopped this request alone, or
 * `deferred` (not tried: this invocation's share of D1 queries is spent; it stays due).
 */
export type ErasureResult = ErasureOutcome | { status: 'failed'; error: unknown } | { status: 'deferred' };

/** D1's limit of queries (each statement of a batch counts) per Worker invocation. */
export const D1_QUERIES_PER_INVOCATION = 1_000;
/**
 * The most D1 queries a chunk sends whatever its size (49 counted for 2 people or 30: the reads,
 * the claim, the set-based deletions, counters, records and events, settling them), with room to
 * spare; closing the people's other open requests comes on top (`closingQueries`).
 */
const CHUNK_BASE_QUERIES = 70;

/**
 * What closing a person's other open requests adds to the erasure batch: the transition's
 * statements for each (guard, update, history, event; an erasure also its counters). At most one
 * open request per kind and subject keeps this under 60 a person.
 */
function closingQueries(others: readonly { kind: string }[]): number {
  return others.reduce((n, o) => n + (o.kind === 'erasure' ? 6 : 4), 0);
}

/** One claimed request, its subject and what is read about them. */
type Subject = { request: PrivacyRequest; sub: Subscriber | undefined; index: string | null };
type Person = Subject & { sub: Subscriber; plain: DecryptedSubscriber | null; email: string | null };

/** Why a request read in D1 is not to be executed now, or null when it is. */
function notNow(
  request: PrivacyRequest | undefined,
  trigger: ErasureTrigger,
  now: Date,
): ErasureOutcome | null {
  if (!request) return { status: 'skipped', reason: 'not_found' };
  if (request.kind !== 'erasure') return { status: 'skipped', reason: 'not_erasure' };
  if (request.status === 'completed') return { status: 'skipped', reason: 'already_erased' };
  if (request.status !== 'open' && request.status !== 'executing')
    return { status: 'skipped', reason: 'not_open' };
  if (trigger === 'due' && request.dueAt.getTime() > now.getTime())
    return { status: 'not_due', dueAt: request.dueAt };
  return null;
}

/**
 * Executes the erasure requests `requestIds` that are, in D1, erasures that are open (or whose
 * execution was interrupted) and, for the clock, due; anything else is reported, not done.
 * Requests about a person another request of the chunk already erases wait for it and then run
 * alone (they find themselves closed by it, as one after another would).
 */
export async function executeErasures(
  db: Db,
  keys: TenantKeys,
  requestIds: readonly string[],
  run: ErasureRun,
): Promise<Map<string, ErasureResult>> {
  const now = run.now ?? new Date();
  const tenantId = keys.tenantId;
  const ids = [...new Set(requestIds)];
  const results = new Map<string, ErasureResult>();
  const queries = run.queries ?? { sent: 0 };
  run = { ...run, queries };
  if (ids.length) queries.sent += 1;
  const read = ids.length
    ? await db
        .select()
        .from(privacyRequests)
        .where(and(ofTenant(privacyRequests.tenantId, tenantId), inJson(privacyRequests.id, ids)))
    : [];
  const byId = new Map(read.map((r) => [r.id, r]));
  const eligible: PrivacyRequest[] = [];
  for (const id of ids) {
    const verdict = notNow(byId.get(id), run.trigger, now);
    if (verdict) results.set(id, verdict);
    else eligible.push(byId.get(id) as PrivacyRequest);
  }
  if (eligible.length === 0) return results;

  const subIds = eligible.flatMap((r) => (r.subscriberId ? [r.subscriberId] : []));
  const subIndexes = eligible.flatMap((r) => (!r.subscriberId && r.subjectIndex ? [r.subjectIndex] : []));
  queries.sent += 3;
  const [byIdRows, byIndexRows, openRows] = await db.batch([
    db
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.tenantId, tenantId), inJson(subscribers.id, subIds))),
    db
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.tenantId, tenantId), inJson(subscribers.emailIndex, subIndexes))),
    // The people's open requests, to size the chunk within D1's queries before anything is claimed.
    openRequestsOf(db, tenantId, subIds, [
      ...eligible.flatMap((r) => (r.subjectIndex ? [r.subjectIndex] : [])),
    ]),
  ]);
  const subById = new Map(byIdRows.map((s) => [s.id, s]));
  const subByIndex = new Map(byIndexRows.map((s) => [s.emailIndex, s]));
  const together: Subject[] = [];
  const later: string[] = [];
  const taken = new Set<string>();
  // What closing each request's other open requests adds; a chunk takes people while it fits.
  const closing = new Map<string, number>();
  let budget = D1_QUERIES_PER_INVOCATION - queries.sent - CHUNK_BASE_QUERIES;
  for (const request of eligible) {
    const sub = request.subscriberId
      ? subById.get(request.subscriberId)
      : request.subjectIndex
        ? subByIndex.get(request.subjectIndex)
        : undefined;
    const index = sub?.emailIndex ?? request.subjectIndex;
    const marks = [request.subscriberId, sub?.id, index, request.subjectIndex].filter(
      (m): m is string => !!m,
    );
    const cost = closingQueries(
      openRows.filter(
        (o) =>
          o.id !== request.id &&
          ((o.subscriberId !== null && o.subscriberId === sub?.id) ||
            (o.subjectIndex !== null && o.subjectIndex === index)),
      ),
    );
    closing.set(request.id, cost);
    if (marks.some((m) => taken.has(m)) || cost > budget) later.push(request.id);
    else {
      for (const m of marks) taken.add(m);
      budget -= cost;
      together.push({ request, sub, index });
    }
  }

  if (together.length)
    try {
      for (const [id, outcome] of await eraseTogether(db, keys, together, { ...run, now }))
        results.set(id, outcome);
    } catch (error) {
      if (together.length === 1) {
        results.set(together[0]?.request.id ?? '', { status: 'failed', error });
      } else {
        // One request's conflict must not hold up the others: each runs alone, as it would have.
        log('warn', 'erasure.chunk_split', { requests: together.length, ...describeError(error) });
        later.unshift(...together.map((s) => s.request.id));
      }
    }
  // Bounded by D1's queries per invocation: what does not fit stays due for the next alarm.
  let deferred = 0;
  for (const id of later) {
    if (queries.sent + CHUNK_BASE_QUERIES + (closing.get(id) ?? 0) > D1_QUERIES_PER_INVOCATION) {
      results.set(id, { status: 'deferred' });
      deferred++;
      continue;
    }
    const [result] = (await executeErasures(db, keys, [id], run)).values();
    results.set(id, result ?? { status: 'skipped', reason: 'not_found' });
  }
  if (deferred) log('warn', 'erasure.deferred', { requests: deferred, queries: queries.sent });
  return results;
}

/**
 * Claims the subjects' requests in one batch and erases them all in another; the events nobody
 * listens to are settled in the batch that writes them, the others handed on (`run.events`).
 */
async function eraseTogether(
  db: Db,
  keys: TenantKeys,
  subjects: readonly Subject[],
  run: ErasureRun & { now: Date },
): Promise<Map<string, ErasureOutcome>> {
  const { now, trigger, actor } = run;
  const tenantId = keys.tenantId;
  const claims = startEachStatements(
    db,
    subjects.map((s) => s.request),
    { actor, now, note: trigger },
  );
  const queries = run.queries ?? { sent: 0 };
  await commitSettled(db, claims.batch, run, now);

  const withSub = subjects.filter((s): s is Subject & { sub: Subscriber } => s.sub !== undefined);
  const ids = withSub.map((s) => s.sub.id);
  const indexes = subjects.flatMap((s) => (s.index ? [s.index] : []));
  queries.sent += CHUNK_READS;
  const reads = await chunkReads(
    db,
    tenantId,
    ids,
    subjects.map((s) => s.request),
    indexes,
    now,
  );
  const requesters = await Promise.all(
    subjects.map(async (s) => {
      const wrapped = s.sub ? reads.wrapped.get(s.sub.id) : undefined;
      const plain =
        s.sub && wrapped
          ? await decryptSubscriber(await unwrapSubscriberKey(keys, s.sub.id, wrapped), s.sub)
          : null;
      return { plain, email: plain ? plain.email : await storedRequester(keys, s.request) };
    }),
  );
  const people: Person[] = [];
  subjects.forEach((s, i) => {
    const r = requesters[i];
    if (s.sub && r) people.push({ ...s, sub: s.sub, plain: r.plain, email: r.email });
  });

  const closed = new Set<string>();
  const closures: BatchItem[] = [];
  const finishing: EachTransition[] = [];
  const records: { id: string; request: PrivacyRequest; counts: Record<string, number>; sub?: Subscriber }[] =
    [];
  subjects.forEach((s, i) => {
    const { request, sub, index } = s;
    const recordId = newId('era');
    const counts: Record<string, number> = sub
      ? {
          subscribers: 1,
          [`region.${sub.homeRegion}`]: 1,
          [`status.${sub.status}`]: 1,
          ...prefixed('consentEvents', reads.counts.consentEvents.get(sub.id) ?? []),
          ...prefixed('subscriptions', reads.counts.subscriptions.get(sub.id) ?? []),
          ...prefixed('clicks', reads.counts.clicks.get(sub.id) ?? []),
          ...prefixed('messageRecipients', reads.counts.messageRecipients.get(sub.id) ?? []),
        }
      : { subscribers: 0 };
    // The person's other open requests close with the erasure, and keep the erasure record
    // instead of the subscriber id, and no Message-ID of their mails (it can carry their address).
    const theirs = reads.others.filter(
      (o) =>
        !closed.has(o.id) &&
        ((sub && o.subscriberId === sub.id) || (index !== null && o.subjectIndex === index)),
    );
    for (const other of theirs) {
      closed.add(other.id);
      closures.push(
        ...closeForErasure(db, other, {
          erasureRequestId: request.id,
          now,
          patch: {
            subscriberId: sub && other.subscriberId ? recordId : other.subscriberId,
            evidence: withoutMailIds(other.evidence),
          },
        }).batch,
      );
    }
    finishing.push({
      request: claims.next[i] as PrivacyRequest,
      payload: { trigger, closed: theirs.length },
      patch: {
        subscriberId: sub ? recordId : request.subscriberId,
        evidence: withoutMailIds(request.evidence),
      },
    });
    records.push({ id: recordId, request, counts, sub });
  });
  const finish = finishEachStatements(db, finishing, { actor, now, note: trigger });
  const outcomes = new Map<string, ErasureOutcome>();
  records.forEach(({ request, counts, sub }, i) => {
    outcomes.set(request.id, {
      status: 'executed',
      request: finish.next[i] as PrivacyRequest,
      counts,
      requesterEmail: requesters[i]?.email ?? null,
      language: request.language ?? sub?.language ?? null,
    });
  });

  const suppressed = subjects.flatMap((s) => (s.index ? [{ index: s.index, requestId: s.request.id }] : []));
  const batch: BatchItem[] = [
    ...finish.batch,
    ...(await removalCounted(db, keys, people, subjects.length)),
    ...scrubIdsFromEvents(
      db,
      tenantId,
      ids,
      subjects.map((s) => s.request.id),
    ),
    ...(await idempotencyAnswersAbout(db, keys, reads.answers, people)),
    ...(suppressed.length
      ? suppressionCounted(
          db,
          tenantId,
          suppressed.map((s) => s.index),
          [suppressionsOf(db, tenantId, suppressed)],
        )
      : []),
    ...closures,
    ...theirOtherRequests(db, tenantId, records),
    // Unique per request: a second execution that got this far fails here and changes nothing.
    erasureRecordsOf(db, tenantId, records, trigger, now),
    outboxInsertEach(
      db,
      records.map(({ request, sub }) => ({
        tenantId,
        type: 'subscriber.erased' as const,
        subjectType: 'privacy_request' as const,
        subjectId: request.id,
        occurredAt: now,
        payload: { requestId: request.id, subscriberId: sub?.id ?? null, trigger },
      })),
    ),
  ];
  await commitSettled(db, batch, run, now);
  return outcomes;
}

/**
 * Runs a guarded batch with the settling of its events appended (`settleUnwatched`), counts its
 * queries and hands on the events an endpoint listens to.
 */
async function commitSettled(db: Db, statements: BatchItem[], run: ErasureRun, now: Date): Promise<void> {
  const settle = settleUnwatched(db, outboxRefs(statements), now);
  const batch = [...statements, ...settle.statements];
  if (run.queries) run.queries.sent += batch.length;
  const answers = await runGuarded(db, batch);
  run.events?.push(...settle.toDispatch(batch, answers));
}

/**
 * All of the people's requests besides the chunk's own (found through the subscriber and the
 * subject indexes, each its own read): the erasure record's id instead of the subscriber id, no
 * requester address, no Message-ID in their evidence. One statement for the chunk.
 */
function theirOtherRequests(
  db: Db,
  tenantId: string,
  records: readonly { id: string; request: PrivacyRequest; sub?: Subscriber }[],
): BatchItem[] {
  const people = records.flatMap(({ id, request, sub }) => {
    const index = sub?.emailIndex ?? request.subjectIndex;
    return sub || index ? [{ record: sub ? id : null, sub: sub?.id ?? null, index }] : [];
  });
  if (people.length === 0) return [];
  const json = JSON.stringify(people);
  const pick = (path: string) => sql.raw(`json_extract(value, '$.${path}')`);
  const own = JSON.stringify(records.map((r) => r.request.id));
  const recordOf = sql`(select ${pick('record')} from json_each(${json})
    where ${pick('sub')} = ${privacyRequests.subscriberId} or ${pick('index')} = ${privacyRequests.subjectIndex} limit 1)`;
  return [
    db
      .update(privacyRequests)
      .set({
        requesterCt: null,
        subscriberId: sql`coalesce(${recordOf}, ${privacyRequests.subscriberId})`,
        evidence: sql`case when json_extract(${privacyRequests.evidence}, '$.source') = 'inbound_email' then json_remove(${privacyRequests.evidence}, '$.messageId') else ${privacyRequests.evidence} end`,
      })
      .where(
        and(
          ofTenant(privacyRequests.tenantId, tenantId),
          sql`${privacyRequests.id} in (
            select id from privacy_requests where tenant_id = ${tenantId} and subscriber_id in (select ${pick('sub')} from json_each(${json}))
            union all select id from privacy_requests where tenant_id = ${tenantId} and subject_index in (select ${pick('index')} from json_each(${json})))`,
          sql`${privacyRequests.id} not in (select value from json_each(${own}))`,
        ),
      ),
  ];
}

/** The blind indexes kept as suppressions (reason `erasure`, the request that erased them), one statement. */
function suppressionsOf(
  db: Db,
  tenantId: string,
  suppressed: readonly { index: string; requestId: string }[],
) {
  const json = JSON.stringify(suppressed.map((s) => [s.index, s.requestId]));
  return db
    .insert(suppressions)
    .select(
      db
        .select({
          tenantId: sql<string>`${tenantId}`.as('tenant_id'),
          emailIndex: sql<string>`json_extract(value, '$[0]')`.as('email_index'),
          reason: sql<'erasure'>`'erasure'`.as('reason'),
          requestId: sql<string>`json_extract(value, '$[1]')`.as('request_id'),
          createdAt: sql<number>`unixepoch('subsec') * 1000`.as('created_at'),
        })
        .from(sql`json_each(${json})`)
        // `where`: an upsert's `on conflict` would otherwise parse as the join's `on`.
        .where(sql`true`),
    )
    .onConflictDoUpdate({
      target: [suppressions.tenantId, suppressions.emailIndex],
      set: { reason: 'erasure', requestId: sql`excluded.request_id` },
    });
}

/** The chunk's erasure records (counts only), one statement; `request_id` is unique. */
function erasureRecordsOf(
  db: Db,
  tenantId: string,
  records: readonly { id: string; request: PrivacyRequest; counts: Record<string, number> }[],
  trigger: ErasureTrigger,
  now: Date,
) {
  const json = JSON.stringify(
    records.map((r) => ({
      id: r.id,
      request: r.request.id,
      at: r.request.receivedAt.getTime(),
      counts: r.counts,
    })),
  );
  const field = (path: string) => sql.raw(`json_extract(j.value, '$.${path}')`);
  return db.insert(erasureRecords).select(
    db
      .select({
        id: sql<string>`${field('id')}`.as('id'),
        tenantId: sql<string>`${tenantId}`.as('tenant_id'),
        requestId: sql<string>`${field('request')}`.as('request_id'),
        requestedAt: sql<number>`${field('at')}`.as('requested_at'),
        executedAt: sql<number>`${now.getTime()}`.as('executed_at'),
        trigger: sql<string>`${trigger}`.as('trigger'),
        counts: sql<string>`${field('counts')}`.as('counts'),
      })
      .from(sql`json_each(${json}) as j`),
  );
}

/**
 * Executes one erasure request (see `executeErasures`); a request changed meanwhile throws
 * `conflict` (409) and nothing is written.
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
  const result = (await executeErasures(db, keys, [requestId], { trigger, actor, now, events })).get(
    requestId,
  );
  if (!result) return { status: 'skipped', reason: 'not_found' };
  if (result.status === 'failed') throw result.error;
  // One request alone runs first in its call: nothing is spent before it.
  if (result.status === 'deferred') throw new Error('a single erasure was deferred');
  return result;
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
