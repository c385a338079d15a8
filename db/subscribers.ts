// Subscribers: creation with their own data key, lookup by blind index, decryption, the name a
// subscriber is shown under (EU: always the pseudonym), where a new one lives, and the one
// home-region change.

import { and, eq, isNull, sql } from 'drizzle-orm';
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
import { regionByRules } from '../shared/home-region-rules';
import { newId } from '../shared/regions';
import { weekOf } from '../shared/reports/calendar';
import type { HomeRegionRules } from '../shared/schemas/tenant-settings';
import type { BatchItem, Db } from './client';
import { outboxInsertIf } from './outbox';
import { regionResolutions, subscriberKeys, subscribers } from './schema';

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
  profileAudience?: Subscriber['profileAudience'];
};

/** A new subscriber's row: a fresh data key (returned unwrapped and wrapped), encrypted fields, the pseudonym. */
export async function newSubscriberRow(
  keys: TenantKeys,
  input: NewSubscriberInput,
  now = new Date(),
): Promise<{ id: string; key: SubscriberKey; wrappedKey: string; row: Subscriber }> {
  const id = newId('sub');
  const { key, wrapped } = await createSubscriberKey(keys, id);
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
    profileAudience: input.profileAudience ?? null,
    consentSeq: 0,
    consentHead: null,
    createdAt: now,
    updatedAt: now,
  };
  return { id, key, wrappedKey: wrapped, row };
}

/**
 * Prepares a new subscriber (`newSubscriberRow`) with the statements for the caller's batch (so
 * the subscriber and its first events commit together) and the unwrapped data key for
 * encrypting the rest of that batch.
 */
export async function prepareSubscriber(
  db: Db,
  keys: TenantKeys,
  input: NewSubscriberInput,
): Promise<{ id: string; key: SubscriberKey; wrappedKey: string; row: Subscriber; queries: BatchItem[] }> {
  const made = await newSubscriberRow(keys, input);
  return {
    ...made,
    queries: [
      db
        .insert(subscriberKeys)
        .values({ subscriberId: made.id, tenantId: keys.tenantId, wrappedKey: made.wrappedKey }),
      db.insert(subscribers).values(made.row),
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
    profile: await decryptProfile(key, row.profileCt),
  };
}

/** A person's profile values (empty without any), decrypted in memory. */
export async function decryptProfile(
  key: SubscriberKey,
  profileCt: string | null,
): Promise<Record<string, unknown>> {
  return profileCt
    ? (JSON.parse(await decryptField(key, 'profile', profileCt)) as Record<string, unknown>)
    : {};
}

/** Whether the product must show this subscriber under a pseudonym (EU, or not known to be outside it). */
export function isAnonymised(row: Pick<Subscriber, 'homeRegion'>): boolean {
  return row.homeRegion !== 'non_eu';
}

/**
 * Where a new subscriber lives: the geolocation when there is one (with its source), else the
 * tenant's home-region rules applied to the address (source `rule`), else unknown.
 */
export function initialHomeRegion(
  geo: { country: string | null; isEU: boolean | null },
  source: HomeRegionSource,
  rules: HomeRegionRules | undefined,
  email: string,
): Pick<Subscriber, 'homeRegion' | 'homeRegionSource' | 'homeCountry'> {
  if (geo.isEU !== null)
    return { homeRegion: geo.isEU ? 'eu' : 'non_eu', homeRegionSource: source, homeCountry: geo.country };
  const ruled = regionByRules(rules, email);
  return ruled
    ? { homeRegion: ruled.region, homeRegionSource: 'rule', homeCountry: null }
    : { homeRegion: 'unknown', homeRegionSource: null, homeCountry: null };
}

/**
 * The region (and its source) a home-region change may replace; a fill replaces `unknown` only.
 * With `updatedAt`, the row must also be the version read (nothing else written since).
 */
export type RegionGuard = {
  homeRegion: HomeRegion;
  homeRegionSource?: HomeRegionSource | null;
  updatedAt?: Date;
};

/** The subscriber still stands where `from` says (tenant, id, region and, when given, its source and version). */
export function regionStillIs(subscriber: { tenantId: string; id: string }, from: RegionGuard) {
  return and(
    eq(subscribers.tenantId, subscriber.tenantId),
    eq(subscribers.id, subscriber.id),
    eq(subscribers.homeRegion, from.homeRegion),
    from.homeRegionSource === undefined
      ? undefined
      : from.homeRegionSource === null
        ? isNull(subscribers.homeRegionSource)
        : eq(subscribers.homeRegionSource, from.homeRegionSource),
    from.updatedAt === undefined ? undefined : eq(subscribers.updatedAt, from.updatedAt),
  );
}

/**
 * The one home-region change: sets the region from a geolocation, the client or a rule (with
 * its source), writes its `subscriber.home_region_set` event and, when an unknown region is
 * resolved, counts it for its week. Every statement is conditional in SQL on the subscriber
 * still standing where `from` says (by default: unknown), the update last, so a retry, a
 * redelivery or a concurrent change writes none of them twice. Empty when the location is not
 * known. Callers put it in a batch whose compliance counters are moved (db/report-counters.ts).
 */
export function homeRegionFill(
  db: Db,
  subscriber: { tenantId: string; id: string },
  geo: { country: string | null; isEU: boolean | null },
  source: HomeRegionSource,
  at: Date,
  detail: Record<string, unknown> = {},
  from: RegionGuard = { homeRegion: 'unknown' },
) {
  if (geo.isEU === null) return [];
  const homeRegion = geo.isEU ? 'eu' : 'non_eu';
  const previous = from.homeRegion === 'unknown' ? {} : { previousRegion: from.homeRegion };
  const payload = {
    subscriberId: subscriber.id,
    homeRegion,
    country: geo.country,
    source,
    ...previous,
    ...detail,
  };
  const stillUnknown = regionStillIs(subscriber, from);
  const resolved =
    from.homeRegion === 'unknown'
      ? [
          db
            .insert(regionResolutions)
            .select(
              db
                .select({
                  tenantId: sql<string>`${subscriber.tenantId}`.as('tenant_id'),
                  week: sql<string>`${weekOf(at)}`.as('week'),
                  source: sql<string>`${source}`.as('source'),
                  region: sql<string>`${homeRegion}`.as('region'),
                  n: sql<number>`1`.as('n'),
                })
                .from(subscribers)
                .where(stillUnknown),
            )
            .onConflictDoUpdate({
              target: [
                regionResolutions.tenantId,
                regionResolutions.week,
                regionResolutions.source,
                regionResolutions.region,
              ],
              set: { n: sql`${regionResolutions.n} + 1` },
            }),
        ]
      : [];
  // The event exists only if the subscriber still stands where it did when the batch runs.
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
    ...resolved,
    // Carries the event's id, for a caller that hands it over once it has seen the change commit.
    event,
    db
      .update(subscribers)
      .set({ homeRegion, homeRegionSource: source, homeCountry: geo.country, updatedAt: at })
      .where(stillUnknown),
  ];
}
