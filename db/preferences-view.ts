// What a person's preference centre shows them, read in one D1 batch: their subscriber row
// (decrypted for them alone), the tenant's profile fields, the lists they can manage with their
// subscription, the time of the consent event behind each, the lists' notices, and their open
// privacy requests with due dates.

import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { TenantKeys } from '../shared/crypto/envelope';
import { unwrapSubscriberKey, type SubscriberKey } from '../shared/crypto/envelope';
import { OPEN_STATUSES } from '../shared/request-lifecycle';
import type { Db } from './client';
import type { InterceptNotice } from './link-clicks';
import type { ListRow, ProfileFieldRow } from './lists';
import type { PrivacyRequest } from './privacy-requests';
import {
  consentEvents,
  consentNotices,
  lists,
  privacyRequests,
  profileFields,
  subscriberKeys,
  subscribers,
  subscriptions,
} from './schema';
import { decryptSubscriber, type DecryptedSubscriber, type Subscriber } from './subscribers';

type Subscription = typeof subscriptions.$inferSelect;

/** Bounds of what one page shows: a tenant's lists and fields are a handful, never thousands. */
const MAX_LISTS = 100;
const MAX_FIELDS = 100;
const MAX_NOTICE_ROWS = 400;
const MAX_REQUESTS = 50;

export type PreferenceList = {
  list: ListRow;
  subscription: Subscription | null;
  /** When the current state began: the time of the consent event that decided it. */
  since: Date | null;
  /** The newest version of the list's notice in each language it is published in. */
  notices: InterceptNotice[];
};

export type PreferenceView = {
  subscriber: Subscriber;
  key: SubscriberKey;
  person: DecryptedSubscriber;
  fields: ProfileFieldRow[];
  lists: PreferenceList[];
  /** Open requests of the person (by subscriber or by address), oldest first. */
  requests: PrivacyRequest[];
};

/** Newest version per (key, language) of the given notice rows. */
function newestNotices(rows: (InterceptNotice & { key: string })[], key: string | null): InterceptNotice[] {
  const newest = new Map<string, InterceptNotice>();
  for (const r of rows) {
    if (r.key !== key) continue;
    const seen = newest.get(r.language);
    if (!seen || r.version > seen.version) newest.set(r.language, r);
  }
  return [...newest.values()];
}

/**
 * The whole page's data, or null when the subscriber (or their data key) no longer exists.
 * Lists shown: every consent-based list of the tenant, and any other list the person is on.
 */
export async function loadPreferenceView(
  db: Db,
  keys: TenantKeys,
  subscriberId: string,
): Promise<PreferenceView | null> {
  const tenantId = keys.tenantId;
  const own = and(eq(subscribers.tenantId, tenantId), eq(subscribers.id, subscriberId));
  const addressOf = db.select({ i: subscribers.emailIndex }).from(subscribers).where(own);
  const [subs, wrapped, fields, listRows, subRows, requests] = await db.batch([
    db.select().from(subscribers).where(own).limit(1),
    db
      .select({ wrappedKey: subscriberKeys.wrappedKey })
      .from(subscriberKeys)
      .where(and(eq(subscriberKeys.tenantId, tenantId), eq(subscriberKeys.subscriberId, subscriberId)))
      .limit(1),
    db
      .select()
      .from(profileFields)
      .where(eq(profileFields.tenantId, tenantId))
      .orderBy(asc(profileFields.createdAt))
      .limit(MAX_FIELDS),
    db.select().from(lists).where(eq(lists.tenantId, tenantId)).orderBy(asc(lists.name)).limit(MAX_LISTS),
    db
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.subscriberId, subscriberId))),
    db
      .select()
      .from(privacyRequests)
      .where(
        and(
          eq(privacyRequests.tenantId, tenantId),
          inArray(privacyRequests.status, [...OPEN_STATUSES]),
          or(
            eq(privacyRequests.subscriberId, subscriberId),
            inArray(privacyRequests.subjectIndex, addressOf),
          ),
        ),
      )
      .orderBy(asc(privacyRequests.receivedAt))
      .limit(MAX_REQUESTS),
  ]);
  const subscriber = subs[0];
  if (!subscriber || !wrapped[0]) return null;
  const key = await unwrapSubscriberKey(keys, subscriberId, wrapped[0].wrappedKey);
  const bySubscription = new Map(subRows.map((s) => [s.listId, s]));
  const shown = listRows.filter((l) => l.lawfulBasis === 'consent' || bySubscription.has(l.id));
  const [events, notices] = await readListContext(db, tenantId, subRows, shown);
  const eventTime = new Map(events.map((e) => [e.id, e.occurredAt]));
  return {
    subscriber,
    key,
    person: await decryptSubscriber(key, subscriber),
    fields,
    requests,
    lists: shown.map((list) => {
      const subscription = bySubscription.get(list.id) ?? null;
      const decided = subscription?.consentEventId ? eventTime.get(subscription.consentEventId) : undefined;
      return {
        list,
        subscription,
        since: decided ?? subscription?.updatedAt ?? null,
        notices: newestNotices(notices, list.noticeKey),
      };
    }),
  };
}

/** The events that decided the subscriptions, and the notices of the shown lists, in one round trip. */
async function readListContext(db: Db, tenantId: string, subRows: Subscription[], shown: ListRow[]) {
  const eventIds = subRows.map((s) => s.consentEventId).filter((id): id is string => id !== null);
  const noticeKeys = [...new Set(shown.map((l) => l.noticeKey).filter((k): k is string => k !== null))];
  return db.batch([
    db
      .select({ id: consentEvents.id, occurredAt: consentEvents.occurredAt })
      .from(consentEvents)
      .where(and(eq(consentEvents.tenantId, tenantId), inArray(consentEvents.id, eventIds))),
    db
      .select({
        id: consentNotices.id,
        key: consentNotices.key,
        language: consentNotices.language,
        version: consentNotices.version,
        text: consentNotices.text,
        textHash: consentNotices.textHash,
      })
      .from(consentNotices)
      .where(and(eq(consentNotices.tenantId, tenantId), inArray(consentNotices.key, noticeKeys)))
      .orderBy(desc(consentNotices.version))
      .limit(MAX_NOTICE_ROWS),
  ]);
}
