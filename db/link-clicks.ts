// Clicks on tracked links: what the intercept decision reads (in one round trip), and the
// recording of a click after the redirect (queue consumer), which also fills an unknown home
// region from a person's click.

import { and, desc, eq, inArray } from 'drizzle-orm';
import type { ClickRecordedMessage } from '../shared/schemas/queue';
import { runBatch, type BatchItem, type Db } from './client';
import { consentValidityQueries, isConsentValid } from './consent-validity';
import { outboxInsert } from './outbox';
import { clicks, consentNotices, lists, subscribers } from './schema';
import { fillHomeRegion } from './subscribers';

export type InterceptSubscriber = Pick<typeof subscribers.$inferSelect, 'id' | 'tenantId' | 'homeRegion' | 'consentSeq' | 'consentHead'>;
export type InterceptList = Pick<typeof lists.$inferSelect, 'id' | 'name' | 'purpose' | 'noticeKey'>;
export type InterceptNotice = Pick<typeof consentNotices.$inferSelect, 'id' | 'language' | 'version' | 'text' | 'textHash'>;

export type InterceptContext = {
  subscriber: InterceptSubscriber;
  list: InterceptList;
  consentValid: boolean;
  /** The newest version of the list's notice in each language it is published in. */
  notices: InterceptNotice[];
};

const MAX_NOTICE_ROWS = 200;

/**
 * Everything the consent decision and page need, in one D1 batch: the subscriber and list
 * (both scoped to the tenant), the consent verdict, and the list's notice texts. Undefined when
 * the subscriber or list is not (or no longer) in this tenant.
 */
export async function loadInterceptContext(
  db: Db,
  claims: { tenantId: string; subscriberId: string; listId: string },
): Promise<InterceptContext | undefined> {
  const { tenantId, subscriberId, listId } = claims;
  const [subscriptionQuery, eventQuery] = consentValidityQueries(db, tenantId, subscriberId, listId);
  const [subs, listRows, subscription, event, noticeRows] = await db.batch([
    db
      .select({ id: subscribers.id, tenantId: subscribers.tenantId, homeRegion: subscribers.homeRegion, consentSeq: subscribers.consentSeq, consentHead: subscribers.consentHead })
      .from(subscribers)
      .where(and(eq(subscribers.tenantId, tenantId), eq(subscribers.id, subscriberId)))
      .limit(1),
    db
      .select({ id: lists.id, name: lists.name, purpose: lists.purpose, noticeKey: lists.noticeKey })
      .from(lists)
      .where(and(eq(lists.tenantId, tenantId), eq(lists.id, listId)))
      .limit(1),
    subscriptionQuery,
    eventQuery,
    db
      .select({ id: consentNotices.id, language: consentNotices.language, version: consentNotices.version, text: consentNotices.text, textHash: consentNotices.textHash })
      .from(consentNotices)
      .where(and(
        eq(consentNotices.tenantId, tenantId),
        inArray(consentNotices.key, db.select({ key: lists.noticeKey }).from(lists).where(and(eq(lists.tenantId, tenantId), eq(lists.id, listId)))),
      ))
      .orderBy(desc(consentNotices.version))
      .limit(MAX_NOTICE_ROWS),
  ]);
  const subscriber = subs[0];
  const list = listRows[0];
  if (!subscriber || !list) return undefined;
  const newest = new Map<string, InterceptNotice>();
  for (const n of noticeRows) if (!newest.has(n.language)) newest.set(n.language, n);
  return { subscriber, list, consentValid: isConsentValid(subscription[0], event[0], listId), notices: [...newest.values()] };
}

/**
 * Records a click from the queue, idempotently (the click id is the key). A person's click (not
 * a scanner's) sets an unknown home region from its geolocation, with source `click_geo` and an
 * outbox event in the same batch. Clicks of subscribers who no longer exist are dropped.
 * Returns whether anything was written.
 */
export async function recordClick(db: Db, msg: ClickRecordedMessage): Promise<boolean> {
  const [subscriber] = await db
    .select({ id: subscribers.id, tenantId: subscribers.tenantId, homeRegion: subscribers.homeRegion })
    .from(subscribers)
    .where(and(eq(subscribers.tenantId, msg.tenantId), eq(subscribers.id, msg.subscriberId)))
    .limit(1);
  if (!subscriber) return false;
  const clickedAt = new Date(msg.clickedAt);
  const items: BatchItem[] = [
    db.insert(clicks).values({
      id: msg.clickId, tenantId: msg.tenantId, subscriberId: msg.subscriberId, messageId: msg.messageId, listId: msg.listId,
      clickedAt, country: msg.country, isEu: msg.isEu, outcome: msg.outcome, automated: msg.automated,
    }).onConflictDoNothing(),
  ];
  if (!msg.automated) items.push(...homeRegionFromClick(db, subscriber, { country: msg.country, isEU: msg.isEu }, msg.clickId, clickedAt));
  await runBatch(db, items);
  return true;
}

/** The update that fills an unknown home region from a click, and its event; empty otherwise. */
export function homeRegionFromClick(
  db: Db,
  subscriber: Pick<InterceptSubscriber, 'id' | 'tenantId' | 'homeRegion'>,
  geo: { country: string | null; isEU: boolean | null },
  clickId: string,
  at: Date,
): BatchItem[] {
  const update = fillHomeRegion(db, subscriber, geo, 'click_geo');
  if (!update) return [];
  return [
    update,
    outboxInsert(db, {
      tenantId: subscriber.tenantId, type: 'subscriber.home_region_set', subjectType: 'subscriber', subjectId: subscriber.id,
      payload: { subscriberId: subscriber.id, homeRegion: geo.isEU ? 'eu' : 'non_eu', country: geo.country, source: 'click_geo', clickId },
      occurredAt: at,
    }),
  ];
}
