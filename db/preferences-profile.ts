// A person's own corrections from the preference centre. Name, profile values and address are
// rectified (GDPR Art. 16): each change files a `rectification` request and is written in the
// batch that completes it, so the client learns of it by the request's events. Interests
// (boolean fields: what the person wants to hear about) are a consent matter: a change appends a
// `preference_change` to the consent chain. Every write is guarded against a concurrent one.

import { and, eq } from 'drizzle-orm';
import { encryptField, type SubscriberKey, type TenantKeys } from '../shared/crypto/envelope';
import { sha256Hex } from '../shared/encoding';
import { applyProfileEdit, type ProfileValue } from '../shared/preferences/profile-edit';
import type { BatchItem, Db } from './client';
import { appendToChain, prepareConsentEvents } from './consent-log';
import { profileRecount } from './profile-counters';
import { consentRecordedEvent, currentSubscriber, type PersonClick } from './preferences-consent';
import type { OutboxRef } from './outbox';
import { createPrivacyRequest, type PrivacyRequest } from './privacy-requests';
import { commitWithCompletion } from './privacy-transitions';
import { retryOnConflict } from './retry';
import { subscribers, usedNonces, type TenantSettings } from './schema';
import { decryptSubscriber, type Subscriber } from './subscribers';

/** How long a write guard is kept: far longer than any read-modify-write takes. */
const GUARD_TTL_MS = 86_400_000;

/**
 * Compare-and-set for the subscriber row: a one-time value named after the row's `updatedAt` as
 * read. Two writers that read the same state insert the same value, so one batch fails on the
 * unique key and is built again from a fresh read (retryOnConflict) instead of overwriting.
 */
export async function unchangedSince(
  db: Db,
  subscriber: Pick<Subscriber, 'id' | 'tenantId' | 'updatedAt'>,
  at: Date,
) {
  const nonce = `subscriber-write:${await sha256Hex(`${subscriber.id}:${subscriber.updatedAt.getTime()}`)}`;
  // Wrapped: a drizzle statement is thenable, and an async function would run it on return.
  return {
    statement: db.insert(usedNonces).values({
      tenantId: subscriber.tenantId,
      nonce,
      purpose: 'subscriber_write',
      expiresAt: new Date(at.getTime() + GUARD_TTL_MS),
    }),
  };
}

/** A write time after the one read, so the next writer's guard differs from this one's. */
export const writeTime = (subscriber: Pick<Subscriber, 'updatedAt'>, at: Date) =>
  new Date(Math.max(at.getTime(), subscriber.updatedAt.getTime() + 1));

const encryptProfile = (key: SubscriberKey, profile: Record<string, unknown>) =>
  Object.keys(profile).length ? encryptField(key, 'profile', JSON.stringify(profile)) : null;

export type Rectification = {
  /** What changed (`name`, field keys, `email`): never the values. */
  changed: string[];
  /** The rectification request this call completed, for the requester's mail. */
  completed?: PrivacyRequest;
  outbox: OutboxRef[];
};

/**
 * The rectification request a self-service correction is recorded by, filed in one batch with
 * the change (`queries`), then completed: the client learns of it from the request's events.
 */
export async function recordRectification(
  db: Db,
  settings: TenantSettings,
  subscriber: Subscriber,
  change: { fields: string[]; language: string; at: Date; note: string; queries: BatchItem[] },
): Promise<Rectification> {
  const outbox: OutboxRef[] = [];
  const { request } = await createPrivacyRequest(
    db,
    settings,
    {
      tenantId: subscriber.tenantId,
      kind: 'rectification',
      channel: 'preference_centre',
      subscriberId: subscriber.id,
      subjectIndex: subscriber.emailIndex,
      evidence: { fields: change.fields },
      language: change.language,
      verified: true,
      actor: 'subscriber',
      receivedAt: change.at,
    },
    outbox,
    change.queries,
  );
  const completed = await commitWithCompletion(db, subscriber.tenantId, request.id, [], {
    actor: 'subscriber',
    note: change.note,
    payload: { fields: change.fields },
    events: outbox,
  });
  return { changed: change.fields, completed, outbox };
}

/**
 * The person corrects their name and profile values (already checked by parseProfileEdit).
 * Nothing to change: nothing written, no request. A simultaneous identical correction reads the
 * state its twin wrote and finds nothing left to change.
 */
export function rectifyProfile(
  db: Db,
  settings: TenantSettings,
  keys: TenantKeys,
  input: {
    subscriberId: string;
    name: string | null;
    values: Record<string, ProfileValue | null>;
    language: string;
    at: Date;
  },
): Promise<Rectification> {
  return retryOnConflict(async () => {
    const plan = await plannedEdit(db, keys, input);
    if (plan.changed.length === 0) return { changed: [], outbox: [] };
    const at = writeTime(plan.subscriber, input.at);
    const queries: BatchItem[] = [
      (await unchangedSince(db, plan.subscriber, at)).statement,
      db
        .update(subscribers)
        .set({
          nameCt: input.name ? await encryptField(plan.key, 'name', input.name) : null,
          profileCt: await encryptProfile(plan.key, plan.profile),
          updatedAt: at,
        })
        .where(and(eq(subscribers.tenantId, keys.tenantId), eq(subscribers.id, input.subscriberId))),
      ...(await profileRecount(db, keys, plan.subscriber.profileAudience, plan.before, plan.profile)),
    ];
    return recordRectification(db, settings, plan.subscriber, {
      fields: plan.changed,
      language: input.language,
      at: input.at,
      note: 'corrected by the person in the preference centre',
      queries,
    });
  });
}

/** The profile after the edit, read fresh, and what it changes. */
async function plannedEdit(
  db: Db,
  keys: TenantKeys,
  input: { subscriberId: string; name: string | null; values: Record<string, ProfileValue | null> },
) {
  const { subscriber, key } = await currentSubscriber(db, keys, input.subscriberId);
  const person = await decryptSubscriber(key, subscriber);
  const { profile, changed } = applyProfileEdit(person.profile, input.values);
  if ((person.name ?? null) !== input.name) changed.unshift('name');
  return { subscriber, key, profile, changed, before: person.profile };
}

/**
 * The person's interests (boolean fields) become exactly `chosen` among `offered`: the profile
 * changes with a `preference_change` consent event and its `consent.recorded`, in one batch.
 */
export function setInterests(
  db: Db,
  keys: TenantKeys,
  subscriberId: string,
  offered: readonly string[],
  chosen: ReadonlySet<string>,
  click: PersonClick,
): Promise<{ changed: string[]; outbox: OutboxRef[] }> {
  const edit = Object.fromEntries(offered.map((k) => [k, chosen.has(k)]));
  return appendToChain(db, async () => {
    const { subscriber, key } = await currentSubscriber(db, keys, subscriberId);
    const person = await decryptSubscriber(key, subscriber);
    const { profile, changed } = applyProfileEdit(person.profile, edit);
    if (changed.length === 0) return { queries: [], result: { changed, outbox: [] } };
    const at = writeTime(subscriber, click.at);
    const chain = await prepareConsentEvents(
      db,
      key,
      { seq: subscriber.consentSeq, hash: subscriber.consentHead },
      [
        {
          kind: 'preference_change',
          listId: null,
          occurredAt: click.at,
          geo: click.geo,
          ip: click.ip,
          userAgent: click.userAgent,
          notice: null,
          language: click.language,
          source: { type: 'preference_centre' },
        },
      ],
    );
    const announce = consentRecordedEvent(db, subscriber, {
      eventIds: chain.events.map((e) => e.id),
      listIds: [],
      kinds: ['preference_change'],
      channel: 'preference_centre',
      interests: changed,
    });
    const queries: BatchItem[] = [
      (await unchangedSince(db, subscriber, at)).statement,
      ...chain.queries,
      db
        .update(subscribers)
        .set({ profileCt: await encryptProfile(key, profile), updatedAt: at })
        .where(and(eq(subscribers.tenantId, keys.tenantId), eq(subscribers.id, subscriberId))),
      ...(await profileRecount(db, keys, subscriber.profileAudience, person.profile, profile)),
      announce,
    ];
    return { queries, result: { changed, outbox: [announce.outboxRef] } };
  });
}
