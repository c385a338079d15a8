// The platform routes under `/api/platform`, for the operators of the platform, not for tenants:
// PLATFORM_KEY authentication, one sub-app per resource. Not part of the client OpenAPI document.

import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { platformKeyAuth } from './auth';
import { keyRoutes } from './keys';
import { tenantRoutes } from './tenants';

export const platform = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
platform.use('*', platformKeyAuth);
platform.route('/keys', keyRoutes);
platform.route('/tenants', tenantRoutes);
