// Dashboard fixtures: a workspace with users of every role (passwords set), the sign-in that
// returns the session cookie and CSRF token, and calls that carry them.

import { env } from 'cloudflare:workers';
import { createAdminUser } from '../../db/admin-users';
import { regional } from '../../db/regions';
import { tenantKeys } from '../../db/tenants';
import type { Role } from '../../shared/access';
import type { Region } from '../../shared/regions';
import { call, type SeededTenant, seedTenant } from './seed';

export const TEST_PASSWORD = 'correct horse battery staple 7';

export type Workspace = SeededTenant & { workspace: string; emails: Record<Role, string> };

/** A tenant with one user per role, all with TEST_PASSWORD. */
export async function seedWorkspace(region: Region = 'eu'): Promise<Workspace> {
  const seeded = await seedTenant(region);
  const { db } = regional(env, region);
  const keys = await tenantKeys(env.MASTER_KEY, seeded.tenant);
  const roles: Role[] = ['owner', 'privacy_officer', 'marketer', 'analyst', 'auditor'];
  const emails = {} as Record<Role, string>;
  for (const role of roles) {
    emails[role] = `${role.replace('_', '-')}@${seeded.tenant.slug}.example`;
    await createAdminUser(db, keys, { email: emails[role], role, password: TEST_PASSWORD });
  }
  return { ...seeded, workspace: `${seeded.tenant.slug}.${region}`, emails };
}

export type Session = { cookie: string; csrf: string; body: Record<string, unknown> };

/** A sign-in from `ip` (by default a random address, so the per-IP limit stays out of the way). */
export function signInRequest(
  workspace: string,
  email: string,
  password: string,
  ip = `198.51.${crypto.getRandomValues(new Uint8Array(1))[0]}.${crypto.getRandomValues(new Uint8Array(1))[0]}`,
) {
  return call('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: JSON.stringify({ workspace, email, password }),
  });
}

/** The `name=value` of the session cookie a response sets. */
export function sessionCookieOf(res: Response): string {
  const set = res.headers.getSetCookie().find((h) => h.startsWith('__Host-tm_session='));
  if (!set) throw new Error(`no session cookie (status ${res.status})`);
  return set.split(';')[0]!;
}

export async function signIn(ws: Workspace, role: Role, password = TEST_PASSWORD): Promise<Session> {
  const res = await signInRequest(ws.workspace, ws.emails[role], password);
  if (res.status !== 200) throw new Error(`sign-in as ${role}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as Record<string, unknown>;
  return { cookie: sessionCookieOf(res), csrf: body.csrfToken as string, body };
}

/** A call with the session cookie (and its CSRF token unless `csrf: false`). */
export function asSession(
  session: Session,
  path: string,
  init: RequestInit & { json?: unknown; csrf?: boolean | string } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cookie', session.cookie);
  if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', '198.51.100.7');
  if (init.csrf !== false)
    headers.set('x-csrf-token', typeof init.csrf === 'string' ? init.csrf : session.csrf);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return call(path, { ...init, headers, body });
}
