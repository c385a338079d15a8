// Route-description helpers shared by every API sub-app: the route itself with what it asks of
// its caller (a key's scope, a role's permission), a JSON response or request body, and the
// `:id` path parameter.

import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { type ApiScope, type Permission, SCOPE_PERMISSIONS } from '../../shared/access';
import { requireAccess } from './auth';

/** Every `/api/v1` route takes a tenant API key or the dashboard's session cookie. */
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];

/** What a route asks: a scope of keys, and of sessions the scope's usual permission or its own. */
export type RouteAccess = ApiScope | 'any' | { scope: ApiScope | 'any'; permission: Permission };

const READS = ['get', 'head'];

/**
 * An `/api/v1` route that answers a key with the route's scope (`any`: every key of the tenant)
 * and a session whose role has its permission: the one named, else the scope's permission for
 * reading (GET) or changing (SCOPE_PERMISSIONS). The check travels with the route, before
 * validation, so no mount order can widen or narrow it; the document shows both as `x-scope`
 * and `x-permission`.
 */
export function apiRoute<P extends string, R extends Omit<RouteConfig, 'path' | 'middleware'> & { path: P }>(
  access: RouteAccess,
  route: R,
) {
  const scope = typeof access === 'string' ? access : access.scope;
  const permission =
    typeof access === 'string'
      ? SCOPE_PERMISSIONS[access][READS.includes(route.method) ? 'read' : 'write']
      : access.permission;
  return createRoute({
    ...route,
    security,
    'x-scope': scope,
    'x-permission': permission,
    middleware: [requireAccess(scope, permission)] as const,
  });
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
