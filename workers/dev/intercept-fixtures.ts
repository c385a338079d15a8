// Local-only fixtures for trying the link intercept (browser tests, bench/intercept, a person
// with `npm run dev`): a subscriber of a demo tenant, whose home region is still unknown.
// Mounted under the local-only `/__dev` routes; the client API takes over once it creates subscribers.

import { Hono } from 'hono';
import { runBatch } from '../../db/client';
import { regional } from '../../db/regions';
import { counted, subscriberScope } from '../../db/report-counters';
import { addressIndex, prepareSubscriber } from '../../db/subscribers';
import { findTenantBySlug, tenantKeys } from '../../db/tenants';
import { AppError } from '../../shared/errors';
import { isRegion } from '../../shared/regions';
import type { AppEnv } from '../env';

export const interceptFixtures = new Hono<AppEnv>();

interceptFixtures.post('/subscriber', async (c) => {
  const region = c.req.query('region') ?? 'eu';
  if (!isRegion(region)) throw new AppError('bad_request', 'region must be eu or us.');
  const { db } = regional(c.env, region);
  const tenant = await findTenantBySlug(db, `demo-${region}`);
  if (!tenant) throw new AppError('not_found', 'Seed the demo tenants first (POST /__dev/seed).');
  const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
  const { email, index } = await addressIndex(keys, `reader-${crypto.randomUUID().slice(0, 8)}@example.org`);
  const prepared = await prepareSubscriber(db, keys, { email, emailIndex: index, status: 'active' });
  await runBatch(db, counted(db, subscriberScope(tenant.id, prepared.id), prepared.queries));
  return c.json({ subscriberId: prepared.id, tenantId: tenant.id }, 201);
});
