// Local-only routes under `/__dev`: demo seeding for `npm run dev` and the browser tests, demo
// subscribers with their links (intercept, self-service), the in-runtime measurements of
// `bench/crypto` and `bench/send`, and the data and timings of `bench/report`. Every request
// answers 404 unless the configuration says the runtime is local, which production never does, and
// 403 to a browser's request from another site.

import { Hono } from 'hono';
import { isLocalRuntime } from '../../db/regions';
import { AppError } from '../../shared/errors';
import type { AppEnv } from '../env';
import { devBenchReport } from './bench-report';
import { cryptoBench } from './crypto-bench';
import { importFloor } from './import-floor';
import { interceptFixtures } from './intercept-fixtures';
import { seedDemoTenant } from './seed';
import { selfServiceFixtures } from './self-service-fixtures';
import { sendBench } from './send-bench';

export const devRoutes = new Hono<AppEnv>();

devRoutes.use('*', async (c, next) => {
  if (!isLocalRuntime(c.env)) throw new AppError('not_found', `No route for ${c.req.method} ${c.req.path}.`);
  // Scripts and the app's own pages only: a page of another site open in the developer's browser
  // must not seed, fill or drop indexes of their local database.
  const origin = c.req.header('origin');
  if (c.req.header('sec-fetch-site') === 'cross-site' || (origin && origin !== new URL(c.req.url).origin))
    throw new AppError('forbidden', 'Local-only routes take no requests from another site.');
  await next();
});

devRoutes.post('/seed', async (c) => {
  const tenants = [await seedDemoTenant(c.env, 'eu'), await seedDemoTenant(c.env, 'us')];
  return c.json({ created: tenants.filter((t) => t !== null) });
});

devRoutes.post('/bench/crypto', async (c) =>
  c.json(await cryptoBench(c.env, c.req.query('op') ?? '', Number(c.req.query('n') ?? '100'))),
);

devRoutes.post('/bench/import-floor', async (c) =>
  c.json(await importFloor(c.env, c.req.query('op') ?? '', Number(c.req.query('n') ?? '100'))),
);

devRoutes.post('/bench/send', async (c) =>
  c.json(
    await sendBench(
      c.env,
      c.req.query('op') ?? '',
      Number(c.req.query('n') ?? '100'),
      Number(c.req.query('offset') ?? '0'),
    ),
  ),
);

devRoutes.route('/intercept', interceptFixtures);
devRoutes.route('/self-service', selfServiceFixtures);
devRoutes.route('/', devBenchReport);
