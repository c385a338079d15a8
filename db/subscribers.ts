// Subscribers: creation with their own data key, lookup by blind index, decryption, the name a
// subscriber is shown under (EU: always the pseudonym), and the one home-region fill.

import { and, eq } from 'drizzle-orm';
import { blindIndex, normaliseEmail, pseudonymFor } from '../shared/crypto/blind-index';
import {
  createSubscriberKey,
  decryptField,
  encryptField,
  unwrapSubscriberKey,
  type SubscriberKey,
  type TenantKeys,
} from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import { newId } from '../shared/regions';
import type { BatchItem, Db } from './client';
import { outboxInsertIf } from './outbox';
import { subscriberKeys, subscribers } from './schema';

export type Subscriber = typeof subscribers.$inferSelect;
export type HomeRegion = Subscriber['homeRegion'];
export type HomeRegionSource = NonNullable<Subscriber['homeRegionSource']>;

/** Normalises an address and computes its blind index; 400 when it is not an address. */
export async function addressIndex(
  keys: TenantKeys,
  email: string,
): Promise<{ email: string; index: string }> {
  const normalised = normaliseEmail(email);
  if (!normalised) throw new AppError('validation_failed', 'The email address is not valid.');
  return { email: normalised, index: await blindIndex(keys.indexKey, normalised) };
}

export async function findSubscriberByBlindIndex(
  db: Db,
  tenantId: string,
  index: string,
): Promise<Subscriber | undefined> {
  return db.query.subscribers.findFirst({
    where: and(eq(subscribers.tenantId, tenantId), eq(subscribers.emailIndex, index)),
  });
}

export async function findSubscriber(
  db: Db,
  tenantId: string,
  subscriberId: string,
): Promise<Subscriber | undefined> {
  return db.query.subscribers.findFirst({
    where: and(eq(subscribers.tenantId, tenantId), eq(subscribers.id, subscriberId)),
  });
}

export type NewSubscriberInput = {
  /** Normalised address (see addressIndex). */
  email: string;
  emailIndex: string;
  name?: string | null;
  profile?: Record<string, string | number | boolean> | null;
  homeRegion?: HomeRegion;
  homeRegionSource?: HomeRegionSource | null;
  homeCountry?: string | null;
  status?: Subscriber['status'];
  language?: string | null;
};

/**
 * Prepares a new subscriber: a fresh data key, encrypted fields, the pseudonym. Returns the
 * statements for the caller's batch (so the subscriber and its first events commit together)
 * and the unwrapped data key for encrypting the rest of that batch.
 */
export async function prepareSubscriber(
  db: Db,
  keys: TenantKeys,
  input: NewSubscriberInput,
): Promise<{ id: string; key: SubscriberKey; wrappedKey: string; row: Subscriber; queries: BatchItem[] }> {
  const id = newId('sub');
  const { key, wrapped } = await createSubscriberKey(keys, id);
  const now = new Date();
  const row: Subscriber = {
    id,
    tenantId: keys.tenantId,
    emailIndex: input.emailIndex,
    emailCt: await encryptField(key, 'email', input.email),
    nameCt: input.name ? await encryptField(key, 'name', input.name) : null,
    profileCt:
      input.profile && Object.keys(input.profile).length
        ? await encryptField(key, 'profile', JSON.stringify(input.profile))
        : null,
    pseudonym: await pseudonymFor(keys.pseudonymKey, id),
    homeRegion: input.homeRegion ?? 'unknown',
    homeRegionSource: input.homeRegionSource ?? null,
    homeCountry: input.homeCountry ?? null,
    status: input.status ?? 'pending',
    language: input.language ?? null,
    consentSeq: 0,
    consentHead: null,
    createdAt: now,
    updatedAt: now,
  };
  return {
    id,
    key,
    wrappedKey: wrapped,
    row,
    queries: [
      db.insert(subscriberKeys).values({ subscriberId: id, tenantId: keys.tenantId, wrappedKey: wrapped }),
      db.insert(subscribers).values(row),
    ],
  };
}

/** The subscriber's data key, or null once it has been shredded. */
export async function loadSubscriberKey(
  db: Db,
  keys: TenantKeys,
  subscriberId: string,
): Promise<SubscriberKey | null> {
  const row = await db.query.subscriberKeys.findFirst({
    where: and(eq(subscriberKeys.tenantId, keys.tenantId), eq(subscriberKeys.subscriberId, subscriberId)),
  });
  return row ? unwrapSubscriberKey(keys, subscriberId, row.wrappedKey) : null;
}

export type DecryptedSubscriber = { email: string; name: string | null; profile: Record<string, unknown> };

/** Plain personal data, for sending, the subscriber's own pages and exports only. */
export async function decryptSubscriber(
  key: SubscriberKey,
  row: Pick<Subscriber, 'emailCt' | 'nameCt' | 'profileCt'>,
): Promise<DecryptedSubscriber> {
  return {
    email: await decryptField(key, 'email', row.emailCt),
    name: row.nameCt ? await decryptField(key, 'name', row.nameCt) : null,
    profile: row.profileCt
      ? (JSON.parse(await decryptField(key, 'profile', row.profileCt)) as Record<string, unknown>)
      : {},
  };
}

/** Whether the product must show this subscriber under a pseudonym (EU, or not known to be outside it). */
export function isAnonymised(row: Pick<Subscriber, 'homeRegion'>): boolean {
  return row.homeRegion !== 'non_eu';
}

/**
 * The one home-region fill: sets an unknown home region from a geolocation (with its source) and
 * writes its `subscriber.home_region_set` event. Both statements are conditional in SQL on the
 * region still being unknown, the event first, so a retry, a redelivery or a concurrent fill
 * writes neither twice. Empty when the geolocation does not know where the person is.
 */
export function homeRegionFill(
  db: Db,
  subscriber: { tenantId: string; id: string },
  geo: { country: string | null; isEU: boolean | null },
  source: HomeRegionSource,
  at: Date,
  detail: Record<string, unknown> = {},
) {
  if (geo.isEU === null) return [];
  const homeRegion = geo.isEU ? 'eu' : 'non_eu';
  const payload = { subscriberId: subscriber.id, homeRegion, country: geo.country, source, ...detail };
  const stillUnknown = and(
    eq(subscribers.tenantId, subscriber.tenantId),
    eq(subscribers.id, subscriber.id),
    eq(subscribers.homeRegion, 'unknown'),
  );
  // The event exists only if the subscriber still says `unknown` when the batch runs.
  const event = outboxInsertIf(
    db,
    {
      tenantId: subscriber.tenantId,
      type: 'subscriber.home_region_set',
      subjectType: 'subscriber',
      subjectId: subscriber.id,
      payload,
      occurredAt: at,
    },
    subscribers,
    stillUnknown,
  );
  return [
    event,
    db
      .update(subscribers)
      .set({ homeRegion, homeRegionSource: source, homeCountry: geo.country, updatedAt: at })
      .where(stillUnknown),
  ] as const;
}
