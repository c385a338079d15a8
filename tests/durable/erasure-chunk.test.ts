// A chunk of due erasures executed together (db/erasure.ts `executeErasures`, the clock's
// alarm): the D1 round trips stay the same whatever the chunk's size, every person is erased as
// one at a time would erase them (rows, counters, records, events, one mail each), two requests
// about one person erase once, and one request that cannot commit does not hold up the others.

import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dbFor } from '../../db/client';
import { D1_QUERIES_PER_INVOCATION, executeErasures } from '../../db/erasure';
import type { OutboxRef } from '../../db/outbox';
import { regional } from '../../db/regions';
import { type Tenant, tenantKeys } from '../../db/tenants';
import { ALARM_CHUNK } from '../../workers/durable/erasure-clock';
import { clockFor } from '../../workers/privacy/clock';
import { runDueErasures } from '../../workers/privacy/erasure';
import { captureMail } from '../support/mail';
import { body, seedSubscriber } from '../support/privacy';
import { cell, countersOf, expectCountersExact } from '../support/reports';
import { api, countRows, seedTenant } from '../support/seed';
import { createEndpoint, receiverUrl } from '../support/webhooks';

const { d1 } = regional(env, 'eu');
const DAY = 86_400_000;

afterEach(() => {
  vi.useRealTimers();
});

/**
 * The real D1 binding, counting the round trips made through it (statements run or batches) and
 * the queries (every statement of a batch counts, as D1's 1,000 per invocation do).
 */
function countingD1(real: D1Database): { d1: D1Database; trips: () => number; queries: () => number } {
  let trips = 0;
  let queries = 0;
  const raw = new WeakMap<object, D1PreparedStatement>();
  const statement = (s: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(s, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'bind') return (...args: unknown[]) => statement(target.bind(...args));
        if (prop === 'all' || prop === 'run' || prop === 'raw' || prop === 'first')
          return (...args: unknown[]) => {
            trips++;
            queries++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
    raw.set(proxy, s);
    return proxy;
  };
  const d1 = new Proxy(real, {
    get(target, prop) {
      if (prop === 'prepare') return (query: string) => statement(target.prepare(query));
      if (prop === 'batch')
        return (statements: D1PreparedStatement[]) => {
          trips++;
          queries += statements.length;
          return target.batch(statements.map((s) => raw.get(s) ?? s));
        };
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { d1, trips: () => trips, queries: () => queries };
}

/**
 * The real D1 binding, recording every statement run through it with its bound values, so that
 * the test can ask SQLite how it would find the rows of each.
 */
function recordingD1(real: D1Database): { d1: D1Database; statements: { sql: string; args: unknown[] }[] } {
  const statements: { sql: string; args: unknown[] }[] = [];
  const raw = new WeakMap<object, D1PreparedStatement>();
  const recorded = new WeakMap<object, { sql: string; args: unknown[] }>();
  const statement = (s: D1PreparedStatement, sql: string, args: unknown[]): D1PreparedStatement => {
    const proxy = new Proxy(s, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'bind') return (...bound: unknown[]) => statement(target.bind(...bound), sql, bound);
        if (prop === 'all' || prop === 'run' || prop === 'raw' || prop === 'first')
          return (...a: unknown[]) => {
            statements.push({ sql, args });
            return (value as (...x: unknown[]) => unknown).apply(target, a);
          };
        return (value as (...x: unknown[]) => unknown).bind(target);
      },
    });
    raw.set(proxy, s);
    recorded.set(proxy, { sql, args });
    return proxy;
  };
  const d1 = new Proxy(real, {
    get(target, prop) {
      if (prop === 'prepare') return (query: string) => statement(target.prepare(query), query, []);
      if (prop === 'batch')
        return (list: D1PreparedStatement[]) => {
          for (const s of list) {
            const r = recorded.get(s);
            if (r) statements.push(r);
          }
          return target.batch(list.map((s) => raw.get(s) ?? s));
        };
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { d1, statements };
}

/**
 * How SQLite finds the rows of each statement: the plan steps that read a table through an index
 * by the tenant alone, or scan a table, i.e. whose cost grows with all the tenant's rows.
 */
async function tenantWideReads(statements: { sql: string; args: unknown[] }[]): Promise<string[]> {
  const wide: string[] = [];
  for (const { sql, args } of statements) {
    const { results } = await d1
      .prepare(`explain query plan ${sql}`)
      .bind(...args)
      .all<{ detail: string }>();
    for (const { detail } of results)
      if (
        /^(SCAN|SEARCH) \w+( AS \w+)? USING (COVERING )?INDEX \w+ \(tenant_id=\?\)$/.test(detail) ||
        // (A VIRTUAL TABLE is json_each over a bound JSON array or one row's column, not a table.)
        /^SCAN (?!json_each|\(subquery|\d+ CONSTANT|\d+-ROW VALUES|\w+ VIRTUAL TABLE)\w+/.test(detail)
      )
        wide.push(`${detail} ← ${sql.slice(0, 80)}`);
  }
  return wide;
}

/** A record already holding this request id makes its erasure fail as a whole. */
async function blockErasure(requestId: string) {
  await d1
    .prepare(
      `insert into erasure_records (id, tenant_id, request_id, requested_at, executed_at, "trigger", counts) select 'era_block_' || id, tenant_id, id, 0, 0, 'admin', '{}' from privacy_requests where id = ?`,
    )
    .bind(requestId)
    .run();
}

async function fileErasures(tenant: Tenant, apiKey: string, emails: string[]) {
  const filed: { requestId: string; subscriberId: string }[] = [];
  for (const email of emails) {
    const sub = await seedSubscriber(tenant, { email });
    const res = await api(apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'erasure', subscriberId: sub.id },
    });
    expect(res.status).toBe(201);
    filed.push({ requestId: (await body(res)).id as string, subscriberId: sub.id });
  }
  return filed;
}

async function eraseChunk(tenant: Tenant, requestIds: string[]) {
  const counting = countingD1(env.DB_EU);
  const events: OutboxRef[] = [];
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const results = await executeErasures(dbFor(counting.d1), keys, requestIds, {
    trigger: 'due',
    actor: 'clock',
    now: new Date(Date.now() + 46 * DAY),
    events,
  });
  return { results, trips: counting.trips(), queries: counting.queries(), events };
}

describe('a chunk of due erasures', () => {
  it('takes five D1 round trips and the same D1 queries whatever its size, and erases every person completely', {
    timeout: 240_000,
  }, async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    // An endpoint listening to every event: the chunk's events are handed on, not settled.
    await createEndpoint(apiKey, { url: receiverUrl().url });
    const small = await fileErasures(tenant, apiKey, ['c1@example.org', 'c2@example.org']);
    const large = await fileErasures(
      tenant,
      apiKey,
      // More people than any per-row statement could bind within D1's 100 parameters.
      Array.from({ length: 30 }, (_, i) => `chunk${i}@example.org`),
    );

    const first = await eraseChunk(
      tenant,
      small.map((f) => f.requestId),
    );
    const second = await eraseChunk(
      tenant,
      large.map((f) => f.requestId),
    );
    // Read the requests, read their subjects, claim, read what goes, one deletion batch.
    expect(first.trips).toBe(5);
    expect(second.trips).toBe(5);
    // One statement per kind for the whole chunk (claims, completions, records, events, audit
    // redactions, suppressions): 30 people cost what 2 do, far from D1's 1,000 per invocation.
    expect(second.queries).toBe(first.queries);
    expect(second.queries).toBeLessThanOrEqual(60);

    const all = [...small, ...large];
    for (const { results } of [first, second])
      expect([...results.values()].map((r) => r.status)).toEqual(
        Array.from({ length: results.size }, () => 'executed'),
      );
    expect(await countRows(d1, 'subscribers', 'tenant_id = ?', tenant.id)).toBe(0);
    expect(await countRows(d1, 'subscriber_keys', 'tenant_id = ?', tenant.id)).toBe(0);
    expect(await countRows(d1, 'consent_events', 'tenant_id = ?', tenant.id)).toBe(0);
    expect(await countRows(d1, 'subscriptions', 'tenant_id = ?', tenant.id)).toBe(0);
    expect(await countRows(d1, 'erasure_records', 'tenant_id = ?', tenant.id)).toBe(all.length);
    expect(await countRows(d1, 'suppressions', `tenant_id = ? and reason = 'erasure'`, tenant.id)).toBe(
      all.length,
    );
    expect(await countRows(d1, 'privacy_requests', `tenant_id = ? and status = 'completed'`, tenant.id)).toBe(
      all.length,
    );
    for (const { subscriberId, requestId } of all) {
      expect(await countRows(d1, 'outbox_events', 'subject_id = ?', subscriberId)).toBe(0);
      expect(
        await countRows(d1, 'suppressions', 'tenant_id = ? and request_id = ?', tenant.id, requestId),
      ).toBe(1);
    }
    // Exactly the events written are handed over: claim, completion and erasure per request.
    const handed = [...first.events, ...second.events].map((e) => e.type).sort();
    expect(handed.filter((t) => t === 'subscriber.erased')).toHaveLength(all.length);
    expect(handed.filter((t) => t === 'privacy_request.executing')).toHaveLength(all.length);
    expect(handed.filter((t) => t === 'privacy_request.completed')).toHaveLength(all.length);
    const cells = await expectCountersExact(tenant);
    expect(cell(cells, '', '', 'erasures')).toBe(all.length);
    expect(cell(cells, '', 'eu', 'erased')).toBe(all.length);
    expect(cell(cells, '', '', 'suppressions:erasure')).toBe(all.length);
  });

  it('settles in its own batches the events no endpoint listens to: written, none handed on', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const filed = await fileErasures(tenant, apiKey, ['s1@example.org', 's2@example.org']);
    const ids = filed.map((f) => f.requestId);
    const { results, events } = await eraseChunk(tenant, ids);
    expect([...results.values()].map((r) => r.status)).toEqual(['executed', 'executed']);
    expect(events).toEqual([]);
    for (const requestId of ids) {
      const rows = await d1
        .prepare(
          `select type, seq, dispatched_at, received_at from outbox_events where subject_id = ? and type in ('privacy_request.executing', 'privacy_request.completed', 'subscriber.erased') order by seq`,
        )
        .bind(requestId)
        .all<{ type: string; seq: number; dispatched_at: number | null; received_at: number | null }>();
      expect(rows.results.map((r) => r.type)).toEqual([
        'privacy_request.executing',
        'privacy_request.completed',
        'subscriber.erased',
      ]);
      // Numbered after the request's earlier events, in the order written.
      const seqs = rows.results.map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(3);
      expect(rows.results.every((r) => r.dispatched_at !== null && r.received_at !== null)).toBe(true);
    }
  });

  it("with the requesters' mails: the same D1 round trips for two mails as for six (templates read once)", {
    timeout: 120_000,
  }, async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const filed = await fileErasures(
      tenant,
      apiKey,
      Array.from({ length: 8 }, (_, i) => `mailed${i}@example.org`),
    );
    const before = (await mail.messages()).length;
    const now = new Date(Date.now() + 46 * DAY);
    const chunkOn = async (ids: string[]) => {
      const counting = countingD1(env.DB_EU);
      const results = await runDueErasures({ ...env, DB_EU: counting.d1 }, tenant.id, ids, now);
      expect([...results.values()].every((r) => r.status === 'executed')).toBe(true);
      return counting.trips();
    };
    const two = await chunkOn(filed.slice(0, 2).map((f) => f.requestId));
    const six = await chunkOn(filed.slice(2).map((f) => f.requestId));
    // The tenant, the chunk's five, the tenant's templates of the completion mail.
    expect(two).toBe(7);
    expect(six).toBe(7);
    const sent = (await mail.messages()).slice(before).map((m) => m.to);
    expect(sent.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `mailed${i}@example.org`).sort());
  });

  it('finds every row by a key: no statement of a chunk reads the tenant through a tenant-wide index', {
    timeout: 120_000,
  }, async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const filed = await fileErasures(tenant, apiKey, ['k1@example.org', 'k2@example.org', 'k3@example.org']);
    const recording = recordingD1(env.DB_EU);
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    const results = await executeErasures(
      dbFor(recording.d1),
      keys,
      filed.map((f) => f.requestId),
      { trigger: 'due', actor: 'clock', now: new Date(Date.now() + 46 * DAY) },
    );
    expect([...results.values()].map((r) => r.status)).toEqual(['executed', 'executed', 'executed']);
    expect(recording.statements.length).toBeGreaterThan(30);
    // Bounded otherwise: stored API answers are kept 24 hours; a tenant has a few webhook endpoints.
    const wide = (await tenantWideReads(recording.statements)).filter(
      (w) => !/^SEARCH (idempotency_keys|webhook_endpoints) /.test(w),
    );
    expect(wide).toEqual([]);
  });

  it('erases a person named by two due requests once; the second is closed by the first', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const [filed] = await fileErasures(tenant, apiKey, ['twice@example.org']);
    const requestId = filed?.requestId as string;
    // A second open erasure of the same person, one naming the subscriber and the other only
    // the address (the unique indexes allow no other pair; filing merges, an older request can remain).
    const row = (await d1
      .prepare('select * from privacy_requests where id = ?')
      .bind(requestId)
      .first()) as Record<string, unknown>;
    await d1.prepare('update privacy_requests set subject_index = null where id = ?').bind(requestId).run();
    const copy = { ...row, id: `${requestId}x`, subscriber_id: null };
    const columns = Object.keys(copy);
    await d1
      .prepare(
        `insert into privacy_requests (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      )
      .bind(...Object.values(copy))
      .run();

    const { results } = await eraseChunk(tenant, [requestId, `${requestId}x`]);
    expect(results.get(requestId)?.status).toBe('executed');
    expect(results.get(`${requestId}x`)).toEqual({ status: 'skipped', reason: 'already_erased' });
    expect(await countRows(d1, 'erasure_records', 'tenant_id = ?', tenant.id)).toBe(1);
    expect(await countRows(d1, 'subscribers', 'tenant_id = ?', tenant.id)).toBe(0);
    expect(await countRows(d1, 'privacy_requests', `id = ? and status = 'completed'`, `${requestId}x`)).toBe(
      1,
    );
    const cells = await expectCountersExact(tenant);
    expect(cell(cells, '', '', 'erasures')).toBe(1);
  });

  it('the same chunk run twice at once (a repeated alarm) erases each person once; a later run finishes the rest', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    await createEndpoint(apiKey, { url: receiverUrl().url });
    const filed = await fileErasures(tenant, apiKey, ['r1@example.org', 'r2@example.org', 'r3@example.org']);
    const ids = filed.map((f) => f.requestId);

    const runs = await Promise.all([eraseChunk(tenant, ids), eraseChunk(tenant, ids)]);
    const executed = runs.flatMap(({ results }) =>
      [...results].filter(([, r]) => r.status === 'executed').map(([id]) => id),
    );
    // No request executed by both runs, and every execution left exactly one record and event.
    expect(new Set(executed).size).toBe(executed.length);
    expect(await countRows(d1, 'erasure_records', 'tenant_id = ?', tenant.id)).toBe(executed.length);
    expect(
      runs.flatMap(({ events }) => events.map((e) => e.type)).filter((t) => t === 'subscriber.erased'),
    ).toHaveLength(executed.length);
    expect(cell(await expectCountersExact(tenant), '', '', 'erasures')).toBe(executed.length);

    // Whatever either run left (a claim lost to the other) is erased by the next run, once.
    const last = await eraseChunk(tenant, ids);
    for (const id of ids)
      expect(last.results.get(id)?.status).toBe(executed.includes(id) ? 'skipped' : 'executed');
    expect(await countRows(d1, 'erasure_records', 'tenant_id = ?', tenant.id)).toBe(ids.length);
    expect(await countRows(d1, 'subscribers', 'tenant_id = ?', tenant.id)).toBe(0);
    const cells = await expectCountersExact(tenant);
    expect(cell(cells, '', '', 'erasures')).toBe(ids.length);
    expect(cell(cells, '', '', 'suppressions:erasure')).toBe(ids.length);
  });

  it("after a failed chunk, the erasures run alone stop within D1's queries per invocation; the rest stay due", {
    timeout: 300_000,
  }, async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const filed = await fileErasures(
      tenant,
      apiKey,
      Array.from({ length: ALARM_CHUNK }, (_, i) => `alone${i}@example.org`),
    );
    const blocked = filed[0]?.requestId as string;
    await blockErasure(blocked);
    const recording = recordingD1(env.DB_EU);
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    const results = await executeErasures(
      dbFor(recording.d1),
      keys,
      filed.map((f) => f.requestId),
      { trigger: 'due', actor: 'clock', now: new Date(Date.now() + 46 * DAY) },
    );
    expect(recording.statements.length).toBeLessThanOrEqual(D1_QUERIES_PER_INVOCATION);
    const statuses = [...results.values()].map((r) => r.status);
    expect(results.get(blocked)?.status).toBe('failed');
    const executed = statuses.filter((s) => s === 'executed').length;
    const deferred = statuses.filter((s) => s === 'deferred').length;
    expect(executed).toBeGreaterThan(0);
    expect(deferred).toBeGreaterThan(0);
    expect(executed + deferred + 1).toBe(ALARM_CHUNK);
    // What was deferred is as the failed chunk left it: claimed (an interrupted execution, which
    // the next alarm resumes), its person still there.
    const left = filed.filter((f) => results.get(f.requestId)?.status === 'deferred');
    for (const { requestId, subscriberId } of left) {
      expect(await countRows(d1, 'privacy_requests', `id = ? and status = 'executing'`, requestId)).toBe(1);
      expect(await countRows(d1, 'subscribers', 'id = ?', subscriberId)).toBe(1);
    }
    expect(await countRows(d1, 'erasure_records', 'tenant_id = ?', tenant.id)).toBe(executed + 1);
    // (The blocking record is no erasure the counters know of: a recount would count it.)
    expect(cell(await countersOf(tenant), '', '', 'erasures')).toBe(executed);
    expect(cell(await countersOf(tenant), '', 'eu', 'erased')).toBe(executed);
  });

  it("takes only the people whose other open requests fit within D1's queries per invocation, before claiming any", {
    timeout: 120_000,
  }, async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const filed = await fileErasures(tenant, apiKey, [
      'busy1@example.org',
      'busy2@example.org',
      'busy3@example.org',
    ]);
    // Each person has three more open requests, which the erasure closes (four statements each).
    for (const { subscriberId } of filed)
      for (const kind of ['access', 'objection', 'portability']) {
        const res = await api(apiKey, '/privacy-requests', { method: 'POST', json: { kind, subscriberId } });
        expect(res.status).toBe(201);
      }
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    const ids = filed.map((f) => f.requestId);
    const run = (sent: number) => {
      const recording = recordingD1(env.DB_EU);
      const done = executeErasures(dbFor(recording.d1), keys, ids, {
        trigger: 'due',
        actor: 'clock',
        now: new Date(Date.now() + 46 * DAY),
        queries: { sent },
      });
      return done.then((results) => ({ results, statements: recording.statements.length }));
    };

    // An invocation that has already sent 920 queries: the chunk and its closings would pass 1,000.
    const late = await run(920);
    expect(920 + late.statements).toBeLessThanOrEqual(D1_QUERIES_PER_INVOCATION);
    expect([...late.results.values()].map((r) => r.status)).toEqual(['deferred', 'deferred', 'deferred']);
    // Nothing was claimed: the requests are still open, no person is gone.
    expect(await countRows(d1, 'privacy_requests', `tenant_id = ? and status = 'open'`, tenant.id)).toBe(12);
    expect(await countRows(d1, 'subscribers', 'tenant_id = ?', tenant.id)).toBe(3);

    // The next invocation, fresh, erases all three and closes their nine other requests.
    const next = await run(0);
    expect([...next.results.values()].map((r) => r.status)).toEqual(['executed', 'executed', 'executed']);
    expect(await countRows(d1, 'subscribers', 'tenant_id = ?', tenant.id)).toBe(0);
    // The erasures and the nine requests they closed.
    expect(await countRows(d1, 'privacy_requests', `tenant_id = ? and status = 'completed'`, tenant.id)).toBe(
      12,
    );
    expect(
      await countRows(d1, 'outbox_events', `tenant_id = ? and type = 'privacy_request.closed'`, tenant.id),
    ).toBe(9);
    await expectCountersExact(tenant);
  });

  it('on the clock: erasures deferred by a failed chunk stay due and the next alarm, at once, erases them', {
    timeout: 300_000,
  }, async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const filed = await fileErasures(
      tenant,
      apiKey,
      Array.from({ length: ALARM_CHUNK }, (_, i) => `later${i}@example.org`),
    );
    const blocked = filed[0]?.requestId as string;
    await blockErasure(blocked);
    const before = (await mail.messages()).length;
    const clock = clockFor(env, tenant.id);
    vi.useFakeTimers({ toFake: ['Date'] });
    const at = Date.now() + 46 * DAY;
    vi.setSystemTime(at);
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    const waiting = await clock.pending();
    const deferred = waiting.filter((p) => p.requestId !== blocked);
    expect(deferred.length).toBeGreaterThan(0);
    expect(deferred.every((p) => p.attempts === 0 && p.dueAt < at)).toBe(true);
    expect(waiting.find((p) => p.requestId === blocked)).toMatchObject({ attempts: 1, dueAt: at + 30_000 });

    // The alarm is armed at the earliest due time, already past: the next one runs at once.
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    expect(await clock.pending()).toEqual([{ requestId: blocked, dueAt: at + 30_000, attempts: 1 }]);
    expect(await countRows(d1, 'erasure_records', 'tenant_id = ?', tenant.id)).toBe(ALARM_CHUNK);
    const sent = (await mail.messages()).slice(before).map((m) => m.to);
    expect(sent).toHaveLength(ALARM_CHUNK - 1);
    expect(new Set(sent).size).toBe(ALARM_CHUNK - 1);
  });

  it('on the clock: one request that cannot commit backs off alone; the others are erased and mailed once each', async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const filed = await fileErasures(tenant, apiKey, ['a@example.org', 'b@example.org', 'c@example.org']);
    const blocked = filed[1]?.requestId as string;
    await blockErasure(blocked);
    const before = (await mail.messages()).length;
    const clock = clockFor(env, tenant.id);
    vi.useFakeTimers({ toFake: ['Date'] });
    const at = Date.now() + 46 * DAY;
    vi.setSystemTime(at);
    expect(await runDurableObjectAlarm(clock)).toBe(true);

    expect(await clock.pending()).toEqual([{ requestId: blocked, dueAt: at + 30_000, attempts: 1 }]);
    expect(await countRows(d1, 'subscribers', 'tenant_id = ?', tenant.id)).toBe(1);
    expect(await countRows(d1, 'subscribers', 'id = ?', filed[1]?.subscriberId)).toBe(1);
    expect(await countRows(d1, 'erasure_records', 'tenant_id = ?', tenant.id)).toBe(3);
    const sent = (await mail.messages())
      .slice(before)
      .map((m) => m.to)
      .sort();
    expect(sent).toEqual(['a@example.org', 'c@example.org']);
  });
});
