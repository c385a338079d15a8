// The answer a person gives on the link-intercept consent page. YES appends an opt-in with full
// evidence and sets the subscription's consent to `given`; NO unsubscribes from the list at once,
// appends a refusal (or objection) and files the request: an unsubscribe is completed in the same
// batch, an objection stays open for the client. Each answer spends a one-time nonce in that
// batch, so a replay or a double submit records nothing new.

import { and, eq, sql } from 'drizzle-orm';
import type { TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import type { Geo } from '../shared/geo';
import type { LinkClaims } from '../shared/link-tokens';
import { runBatch, type BatchItem, type Db } from './client';
import { appendToChain, prepareConsentEvents, type ConsentKind } from './consent-log';
import { outboxInsert, type OutboxRef, outboxRefs } from './outbox';
import { createPrivacyRequest, type PrivacyRequest } from './privacy-requests';
import { commitWithCompletion } from './privacy-transitions';
import { clicks, subscriptions, usedNonces, type TenantSettings } from './schema';
import { findSubscriber, homeRegionFill, loadSubscriberKey } from './subscribers';

export const ANSWER_NONCE_PURPOSE = 'intercept_answer';

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
  /** The language of the notice text shown, recorded on the consent event. */
  language: string;
  /** The language of the page the person answered: the request's language, for every mail after. */
  pageLanguage: string;
  geo: Pick<Geo, 'country' | 'region' | 'isEU'>;
  ip: string | null;
  userAgent: string | null;
  at: Date;
};

export type AnswerOutcome = {
  recorded: boolean;
  consentEventId?: string;
  requestId?: string;
  /** The unsubscribe request this answer completed, for the requester's "done" mail. */
  completed?: PrivacyRequest;
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
 * Records an answer once. A NO files its request first (filing merges duplicates, e.g. NOs from
 * several open pages), then one batch spends the nonce with the consent event, the subscription
 * and, for an unsubscribe, the request's completion: a failure anywhere leaves the answer
 * retryable, and a second submit finds the nonce spent.
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
        language: input.pageLanguage,
        verified: true,
        actor: 'subscriber',
        receivedAt: input.at,
      },
      outbox,
    );
    requestId = request.id;
  }
  const kind: ConsentKind =
    input.answer === 'yes' ? 'opt_in' : noAction === 'objection' ? 'objection' : 'refusal';
  return appendToChain<AnswerOutcome>(db, async (round) => {
    // A lost round may have lost to a simultaneous submit of this very page.
    if (round > 1 && (await nonceSpent(db, tenant.id, input.nonce)))
      return { queries: [], result: { recorded: false, requestId, outbox } };
    const { queries, eventId } = await answerStatements(db, input, kind, requestId);
    const outcome: AnswerOutcome = { recorded: true, consentEventId: eventId, requestId, outbox };
    if (!requestId || noAction !== 'unsubscribe')
      return {
        queries,
        result: outcome,
        commit: async (q) => {
          await runBatch(db, q);
          outbox.push(...outboxRefs(q));
        },
      };
    return {
      queries,
      result: outcome,
      // When a simultaneous answer completed the request first, this answer commits alone.
      commit: async (q) => {
        outcome.completed = await commitWithCompletion(db, tenant.id, requestId, q, {
          actor: 'subscriber',
          note: 'unsubscribed from the list on the consent page',
          events: outbox,
        });
      },
    };
  });
}

/** The statements of one answer: nonce, consent event, subscription, click, home region, event. */
async function answerStatements(
  db: Db,
  input: InterceptAnswer,
  kind: ConsentKind,
  requestId: string | undefined,
): Promise<{ queries: BatchItem[]; eventId: string }> {
  const { tenant, claims, at } = input;
  const subscriber = await findSubscriber(db, tenant.id, claims.subscriberId);
  const key = subscriber ? await loadSubscriberKey(db, input.keys, subscriber.id) : null;
  if (!subscriber || !key) throw new AppError('not_found', 'This link is no longer valid.');
  const { events, queries: chain } = await prepareConsentEvents(
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
  // YES subscribes with consent; NO stops this list's mail at once (Art. 21(3) for an objection).
  const state = given
    ? ({ status: 'confirmed', consent: 'given' } as const)
    : ({ status: 'unsubscribed', consent: 'refused' } as const);
  const queries: BatchItem[] = [
    db.insert(usedNonces).values({
      tenantId: tenant.id,
      nonce: input.nonce,
      purpose: ANSWER_NONCE_PURPOSE,
      expiresAt: input.nonceExpiresAt,
    }),
    ...chain,
    db
      .insert(subscriptions)
      .values({
        tenantId: tenant.id,
        subscriberId: subscriber.id,
        listId: claims.listId,
        ...state,
        consentEventId: event.id,
      })
      .onConflictDoUpdate({
        target: [subscriptions.subscriberId, subscriptions.listId],
        set: { ...state, consentEventId: event.id, updatedAt: at },
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
    ...homeRegionFill(db, subscriber, input.geo, 'click_geo', at, { clickId: input.clickId }),
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
  return { queries, eventId: event.id };
}
