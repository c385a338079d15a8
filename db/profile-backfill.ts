// Alpha, pseudonymised profiles: the backfill that counts the people who were there before
// `pseudonymisedProfiles` was turned on (or arrived while it was off), one chunk of a tenant's
// people at a time from a cursor in `profile_counting`. Each person is counted and marked in one
// guarded step (still uncounted, same region, not changed since read), so a chunk run twice, or a
// profile changed meanwhile, counts nobody twice; a person changed meanwhile is read again.

import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { TenantKeys } from '../shared/crypto/envelope';
import type { BatchItem, Db } from './client';
import { unchangedSince, writeTime } from './preferences-profile';
import { audienceOf, type ProfilePerson, profileChunk, profileCount } from './profile-counters';
import { profileCountingState, subscribers } from './schema';

/** People read per chunk: each costs a key unwrap, a decryption and a few statements. */
export const BACKFILL_CHUNK = 100;

/** Rounds in which a person changed between read and write is read again before the chunk ends. */
const ROUNDS = 3;

/** The statement that (re)starts the tenant's backfill from its first person: in the batch switching counting on. */
export function startProfileBackfill(db: Db, tenantId: string, now: Date) {
  return db
    .insert(profileCountingState)
    .values({ tenantId, backfillAfter: '', backfillStartedAt: now, backfillDoneAt: null, updatedAt: now })
    .onConflictDoUpdate({
      target: profileCountingState.tenantId,
      set: { backfillAfter: '', backfillStartedAt: now, backfillDoneAt: null, updatedAt: now },
    });
}

export type BackfillState = { running: boolean; startedAt: Date | null; doneAt: Date | null };

/** Whether the tenant's backfill is still counting people. */
export async function backfillState(db: Db, tenantId: string): Promise<BackfillState> {
  const row = await db.query.profileCountingState.findFirst({
    where: eq(profileCountingState.tenantId, tenantId),
  });
  return {
    running: !row?.backfillStartedAt || row.backfillAfter !== null,
    startedAt: row?.backfillStartedAt ?? null,
    doneAt: row?.backfillDoneAt ?? null,
  };
}

/** Counting `person` and marking them counted, only while they still stand as read. */
async function countPerson(db: Db, keys: TenantKeys, person: ProfilePerson, now: Date): Promise<BatchItem[]> {
  const audience = audienceOf(person.homeRegion);
  const still: SQL = and(
    eq(subscribers.tenantId, keys.tenantId),
    eq(subscribers.id, person.id),
    sql`${subscribers.profileAudience} is null`,
    eq(subscribers.homeRegion, person.homeRegion),
    eq(subscribers.updatedAt, person.updatedAt),
  )!;
  const guard = sql`exists (select 1 from ${subscribers} where ${still})`;
  const subscriber = { id: person.id, tenantId: keys.tenantId, updatedAt: person.updatedAt };
  return [
    // A preference-centre edit or a home-region change that read the same version now collides
    // (this guard, or the changed `updatedAt`) and reads again.
    (await unchangedSince(db, subscriber, now)).statement.onConflictDoNothing(),
    ...(await profileCount(db, keys, audience, [person.profile ?? {}], 1, guard)),
    db
      .update(subscribers)
      .set({ profileAudience: audience, updatedAt: writeTime(person, now) })
      .where(still)
      .returning({ id: subscribers.id }),
  ];
}

export type BackfillChunk = { counted: number; done: boolean };

/**
 * One chunk of the tenant's backfill, from its cursor: null when nothing is running. The cursor
 * moves past the chunk only when everyone in it is counted; a person still changing after a few
 * rounds keeps it before them until the next run.
 */
export async function backfillProfileChunk(
  db: Db,
  keys: TenantKeys,
  now: Date,
): Promise<BackfillChunk | null> {
  const state = await db.query.profileCountingState.findFirst({
    where: eq(profileCountingState.tenantId, keys.tenantId),
  });
  const after = state?.backfillAfter;
  if (after === null || after === undefined) return null;
  const chunk = await profileChunk(db, keys, after, BACKFILL_CHUNK);
  let open = chunk.people.filter((p) => p.profileAudience === null && p.profile !== null);
  let counted = 0;
  for (let round = 0; round < ROUNDS && open.length > 0; round++) {
    const steps = await Promise.all(open.map((p) => countPerson(db, keys, p, now)));
    const results = await db.batch(steps.flat() as [BatchItem, ...BatchItem[]]);
    const marked = new Set(
      (results.filter((r) => Array.isArray(r)).flat() as { id?: string }[]).flatMap((r) =>
        r.id ? [r.id] : [],
      ),
    );
    counted += marked.size;
    const missed = open.filter((p) => !marked.has(p.id)).map((p) => p.id);
    if (missed.length === 0) {
      open = [];
      break;
    }
    // Changed, moved or erased since read: read again (an erased person is gone from the chunk).
    const again = await profileChunk(db, keys, after, missed.length, missed);
    open = again.people.filter((p) => p.profileAudience === null && p.profile !== null);
  }
  const stuck = open.length > 0 ? open[0]!.id : null;
  const ids = chunk.people.map((p) => p.id);
  const next = stuck ? (ids[ids.indexOf(stuck) - 1] ?? after) : chunk.last;
  const done = next === null;
  await db
    .update(profileCountingState)
    .set({ backfillAfter: next, backfillDoneAt: done ? now : null, updatedAt: now })
    .where(
      and(eq(profileCountingState.tenantId, keys.tenantId), eq(profileCountingState.backfillAfter, after)),
    );
  return { counted, done };
}
