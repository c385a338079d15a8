// GET /health: the Worker answers and both regional databases answer a query.

import { Hono } from 'hono';
import { REGIONS } from '../../shared/regions';
import type { AppEnv } from '../env';

export const health = new Hono<AppEnv>().get('/', async (c) => {
  const checks = await Promise.allSettled(
    REGIONS.map(async (r) => (r === 'eu' ? c.env.DB_EU : c.env.DB_US).prepare('select 1 as ok').first('ok')),
  );
  const databases = Object.fromEntries(
    REGIONS.map((r, i) => [r, checks[i]!.status === 'fulfilled' && checks[i]!.value === 1]),
  );
  const ok = Object.values(databases).every(Boolean);
  c.header('cache-control', 'no-store');
  return ok ? c.json({ ok: true }) : c.json({ ok: false, databases }, 503);
});
