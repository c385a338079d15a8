// Alpha, pseudonymised profiles (tenant setting `pseudonymisedProfiles`): a person's profile stays
// one ciphertext under their own data key, read only to compose a message, on their own pages
// and in their export; reports read these counters instead. Each profile value is counted by a
// keyed hash of field and value, in the audience the person was counted in: `detail` (non-EU,
// shown value by value) or `aggregate` (EU or unknown region, shown only in cells of at least k).
// The value itself is kept once, encrypted with the tenant key; no row names a person.

import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import {
  decryptTenantField,
  encryptTenantField,
  type TenantKeys,
  unwrapSubscriberKey,
} from '../shared/crypto/envelope';
import { toBase64Url, utf8 } from '../shared/encoding';
import { type KAnonymousCells, kAnonymousCells } from '../shared/reports/k-anonymity';
import { type Db, inJson } from './client';
import {
  profileCounters,
  profileCountingState,
  type profileRecountCells,
  subscriberKeys,
  subscribers,
  type TenantSettings,
} from './schema';
import { decryptProfile, type HomeRegion } from './subscribers';

export type ProfileAudience = 'detail' | 'aggregate';
export type ProfileValues = Record<string, string | number | boolean>;

/** Non-EU people are counted in detail; EU people, and those not yet located, only in aggregates. */
export const audienceOf = (region: HomeRegion): ProfileAudience =>
  region === 'non_eu' ? 'detail' : 'aggregate';

/**
 * Whether a new subscriber's profile is counted, and where: only while the tenant reports
 * profiles. A person without values is marked as counted too, so that values set later move the
 * counters (a person left unmarked is counted by the backfill, db/profile-backfill.ts).
 */
export function profileCounting(
  settings: Pick<TenantSettings, 'pseudonymisedProfiles'>,
  region: HomeRegion,
  profile: ProfileValues | null | undefined,
): { audience: ProfileAudience; profile: ProfileValues } | null {
  if (!settings.pseudonymisedProfiles) return null;
  return { audience: audienceOf(region), profile: profile ?? {} };
}

/** The keyed hash of one field's value (domain-separated from pseudonyms, which hash subscriber ids). */
async function valueToken(keys: TenantKeys, field: string, value: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    keys.pseudonymKey,
    utf8(`profile\u0000${field}\u0000${value}`),
  );
  return toBase64Url(new Uint8Array(mac));
}

const labelOwner = (field: string, token: string) => `profile:${field}:${token}`;

/** Signed counts per (field, token) of `profiles`, each new value's label encrypted with the tenant key. */
export async function profileCountRows(
  keys: TenantKeys,
  profiles: readonly ProfileValues[],
  sign: number,
): Promise<CountRow[]> {
  const rows = new Map<string, CountRow>();
  for (const profile of profiles) {
    for (const [field, raw] of Object.entries(profile)) {
      const value = JSON.stringify(raw);
      const token = await valueToken(keys, field, value);
      const key = `${field}\u0000${token}`;
      const row = rows.get(key);
      if (row) row[3] += sign;
      else
        rows.set(key, [
          field,
          token,
          await encryptTenantField(keys, labelOwner(field, token), 'profile_value', value),
          sign,
        ]);
    }
  }
  return [...rows.values()];
}

/** (field, token, encrypted label, n). */
export type CountRow = [string, string, string, number];

/**
 * The statements (in a list: a query is thenable, and an async function would run it) adding
 * `sign` to the counter of every value of `profiles` in `audience`, and counting the write in
 * `profile_counting.writes` (a reconciliation pass that saw fewer writes starts again). With
 * `guard`, they apply only while that condition holds, so they share the fate of a conditional
 * change in the same batch.
 */
export async function profileCount(
  db: Db,
  keys: TenantKeys,
  audience: ProfileAudience,
  profiles: readonly ProfileValues[],
  sign: 1 | -1,
  guard?: SQL,
) {
  const rows = await profileCountRows(keys, profiles, sign);
  if (rows.length === 0) return [];
  return [countStatement(db, keys.tenantId, audience, rows, guard), countedWrite(db, keys.tenantId, guard)];
}

/** One more write of the tenant's profile counters (while `guard` holds). */
function countedWrite(db: Db, tenantId: string, guard: SQL | undefined) {
  return db
    .insert(profileCountingState)
    .select(
      sql`select ${tenantId}, null, null, null, 1, null, null, ${Date.now()} where ${guard ?? sql`true`}`,
    )
    .onConflictDoUpdate({
      target: profileCountingState.tenantId,
      set: { writes: sql`${profileCountingState.writes} + 1` },
    });
}

/** One upsert of signed counts (field, token, encrypted label, n) into `table`, read with json_each. */
export function countStatement(
  db: Db,
  tenantId: string,
  audience: ProfileAudience,
  rows: CountRow[],
  guard: SQL | undefined,
  table: typeof profileCounters | typeof profileRecountCells = profileCounters,
) {
  return db
    .insert(table)
    .select(
      sql`select ${tenantId}, ${audience}, json_extract(value, '$[0]'), json_extract(value, '$[1]'),
        json_extract(value, '$[2]'), json_extract(value, '$[3]')
      from json_each(${JSON.stringify(rows)}) where ${guard ?? sql`true`}`,
    )
    .onConflictDoUpdate({
      target: [table.tenantId, table.audience, table.field, table.token],
      set: { n: sql`${table.n} + excluded.n` },
    });
}

export type ProfileReport = {
  field: string;
  /** Non-EU people, value by value. */
  detail: { value: string | number | boolean; n: number }[];
  /** EU and unknown-region people: cells of at least k only. */
  aggregate: Omit<KAnonymousCells, 'cells'> & { cells: { value: string | number | boolean; n: number }[] };
  k: number;
};

/** One field's values: every non-EU cell, and the EU cells under the k rule. */
export async function profileReport(
  db: Db,
  keys: TenantKeys,
  field: string,
  k: number,
): Promise<ProfileReport> {
  const rows = await db
    .select()
    .from(profileCounters)
    .where(
      and(
        eq(profileCounters.tenantId, keys.tenantId),
        eq(profileCounters.field, field),
        gt(profileCounters.n, 0),
      ),
    );
  const labelled = await Promise.all(
    rows.map(async (r) => ({
      ...r,
      label: await decryptTenantField(keys, labelOwner(r.field, r.token), 'profile_value', r.valueCt),
    })),
  );
  const value = (label: string) => JSON.parse(label) as string | number | boolean;
  const detail = labelled
    .filter((r) => r.audience === 'detail')
    .map((r) => ({ value: value(r.label), n: r.n }))
    .sort((a, b) => b.n - a.n);
  const merged = kAnonymousCells(
    labelled.filter((r) => r.audience === 'aggregate').map((r) => ({ label: r.label, n: r.n })),
    k,
  );
  return {
    field,
    detail,
    aggregate: { ...merged, cells: merged.cells.map((c) => ({ value: value(c.label), n: c.n })) },
    k,
  };
}

/**
 * A person's profile changing from `before` to `after`: the counted values move in the audience
 * they were counted in (none when they were not counted). Put in the batch that writes `after`.
 */
export async function profileRecount(
  db: Db,
  keys: TenantKeys,
  audience: ProfileAudience | null,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
) {
  if (!audience) return [];
  return [
    ...(await profileCount(db, keys, audience, [before as ProfileValues], -1)),
    ...(await profileCount(db, keys, audience, [after as ProfileValues], 1)),
  ];
}

/** One person of a chunk, with their profile decrypted in memory (null: no data key left). */
export type ProfilePerson = {
  id: string;
  homeRegion: HomeRegion;
  profileAudience: ProfileAudience | null;
  updatedAt: Date;
  profile: ProfileValues | null;
};

/**
 * The tenant's people after `after` in id order, at most `limit`, each profile decrypted under
 * their own data key (`only` picks whose: the ids of a chunk already read). `last` is the id the
 * chunk reached (the cursor to go on from), null at the end.
 */
export async function profileChunk(
  db: Db,
  keys: TenantKeys,
  after: string,
  limit: number,
  only?: readonly string[],
): Promise<{ people: ProfilePerson[]; last: string | null }> {
  const rows = await db
    .select({
      id: subscribers.id,
      homeRegion: subscribers.homeRegion,
      profileAudience: subscribers.profileAudience,
      profileCt: subscribers.profileCt,
      updatedAt: subscribers.updatedAt,
      wrappedKey: subscriberKeys.wrappedKey,
    })
    .from(subscribers)
    .leftJoin(subscriberKeys, eq(subscriberKeys.subscriberId, subscribers.id))
    .where(
      and(
        eq(subscribers.tenantId, keys.tenantId),
        gt(subscribers.id, after),
        only ? inJson(subscribers.id, only) : undefined,
      ),
    )
    .orderBy(asc(subscribers.id))
    .limit(limit);
  const people = await Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      homeRegion: r.homeRegion,
      profileAudience: r.profileAudience,
      updatedAt: r.updatedAt,
      profile: r.wrappedKey
        ? ((await decryptProfile(
            await unwrapSubscriberKey(keys, r.id, r.wrappedKey),
            r.profileCt,
          )) as ProfileValues)
        : null,
    })),
  );
  return { people, last: rows.length === limit ? rows[rows.length - 1]!.id : null };
}
