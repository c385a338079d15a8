// The answer a person gives on the link-intercept consent page. YES appends an opt-in with full
// evidence and sets the subscription's consent to `given`; NO files an objection or unsubscribe
// request (tenant setting) and appends a refusal or objection. Each answer spends a one-time
// nonce in the same batch as its events, so a replay or a double submit records nothing new.

import { and, eq, sql } from 'drizzle-orm';
import type { TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import type { Geo } from '../shared/geo';
import type { LinkClaims } from '../shared/link-tokens';
import { runBatch, type Db } from './client';
import { prepareConsentEvents, type ConsentKind } from './consent-log';
import { homeRegionFromClick } from './link-clicks';
import { outboxInsert, type OutboxRef, outboxRefs } from './outbox';
import { createPrivacyRequest } from './privacy-requests';
import { clicks, subscribers, subscriptions, usedNonces, type TenantSettings } from './schema';
import { loadSubscriberKey } from './subscribers';

export const ANSWER_NONCE_PURPOSE = 'intercept_answer';
const CHAIN_ATTEMPTS = 5;

export type InterceptAnswer = {
  tenant: { id: string; settings: TenantSettings };
  keys: TenantKeys;
  claims: LinkClaims;
  answer: 'yes' | 'no';
  nonce: string;
  nonceExpiresAt: Date;
  clickId: string;
  /** The notice the page showed (a built-in text has version 0 and id `builtin:<language>`). */
  notice: { id: string; version: number; hash: string };
  language: string;
  geo: Pick<Geo, 'country' | 'region' | 'isEU'>;
  ip: string | null;
  userAgent: string | null;
  at: Date;
};

export type AnswerOutcome = {
  recorded: boolean;
  consentEventId?: string;
  requestId?: string;
  /** The outbox events this answer wrote, for the route to hand to the queue. */
  outbox: OutboxRef[];
};

async function nonceSpent(db: Db, tenantId: string, nonce: string): Promise<boolean> {
  const [row] = await db
    .select({ n: usedNonces.nonce })
    .from(usedNonces)
    .where(and(eq(usedNonces.tenantId, tenantId), eq(usedNonces.nonce, nonce)))
    .limit(1);
  return row !== undefined;
}

/** What a NO files, per tenant setting (unsubscribe unless the tenant chose objection). */
export const noActionFor = (settings: TenantSettings) => settings.interceptNoAction ?? 'unsubscribe';

/**
 * Records an answer once. Order matters for retries: the privacy request is filed first (filing
 * merges duplicates), then one batch spends the nonce with the consent event, so a failure
 * anywhere leaves the answer retryable and a second submit finds the nonce spent.
 */
export async function recordInterceptAnswer(db: Db, input: InterceptAnswer): Promise<AnswerOutcome> {
  const { tenant, claims } = input;
  if (await nonceSpent(db, tenant.id, input.nonce)) return { recorded: false, outbox: [] };
  const noAction = noActionFor(tenant.settings);
  const outbox: OutboxRef[] = [];
  let requestId: string | undefined;
  if (input.answer === 'no') {
    const { request } = await createPrivacyRequest(
      db,
      tenant.settings,
      {
        tenantId: tenant.id,
        kind: noAction,
        channel: 'link_intercept',
        subscriberId: claims.subscriberId,
        evidence: {
          listId: claims.listId,
          messageId: claims.messageId,
          clickId: input.clickId,
          consentEvent: noAction === 'objection' ? 'objection' : 'refusal',
        },
        language: input.language,
        verified: true,
        actor: 'subscriber',
        receivedAt: input.at,
      },
      outbox,
    );
    requestId = request.id;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const consentEventId = await appendAnswer(
        db,
        input,
        input.answer === 'yes' ? 'opt_in' : noAction === 'objection' ? 'objection' : 'refusal',
        requestId,
        outbox,
      );
      return { recorded: true, consentEventId, requestId, outbox };
    } catch (err) {
      if (await nonceSpent(db, tenant.id, input.nonce)) return { recorded: false, requestId, outbox };
      // Another event of this subscriber took our chain position: read the head again. Each
      // round lets one of the simultaneous answers (several open tabs) through.
      if (attempt >= CHAIN_ATTEMPTS || err instanceof AppError) throw err;
    }
  }
}

async function appendAnswer(
  db: Db,
  input: InterceptAnswer,
  kind: ConsentKind,
  requestId: string | undefined,
  outbox: OutboxRef[],
): Promise<string> {
  const { tenant, claims, at } = input;
  const subscriber = await db.query.subscribers.findFirst({
    where: and(eq(subscribers.tenantId, tenant.id), eq(subscribers.id, claims.subscriberId)),
  });
  const key = subscriber ? await loadSubscriberKey(db, input.keys, subscriber.id) : null;
  if (!subscriber || !key) throw new AppError('not_found', 'This link is no longer valid.');
  const { events, queries } = await prepareConsentEvents(
    db,
    key,
    { seq: subscriber.consentSeq, hash: subscriber.consentHead },
    [
      {
        kind,
        listId: claims.listId,
        occurredAt: at,
        geo: input.geo,
        ip: input.ip,
        userAgent: input.userAgent,
        notice: input.notice,
        language: input.language,
        source: { type: 'link', id: claims.messageId, url: claims.destination },
      },
    ],
  );
  const event = events[0]!;
  const given = input.answer === 'yes';
  const batch = [
    db.insert(usedNonces).values({
      tenantId: tenant.id,
      nonce: input.nonce,
      purpose: ANSWER_NONCE_PURPOSE,
      expiresAt: input.nonceExpiresAt,
    }),
    ...queries,
    db
      .insert(subscriptions)
      .values({
        tenantId: tenant.id,
        subscriberId: subscriber.id,
        listId: claims.listId,
        status: given ? 'confirmed' : 'unsubscribed',
        consent: given ? 'given' : 'refused',
        consentEventId: event.id,
      })
      .onConflictDoUpdate({
        target: [subscriptions.subscriberId, subscriptions.listId],
        set: given
          ? { consent: 'given', status: 'confirmed', consentEventId: event.id, updatedAt: at }
          : { consent: 'refused', consentEventId: event.id, updatedAt: at },
      }),
    db
      .insert(clicks)
      .values({
        id: input.clickId,
        tenantId: tenant.id,
        subscriberId: subscriber.id,
        messageId: claims.messageId,
        listId: claims.listId,
        clickedAt: at,
        country: input.geo.country,
        isEu: input.geo.isEU,
        outcome: given ? 'consent_yes' : 'consent_no',
        automated: false,
      })
      .onConflictDoUpdate({ target: clicks.id, set: { outcome: sql`excluded.outcome` } }),
    ...homeRegionFromClick(db, subscriber, input.geo, input.clickId, at),
    // One event type for every consent event, whatever captured it (forms, API, import, links).
    outboxInsert(db, {
      tenantId: tenant.id,
      type: 'consent.recorded',
      subjectType: 'subscriber',
      subjectId: subscriber.id,
      payload: {
        subscriberId: subscriber.id,
        eventIds: [event.id],
        listIds: [claims.listId],
        kinds: [kind],
        source: 'link',
        channel: 'link_intercept',
        messageId: claims.messageId,
        noticeVersion: input.notice.version,
        requestId: requestId ?? null,
      },
      occurredAt: at,
    }),
  ];
  await runBatch(db, batch);
  outbox.push(...outboxRefs(batch));
  return event.id;
}
