// Route-description helpers shared by every API sub-app: the route itself with its scope, a JSON
// response or request body, and the `:id` path parameter.

import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { ApiScope } from '../../db/api-keys';
import { requireScope } from './auth';

/** Every `/api/v1` route needs a tenant API key (the `apiKey` security scheme). */
const security = [{ apiKey: [] }];

/**
 * An `/api/v1` route that answers a key with `scope` (`any`: every key of the tenant). The scope
 * check travels with the route, before validation, so no mount order can widen or narrow it.
 */
export function apiRoute<P extends string, R extends Omit<RouteConfig, 'path' | 'middleware'> & { path: P }>(
  scope: ApiScope | 'any',
  route: R,
) {
  return createRoute({ ...route, security, middleware: [requireScope(scope)] as const });
}

/** A JSON response of `schema`, for `responses` of `createRoute`. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body of `schema`, for `request` of `createRoute`. */
export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  content: { 'application/json': { schema } },
  required,
});

export const IdParam = z.object({ id: z.string().max(40) });
