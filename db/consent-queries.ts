// Reading the consent log and subscribers for the API: filtered, cursor-paginated listings in
// which EU (and not-yet-located) subscribers appear under their pseudonym only, and the current
// status per list of one subscriber.

import { and, desc, eq, gte, inArray, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import { decryptField, unwrapSubscriberKey, type TenantKeys } from '../shared/crypto/envelope';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { AppError } from '../shared/errors';
import type { ConsentEventQuery } from '../shared/schemas/consent-events';
import type { Db } from './client';
import type { ConsentEvent } from './consent-log';
import { pageByCreated } from './lists';
import { consentEvents, lists, subscriberKeys, subscribers, subscriptions } from './schema';
import { findSubscriber, isAnonymised, type Subscriber } from './subscribers';

export type Identity = { id: string; pseudonym: string; email: string | null; anonymised: boolean };

/** How subscribers are shown: the pseudonym always, the address only outside the EU. */
export async function identities(
  db: Db,
  keys: TenantKeys,
  rows: Pick<Subscriber, 'id' | 'pseudonym' | 'homeRegion' | 'emailCt'>[],
): Promise<Map<string, Identity>> {
  const out = new Map<string, Identity>();
  const visible = rows.filter((r) => !isAnonymised(r));
  const wrapped = visible.length
    ? await db
        .select()
        .from(subscriberKeys)
        .where(
          and(
            eq(subscriberKeys.tenantId, keys.tenantId),
            inArray(
              subscriberKeys.subscriberId,
              visible.map((r) => r.id),
            ),
          ),
        )
    : [];
  for (const r of rows) {
    const w = wrapped.find((k) => k.subscriberId === r.id);
    const email =
      !isAnonymised(r) && w
        ? await decryptField(await unwrapSubscriberKey(keys, r.id, w.wrappedKey), 'email', r.emailCt)
        : null;
    out.set(r.id, identityOf(r, email));
  }
  return out;
}

/**
 * How a subscriber whose address the caller holds already (a capture's normalised address, the
 * one their blind index was found by) is shown: no data key to read.
 */
export function identityOf(
  row: Pick<Subscriber, 'id' | 'pseudonym' | 'homeRegion'>,
  email: string | null,
): Identity {
  const anonymised = isAnonymised(row);
  return { id: row.id, pseudonym: row.pseudonym, email: anonymised ? null : email, anonymised };
}

export async function requireSubscriber(db: Db, tenantId: string, id: string): Promise<Subscriber> {
  const row = await findSubscriber(db, tenantId, id);
  if (!row) throw new AppError('not_found', `Subscriber ${id} does not exist.`);
  return row;
}

export function listSubscribers(db: Db, tenantId: string, cursor: string | undefined, limit: number) {
  return pageByCreated(
    (after, n) =>
      db
        .select()
        .from(subscribers)
        .where(
          and(
            eq(subscribers.tenantId, tenantId),
            after
              ? or(
                  lt(subscribers.createdAt, new Date(after.k)),
                  and(eq(subscribers.createdAt, new Date(after.k)), lt(subscribers.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(subscribers.createdAt), desc(subscribers.id))
        .limit(n),
    cursor,
    limit,
  );
}

function eventFilters(tenantId: string, q: ConsentEventQuery): SQL[] {
  const where: SQL[] = [eq(consentEvents.tenantId, tenantId)];
  if (q.subscriberId) where.push(eq(consentEvents.subscriberId, q.subscriberId));
  if (q.listId) where.push(eq(consentEvents.listId, q.listId));
  if (q.kind) where.push(eq(consentEvents.kind, q.kind));
  if (q.from) where.push(gte(consentEvents.occurredAt, new Date(q.from)));
  if (q.to) where.push(lte(consentEvents.occurredAt, new Date(q.to)));
  if (q.country) where.push(eq(consentEvents.country, q.country));
  if (q.region === 'eu') where.push(eq(consentEvents.isEu, true));
  if (q.region === 'non_eu') where.push(eq(consentEvents.isEu, false));
  if (q.region === 'unknown') where.push(isNull(consentEvents.isEu));
  return where;
}

/** Newest first; the cursor carries the last event's time and id. */
export async function listConsentEvents(
  db: Db,
  tenantId: string,
  q: ConsentEventQuery,
  cursor: string | undefined,
  limit: number,
) {
  const c = decodeCursor(cursor);
  const where = eventFilters(tenantId, q);
  if (c) {
    const at = new Date(Number(c.k));
    where.push(
      or(
        lt(consentEvents.occurredAt, at),
        and(eq(consentEvents.occurredAt, at), lt(consentEvents.id, c.id)),
      )!,
    );
  }
  const rows = await db
    .select({
      event: consentEvents,
      subscriber: {
        id: subscribers.id,
        pseudonym: subscribers.pseudonym,
        homeRegion: subscribers.homeRegion,
        emailCt: subscribers.emailCt,
      },
    })
    .from(consentEvents)
    .innerJoin(
      subscribers,
      and(eq(subscribers.tenantId, consentEvents.tenantId), eq(subscribers.id, consentEvents.subscriberId)),
    )
    .where(and(...where))
    .orderBy(desc(consentEvents.occurredAt), desc(consentEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1)?.event;
  return {
    rows: page,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ k: last.occurredAt.getTime(), id: last.id }) : null,
  };
}

/** All events of one subscriber in chain order. */
export function subscriberEvents(db: Db, tenantId: string, subscriberId: string): Promise<ConsentEvent[]> {
  return db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.subscriberId, subscriberId)))
    .orderBy(consentEvents.seq);
}

/** Current status per list. */
export function subscriberConsent(db: Db, tenantId: string, subscriberId: string) {
  return db
    .select({ subscription: subscriptions, list: lists })
    .from(subscriptions)
    .innerJoin(lists, eq(lists.id, subscriptions.listId))
    .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.subscriberId, subscriberId)))
    .orderBy(lists.name);
}
