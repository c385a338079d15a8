// The role matrix: every role signed in to the dashboard, on every `/api/v1` route, is either let
// through (the route then validates, answers 400/404/2xx) or refused with a JSON 403. The table
// below says which roles each route lets through; a new route fails the first test until it is
// written here. Refusals leave an audit row.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { ROLES, type Role } from '../../shared/access';
import { api as apiApp } from '../../workers/api';
import { asSession, type Session, seedWorkspace, signIn } from '../support/admin';
import { countRows } from '../support/seed';

const ALL: Role[] = [...ROLES];
const OWNER: Role[] = ['owner'];
const MARKETING_READ: Role[] = ['owner', 'privacy_officer', 'marketer'];
const MARKETING_WRITE: Role[] = ['owner', 'marketer'];
const PERSONAL: Role[] = ['owner', 'privacy_officer'];
const OVERSIGHT: Role[] = ['owner', 'privacy_officer', 'auditor'];
const AUDIT: Role[] = ['owner', 'auditor'];

/** The roles each route lets through. */
const ROUTE_ROLES: Record<string, Role[]> = {
  'GET /tenant': ALL,
  'GET /tenant/settings': OWNER,
  'PATCH /tenant/settings': OWNER,
  'POST /links': MARKETING_WRITE,
  'POST /lists': MARKETING_WRITE,
  'GET /lists': MARKETING_READ,
  'GET /lists/{id}': MARKETING_READ,
  'PATCH /lists/{id}': MARKETING_WRITE,
  'POST /profile-fields': MARKETING_WRITE,
  'GET /profile-fields': MARKETING_READ,
  'POST /forms': MARKETING_WRITE,
  'GET /forms': MARKETING_READ,
  'GET /forms/{id}': MARKETING_READ,
  'PATCH /forms/{id}': MARKETING_WRITE,
  'POST /notices': MARKETING_WRITE,
  'GET /notices': MARKETING_READ,
  'GET /consent-events': OVERSIGHT,
  'GET /subscribers/{id}/consent': OVERSIGHT,
  'GET /subscribers/{id}/consent-chain': OVERSIGHT,
  'POST /subscribers/lookup': OVERSIGHT,
  'GET /subscribers/{id}/consent-record': OVERSIGHT,
  'POST /subscribers': PERSONAL,
  'GET /subscribers': PERSONAL,
  'POST /subscribers/import': PERSONAL,
  'GET /subscribers/{id}': PERSONAL,
  'PATCH /subscribers/{id}': PERSONAL,
  'POST /subscribers/home-regions/evaluate': PERSONAL,
  'POST /privacy-requests': PERSONAL,
  'GET /privacy-requests': OVERSIGHT,
  'GET /privacy-requests/{id}': OVERSIGHT,
  'POST /privacy-requests/{id}/verify': PERSONAL,
  'POST /privacy-requests/{id}/confirm': PERSONAL,
  'POST /privacy-requests/{id}/reject': PERSONAL,
  'POST /privacy-requests/{id}/extend': PERSONAL,
  'POST /privacy-requests/{id}/pause': PERSONAL,
  'POST /privacy-requests/{id}/resume': PERSONAL,
  'POST /privacy-requests/{id}/complete': PERSONAL,
  'GET /privacy-settings': OVERSIGHT,
  'PUT /privacy-settings': PERSONAL,
  'GET /privacy-templates': OVERSIGHT,
  'PUT /privacy-templates/{stage}/{language}': PERSONAL,
  'DELETE /privacy-templates/{stage}/{language}': PERSONAL,
  'GET /reports/compliance': ALL,
  'GET /reports/compliance.csv': ALL,
  'GET /reports/compliance/history': ALL,
  'GET /reports/profiles': ALL,
  'GET /reports/processing-record': ALL,
  'GET /reports/processing-record.html': ALL,
  'GET /users': OWNER,
  'POST /users': OWNER,
  'PATCH /users/{id}': OWNER,
  'DELETE /users/{id}': OWNER,
  'GET /api-keys': OWNER,
  'POST /api-keys': OWNER,
  'DELETE /api-keys/{id}': OWNER,
  'GET /sign-in-settings': OWNER,
  'PATCH /sign-in-settings': OWNER,
  'GET /audit-log': AUDIT,
  'GET /audit-log/export': AUDIT,
  'GET /audit-log/verify': AUDIT,
  'POST /messages': MARKETING_WRITE,
  'GET /messages': MARKETING_WRITE,
  'GET /messages/{id}': MARKETING_WRITE,
  'GET /messages/{id}/recipients': MARKETING_WRITE,
  'POST /messages/{id}/cancel': MARKETING_WRITE,
  'POST /webhook-endpoints': OWNER,
  'GET /webhook-endpoints': OWNER,
  'GET /webhook-endpoints/{id}': OWNER,
  'PATCH /webhook-endpoints/{id}': OWNER,
  'DELETE /webhook-endpoints/{id}': OWNER,
  'POST /webhook-endpoints/{id}/rotate-secret': OWNER,
  'POST /webhook-endpoints/{id}/test': OWNER,
  'POST /webhook-endpoints/{id}/replay': OWNER,
  'GET /webhook-deliveries': OWNER,
  'GET /webhook-deliveries/{id}': OWNER,
  'POST /webhook-deliveries/{id}/replay': OWNER,
};

function servedRoutes(): string[] {
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  const served = apiApp.routes.filter((r) => methods.includes(r.method) && r.path.startsWith('/v1/'));
  const key = (method: string, path: string) =>
    `${method} ${path
      .slice('/v1'.length)
      .replace(/\/$/, '')
      .replace(/:(\w+)/g, '{$1}')}`;
  return [...new Set(served.map((r) => key(r.method, r.path)))];
}

const concrete = (path: string) =>
  path.replace('{id}', 'x_missing').replace('{stage}', 'verify').replace('{language}', 'en');
const WITH_BODY = ['POST', 'PUT', 'PATCH'];

describe('role matrix', () => {
  it('names every route the API serves, and only those', () => {
    expect(servedRoutes().sort()).toEqual(Object.keys(ROUTE_ROLES).sort());
  });

  it('lets each role through exactly the routes of its permissions, 403 everywhere else', async () => {
    const ws = await seedWorkspace('eu');
    const sessions = new Map<Role, Session>();
    for (const role of ROLES) sessions.set(role, await signIn(ws, role));
    const wrong: string[] = [];
    let refusals = 0;
    for (const [route, allowedRoles] of Object.entries(ROUTE_ROLES)) {
      const [method, path] = route.split(' ') as [string, string];
      for (const role of ROLES) {
        const res = await asSession(sessions.get(role)!, `/api/v1${concrete(path)}`, {
          method,
          headers: { 'content-type': 'application/json' },
          // A body no route accepts: a role let through gets a 400 and changes nothing.
          body: WITH_BODY.includes(method) ? '[]' : undefined,
        });
        const body = res.headers.get('content-type')?.includes('json')
          ? ((await res.json()) as { error?: { code: string } })
          : {};
        const refused = res.status === 403 && body.error?.code === 'forbidden';
        if (refused) refusals++;
        if (allowedRoles.includes(role) === refused || res.status >= 500)
          wrong.push(`${route} as ${role}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    const { d1 } = regional(env, 'eu');
    expect(
      await countRows(d1, 'audit_log', "tenant_id = ? and action = 'access.refused'", ws.tenant.id),
    ).toBe(refusals);
  }, 60_000);
});
