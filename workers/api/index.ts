// The client API: `/api/v1/*` behind API-key or session auth with its audit trail, one sub-app per
// resource mounted at its own prefix (each route checks what it asks of its caller), the session
// routes at `/api/auth`, and the OpenAPI document generated from the routes' zod schemas at
// `GET /api/openapi.json`.

import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../shared/errors';
import type { AppEnv } from '../env';
import { authRoutes } from '../admin/auth-routes';
import { SESSION_COOKIE_NAME } from '../admin/cookies';
import { validationHook } from '../http/errors';
import { apiAuth } from './auth';
import { adminUserRoutes } from './admin-users';
import { apiKeyRoutes } from './api-keys';
import { auditLogRoutes } from './audit-log';
import { auditTrail } from './audit-trail';
import { consentEventRoutes } from './consent-events';
import { formApiRoutes } from './forms';
import { linkRoutes } from './links';
import { listRoutes } from './lists';
import { messageRoutes } from './messages';
import { noticeRoutes } from './notices';
import { privacyRequestRoutes } from './privacy-requests';
import { privacySettingsRoutes } from './privacy-settings';
import { privacyTemplateRoutes } from './privacy-templates';
import { profileFieldRoutes } from './profile-fields';
import { signInSettingsRoutes } from './sign-in-settings';
import { publicPaths } from './public-paths';
import { reportRoutes } from './reports';
import { subscriberRoutes } from './subscribers';
import { tenantRoutes } from './tenant';
import { webhookDeliveryRoutes } from './webhook-deliveries';
import { registerWebhookDocs } from './webhook-docs';
import { webhookEndpointRoutes } from './webhook-endpoints';

/** Largest accepted API body: bulk imports of thousands of rows fit; anything bigger is refused. */
export const API_BODY_LIMIT = 8 * 1024 * 1024;

export const v1 = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
v1.use('*', auditTrail);
v1.use('*', apiAuth);
v1.use(
  '*',
  bodyLimit({
    maxSize: API_BODY_LIMIT,
    onError: () => {
      throw new AppError('payload_too_large', 'The request body is too large.');
    },
  }),
);
/**
 * Each resource's sub-app at its own prefix. Every route checks its own scope (`apiRoute`), so
 * the order of this table decides nothing.
 */
export const RESOURCES = [
  ['/tenant', tenantRoutes],
  ['/links', linkRoutes],
  ['/lists', listRoutes],
  ['/messages', messageRoutes],
  ['/profile-fields', profileFieldRoutes],
  ['/forms', formApiRoutes],
  ['/notices', noticeRoutes],
  ['/consent-events', consentEventRoutes],
  ['/subscribers', subscriberRoutes],
  ['/privacy-requests', privacyRequestRoutes],
  ['/privacy-settings', privacySettingsRoutes],
  ['/privacy-templates', privacyTemplateRoutes],
  ['/reports', reportRoutes],
  ['/webhook-endpoints', webhookEndpointRoutes],
  ['/webhook-deliveries', webhookDeliveryRoutes],
  ['/users', adminUserRoutes],
  ['/api-keys', apiKeyRoutes],
  ['/sign-in-settings', signInSettingsRoutes],
  ['/audit-log', auditLogRoutes],
] as const;
for (const [prefix, routes] of RESOURCES) v1.route(prefix, routes);

export const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
api.route('/v1', v1);
api.route('/auth', authRoutes);
api.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
  type: 'http',
  scheme: 'bearer',
  description: 'An API key of the tenant, `tm_e_…` (EU) or `tm_u_…` (US).',
});
registerWebhookDocs(api.openAPIRegistry);
api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
  type: 'apiKey',
  in: 'cookie',
  name: SESSION_COOKIE_NAME,
  description:
    "The dashboard session set by `POST /api/auth/sign-in` or the SSO callback. Every request that changes something also sends the session's CSRF token (from `GET /api/auth/session`) in `X-CSRF-Token`.",
});
const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'TailoredMail Privacy API',
    version: '1.0.0',
    description:
      'The client API under `/api/v1` (Bearer API key, or the dashboard session cookie with its CSRF token), the session routes under `/api/auth`, and the public edge routes at the origin root. Each `/api/v1` operation names the scope a key needs (`x-scope`) and the permission a session\'s role needs (`x-permission`). Errors are `{"error":{"code","message"}}`; lists are `{"data":[...],"nextCursor":...}`.',
  },
  servers: [{ url: '/api' }],
};

/** The document: the API routes generated from their zod schemas, plus the public edge routes. */
export function openApiDocument() {
  const doc = api.getOpenAPI31Document(OPENAPI_INFO);
  return { ...doc, paths: { ...doc.paths, ...publicPaths() } };
}

api.get('/openapi.json', (c) => c.json(openApiDocument()));
