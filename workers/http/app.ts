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

export const app = new Hono<AppEnv>();
app.use('*', requestContext);
app.use('*', pageSecurity);
app.route('/health', health);
app.route('/api/platform', platform);
app.route('/api', api);
app.route('/auth', adminPages);
app.route('/admin', dashboardApp);
app.route('/l', intercept);
app.route('/f', formRoutes);
app.route('/c', confirmRoutes);
app.route('/p', preferenceRoutes);
app.route('/u', unsubscribeRoutes);
app.route('/__dev', devRoutes);
app.route('/', privacyLinks);
app.route('/__dev', devBench);
app.notFound(notFound);
app.onError(onError);
