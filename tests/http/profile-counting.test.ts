// Pseudonymised profiles (alpha) counted completely: the backfill that counts people who were
// there before `pseudonymisedProfiles` was turned on (bounded chunks, safe to run twice, each
// person once), what switching it off does, and the hourly reconciliation of profile_counters.

import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { dbFor, type Db } from '../../db/client';
import { evaluateHomeRegionRules, setHomeRegionByApi } from '../../db/home-region-changes';
import { backfillProfileChunk, startProfileBackfill } from '../../db/profile-backfill';
import { reconcileProfileStep } from '../../db/profile-reconcile';
import { rectifyProfile } from '../../db/preferences-profile';
import { regional } from '../../db/regions';
import type { Tenant } from '../../db/tenants';
import { tenantKeys } from '../../db/tenants';
import { handleScheduled } from '../../workers/scheduled';
import { profileCountingSweep } from '../../workers/scheduled/profiles';
import { api, seedTenant } from '../support/seed';
import { sendingList, subscribe } from '../support/sending';

type Report = {
  detail: { value: string; n: number }[];
  aggregate: { cells: { value: string; n: number }[]; other: number; suppressed: boolean };
  counting: { complete: boolean; since: string | null; completedAt: string | null };
};

async function report(apiKey: string, field = 'team'): Promise<Report> {
  const res = await api(apiKey, `/reports/profiles?field=${field}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Report;
}

const setCounting = async (apiKey: string, on: boolean) =>
  expect(
    (await api(apiKey, '/tenant/settings', { method: 'PATCH', json: { pseudonymisedProfiles: on } })).status,
  ).toBe(200);

/** A tenant with a `team` field and people on one list, set before anything is counted. */
async function tenantWithPeople(people: { team: string; region: 'eu' | 'non_eu' }[]) {
  const seeded = await seedTenant('eu', { minAggregate: 2 });
  await api(seeded.apiKey, '/profile-fields', { method: 'POST', json: { key: 'team', label: 'Team' } });
  const listId = await sendingList(seeded.tenant);
  const ids: string[] = [];
  for (const p of people)
    ids.push(
      (await subscribe(seeded.tenant, listId, { profile: { team: p.team }, homeRegion: p.region })).id,
    );
  return { ...seeded, listId, ids };
}

async function countersOf(tenant: Tenant) {
  const { results } = await env.DB_EU.prepare(
    'select audience, field, token, n from profile_counters where tenant_id = ? and n != 0 order by audience, token',
  )
    .bind(tenant.id)
    .all<{ audience: string; field: string; token: string; n: number }>();
  return results;
}

const run = (tenant: Tenant, budget?: number) => profileCountingSweep(env, tenant.region, new Date(), budget);

/**
 * `first` reads the person, then its batch waits while `between` runs and commits: `first`
 * commits second, against the state it read before.
 */
async function heldAcross(first: (db: Db) => Promise<unknown>, between: () => Promise<unknown>) {
  let reached!: () => void;
  let release!: () => void;
  const atBatch = new Promise<void>((r) => (reached = r));
  const gate = new Promise<void>((r) => (release = r));
  const held = new Proxy(env.DB_EU, {
    get(target, prop) {
      if (prop === 'batch')
        return async (statements: D1PreparedStatement[]) => {
          reached();
          await gate;
          return target.batch(statements);
        };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const running = first(dbFor(held));
  await atBatch;
  await between();
  release();
  await running;
}

/** `move` reads the person, then a backfill chunk counts the three people and commits first. */
async function moveWhileBackfilling(tenant: Tenant, move: (db: Db) => Promise<unknown>) {
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  await heldAcross(move, async () =>
    expect((await backfillProfileChunk(regional(env, tenant.region).db, keys, new Date()))?.counted).toBe(3),
  );
}

async function audienceRow(id: string) {
  return env.DB_EU.prepare('select home_region, profile_audience from subscribers where id = ?')
    .bind(id)
    .first<{ home_region: string; profile_audience: string | null }>();
}

describe('the profile backfill', () => {
  it('counts people who were there before the setting, in bounded chunks, and says when it is done', async () => {
    const people = [
      ...Array.from({ length: 130 }, () => ({ team: 'Ops', region: 'non_eu' as const })),
      ...Array.from({ length: 4 }, () => ({ team: 'Sales', region: 'eu' as const })),
      { team: 'Legal', region: 'eu' as const },
      { team: 'Legal', region: 'eu' as const },
    ];
    const { tenant, apiKey } = await tenantWithPeople(people);
    await setCounting(apiKey, true);
    const before = await report(apiKey);
    expect(before.counting.complete).toBe(false);
    expect(before.counting.since).not.toBeNull();
    expect(before.detail).toEqual([]);

    // One chunk per run: the first 100 people only.
    await run(tenant, 1);
    const half = await report(apiKey);
    expect(half.counting.complete).toBe(false);
    expect(half.detail[0]!.n).toBeLessThan(130);

    await run(tenant, 1);
    const done = await report(apiKey);
    expect(done.counting.complete).toBe(true);
    expect(done.counting.completedAt).not.toBeNull();
    expect(done.detail).toEqual([{ value: 'Ops', n: 130 }]);
    expect(done.aggregate).toEqual({
      cells: [
        { value: 'Sales', n: 4 },
        { value: 'Legal', n: 2 },
      ],
      other: 0,
      suppressed: false,
    });

    // Run again, and from the start again: everyone is counted once.
    const counters = await countersOf(tenant);
    const { db } = regional(env, tenant.region);
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    await startProfileBackfill(db, tenant.id, new Date()).run();
    await Promise.all([
      backfillProfileChunk(db, keys, new Date()),
      backfillProfileChunk(db, keys, new Date()),
    ]);
    await run(tenant);
    await run(tenant);
    expect(await countersOf(tenant)).toEqual(counters);
  });

  it('counts a person once when two backfills race, and follows a profile changed meanwhile', async () => {
    const { tenant, apiKey, ids } = await tenantWithPeople(
      Array.from({ length: 6 }, () => ({ team: 'Ops', region: 'non_eu' as const })),
    );
    await setCounting(apiKey, true);
    const { db } = regional(env, tenant.region);
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    const edit = () =>
      rectifyProfile(db, tenant.settings, keys, {
        subscriberId: ids[2]!,
        name: null,
        values: { team: 'Design' },
        language: 'en',
        at: new Date(),
      });
    await Promise.all([
      backfillProfileChunk(db, keys, new Date()),
      edit(),
      backfillProfileChunk(db, keys, new Date()),
    ]);
    await run(tenant);
    const r = await report(apiKey);
    expect(r.counting.complete).toBe(true);
    expect(r.detail).toEqual([
      { value: 'Ops', n: 5 },
      { value: 'Design', n: 1 },
    ]);
  });

  it('counts a person the API moves into the EU meanwhile only in the aggregates, whichever commits second', async () => {
    const { tenant, apiKey, ids } = await tenantWithPeople(
      Array.from({ length: 3 }, () => ({ team: 'Ops', region: 'non_eu' as const })),
    );
    await setCounting(apiKey, true);
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    await moveWhileBackfilling(tenant, (db) =>
      setHomeRegionByApi(db, keys, ids[1]!, { region: 'eu', country: 'DE' }),
    );
    expect(await audienceRow(ids[1]!)).toEqual({ home_region: 'eu', profile_audience: 'aggregate' });
    const counters = await countersOf(tenant);
    expect(counters.map((c) => [c.audience, c.n])).toEqual([
      ['aggregate', 1],
      ['detail', 2],
    ]);
    const r = await report(apiKey);
    expect(r.detail).toEqual([{ value: 'Ops', n: 2 }]);
    expect(r.aggregate.cells).toEqual([]);
  });

  it('counts a person a rule moves into the EU meanwhile only in the aggregates', async () => {
    const { tenant, apiKey, ids } = await tenantWithPeople(
      Array.from({ length: 3 }, () => ({ team: 'Ops', region: 'non_eu' as const })),
    );
    await setCounting(apiKey, true);
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    const first = [...ids].sort()[0]!;
    let evaluation: Awaited<ReturnType<typeof evaluateHomeRegionRules>> | undefined;
    await moveWhileBackfilling(tenant, async (db) => {
      evaluation = await evaluateHomeRegionRules(
        db,
        keys,
        { domains: [{ domain: 'example.org', region: 'eu' }] },
        '',
        1,
      );
    });
    expect(evaluation?.changed).toEqual({ eu: 1, non_eu: 0 });
    expect(await audienceRow(first)).toEqual({ home_region: 'eu', profile_audience: 'aggregate' });
    expect((await countersOf(tenant)).map((c) => [c.audience, c.n])).toEqual([
      ['aggregate', 1],
      ['detail', 2],
    ]);
    expect((await report(apiKey)).detail).toEqual([{ value: 'Ops', n: 2 }]);
  });

  it('recounts a profile edit in the aggregates when the API moved the person into the EU meanwhile', async () => {
    const { tenant, apiKey, ids } = await tenantWithPeople(
      Array.from({ length: 3 }, () => ({ team: 'Ops', region: 'non_eu' as const })),
    );
    await setCounting(apiKey, true);
    await run(tenant);
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    await heldAcross(
      (db) =>
        rectifyProfile(db, tenant.settings, keys, {
          subscriberId: ids[1]!,
          name: null,
          values: { team: 'Design' },
          language: 'en',
          at: new Date(),
        }),
      () =>
        setHomeRegionByApi(regional(env, tenant.region).db, keys, ids[1]!, { region: 'eu', country: 'DE' }),
    );
    expect(await audienceRow(ids[1]!)).toEqual({ home_region: 'eu', profile_audience: 'aggregate' });
    expect((await report(apiKey)).detail).toEqual([{ value: 'Ops', n: 2 }]);
    expect((await countersOf(tenant)).filter((c) => c.audience === 'aggregate').map((c) => c.n)).toEqual([1]);
  });

  it('switching off keeps the counters of people counted; switching on again counts who came meanwhile', async () => {
    const { tenant, apiKey, listId } = await tenantWithPeople([
      { team: 'Ops', region: 'non_eu' },
      { team: 'Ops', region: 'non_eu' },
    ]);
    await setCounting(apiKey, true);
    await run(tenant);
    expect((await report(apiKey)).detail).toEqual([{ value: 'Ops', n: 2 }]);

    await setCounting(apiKey, false);
    expect((await api(apiKey, '/reports/profiles?field=team')).status).toBe(409);
    const newcomer = await subscribe(tenant, listId, { profile: { team: 'Ops' }, homeRegion: 'non_eu' });
    const row = await env.DB_EU.prepare('select profile_audience from subscribers where id = ?')
      .bind(newcomer.id)
      .first<{ profile_audience: string | null }>();
    expect(row!.profile_audience).toBeNull();
    // The off sweep leaves the tenant alone.
    await run(tenant);

    await setCounting(apiKey, true);
    expect((await report(apiKey)).counting.complete).toBe(false);
    await run(tenant);
    const r = await report(apiKey);
    expect(r.counting.complete).toBe(true);
    expect(r.detail).toEqual([{ value: 'Ops', n: 3 }]);
  });

  it('starts for a tenant that turned the setting on before the backfill existed, from the hourly run', async () => {
    const { tenant, apiKey } = await tenantWithPeople([{ team: 'Ops', region: 'non_eu' }]);
    await env.DB_EU.prepare(
      "update tenants set settings = json_set(settings, '$.pseudonymisedProfiles', json('true')) where id = ?",
    )
      .bind(tenant.id)
      .run();
    await handleScheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }),
      env,
      {} as ExecutionContext,
    );
    const r = await report(apiKey);
    expect(r.counting.complete).toBe(true);
    expect(r.detail).toEqual([{ value: 'Ops', n: 1 }]);
  });
});

describe('the profile counter reconciliation', () => {
  it('repairs corrupted counters from the profiles and logs the drift as counts only', async () => {
    const { tenant, apiKey } = await tenantWithPeople([
      { team: 'Ops', region: 'non_eu' },
      { team: 'Ops', region: 'non_eu' },
      { team: 'Sales', region: 'eu' },
      { team: 'Sales', region: 'eu' },
    ]);
    await setCounting(apiKey, true);
    await run(tenant);
    const exact = await countersOf(tenant);
    expect(exact.map((c) => c.n)).toEqual([2, 2]);

    await env.DB_EU.batch([
      env.DB_EU.prepare(
        "update profile_counters set n = n + 7 where tenant_id = ? and audience = 'detail'",
      ).bind(tenant.id),
      env.DB_EU.prepare("delete from profile_counters where tenant_id = ? and audience = 'aggregate'").bind(
        tenant.id,
      ),
    ]);
    expect((await report(apiKey)).detail).toEqual([{ value: 'Ops', n: 9 }]);
    const logs = vi.spyOn(console, 'warn');
    await run(tenant);
    expect(await countersOf(tenant)).toEqual(exact);
    expect((await report(apiKey)).detail).toEqual([{ value: 'Ops', n: 2 }]);
    const lines = logs.mock.calls
      .map((c) => c.map(String).join(' '))
      .filter((l) => l.includes('profile.counters_drift'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ tenantId: tenant.id, cells: 2, off: 9 });
    expect(lines[0]).not.toMatch(/Ops|Sales/);
    logs.mockClear();
    await run(tenant);
    expect(logs.mock.calls.some((c) => String(c[0]).includes('profile.counters_drift'))).toBe(false);
  });

  it('starts its pass again when the counters move while it recounts, and then repairs exactly', async () => {
    const { tenant, apiKey, listId } = await tenantWithPeople([{ team: 'Ops', region: 'non_eu' }]);
    await setCounting(apiKey, true);
    await run(tenant);
    const { db } = regional(env, tenant.region);
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    await env.DB_EU.prepare("update profile_counters set n = 40 where tenant_id = ? and audience = 'detail'")
      .bind(tenant.id)
      .run();
    expect(await reconcileProfileStep(db, keys)).toEqual({ step: 'chunk' });
    // A newcomer is counted while the pass is under way: its recount no longer describes the counters.
    const created = await api(apiKey, '/subscribers', {
      method: 'POST',
      json: {
        email: 'newcomer@example.org',
        listIds: [listId],
        profile: { team: 'Ops' },
        evidence: {
          occurredAt: new Date().toISOString(),
          country: 'US',
          notice: { text: 'Yes.', language: 'en' },
        },
      },
    });
    expect(created.status).toBe(201);
    expect(await reconcileProfileStep(db, keys)).toEqual({ step: 'restarted' });
    let step = await reconcileProfileStep(db, keys);
    while (step?.step === 'chunk') step = await reconcileProfileStep(db, keys);
    expect(step).toEqual({ step: 'repaired', drift: { cells: 1, off: 39 } });
    expect((await report(apiKey)).detail).toEqual([{ value: 'Ops', n: 2 }]);
  });
});
