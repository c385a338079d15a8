// Home-region changes after sign-up: the client setting a subscriber's region through the API
// (source `api`) and the tenant's rules re-applied to existing subscribers (source `rule`). Each
// goes through `homeRegionFill`, guarded on the region and row version it read, with the
// compliance counters and (for a person leaving non-EU) their counted profile values moved in the
// same batch; a change that lost to a concurrent write (the profile backfill, an edit) reads again.

import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import { regionByRules, ruleMayChange } from '../shared/home-region-rules';
import type { HomeRegionRules } from '../shared/schemas/tenant-settings';
import { type BatchItem, type Db, runBatch } from './client';
import type { OutboxRef } from './outbox';
import { unchangedSince, writeTime } from './preferences-profile';
import { profileCount, type ProfileValues } from './profile-counters';
import { counted, subscriberScope } from './report-counters';
import { subscribers } from './schema';
import {
  decryptSubscriber,
  findSubscriber,
  type HomeRegionSource,
  homeRegionFill,
  loadSubscriberKey,
  regionStillIs,
  type Subscriber,
} from './subscribers';

type Target = { region: 'eu' | 'non_eu'; country: string | null };

/** Rounds in which a change that lost to a concurrent write reads the subscriber again. */
const ROUNDS = 3;

/**
 * The statements moving `sub` to `target`, conditional on the row still being the version read
 * (region, source and `updatedAt`), so a concurrent write makes them all a no-op: the backfill
 * counting the person (which checks the same version and moves it on) or a preference-centre
 * edit (which collides on the same write guard, `unchangedSince`). Counted profile values of
 * someone leaving "non-EU" move from the detailed reports to the aggregates (never back: a person
 * once counted as possibly EU stays in the aggregates).
 */
async function regionChange(
  db: Db,
  keys: TenantKeys,
  sub: Subscriber,
  target: Target,
  source: HomeRegionSource,
  now: Date,
  plainProfile: ProfileValues | null,
): Promise<{ batch: BatchItem[]; eventRef: OutboxRef | null }> {
  const from = {
    homeRegion: sub.homeRegion,
    homeRegionSource: sub.homeRegionSource,
    updatedAt: sub.updatedAt,
  };
  const still = regionStillIs(sub, from);
  const at = writeTime(sub, now);
  const profile: BatchItem[] = [(await unchangedSince(db, sub, at)).statement.onConflictDoNothing()];
  if (sub.profileAudience === 'detail' && target.region !== 'non_eu' && plainProfile) {
    const guard = sql`exists (select 1 from ${subscribers} where ${still})`;
    profile.push(
      ...(await profileCount(db, keys, 'detail', [plainProfile], -1, guard)),
      ...(await profileCount(db, keys, 'aggregate', [plainProfile], 1, guard)),
      db.update(subscribers).set({ profileAudience: 'aggregate' }).where(still),
    );
  }
  const fill = homeRegionFill(
    db,
    sub,
    { country: target.country, isEU: target.region === 'eu' },
    source,
    at,
    {},
    from,
  );
  const event = fill.find((q) => 'eventId' in q) as { eventId: string } | undefined;
  return {
    batch: counted(db, subscriberScope(sub.tenantId, sub.id), [...profile, ...fill]),
    eventRef: event
      ? { id: event.eventId, tenantId: sub.tenantId, type: 'subscriber.home_region_set' }
      : null,
  };
}

async function profileOf(db: Db, keys: TenantKeys, sub: Subscriber): Promise<ProfileValues | null> {
  if (sub.profileAudience !== 'detail') return null;
  const key = await loadSubscriberKey(db, keys, sub.id);
  return key ? ((await decryptSubscriber(key, sub)).profile as ProfileValues) : null;
}

/**
 * The client sets where a subscriber lives (source `api`): any region the client names, from any
 * source. Returns the subscriber as it now stands and the event to hand over (none when nothing
 * changed); 404 for an id the tenant does not have, 409 when concurrent writes kept winning.
 */
export async function setHomeRegionByApi(
  db: Db,
  keys: TenantKeys,
  subscriberId: string,
  target: Target,
  now = new Date(),
): Promise<{ subscriber: Subscriber; events: OutboxRef[] }> {
  const reached = (s: Subscriber) =>
    s.homeRegion === target.region && s.homeCountry === target.country && s.homeRegionSource === 'api';
  for (let round = 0; round < ROUNDS; round++) {
    const sub = await findSubscriber(db, keys.tenantId, subscriberId);
    if (!sub) throw new AppError('not_found', `Subscriber ${subscriberId} does not exist.`);
    if (reached(sub)) return { subscriber: sub, events: [] };
    const { batch, eventRef } = await regionChange(
      db,
      keys,
      sub,
      target,
      'api',
      now,
      await profileOf(db, keys, sub),
    );
    await runBatch(db, batch);
    const after = await findSubscriber(db, keys.tenantId, subscriberId);
    if (!after) throw new AppError('not_found', `Subscriber ${subscriberId} does not exist.`);
    // Not moved: another write came between read and batch; read it again.
    if (reached(after)) return { subscriber: after, events: eventRef ? [eventRef] : [] };
  }
  throw new AppError('conflict', 'The subscriber changed meanwhile; read it again and retry.');
}

export type RuleEvaluation = {
  evaluated: number;
  changed: { eu: number; non_eu: number };
  /** Pass as `after` to go on; null when every subscriber was evaluated. */
  next: string | null;
  events: OutboxRef[];
};

/**
 * Applies the tenant's rules to one page of its subscribers (by id, after `after`): each address
 * is decrypted with its own key, and a region changes only where `ruleMayChange` allows it.
 */
export async function evaluateHomeRegionRules(
  db: Db,
  keys: TenantKeys,
  rules: HomeRegionRules,
  after: string,
  limit: number,
  now = new Date(),
): Promise<RuleEvaluation> {
  const page = await db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.tenantId, keys.tenantId), gt(subscribers.id, after)))
    .orderBy(asc(subscribers.id))
    .limit(limit);
  const out: RuleEvaluation = {
    evaluated: page.length,
    changed: { eu: 0, non_eu: 0 },
    next: null,
    events: [],
  };
  for (const read of page) {
    let sub: Subscriber | undefined = read;
    for (let round = 0; sub && round < ROUNDS; round++) {
      const key = await loadSubscriberKey(db, keys, sub.id);
      if (!key) break;
      const plain = await decryptSubscriber(key, sub);
      const verdict = regionByRules(rules, plain.email);
      if (!verdict || !ruleMayChange(sub, verdict)) break;
      const profile = sub.profileAudience === 'detail' ? (plain.profile as ProfileValues) : null;
      const change = await regionChange(
        db,
        keys,
        sub,
        { region: verdict.region, country: null },
        'rule',
        now,
        profile,
      );
      await runBatch(db, change.batch);
      const moved = await findSubscriber(db, keys.tenantId, sub.id);
      if (moved?.homeRegion === verdict.region && moved.homeRegionSource === 'rule') {
        out.changed[verdict.region]++;
        if (change.eventRef) out.events.push(change.eventRef);
        break;
      }
      // Not moved: another write came between read and batch; read it again.
      sub = moved;
    }
  }
  out.next = page.length === limit ? page[page.length - 1]!.id : null;
  return out;
}
