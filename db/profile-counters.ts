// Alpha, pseudonymised profiles (tenant setting `pseudonymisedProfiles`): a person's profile stays
// one ciphertext under their own data key, read only to compose a message, on their own pages
// and in their export; reports read these counters instead. Each profile value is counted by a
// keyed hash of field and value, in the audience the person was counted in: `detail` (non-EU,
// shown value by value) or `aggregate` (EU or unknown region, shown only in cells of at least k).
// The value itself is kept once, encrypted with the tenant key; no row names a person.

import { and, eq, gt, type SQL, sql } from 'drizzle-orm';
import { decryptTenantField, encryptTenantField, type TenantKeys } from '../shared/crypto/envelope';
import { toBase64Url, utf8 } from '../shared/encoding';
import { type KAnonymousCells, kAnonymousCells } from '../shared/reports/k-anonymity';
import type { Db } from './client';
import { profileCounters, type TenantSettings } from './schema';
import type { HomeRegion } from './subscribers';

export type ProfileAudience = 'detail' | 'aggregate';
export type ProfileValues = Record<string, string | number | boolean>;

/** Non-EU people are counted in detail; EU people, and those not yet located, only in aggregates. */
export const audienceOf = (region: HomeRegion): ProfileAudience =>
  region === 'non_eu' ? 'detail' : 'aggregate';

/** Whether a new subscriber's profile is counted, and where: only while the tenant reports profiles. */
export function profileCounting(
  settings: Pick<TenantSettings, 'pseudonymisedProfiles'>,
  region: HomeRegion,
  profile: ProfileValues | null | undefined,
): { audience: ProfileAudience; profile: ProfileValues } | null {
  if (!settings.pseudonymisedProfiles || !profile || Object.keys(profile).length === 0) return null;
  return { audience: audienceOf(region), profile };
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

/**
 * The statement (in a list: a query is thenable, and an async function would run it) adding
 * `sign` to the counter of every value of `profiles` in `audience`; a new value's label is
 * encrypted with the tenant key. With `guard`, it applies only while that condition holds, so it
 * shares the fate of a conditional change in the same batch.
 */
export async function profileCount(
  db: Db,
  keys: TenantKeys,
  audience: ProfileAudience,
  profiles: readonly ProfileValues[],
  sign: 1 | -1,
  guard?: SQL,
): Promise<ReturnType<typeof countStatement>[]> {
  const rows = new Map<string, [string, string, string, number]>();
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
  if (rows.size === 0) return [];
  return [countStatement(db, keys.tenantId, audience, [...rows.values()], guard)];
}

/** One upsert of signed counts (field, token, encrypted label, n), read with json_each. */
function countStatement(
  db: Db,
  tenantId: string,
  audience: ProfileAudience,
  rows: [string, string, string, number][],
  guard: SQL | undefined,
) {
  return db
    .insert(profileCounters)
    .select(
      sql`select ${tenantId}, ${audience}, json_extract(value, '$[0]'), json_extract(value, '$[1]'),
        json_extract(value, '$[2]'), json_extract(value, '$[3]')
      from json_each(${JSON.stringify(rows)}) where ${guard ?? sql`true`}`,
    )
    .onConflictDoUpdate({
      target: [
        profileCounters.tenantId,
        profileCounters.audience,
        profileCounters.field,
        profileCounters.token,
      ],
      set: { n: sql`${profileCounters.n} + excluded.n` },
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
