// A person's own consent decisions, from the preference centre and the unsubscribe page. A
// subscribe appends an opt-in with the notice shown; an unsubscribe (one list, or all) appends a
// withdrawal per list in the batch that files its `unsubscribe` request, completed right after.
// Both read the state again on every round, so a repeat or a simultaneous duplicate changes nothing.

import { and, eq, inArray, ne } from 'drizzle-orm';
import type { TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import type { Geo } from '../shared/geo';
import type { BatchItem, Db } from './client';
import { appendToChain, prepareConsentEvents, type ConsentEvidence, type ConsentSource } from './consent-log';
import type { ListRow } from './lists';
import { outboxInsert, type OutboxRef } from './outbox';
import { createPrivacyRequest, type PrivacyRequest } from './privacy-requests';
import { commitWithCompletion } from './privacy-transitions';
import { subscribers, subscriptions, type TenantSettings } from './schema';
import { findSubscriber, homeRegionFill, loadSubscriberKey, type Subscriber } from './subscribers';

/** The person's action on one of our pages, as consent evidence. */
export type PersonClick = {
  at: Date;
  geo: Pick<Geo, 'country' | 'region' | 'isEU'>;
  ip: string | null;
  userAgent: string | null;
  /** The language of the page the person acted on. */
  language: string;
  /**
   * An RFC 8058 one-click POST: sent by the person's mail provider, from its servers. Recorded
   * as it came, but its location is the provider's, so it never sets the person's home region.
   */
  viaMailProvider?: boolean;
};

type SelfServiceChannel = 'preference_centre' | 'unsubscribe_page';

const SOURCE: Record<SelfServiceChannel, ConsentSource['type']> = {
  preference_centre: 'preference_centre',
  unsubscribe_page: 'unsubscribe',
};

const gone = () => new AppError('gone', 'This person’s data no longer exists.');

/** The subscriber and their data key as they are now; `gone` once erased. */
export async function currentSubscriber(db: Db, keys: TenantKeys, subscriberId: string) {
  const subscriber = await findSubscriber(db, keys.tenantId, subscriberId);
  const key = subscriber ? await loadSubscriberKey(db, keys, subscriberId) : null;
  if (!subscriber || !key) throw gone();
  return { subscriber, key };
}

function evidenceOf(click: PersonClick, source: ConsentSource) {
  return {
    occurredAt: click.at,
    geo: click.geo,
    ip: click.ip,
    userAgent: click.userAgent,
    language: click.language,
    source,
  };
}

/**
 * The person subscribes to a list from their preference centre. The link they came by was mailed
 * to their address, which proves it as a double opt-in click would: the subscription is
 * confirmed at once, with the notice the page showed as evidence.
 */
export function subscribeToList(
  db: Db,
  keys: TenantKeys,
  subscriberId: string,
  list: ListRow,
  notice: { id: string; version: number; hash: string },
  click: PersonClick,
): Promise<{ changed: boolean; outbox: OutboxRef[] }> {
  return appendToChain<{ changed: boolean; outbox: OutboxRef[] }>(db, async () => {
    const { subscriber, key } = await currentSubscriber(db, keys, subscriberId);
    const [current] = await db
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.subscriberId, subscriberId), eq(subscriptions.listId, list.id)));
    if (current?.status === 'confirmed' && current.consent === 'given')
      return { queries: [], result: { changed: false, outbox: [] } };
    const source = { type: 'preference_centre' } as const;
    const chain = await prepareConsentEvents(db, key, headOf(subscriber), [
      { ...evidenceOf(click, source), kind: 'opt_in', listId: list.id, notice },
    ]);
    const event = chain.events[0]!;
    const state = { status: 'confirmed', consent: 'given', consentEventId: event.id } as const;
    const announce = consentRecordedEvent(db, subscriber, {
      eventIds: [event.id],
      listIds: [list.id],
      kinds: ['opt_in'],
      channel: 'preference_centre',
      noticeVersion: notice.version,
    });
    const queries: BatchItem[] = [
      ...chain.queries,
      db
        .insert(subscriptions)
        .values({ tenantId: keys.tenantId, subscriberId, listId: list.id, ...state })
        .onConflictDoUpdate({
          target: [subscriptions.subscriberId, subscriptions.listId],
          set: { ...state, updatedAt: click.at },
        }),
      db
        .update(subscribers)
        .set({ status: 'active' })
        .where(
          and(
            eq(subscribers.tenantId, keys.tenantId),
            eq(subscribers.id, subscriberId),
            eq(subscribers.status, 'pending'),
          ),
        ),
      ...homeRegionFill(db, subscriber, click.geo, 'click_geo', click.at),
      announce,
    ];
    return { queries, result: { changed: true, outbox: [announce.outboxRef] } };
  });
}

export type WithdrawalInput = {
  subscriberId: string;
  /** The lists to leave, or every list the person is on. */
  lists: string[] | 'all';
  channel: SelfServiceChannel;
  /** The message whose unsubscribe link was used (the unsubscribe page). */
  messageId?: string | null;
  click: PersonClick;
};

export type WithdrawalOutcome = {
  /** Lists this call unsubscribed from; empty when there was nothing left to leave. */
  withdrawn: string[];
  /** The unsubscribe request this call completed, for the requester's mail. */
  completed?: PrivacyRequest;
  outbox: OutboxRef[];
};

/** Subscriptions still in force among `lists`: anything not yet unsubscribed. */
async function inForce(db: Db, tenantId: string, subscriberId: string, lists: string[] | 'all') {
  return db
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.tenantId, tenantId),
        eq(subscriptions.subscriberId, subscriberId),
        ne(subscriptions.status, 'unsubscribed'),
        lists === 'all' ? undefined : inArray(subscriptions.listId, lists),
      ),
    );
}

/**
 * Unsubscribes: a consent `withdrawal` per list still in force and the subscriptions set to
 * unsubscribed, committed in the batch that files the `unsubscribe` request (verified: the link
 * proves the address), which is then completed. Nothing left to leave: nothing is written and no
 * request filed. Of simultaneous calls exactly one finds something to leave (the chain lets one
 * round through; the others read again and find nothing), so one withdrawal, one request.
 */
export async function withdrawFromLists(
  db: Db,
  settings: TenantSettings,
  keys: TenantKeys,
  input: WithdrawalInput,
): Promise<WithdrawalOutcome> {
  const { subscriberId, click } = input;
  const outbox: OutboxRef[] = [];
  const appended = await appendToChain<{ withdrawn: string[]; request?: PrivacyRequest }>(db, async () => {
    const { subscriber, key } = await currentSubscriber(db, keys, subscriberId);
    const rows = await inForce(db, keys.tenantId, subscriberId, input.lists);
    if (rows.length === 0) return { queries: [], result: { withdrawn: [] } };
    const source: ConsentSource = { type: SOURCE[input.channel], id: input.messageId ?? null };
    const evidence: ConsentEvidence[] = rows.map((r) => ({
      ...evidenceOf(click, source),
      kind: 'withdrawal',
      listId: r.listId,
      notice: null,
    }));
    const chain = await prepareConsentEvents(db, key, headOf(subscriber), evidence);
    const withdrawn = rows.map((r) => r.listId);
    const queries: BatchItem[] = [
      ...chain.queries,
      ...rows.map((r, i) =>
        db
          .update(subscriptions)
          .set({
            status: 'unsubscribed',
            consent: 'withdrawn',
            consentEventId: chain.events[i]!.id,
            updatedAt: click.at,
          })
          .where(and(eq(subscriptions.subscriberId, subscriberId), eq(subscriptions.listId, r.listId))),
      ),
      ...(click.viaMailProvider ? [] : homeRegionFill(db, subscriber, click.geo, 'click_geo', click.at)),
      consentRecordedEvent(db, subscriber, {
        eventIds: chain.events.map((e) => e.id),
        listIds: withdrawn,
        kinds: chain.events.map((e) => e.kind),
        channel: input.channel,
        messageId: input.messageId ?? null,
      }),
    ];
    const result: { withdrawn: string[]; request?: PrivacyRequest } = { withdrawn };
    const filing = {
      tenantId: keys.tenantId,
      kind: 'unsubscribe' as const,
      channel: input.channel,
      subscriberId,
      subjectIndex: subscriber.emailIndex,
      evidence: { lists: withdrawn, ...(input.messageId ? { messageId: input.messageId } : {}) },
      language: click.language,
      verified: true,
      actor: 'subscriber',
      receivedAt: click.at,
    };
    return {
      queries,
      result,
      commit: async (q) => {
        result.request = (await createPrivacyRequest(db, settings, filing, outbox, q)).request;
      },
    };
  });
  if (!appended.request) return { withdrawn: [], outbox };
  const completed = await commitWithCompletion(db, keys.tenantId, appended.request.id, [], {
    actor: 'subscriber',
    note:
      input.channel === 'unsubscribe_page'
        ? 'unsubscribed by its link'
        : 'unsubscribed in the preference centre',
    payload: { listIds: appended.withdrawn },
    events: outbox,
  });
  return { withdrawn: appended.withdrawn, completed, outbox };
}

const headOf = (s: Subscriber) => ({ seq: s.consentSeq, hash: s.consentHead });

/** The `consent.recorded` event of a self-service change (ids and facts only). */
export function consentRecordedEvent(
  db: Db,
  subscriber: Subscriber,
  facts: {
    eventIds: string[];
    listIds: string[];
    kinds: string[];
    channel: SelfServiceChannel;
    messageId?: string | null;
    noticeVersion?: number;
    requestId?: string;
    /** Interest fields whose value changed (a `preference_change`). */
    interests?: string[];
  },
) {
  return outboxInsert(db, {
    tenantId: subscriber.tenantId,
    type: 'consent.recorded',
    subjectType: 'subscriber',
    subjectId: subscriber.id,
    payload: { subscriberId: subscriber.id, source: SOURCE[facts.channel], ...facts },
  });
}
