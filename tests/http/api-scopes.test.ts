// API scopes, route by route: a key with one scope reaches the routes of that scope and gets a
// JSON 403 everywhere else, whatever order the resources are mounted in.

import { env, exports } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { API_SCOPES, type ApiScope, createApiKey } from '../../db/api-keys';
import { regional } from '../../db/regions';
import { api as apiApp, RESOURCES } from '../../workers/api';
import { apiAuth } from '../../workers/api/auth';
import type { AppEnv } from '../../workers/env';
import { notFound, onError, validationHook } from '../../workers/http/errors';
import { requestContext } from '../../workers/http/request-context';
import { seedTenant } from '../support/seed';

/** The scope each route belongs to, written out: a new route must be added here to pass. */
const ROUTE_SCOPES: Record<string, ApiScope | 'any'> = {
  'GET /tenant': 'any',
  'GET /tenant/settings': 'admin',
  'PATCH /tenant/settings': 'admin',
  'POST /links': 'links',
  'POST /lists': 'subscribers',
  'GET /lists': 'subscribers',
  'GET /lists/{id}': 'subscribers',
  'PATCH /lists/{id}': 'subscribers',
  'POST /profile-fields': 'subscribers',
  'GET /profile-fields': 'subscribers',
  'POST /forms': 'subscribers',
  'GET /forms': 'subscribers',
  'GET /forms/{id}': 'subscribers',
  'PATCH /forms/{id}': 'subscribers',
  'POST /notices': 'consent',
  'GET /notices': 'consent',
  'GET /consent-events': 'consent',
  'GET /subscribers/{id}/consent': 'consent',
  'GET /subscribers/{id}/consent-chain': 'consent',
  'POST /subscribers/lookup': 'consent',
  'GET /subscribers/{id}/consent-record': 'consent',
  'POST /subscribers': 'subscribers',
  'POST /subscribers/import': 'subscribers',
  'GET /subscribers': 'subscribers',
  'GET /subscribers/{id}': 'subscribers',
  'PATCH /subscribers/{id}': 'subscribers',
  'POST /subscribers/home-regions/evaluate': 'subscribers',
  'POST /privacy-requests': 'privacy_requests',
  'GET /privacy-requests': 'privacy_requests',
  'GET /privacy-requests/{id}': 'privacy_requests',
  'POST /privacy-requests/{id}/verify': 'privacy_requests',
  'POST /privacy-requests/{id}/confirm': 'privacy_requests',
  'POST /privacy-requests/{id}/reject': 'privacy_requests',
  'POST /privacy-requests/{id}/extend': 'privacy_requests',
  'POST /privacy-requests/{id}/pause': 'privacy_requests',
  'POST /privacy-requests/{id}/resume': 'privacy_requests',
  'POST /privacy-requests/{id}/complete': 'privacy_requests',
  'GET /privacy-settings': 'privacy_requests',
  'PUT /privacy-settings': 'privacy_requests',
  'GET /privacy-templates': 'privacy_requests',
  'PUT /privacy-templates/{stage}/{language}': 'privacy_requests',
  'DELETE /privacy-templates/{stage}/{language}': 'privacy_requests',
  'GET /reports/compliance': 'reports',
  'POST /messages': 'messages',
  'GET /messages': 'messages',
  'GET /messages/{id}': 'messages',
  'GET /messages/{id}/recipients': 'messages',
  'POST /messages/{id}/cancel': 'messages',
  'POST /webhook-endpoints': 'webhooks',
  'GET /webhook-endpoints': 'webhooks',
  'GET /webhook-endpoints/{id}': 'webhooks',
  'PATCH /webhook-endpoints/{id}': 'webhooks',
  'DELETE /webhook-endpoints/{id}': 'webhooks',
  'POST /webhook-endpoints/{id}/rotate-secret': 'webhooks',
  'POST /webhook-endpoints/{id}/test': 'webhooks',
  'POST /webhook-endpoints/{id}/replay': 'webhooks',
  'GET /webhook-deliveries': 'webhooks',
  'GET /webhook-deliveries/{id}': 'webhooks',
  'POST /webhook-deliveries/{id}/replay': 'webhooks',
  'GET /users': 'admin',
  'POST /users': 'admin',
  'PATCH /users/{id}': 'admin',
  'DELETE /users/{id}': 'admin',
  'GET /api-keys': 'admin',
  'POST /api-keys': 'admin',
  'DELETE /api-keys/{id}': 'admin',
  'GET /sign-in-settings': 'admin',
  'PATCH /sign-in-settings': 'admin',
  'GET /audit-log': 'admin',
  'GET /audit-log/export': 'admin',
  'GET /audit-log/verify': 'admin',
  'GET /reports/compliance.csv': 'reports',
  'GET /reports/compliance/history': 'reports',
  'GET /reports/profiles': 'reports',
  'GET /reports/processing-record': 'reports',
  'GET /reports/processing-record.html': 'reports',
};

/** `GET /v1/lists/:id/` as the table writes it: `GET /lists/{id}`. */
function tableKey(method: string, path: string) {
  const bare = path.slice('/v1'.length).replace(/\/$/, '');
  return `${method} ${bare.replace(/:(\w+)/g, '{$1}')}`;
}

/** Every method and path the API app serves under `/v1`. */
function servedRoutes(): string[] {
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  const served = apiApp.routes.filter((r) => methods.includes(r.method) && r.path.startsWith('/v1/'));
  return [...new Set(served.map((r) => tableKey(r.method, r.path)))];
}

const concrete = (path: string) =>
  path.replace('{id}', 'x_missing').replace('{stage}', 'verify').replace('{language}', 'en');

const WITH_BODY = ['POST', 'PUT', 'PATCH'];
/** A JSON body no route accepts: a key that passes the scope check gets a 400 and changes nothing. */
const NO_SUCH_BODY = '[]';

/** The client API with the resources mounted in the reverse order of the real one. */
function reverseMounted() {
  const v1 = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  v1.use('*', apiAuth);
  for (const [prefix, routes] of [...RESOURCES].reverse()) v1.route(prefix, routes);
  const app = new Hono<AppEnv>().use('*', requestContext).route('/api/v1', v1);
  app.notFound(notFound);
  app.onError(onError);
  return (request: Request) => app.fetch(request, env, createExecutionContext());
}

async function oneScopeKeys(): Promise<Map<ApiScope, string>> {
  const { tenant } = await seedTenant('eu');
  const { db } = regional(env, 'eu');
  const keys = new Map<ApiScope, string>();
  for (const scope of API_SCOPES) {
    keys.set(scope, (await createApiKey(db, tenant, { name: scope, scopes: [scope] })).key);
  }
  return keys;
}

describe('API scopes', () => {
  it('the table names every route the API serves, and only those', () => {
    expect(servedRoutes().sort()).toEqual(Object.keys(ROUTE_SCOPES).sort());
  });

  for (const [order, fetchApi] of [
    ['as mounted', (r: Request) => exports.default.fetch(r)],
    ['mounted in reverse order', reverseMounted()],
  ] as const) {
    it(`a key with one scope gets 403 on every route of another scope (${order})`, async () => {
      const keys = await oneScopeKeys();
      const wrong: string[] = [];
      for (const [route, owner] of Object.entries(ROUTE_SCOPES)) {
        const [method, path] = route.split(' ') as [string, string];
        for (const scope of API_SCOPES) {
          const res = await fetchApi(
            new Request(`https://privacy.test/api/v1${concrete(path)}`, {
              method,
              headers: { authorization: `Bearer ${keys.get(scope)}`, 'content-type': 'application/json' },
              body: WITH_BODY.includes(method) ? NO_SUCH_BODY : undefined,
            }),
          );
          const allowed = owner === 'any' || owner === scope;
          // Some routes answer CSV or HTML when allowed; a refusal is always JSON.
          const body = (
            res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text()
          ) as { error?: { code: string } };
          const refused = res.status === 403 && body.error?.code === 'forbidden';
          if (allowed === refused || res.status >= 500) wrong.push(`${route} with ${scope}: ${res.status}`);
        }
      }
      expect(wrong).toEqual([]);
    }, 60_000);
  }
});
