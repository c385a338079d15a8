// The client API: `/api/v1/*` behind API-key auth, one sub-app per resource, and the OpenAPI
// document generated from the routes' zod schemas at `GET /api/openapi.json`.

import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../shared/errors';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiKeyAuth } from './auth';
import { linkRoutes } from './links';
import { consentRoutes } from './consent';
import { formApiRoutes } from './forms';
import { listRoutes } from './lists';
import { subscriberRoutes } from './subscribers';
import { complianceReportRoutes } from './compliance-report';
import { privacyRequestRoutes } from './privacy-requests';
import { privacySettingsRoutes, privacyTemplateRoutes } from './privacy-settings';
import { publicPaths } from './public-paths';
import { tenantRoutes } from './tenant';

/** Largest accepted API body: bulk imports of thousands of rows fit; anything bigger is refused. */
export const API_BODY_LIMIT = 8 * 1024 * 1024;

export const v1 = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
v1.use('*', apiKeyAuth);
v1.use(
  '*',
  bodyLimit({
    maxSize: API_BODY_LIMIT,
    onError: () => {
      throw new AppError('payload_too_large', 'The request body is too large.');
    },
  }),
);
v1.route('/tenant', tenantRoutes);
v1.route('/links', linkRoutes);
v1.route('/', listRoutes);
v1.route('/', formApiRoutes);
v1.route('/', consentRoutes);
v1.route('/', subscriberRoutes);
v1.route('/privacy-requests', privacyRequestRoutes);
v1.route('/privacy-settings', privacySettingsRoutes);
v1.route('/privacy-templates', privacyTemplateRoutes);
v1.route('/reports/compliance', complianceReportRoutes);

export const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
api.route('/v1', v1);
api.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
  type: 'http',
  scheme: 'bearer',
  description: 'An API key of the tenant, `tm_e_…` (EU) or `tm_u_…` (US).',
});
const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'TailoredMail Privacy API',
    version: '1.0.0',
    description:
      'The client API under `/api/v1` (Bearer API key) and the public edge routes at the origin root. Errors are `{"error":{"code","message"}}`; lists are `{"data":[...],"nextCursor":...}`.',
  },
  servers: [{ url: '/api' }],
};

/** The document: the API routes generated from their zod schemas, plus the public edge routes. */
export function openApiDocument() {
  const doc = api.getOpenAPI31Document(OPENAPI_INFO);
  return { ...doc, paths: { ...doc.paths, ...publicPaths() } };
}

api.get('/openapi.json', (c) => c.json(openApiDocument()));
