// Development-only routes that drive the compliance report benchmark (bench/report.ts) inside
// workerd: generate subscribers of one tenant in bulk (json_each inserts straight into the
// tables), fill the counters with the reconciliation's own recount, then time the report against
// the GROUP BY recount of the same cells. Mounted by workers/dev/routes.ts (404 unless local).

import { Hono } from 'hono';
import { z } from 'zod';
import { complianceReport } from '../../db/compliance-report';
import { regional, regionalForTenant } from '../../db/regions';
import { chunksOf, reconcileChunk, recountStatement } from '../../db/report-reconcile';
import { lists } from '../../db/schema';
import { createTenant } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import type { AppEnv } from '../env';

/** Up to DIGITS² rows per statement: `json_each` of 0…DIGITS-1 joined with itself. */
const DIGITS = 1000;
const DIGITS_JSON = JSON.stringify(Array.from({ length: DIGITS }, (_, i) => i));
const DAY_MS = 86_400_000;

const Seed = z.object({
  tenantId: z.string().optional(),
  from: z.number().int().min(0),
  to: z.number().int().min(1),
});
const Tenant = z.object({ tenantId: z.string() });

/** The generated index `i` of every row in [from, to), one parameter for all of them. */
const INDEXES = `with d(v) as (select value from json_each(?1)),
  idx(i) as (select ?2 + a.v * ${DIGITS} + b.v from d a, d b where a.v * ${DIGITS} + b.v < ?3 - ?2)`;

/** Subscribers across the three regions and every status: 50% eu, 30% non_eu, 20% unknown. */
const SUBSCRIBERS = `${INDEXES}
  insert into subscribers (id, tenant_id, email_index, email_ct, pseudonym, home_region, status)
  select ?4 || printf('%07d', i), ?5, 'ix' || i, 'bench', 'anon-' || i,
    case when i % 10 < 5 then 'eu' when i % 10 < 8 then 'non_eu' else 'unknown' end,
    case when i % 97 = 0 then 'bounced' when i % 13 = 0 then 'pending' when i % 17 = 0 then 'unsubscribed' else 'active' end
  from idx`;

/** A consent list for everyone, another for every second person, a contract list for every fifth. */
const SUBSCRIPTIONS = `${INDEXES}
  insert into subscriptions (tenant_id, subscriber_id, list_id, status, consent)
  select ?5, ?4 || printf('%07d', i), ?6,
    case i % 11 when 0 then 'pending' when 2 then 'unsubscribed' else 'confirmed' end,
    case i % 11 when 1 then 'unknown' when 2 then 'withdrawn' when 3 then 'refused' when 0 then 'unknown' else 'given' end
  from idx
  union all
  select ?5, ?4 || printf('%07d', i), ?7,
    case i % 7 when 0 then 'pending' when 1 then 'unsubscribed' else 'confirmed' end,
    case i % 7 when 1 then 'withdrawn' when 0 then 'unknown' else 'given' end
  from idx where i % 2 = 0
  union all
  select ?5, ?4 || printf('%07d', i), ?8, 'confirmed', 'unknown' from idx where i % 5 = 0`;

/** One open, identity-confirmed erasure per thousand people, half of them overdue. */
const REQUESTS = `${INDEXES}
  insert into privacy_requests (id, tenant_id, subscriber_id, subject_index, kind, status, channel,
    received_at, due_at, month_due_at, verified_at, updated_at)
  select 'prq_' || ?4 || printf('%07d', i), ?5, ?4 || printf('%07d', i), 'ix' || i, 'erasure', 'open', 'api',
    ?9 - 20 * ${DAY_MS}, ?9 + (case when i % 2000 = 3 then -1 else 10 end) * ${DAY_MS}, ?9 + 10 * ${DAY_MS},
    ?9 - 20 * ${DAY_MS}, ?9
  from idx where i % 1000 = 3`;

const listIdsOf = (tenantId: string) =>
  [`lst_rb_news_${tenantId}`, `lst_rb_offers_${tenantId}`, `lst_rb_orders_${tenantId}`] as const;

export const devBenchReport = new Hono<AppEnv>();

/** Adds the people [from, to) to the bench tenant (created on the first call), counters untouched. */
devBenchReport.post('/bench/report/seed', async (c) => {
  const input = Seed.parse(await c.req.json());
  if (input.to <= input.from || input.to - input.from > DIGITS * DIGITS)
    throw new AppError('bad_request', `from…to spans 1 to ${DIGITS * DIGITS} people.`);
  const store = input.tenantId ? regionalForTenant(c.env, input.tenantId) : regional(c.env, 'eu');
  const tenantId =
    input.tenantId ??
    (
      await createTenant(store.db, await masterKeyring(c.env.MASTER_KEY), {
        region: 'eu',
        slug: `bench-${crypto.randomUUID()}`,
        name: 'Bench',
      })
    ).id;
  const [news, offers, orders] = listIdsOf(tenantId);
  await store.db
    .insert(lists)
    .values([
      { id: news, tenantId, name: 'News', purpose: 'Newsletter' },
      { id: offers, tenantId, name: 'Offers', purpose: 'Offers' },
      { id: orders, tenantId, name: 'Orders', purpose: 'Order mail', lawfulBasis: 'contract' },
    ])
    .onConflictDoNothing();
  const prefix = `sub_rb_${tenantId.slice(-8)}_`;
  const args = [DIGITS_JSON, input.from, input.to, prefix, tenantId, news, offers, orders, Date.now()];
  const started = performance.now();
  await store.d1.batch(
    [SUBSCRIBERS, SUBSCRIPTIONS, REQUESTS].map((q) =>
      // Each statement binds only the numbered parameters it names.
      store.d1
        .prepare(q)
        .bind(...args.slice(0, Math.max(...[...q.matchAll(/\?(\d)/g)].map((m) => Number(m[1]))))),
    ),
  );
  return c.json({ tenantId, seeded: input.to - input.from, ms: performance.now() - started });
});

/** Fills the counters the way the hourly sweep repairs them: every chunk of the tenant recounted once. */
devBenchReport.post('/bench/report/reconcile', async (c) => {
  const { tenantId } = Tenant.parse(await c.req.json());
  const store = regionalForTenant(c.env, tenantId);
  const started = performance.now();
  let cells = 0;
  for (const chunk of await chunksOf(store.db, tenantId, null))
    cells += (await reconcileChunk(store.d1, tenantId, chunk)).cells;
  return c.json({ cellsRepaired: cells, ms: performance.now() - started });
});

/** The report as the API serves it: wall time seen by the Worker and D1 time of its reads. */
devBenchReport.post('/bench/report/report', async (c) => {
  const { tenantId } = Tenant.parse(await c.req.json());
  const store = regionalForTenant(c.env, tenantId);
  const started = performance.now();
  const { report, d1Ms } = await complianceReport(store.d1, tenantId);
  const ms = performance.now() - started;
  return c.json({ ms, d1Ms, subscribers: report.subscribers.total });
});

/**
 * The GROUP BY recount of the same cells (db/subscription-state.ts through the reconciliation's
 * recount, every chunk in one batch), and whether the counters equal it.
 */
devBenchReport.post('/bench/report/recount', async (c) => {
  const { tenantId } = Tenant.parse(await c.req.json());
  const store = regionalForTenant(c.env, tenantId);
  const chunks = await chunksOf(store.db, tenantId, null);
  const started = performance.now();
  const results = await store.d1.batch<{ list_id: string; region: string; state: string; n: number }>(
    chunks.map((chunk) => recountStatement(store.d1, tenantId, chunk)),
  );
  const ms = performance.now() - started;
  const d1Ms = results.reduce((sum, r) => sum + (r.meta?.duration ?? 0), 0);
  const key = (r: { list_id: string; region: string; state: string; n: number }) =>
    `${r.list_id}|${r.region}|${r.state}|${r.n}`;
  const recounted = results
    .flatMap((r) => r.results)
    .filter((r) => r.n !== 0)
    .map(key)
    .sort();
  const counters = (
    await store.d1
      .prepare('select list_id, region, state, n from report_counters where tenant_id = ? and n <> 0')
      .bind(tenantId)
      .all<{ list_id: string; region: string; state: string; n: number }>()
  ).results
    .map(key)
    .sort();
  return c.json({ ms, d1Ms, countersMatch: recounted.join('\n') === counters.join('\n') });
});
