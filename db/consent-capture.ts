// Consent capture: one person, one or more lists, one piece of evidence. Finds or creates the
// subscriber, subscribes without ever downgrading a confirmed subscription, appends the events
// to the subscriber's hash chain and writes the outbox events, all in one D1 batch.

import { and, eq, inArray } from 'drizzle-orm';
import type { SubscriberKey, TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import type { Geo } from '../shared/geo';
import { assertAllowedValues } from '../shared/privacy/special-categories';
import { runBatch, type BatchItem, type Db } from './client';
import {
  prepareConsentEvents,
  type ChainHead,
  type ConsentEvidence,
  type ConsentSource,
} from './consent-log';
import type { ListRow } from './lists';
import type { Notice } from './notices';
import { outboxInsert, type OutboxRef } from './outbox';
import { retryOnConflict } from './retry';
import { subscribers, subscriptions, suppressions } from './schema';
import {
  addressIndex,
  fillHomeRegion,
  findSubscriberByBlindIndex,
  loadSubscriberKey,
  prepareSubscriber,
  type HomeRegionSource,
  type Subscriber,
} from './subscribers';

export type SubscriptionRow = typeof subscriptions.$inferSelect;

export type CaptureInput = {
  email: string;
  name?: string | null;
  language?: string | null;
  profile?: Record<string, string | number | boolean> | null;
  lists: ListRow[];
  occurredAt: Date;
  geo: Pick<Geo, 'country' | 'region' | 'isEU'>;
  ip: string | null;
  userAgent: string | null;
  /** The notice the person saw; a function is called only once the capture is accepted (it may publish a version). */
  notice: Notice | null | (() => Promise<Notice>);
  source: ConsentSource;
  homeRegionSource: HomeRegionSource;
  /** The client ran double opt-in itself at this time (API only): record a confirmation too. */
  confirmedAt?: Date | null;
  /** An imported subscriber without evidence: subscribed with consent unknown (recaptured later). */
  consentUnknown?: boolean;
};

type AcceptedCapture = Omit<CaptureInput, 'notice'> & { notice: Notice | null };

export type CaptureResult = {
  subscriber: Subscriber;
  /** The normalised address, for the confirmation mail. */
  email: string;
  created: boolean;
  subscriptions: SubscriptionRow[];
  eventIds: string[];
  /** Lists waiting for the double opt-in click. */
  awaitingConfirmation: string[];
  /** The outbox events written with the change, for dispatch. */
  outbox: OutboxRef[];
};

export function needsConfirmation(list: ListRow): boolean {
  return list.lawfulBasis === 'consent' && list.doubleOptIn;
}

export type SubscriptionDecision = {
  status: SubscriptionRow['status'];
  consent: SubscriptionRow['consent'];
  awaits: boolean;
};

/**
 * What a new opt-in (or an import without evidence) does to one subscription. Never a
 * downgrade: a confirmed subscription stays confirmed when a form is posted again, given consent
 * never becomes "unknown", and an import without evidence does not resubscribe anyone.
 */
export function decideSubscription(
  list: ListRow,
  before: Pick<SubscriptionRow, 'status' | 'consent'> | undefined,
  opts: { consentUnknown: boolean; confirmed: boolean },
): SubscriptionDecision {
  if (opts.consentUnknown) {
    if (before && (before.consent === 'given' || before.status === 'unsubscribed'))
      return { status: before.status, consent: before.consent, awaits: false };
    return { status: 'confirmed', consent: 'unknown', awaits: false };
  }
  const waits = needsConfirmation(list) && !opts.confirmed;
  if (!waits || (before?.status === 'confirmed' && before.consent === 'given'))
    return { status: 'confirmed', consent: 'given', awaits: false };
  if (before?.status === 'confirmed') return { status: 'confirmed', consent: before.consent, awaits: true };
  return { status: 'pending', consent: 'given', awaits: true };
}

/** Records an opt-in. Throws `suppressed` for an erased address, `special_category` for payment data. */
export async function captureConsent(db: Db, keys: TenantKeys, input: CaptureInput): Promise<CaptureResult> {
  assertAllowedValues(input.profile);
  const { email, index } = await addressIndex(keys, input.email);
  // One round trip for both reads; a retry after a lost race reads the subscriber again.
  const [suppressed, first] = await db.batch([
    db
      .select({ i: suppressions.emailIndex })
      .from(suppressions)
      .where(and(eq(suppressions.tenantId, keys.tenantId), eq(suppressions.emailIndex, index)))
      .limit(1),
    db
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.tenantId, keys.tenantId), eq(subscribers.emailIndex, index)))
      .limit(1),
  ]);
  if (suppressed.length) {
    throw new AppError(
      'suppressed',
      "This address was erased at its owner's request and cannot be subscribed again.",
    );
  }
  const accepted = {
    ...input,
    notice: typeof input.notice === 'function' ? await input.notice() : input.notice,
  };
  let attempt = 0;
  return retryOnConflict(async () => {
    const existing = attempt++ === 0 ? first[0] : await findSubscriberByBlindIndex(db, keys.tenantId, index);
    return captureOnce(db, keys, accepted, email, index, existing);
  });
}

async function captureOnce(
  db: Db,
  keys: TenantKeys,
  input: AcceptedCapture,
  email: string,
  index: string,
  existing: Subscriber | undefined,
): Promise<CaptureResult> {
  const now = new Date();
  const queries: BatchItem[] = [];
  let subscriber: Subscriber;
  let key: SubscriberKey;
  let head: ChainHead;
  if (existing) {
    const loaded = await loadSubscriberKey(db, keys, existing.id);
    if (!loaded) throw new AppError('conflict', 'This subscriber is being erased.');
    key = loaded;
    subscriber = existing;
    head = { seq: existing.consentSeq, hash: existing.consentHead };
  } else {
    const prepared = await prepareSubscriber(db, keys, {
      email,
      emailIndex: index,
      name: input.name,
      profile: input.profile,
      language: input.language,
      homeRegion: input.geo.isEU === null ? 'unknown' : input.geo.isEU ? 'eu' : 'non_eu',
      homeRegionSource: input.geo.isEU === null ? null : input.homeRegionSource,
      homeCountry: input.geo.country,
    });
    queries.push(...prepared.queries);
    ({ key } = prepared);
    subscriber = prepared.row;
    head = { seq: 0, hash: null };
  }
  const listIds = input.lists.map((l) => l.id);
  const current = existing
    ? await db
        .select()
        .from(subscriptions)
        .where(and(eq(subscriptions.subscriberId, existing.id), inArray(subscriptions.listId, listIds)))
    : [];
  const base = {
    occurredAt: input.occurredAt,
    geo: input.geo,
    ip: input.ip,
    userAgent: input.userAgent,
    language: input.language ?? null,
    source: input.source,
  };
  const notice = input.notice
    ? { id: input.notice.id, version: input.notice.version, hash: input.notice.textHash }
    : null;
  const evidence: ConsentEvidence[] = [];
  for (const list of input.lists) {
    evidence.push({ ...base, kind: input.consentUnknown ? 'import' : 'opt_in', listId: list.id, notice });
    if (input.confirmedAt && needsConfirmation(list))
      evidence.push({
        ...base,
        kind: 'confirmation',
        listId: list.id,
        notice,
        occurredAt: input.confirmedAt,
      });
  }
  const chain = await prepareConsentEvents(db, key, head, evidence);
  const rows: SubscriptionRow[] = [];
  const awaitingConfirmation: string[] = [];
  for (const list of input.lists) {
    const before = current.find((s) => s.listId === list.id);
    const lastEvent = chain.events.filter((e) => e.listId === list.id).at(-1)!;
    const decision = decideSubscription(list, before, {
      consentUnknown: Boolean(input.consentUnknown),
      confirmed: Boolean(input.confirmedAt),
    });
    if (decision.awaits) awaitingConfirmation.push(list.id);
    const row: SubscriptionRow = {
      tenantId: keys.tenantId,
      subscriberId: subscriber.id,
      listId: list.id,
      status: decision.status,
      consent: decision.consent,
      consentEventId: lastEvent.id,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    rows.push(row);
    queries.push(
      db
        .insert(subscriptions)
        .values(row)
        .onConflictDoUpdate({
          target: [subscriptions.subscriberId, subscriptions.listId],
          set: {
            status: row.status,
            consent: row.consent,
            consentEventId: row.consentEventId,
            updatedAt: now,
          },
        }),
    );
  }
  queries.push(...chain.queries);
  const active = rows.some((r) => r.status === 'confirmed') || subscriber.status === 'active';
  const status = active ? 'active' : 'pending';
  if (status !== subscriber.status) {
    queries.push(
      db
        .update(subscribers)
        .set({ status })
        .where(and(eq(subscribers.tenantId, keys.tenantId), eq(subscribers.id, subscriber.id))),
    );
  }
  if (existing) {
    const fill = fillHomeRegion(db, existing, input.geo, input.homeRegionSource);
    if (fill) queries.push(fill);
  }
  const outbox: OutboxRef[] = [];
  const announce = (type: string, payload: Record<string, unknown>) => {
    const insert = outboxInsert(db, {
      tenantId: keys.tenantId,
      type,
      subjectType: 'subscriber',
      subjectId: subscriber.id,
      payload,
    });
    outbox.push({ id: insert.eventId, tenantId: keys.tenantId, type });
    queries.push(insert);
  };
  if (!existing) announce('subscriber.created', { subscriberId: subscriber.id, source: input.source.type });
  announce('consent.recorded', {
    subscriberId: subscriber.id,
    eventIds: chain.events.map((e) => e.id),
    listIds,
    kinds: chain.events.map((e) => e.kind),
    source: input.source.type,
    awaitingConfirmation,
  });
  await runBatch(db, queries);
  return {
    email,
    subscriber: { ...subscriber, status, consentSeq: chain.head.seq, consentHead: chain.head.hash },
    created: !existing,
    subscriptions: rows,
    eventIds: chain.events.map((e) => e.id),
    awaitingConfirmation,
    outbox,
  };
}
