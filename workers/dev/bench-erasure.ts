// Development-only routes that drive the erasure benchmark (bench/erasure.ts) inside workerd:
// seed a tenant with N subscribers and N open erasure requests, then drain its erasure clock.
// Mounted under /__dev; every route answers 404 unless RUNTIME is "local", so production
// (RUNTIME="production" in wrangler.toml) never exposes them.

import { Hono } from 'hono';
import { z } from 'zod';
import { chunk, runBatch, type BatchItem } from '../../db/client';
import { prepareConsentEvents } from '../../db/consent-log';
import { dueDaysFor } from '../../db/privacy-requests';
import { withCounters } from '../../db/report-counters';
import { isLocalRuntime, regional, regionalForTenant } from '../../db/regions';
import { lists, privacyRequestHistory, privacyRequests, subscriptions } from '../../db/schema';
import { addressIndex, prepareSubscriber } from '../../db/subscribers';
import { createTenant, findTenant, tenantKeys } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { dueDates } from '../../shared/due-dates';
import { AppError } from '../../shared/errors';
import { newId } from '../../shared/regions';
import type { AppEnv } from '../env';
import { clockFor } from '../privacy/clock';

const Seed = z.object({
  tenantId: z.string().optional(),
  n: z.number().int().min(1).max(1000),
  offset: z.number().int().min(0),
});
const Drain = z.object({
  tenantId: z.string(),
  asOf: z.number().int(),
  budgetMs: z.number().int().min(100).max(120_000).default(20_000),
});

export const devBench = new Hono<AppEnv>();

devBench.use('*', async (c, next) => {
  if (!isLocalRuntime(c.env)) throw new AppError('not_found', `No route for ${c.req.method} ${c.req.path}.`);
  await next();
});

devBench.post('/bench/erasure/seed', async (c) => {
  const input = Seed.parse(await c.req.json());
  const store = regional(c.env, 'eu');
  const tenant = input.tenantId
    ? await findTenant(store.db, input.tenantId)
    : await createTenant(store.db, await masterKeyring(c.env.MASTER_KEY), {
        region: 'eu',
        slug: `bench-${crypto.randomUUID()}`,
        name: 'Bench',
      });
  if (!tenant) throw new AppError('not_found', 'No such tenant.');
  const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
  const listId = `lst_bench_${tenant.id}`;
  await store.db
    .insert(lists)
    .values({ id: listId, tenantId: tenant.id, name: 'Bench', purpose: 'Benchmark' })
    .onConflictDoNothing();
  const receivedAt = new Date();
  const { dueAt, monthDueAt } = dueDates(receivedAt, dueDaysFor(tenant.settings, 'erasure'));
  const items: BatchItem[][] = [];
  const scheduled: { requestId: string; dueAt: number }[] = [];
  for (let i = input.offset; i < input.offset + input.n; i++) {
    const { email, index } = await addressIndex(keys, `bench${i}@example.org`);
    const sub = await prepareSubscriber(store.db, keys, {
      email,
      emailIndex: index,
      name: `Bench ${i}`,
      homeRegion: 'eu',
      status: 'active',
    });
    const chain = await prepareConsentEvents(store.db, sub.key, { seq: 0, hash: null }, [
      {
        kind: 'opt_in',
        listId,
        occurredAt: receivedAt,
        geo: { country: 'DE', region: 'Berlin', isEU: true },
        ip: '192.0.2.1',
        userAgent: 'Bench',
        notice: null,
        language: 'en',
        source: { type: 'api' },
      },
    ]);
    const id = newId('prq');
    scheduled.push({ requestId: id, dueAt: dueAt.getTime() });
    items.push([
      ...sub.queries,
      ...chain.queries,
      store.db
        .insert(subscriptions)
        .values({ tenantId: tenant.id, subscriberId: sub.id, listId, status: 'confirmed', consent: 'given' }),
      store.db.insert(privacyRequests).values({
        id,
        tenantId: tenant.id,
        subscriberId: sub.id,
        subjectIndex: index,
        kind: 'erasure',
        status: 'open',
        channel: 'api',
        receivedAt,
        dueAt,
        monthDueAt,
        verifiedAt: receivedAt,
        updatedAt: receivedAt,
      }),
      store.db.insert(privacyRequestHistory).values({
        id: newId('rqh'),
        tenantId: tenant.id,
        requestId: id,
        toStatus: 'open',
        action: 'created',
        actor: 'bench',
        at: receivedAt,
      }),
    ]);
  }
  for (const group of chunk(items, 10)) await runBatch(store.db, withCounters(store.db, group.flat()));
  await clockFor(c.env, tenant.id).scheduleMissing({ tenantId: tenant.id, items: scheduled });
  return c.json({ tenantId: tenant.id, seeded: input.n, dueAt: dueAt.getTime() });
});

devBench.post('/bench/erasure/drain', async (c) => {
  const input = Drain.parse(await c.req.json());
  regionalForTenant(c.env, input.tenantId);
  return c.json(await clockFor(c.env, input.tenantId).drain({ asOf: input.asOf, budgetMs: input.budgetMs }));
});
