// Consent capture: one person, one or more lists, one piece of evidence. Finds or creates the
// subscriber, subscribes without ever downgrading a confirmed subscription, appends the events
// to the subscriber's hash chain and writes the outbox events, all in one D1 batch (which also
// settles the events no endpoint listens to and, when asked, claims the double opt-in mail).
// Every path (new address, known address, erased address on a public form) does the same work.

import { and, eq, inArray, sql } from 'drizzle-orm';
import { unwrapSubscriberKey, type SubscriberKey, type TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import type { Geo } from '../shared/geo';
import { assertAllowedValues } from '../shared/privacy/special-categories';
import type { EventType } from '../shared/webhooks/catalogue';
import { type Bindable, builtStatementOnce, P } from './built-statements';
import { runBatch, type BatchItem, type Db } from './client';
import {
  appendToChain,
  prepareConsentEvents,
  type ChainAppend,
  type ChainHead,
  type ConsentEvidence,
  type ConsentSource,
} from './consent-log';
import type { ListRow } from './lists';
import type { Notice } from './notices';
import { confirmationMailClaim } from './double-opt-in';
import { outboxInsert, type OutboxRef, outboxRefs, settleUnwatched } from './outbox';
import { withCounters } from './report-counters';
import { subscriberKeys, subscribers, subscriptions, suppressions } from './schema';
import { profileCount, profileCounting } from './profile-counters';
import type { TenantSettings } from './schema';
import {
  addressIndex,
  homeRegionFill,
  initialHomeRegion,
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
  /** The tenant's home-region rules and profile reporting, for a new subscriber. */
  settings: CaptureSettings;
};

export type CaptureSettings = Pick<TenantSettings, 'homeRegionRules' | 'pseudonymisedProfiles'>;

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
  /** The outbox events written with the change that still need a dispatch (someone listens to them). */
  outbox: OutboxRef[];
  /** Lists whose double opt-in mail this capture claimed (with `claimConfirmationMail`): send it for these. */
  mailDue: string[];
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
 * downgrade: a confirmed subscription stays confirmed when a form is posted again, and an import
 * without evidence changes no existing subscription. An opt-in that waits for the double opt-in
 * click is not consent yet: its consent is `unknown` until the click confirms it.
 */
export function decideSubscription(
  list: ListRow,
  before: Pick<SubscriptionRow, 'status' | 'consent'> | undefined,
  opts: { consentUnknown: boolean; confirmed: boolean },
): SubscriptionDecision {
  if (opts.consentUnknown) {
    if (before) return { status: before.status, consent: before.consent, awaits: false };
    return { status: 'confirmed', consent: 'unknown', awaits: false };
  }
  const waits = needsConfirmation(list) && !opts.confirmed;
  if (!waits || (before?.status === 'confirmed' && before.consent === 'given'))
    return { status: 'confirmed', consent: 'given', awaits: false };
  // Subscribed from an import with consent unknown: stays subscribed while the click is awaited.
  if (before?.status === 'confirmed' && before.consent === 'unknown')
    return { status: 'confirmed', consent: 'unknown', awaits: true };
  return { status: 'pending', consent: 'unknown', awaits: true };
}

export type CaptureOptions = {
  /**
   * Public forms: an erased address goes through the same reads, crypto and batch as a real
   * capture (the batch rolled back) before `suppressed` is thrown, so that its answer takes as
   * long as anyone's and reveals nothing.
   */
  rehearseSuppressed?: boolean;
  /** What the caller already read in its own read batch (see captureStateReads), for this address. */
  read?: CaptureRead;
  /** Claims the double opt-in mail of the awaited lists in the write batch (`mailDue`). */
  claimConfirmationMail?: boolean;
  /**
   * Runs the write batch instead of a plain D1 batch (the API puts its audit row in it) and
   * answers D1's answers to the batch's statements, in order. Called again for a rebuilt round.
   */
  commitWith?: (batch: BatchItem[], result: CaptureResult) => Promise<unknown[]>;
};

/** An address's blind index and capture state, read in a caller's batch. */
export type CaptureRead = { email: string; index: string; state: CaptureState };

const suppressedError = () =>
  new AppError(
    'suppressed',
    "This address was erased at its owner's request and cannot be subscribed again.",
  );

/** Records an opt-in. Throws `suppressed` for an erased address, `special_category` for payment data. */
export async function captureConsent(
  db: Db,
  keys: TenantKeys,
  input: CaptureInput,
  opts: CaptureOptions = {},
): Promise<CaptureResult> {
  assertAllowedValues(input.profile);
  const listIds = input.lists.map((l) => l.id);
  const {
    email,
    index,
    state: first,
  } = opts.read ?? (await readCaptureState(db, keys, await addressIndex(keys, input.email), listIds));
  if (first.suppressed) {
    if (!opts.rehearseSuppressed) throw suppressedError();
    const notice = typeof input.notice === 'function' ? null : input.notice;
    await rehearse(db, await buildCapture(db, keys, { ...input, notice }, email, index, first, opts));
    throw suppressedError();
  }
  const accepted = {
    ...input,
    notice: typeof input.notice === 'function' ? await input.notice() : input.notice,
  };
  return appendToChain(db, async (round) => {
    const state = round === 1 ? first : (await readCaptureState(db, keys, { email, index }, listIds)).state;
    if (state.suppressed) throw suppressedError();
    return buildCapture(db, keys, accepted, email, index, state, opts);
  });
}

export type CaptureState = {
  suppressed: boolean;
  subscriber: Subscriber | undefined;
  key: SubscriberKey | null;
  subscriptions: SubscriptionRow[];
};

/** Everything a capture reads, in one round trip, whether or not the address is known. */
async function readCaptureState(
  db: Db,
  keys: TenantKeys,
  address: { email: string; index: string },
  listIds: string[],
): Promise<CaptureRead> {
  const reads = captureStateReads(db, keys.tenantId, address.index, listIds);
  const rows = await db.batch([reads.suppressed, reads.subscriber, reads.wrappedKey, reads.subscriptions]);
  return { ...address, state: await captureStateOf(keys, rows) };
}

/** The four queries of a capture's state, for `readCaptureState` or a caller's own read batch. */
export function captureStateReads(db: Db, tenantId: Bindable, index: Bindable, listIds: readonly Bindable[]) {
  const byAddress = and(eq(subscribers.tenantId, tenantId), eq(subscribers.emailIndex, index));
  const idOfAddress = db.select({ id: subscribers.id }).from(subscribers).where(byAddress);
  return {
    suppressed: db
      .select({ i: suppressions.emailIndex })
      .from(suppressions)
      .where(and(eq(suppressions.tenantId, tenantId), eq(suppressions.emailIndex, index)))
      .limit(1),
    subscriber: db.select().from(subscribers).where(byAddress).limit(1),
    wrappedKey: db
      .select({ wrappedKey: subscriberKeys.wrappedKey })
      .from(subscriberKeys)
      .where(and(eq(subscriberKeys.tenantId, tenantId), inArray(subscriberKeys.subscriberId, idOfAddress)))
      .limit(1),
    subscriptions: db
      .select()
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.tenantId, tenantId),
          inArray(subscriptions.subscriberId, idOfAddress),
          inArray(subscriptions.listId, listIds),
        ),
      ),
  };
}

/** The state from the rows of `captureStateReads`, in its order; the data key unwrapped. */
export async function captureStateOf(
  keys: TenantKeys,
  [suppressed, found, wrapped, current]: [
    { i: string }[],
    Subscriber[],
    { wrappedKey: string }[],
    SubscriptionRow[],
  ],
): Promise<CaptureState> {
  const subscriber = found[0];
  const key =
    subscriber && wrapped[0] ? await unwrapSubscriberKey(keys, subscriber.id, wrapped[0].wrappedKey) : null;
  return { suppressed: suppressed.length > 0, subscriber, key, subscriptions: current };
}

/**
 * Runs a capture's batch and rolls it back: a last statement breaks a NOT NULL constraint of the
 * subscriber the batch wrote, so D1 undoes the whole transaction after doing all of its work.
 */
async function rehearse(db: Db, capture: ChainAppend<CaptureResult>): Promise<void> {
  const { subscriber } = capture.result;
  const undo = db
    .update(subscribers)
    .set({ emailIndex: sql`null` })
    .where(and(eq(subscribers.tenantId, subscriber.tenantId), eq(subscribers.id, subscriber.id)));
  try {
    await runBatch(db, [...withCounters(db, capture.queries), undo]);
  } catch (err) {
    if (
      !/NOT NULL constraint failed: subscribers\.email_index/.test(`${err} ${String((err as Error).cause)}`)
    )
      throw err;
    return;
  }
  throw new Error('A rehearsed capture was not rolled back.');
}

/** A subscription as a capture decided it (a row's values): inserted, or its state moved on. */
const subscriptionUpsert = builtStatementOnce((db) =>
  db
    .insert(subscriptions)
    .values({
      tenantId: P('tenantId'),
      subscriberId: P('subscriberId'),
      listId: P('listId'),
      status: P('status'),
      consent: P('consent'),
      consentEventId: P('consentEventId'),
      // Raw (in ms, or null): a column's encoder would be handed the null too.
      confirmationMailedAt: sql`${P('mailedAt')}`,
      createdAt: P('createdAt'),
      updatedAt: P('updatedAt'),
    })
    .onConflictDoUpdate({
      target: [subscriptions.subscriberId, subscriptions.listId],
      set: {
        status: sql`excluded.status`,
        consent: sql`excluded.consent`,
        consentEventId: sql`excluded.consent_event_id`,
        updatedAt: sql`excluded.updated_at`,
      },
    }),
);

/** A subscriber's status (`status`, `tenantId`, `id`). */
const subscriberStatus = builtStatementOnce((db) =>
  db
    .update(subscribers)
    .set({ status: sql`${P('status')}` })
    .where(and(eq(subscribers.tenantId, P('tenantId')), eq(subscribers.id, P('id')))),
);

async function buildCapture(
  db: Db,
  keys: TenantKeys,
  input: AcceptedCapture,
  email: string,
  index: string,
  state: CaptureState,
  opts: CaptureOptions,
): Promise<ChainAppend<CaptureResult>> {
  const now = new Date();
  const queries: BatchItem[] = [];
  const existing = state.subscriber;
  let subscriber: Subscriber;
  let key: SubscriberKey;
  let head: ChainHead;
  if (existing) {
    if (!state.key) throw new AppError('conflict', 'This subscriber is being erased.');
    key = state.key;
    subscriber = existing;
    head = { seq: existing.consentSeq, hash: existing.consentHead };
  } else {
    const home = initialHomeRegion(input.geo, input.homeRegionSource, input.settings.homeRegionRules, email);
    const counting = profileCounting(input.settings, home.homeRegion, input.profile);
    const prepared = await prepareSubscriber(db, keys, {
      email,
      emailIndex: index,
      name: input.name,
      profile: input.profile,
      language: input.language,
      ...home,
      profileAudience: counting?.audience ?? null,
    });
    queries.push(...prepared.queries);
    if (counting) queries.push(...(await profileCount(db, keys, counting.audience, [counting.profile], 1)));
    ({ key } = prepared);
    subscriber = prepared.row;
    head = { seq: 0, hash: null };
  }
  const listIds = input.lists.map((l) => l.id);
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
    const before = state.subscriptions.find((s) => s.listId === list.id);
    const lastEvent = chain.events.filter((e) => e.listId === list.id).at(-1)!;
    const decision = decideSubscription(list, before, {
      consentUnknown: Boolean(input.consentUnknown),
      confirmed: Boolean(input.confirmedAt),
    });
    if (decision.awaits) awaitingConfirmation.push(list.id);
    // The subscription points at the event that decided its state: a capture that changes
    // nothing (an import without evidence, an unconfirmed repeat) leaves the decisive one.
    const grants = !input.consentUnknown && (Boolean(input.confirmedAt) || !needsConfirmation(list));
    const decides =
      !before || before.status !== decision.status || before.consent !== decision.consent || grants;
    const row: SubscriptionRow = {
      tenantId: keys.tenantId,
      subscriberId: subscriber.id,
      listId: list.id,
      status: decision.status,
      consent: decision.consent,
      consentEventId: decides ? lastEvent.id : before.consentEventId,
      confirmationMailedAt: before?.confirmationMailedAt ?? null,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    rows.push(row);
    queries.push(
      subscriptionUpsert(db).bind(db, { ...row, mailedAt: row.confirmationMailedAt?.getTime() ?? null }),
    );
  }
  queries.push(...chain.queries);
  const active = rows.some((r) => r.status === 'confirmed') || subscriber.status === 'active';
  const status = active ? 'active' : 'pending';
  if (status !== subscriber.status) {
    queries.push(subscriberStatus(db).bind(db, { status, tenantId: keys.tenantId, id: subscriber.id }));
  }
  if (existing) queries.push(...homeRegionFill(db, existing, input.geo, input.homeRegionSource, now));
  const announce = (type: EventType, payload: Record<string, unknown>) => {
    queries.push(
      outboxInsert(db, {
        tenantId: keys.tenantId,
        type,
        subjectType: 'subscriber',
        subjectId: subscriber.id,
        payload,
      }),
    );
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
  // The home-region fill's event too, when the batch writes one.
  const settle = settleUnwatched(db, outboxRefs(queries), now);
  queries.push(...settle.statements);
  const claim =
    opts.claimConfirmationMail && awaitingConfirmation.length
      ? confirmationMailClaim(db, keys.tenantId, subscriber.id, awaitingConfirmation, now)
      : null;
  if (claim) queries.push(claim);
  const result: CaptureResult = {
    email,
    subscriber: { ...subscriber, status, consentSeq: chain.head.seq, consentHead: chain.head.hash },
    created: !existing,
    subscriptions: rows,
    eventIds: chain.events.map((e) => e.id),
    awaitingConfirmation,
    outbox: [],
    mailDue: [],
  };
  const commit = async (batch: BatchItem[]) => {
    const answers = opts.commitWith
      ? await opts.commitWith(batch, result)
      : await db.batch(batch as [BatchItem, ...BatchItem[]]);
    result.outbox = settle.toDispatch(batch, answers);
    if (claim) result.mailDue = (answers[batch.indexOf(claim)] as { listId: string }[]).map((r) => r.listId);
  };
  return { queries, result, commit };
}
