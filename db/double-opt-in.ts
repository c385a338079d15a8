// Double opt-in: the click on the confirmation link turns pending subscriptions into confirmed
// ones and records a `confirmation` event with the click's own evidence; the mail goes at most
// once an hour per address and list; the sweep purges sign-ups never confirmed in time.

import { and, eq, inArray, isNotNull, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import type { Geo } from '../shared/geo';
import { chunk, runBatch, type BatchItem, type Db } from './client';
import type { SubscriptionRow } from './consent-capture';
import { appendToChain, prepareConsentEvents, type ConsentEvidence } from './consent-log';
import { outboxInsert, type OutboxRef, outboxRefs } from './outbox';
import { profileCount, type ProfileValues } from './profile-counters';
import { type CounterScope, counted, eventsLeaving, subscribersScope } from './report-counters';
import { consentEvents, lists, subscriberKeys, subscribers, subscriptions, tenants } from './schema';
import {
  decryptSubscriber,
  findSubscriber,
  homeRegionFill,
  loadSubscriberKey,
  type Subscriber,
} from './subscribers';
import { tenantKeys, type Tenant } from './tenants';

/** Days an unconfirmed sign-up is kept when the tenant sets nothing (`unconfirmedPurgeDays`). */
export const DEFAULT_UNCONFIRMED_PURGE_DAYS = 14;

export type ConfirmationClick = {
  occurredAt: Date;
  geo: Pick<Geo, 'country' | 'region' | 'isEU'>;
  ip: string | null;
  userAgent: string | null;
  formId: string | null;
};

export type ConfirmOutcome = {
  subscriber: Subscriber;
  confirmed: string[];
  alreadyConfirmed: boolean;
  outbox: OutboxRef[];
};

/** A subscription the confirmation click confirms: pending, or subscribed from an import with consent unknown. */
export const awaitsConfirmation = (r: Pick<SubscriptionRow, 'status' | 'consent'>) =>
  r.status === 'pending' || (r.status === 'confirmed' && r.consent === 'unknown');

const AWAITS_CONFIRMATION = or(
  eq(subscriptions.status, 'pending'),
  and(eq(subscriptions.status, 'confirmed'), eq(subscriptions.consent, 'unknown')),
);

const gone = () => new AppError('gone', 'This sign-up has expired or was removed. Please subscribe again.');

/** Confirms the named lists of a subscriber; idempotent (a second click changes nothing). */
export function confirmSubscriptions(
  db: Db,
  keys: TenantKeys,
  subscriberId: string,
  listIds: string[],
  click: ConfirmationClick,
): Promise<ConfirmOutcome> {
  return appendToChain<ConfirmOutcome>(db, async () => {
    const subscriber = await findSubscriber(db, keys.tenantId, subscriberId);
    const key = subscriber && (await loadSubscriberKey(db, keys, subscriberId));
    if (!subscriber || !key) throw gone();
    const rows = await db
      .select()
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.tenantId, keys.tenantId),
          eq(subscriptions.subscriberId, subscriberId),
          inArray(subscriptions.listId, listIds),
        ),
      );
    const open = rows.filter(awaitsConfirmation);
    if (open.length === 0) {
      if (rows.length === 0) throw gone();
      return { queries: [], result: { subscriber, confirmed: [], alreadyConfirmed: true, outbox: [] } };
    }
    const evidence: ConsentEvidence[] = open.map((r) => ({
      kind: 'confirmation',
      listId: r.listId,
      occurredAt: click.occurredAt,
      geo: click.geo,
      ip: click.ip,
      userAgent: click.userAgent,
      notice: null,
      language: subscriber.language,
      source: { type: 'confirmation', id: click.formId },
    }));
    const chain = await prepareConsentEvents(
      db,
      key,
      { seq: subscriber.consentSeq, hash: subscriber.consentHead },
      evidence,
    );
    const now = new Date();
    const queries: BatchItem[] = [...chain.queries];
    for (const [i, r] of open.entries()) {
      queries.push(
        db
          .update(subscriptions)
          .set({ status: 'confirmed', consent: 'given', consentEventId: chain.events[i]!.id, updatedAt: now })
          .where(and(eq(subscriptions.subscriberId, subscriberId), eq(subscriptions.listId, r.listId))),
      );
    }
    queries.push(
      db
        .update(subscribers)
        .set({ status: 'active' })
        .where(and(eq(subscribers.tenantId, keys.tenantId), eq(subscribers.id, subscriberId))),
      ...homeRegionFill(db, subscriber, click.geo, 'click_geo', now),
    );
    const confirmed = open.map((r) => r.listId);
    const announce = outboxInsert(db, {
      tenantId: keys.tenantId,
      type: 'consent.confirmed',
      subjectType: 'subscriber',
      subjectId: subscriberId,
      payload: { subscriberId, listIds: confirmed, eventIds: chain.events.map((e) => e.id) },
    });
    queries.push(announce);
    const outbox = outboxRefs(queries);
    return {
      queries,
      result: { subscriber: { ...subscriber, status: 'active' }, confirmed, alreadyConfirmed: false, outbox },
    };
  });
}

/** At most one double opt-in mail per address and list in this time. */
export const CONFIRMATION_MAIL_INTERVAL_MS = 3_600_000;

/**
 * Claims the double opt-in mail of the lists still awaiting confirmation whose last mail is older
 * than the interval, in one conditional update: of simultaneous sign-ups of one address, exactly
 * one gets each list. Returns the claimed lists: send the mail for those only.
 */
export async function claimConfirmationMail(
  db: Db,
  tenantId: string,
  subscriberId: string,
  listIds: string[],
  now = new Date(),
): Promise<string[]> {
  if (listIds.length === 0) return [];
  const claimed = await confirmationMailClaim(db, tenantId, subscriberId, listIds, now);
  return claimed.map((r) => r.listId);
}

/** The claim of `claimConfirmationMail` as a statement, for a capture's own write batch. */
export function confirmationMailClaim(
  db: Db,
  tenantId: string,
  subscriberId: string,
  listIds: string[],
  now = new Date(),
) {
  return db
    .update(subscriptions)
    .set({ confirmationMailedAt: now })
    .where(
      and(
        eq(subscriptions.tenantId, tenantId),
        eq(subscriptions.subscriberId, subscriberId),
        inArray(subscriptions.listId, listIds),
        AWAITS_CONFIRMATION,
        or(
          isNull(subscriptions.confirmationMailedAt),
          lte(subscriptions.confirmationMailedAt, new Date(now.getTime() - CONFIRMATION_MAIL_INTERVAL_MS)),
        ),
      ),
    )
    .returning({ listId: subscriptions.listId });
}

/**
 * Purges sign-ups still unconfirmed after the tenant's window: the pending subscriptions go,
 * and a subscriber left with no subscription at all is deleted with its data key (crypto-shred)
 * and its consent events, with the compliance counters (and counted profile values, read with
 * the subscriber's key before it goes) moved in the same batch. Returns how many subscriptions
 * and subscribers were purged, and the outbox events written.
 */
export async function purgeUnconfirmed(
  db: Db,
  masterKey: string | undefined,
  now: Date,
  limit = 500,
): Promise<{ subscriptions: number; subscribers: number; outbox: OutboxRef[] }> {
  const tenantRows = await db
    .select({ id: tenants.id, wrappedKey: tenants.wrappedKey, settings: tenants.settings })
    .from(tenants);
  let subs = 0;
  let people = 0;
  const outbox: OutboxRef[] = [];
  for (const t of tenantRows) {
    const days = t.settings.unconfirmedPurgeDays ?? DEFAULT_UNCONFIRMED_PURGE_DAYS;
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    const stale = await db
      .select({ subscriberId: subscriptions.subscriberId, listId: subscriptions.listId })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.tenantId, t.id),
          eq(subscriptions.status, 'pending'),
          lt(subscriptions.updatedAt, cutoff),
        ),
      )
      .limit(limit);
    if (stale.length === 0) continue;
    const ids = [...new Set(stale.map((s) => s.subscriberId))];
    for (const part of chunk(ids, 40)) {
      const deletes: BatchItem[] = [];
      for (const s of stale.filter((x) => part.includes(x.subscriberId))) {
        deletes.push(
          db
            .delete(subscriptions)
            .where(
              and(
                eq(subscriptions.subscriberId, s.subscriberId),
                eq(subscriptions.listId, s.listId),
                eq(subscriptions.status, 'pending'),
              ),
            ),
        );
      }
      // Only subscribers with nothing left (and never active) are removed entirely.
      const orphanOf = (ids: string[]) =>
        sql`p.tenant_id = ${t.id} and p.id in (select value from json_each(${JSON.stringify(ids)}))
          and p.status = 'pending' and not exists (select 1 from subscriptions s where s.subscriber_id = p.id)`;
      const orphans: CounterScope = { tenantId: t.id, where: orphanOf(part) };
      const gone = sql`(select p.id from subscribers p where ${orphans.where})`;
      const queries: BatchItem[] = [
        ...deletes,
        eventsLeaving(db, orphans, false),
        ...(await uncountProfiles(db, masterKey, t, part, orphanOf)),
        db
          .delete(consentEvents)
          .where(and(eq(consentEvents.tenantId, t.id), inArray(consentEvents.subscriberId, gone))),
        db
          .delete(subscriberKeys)
          .where(and(eq(subscriberKeys.tenantId, t.id), inArray(subscriberKeys.subscriberId, gone))),
        db.delete(subscribers).where(and(eq(subscribers.tenantId, t.id), inArray(subscribers.id, gone))),
        outboxInsert(db, {
          tenantId: t.id,
          type: 'subscription.unconfirmed_purged',
          subjectType: 'tenant',
          subjectId: t.id,
          payload: { subscriberIds: part, days },
        }),
      ];
      const before = await db.$count(
        subscribers,
        and(eq(subscribers.tenantId, t.id), inArray(subscribers.id, part)),
      );
      await runBatch(db, counted(db, subscribersScope(t.id, part), queries));
      outbox.push(...outboxRefs(queries));
      const after = await db.$count(
        subscribers,
        and(eq(subscribers.tenantId, t.id), inArray(subscribers.id, part)),
      );
      subs += deletes.length;
      people += before - after;
    }
  }
  return { subscriptions: subs, subscribers: people, outbox };
}

/**
 * The counted profile values of the pending subscribers among `ids` go with them: decrypted with
 * each one's key now, each decrement applying only if that subscriber is in fact purged.
 */
async function uncountProfiles(
  db: Db,
  masterKey: string | undefined,
  tenant: Pick<Tenant, 'id' | 'wrappedKey'>,
  ids: string[],
  orphanOf: (ids: string[]) => SQL,
): Promise<BatchItem[]> {
  const counted = await db
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.tenantId, tenant.id),
        inArray(subscribers.id, ids),
        eq(subscribers.status, 'pending'),
        isNotNull(subscribers.profileAudience),
      ),
    );
  if (counted.length === 0) return [];
  const keys = await tenantKeys(masterKey, tenant);
  const out: BatchItem[] = [];
  for (const sub of counted) {
    const key = await loadSubscriberKey(db, keys, sub.id);
    if (!key || !sub.profileAudience) continue;
    const { profile } = await decryptSubscriber(key, sub);
    const guard = sql`exists (select 1 from subscribers p where ${orphanOf([sub.id])})`;
    out.push(...(await profileCount(db, keys, sub.profileAudience, [profile as ProfileValues], -1, guard)));
  }
  return out;
}

/** The address and the lists still awaiting confirmation, for (re)sending the mail; null when none are. */
export async function pendingConfirmationTarget(
  db: Db,
  keys: TenantKeys,
  subscriberId: string,
  listIds: string[],
) {
  const subscriber = await findSubscriber(db, keys.tenantId, subscriberId);
  const key = subscriber && (await loadSubscriberKey(db, keys, subscriberId));
  if (!subscriber || !key || listIds.length === 0) return null;
  const pending = await db
    .select({ id: lists.id, name: lists.name })
    .from(subscriptions)
    .innerJoin(lists, eq(lists.id, subscriptions.listId))
    .where(
      and(
        eq(subscriptions.tenantId, keys.tenantId),
        eq(subscriptions.subscriberId, subscriberId),
        AWAITS_CONFIRMATION,
        inArray(subscriptions.listId, listIds),
      ),
    );
  if (pending.length === 0) return null;
  return { email: (await decryptSubscriber(key, subscriber)).email, lists: pending };
}
