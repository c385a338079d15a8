// `/admin` and every path under it that is not a built file: the dashboard's index.html from the
// static assets (public/admin/, built by Vite from dashboard/), so deep links (`/admin/requests/…`)
// open the app, and with the dashboard's own CSP (pages/security.ts). `/admin/assets/*` never
// reaches the Worker (wrangler.toml `run_worker_first`).

import { Hono } from 'hono';
import { AppError } from '../../shared/errors';
import type { AppEnv } from '../env';
import { allowInPage } from './pages/security';

export const dashboardApp = new Hono<AppEnv>();

dashboardApp.get('*', async (c) => {
  const index = await c.env.ASSETS.fetch(new URL('/admin/', c.req.url));
  if (!index.ok) throw new AppError('not_found', 'The dashboard is not built here (npm run build).');
  allowInPage(c, { dashboardApp: true });
  return c.html(await index.text());
});
