// The `fetch` entry point: public edge routes, the client API, the operators' platform routes,
// the dashboard app's index and the health check, with one error vocabulary for all of them.

import { Hono } from 'hono';
import { adminPages } from '../admin/pages';
import { api } from '../api';
import { platform } from '../platform';
import { devRoutes } from '../dev/routes';
import { devBench } from '../dev/bench-erasure';
import type { AppEnv } from '../env';
import { notFound, onError } from './errors';
import { confirmRoutes } from './confirm';
import { dashboardApp } from './dashboard';
import { formRoutes } from './forms';
import { health } from './health';
import { intercept } from './intercept';
import { pageSecurity } from './pages/security';
import { preferenceRoutes } from './preferences';
import { privacyLinks } from './privacy-links';
import { requestContext } from './request-context';
import { unsubscribeRoutes } from './unsubscribe';

/** One app with the edge middleware and the one error vocabulary around the routes `mount` adds. */
function edgeApp(mount: (app: Hono<AppEnv>) => void): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestContext);
  app.use('*', pageSecurity);
  mount(app);
  app.notFound(notFound);
  app.onError(onError);
  return app;
}

const clickAndFormRoutes = (app: Hono<AppEnv>) => {
  app.route('/l', intercept);
  app.route('/f', formRoutes);
};

/** Every route. */
export const app = edgeApp((app) => {
  app.route('/health', health);
  app.route('/api/platform', platform);
  app.route('/api', api);
  app.route('/auth', adminPages);
  app.route('/admin', dashboardApp);
  clickAndFormRoutes(app);
  app.route('/c', confirmRoutes);
  app.route('/p', preferenceRoutes);
  app.route('/u', unsubscribeRoutes);
  app.route('/__dev', devRoutes);
  app.route('/', privacyLinks);
  app.route('/__dev', devBench);
});

/**
 * The link intercept and the form posts alone: what every subscriber waits on. Its few routes fit
 * Hono's RegExpRouter; the whole app's 300-odd do not (`/p/:token` beside `/p/address/:token`),
 * so there every request walks the TrieRouter. No other route starts with `/l/` or `/f/`.
 */
export const hotPaths = edgeApp(clickAndFormRoutes);

/** The `fetch` entry: `/l/…` and `/f/…` through the small app, everything else through `app`. */
export function routeRequest(request: Request, env: AppEnv['Bindings'], ctx: ExecutionContext) {
  const path = request.url.slice(request.url.indexOf('/', 8));
  const hot = path.startsWith('/l/') || path.startsWith('/f/');
  return (hot ? hotPaths : app).fetch(request, env, ctx);
}
