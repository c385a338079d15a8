// Authentication by the dashboard's session cookie, for the client API and the session routes:
// the cookie's id names its region, its hash finds the session, which must be within 24 hours of
// sign-in and 8 hours of its last use, of a user still enabled. Every change (any method but GET
// and HEAD) must carry the session's CSRF token in `X-CSRF-Token`. A password session whose
// password outlives the tenant's maximum age meanwhile opens only the session routes (see the
// session, change the password, sign out): the client API answers 403 `password_expired`.

import type { Context } from 'hono';
import { findSession, noteSessionUse, sessionDelete, sessionEnded } from '../../db/admin-sessions';
import { policyOf } from '../../db/sign-in-policy';
import { regional } from '../../db/regions';
import { csrfTokenFor, sessionRegion } from '../../shared/auth/session-ids';
import { timingSafeEqual } from '../../shared/crypto/timing-safe-equal';
import { utf8 } from '../../shared/encoding';
import { AppError } from '../../shared/errors';
import type { AppEnv } from '../env';
import { readSessionCookie } from './cookies';
import { passwordHasExpired } from './sign-in';

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** Whether the request carries a session cookie at all (the API then authenticates by it). */
export const hasSessionCookie = (c: Context<AppEnv>) => readSessionCookie(c) !== undefined;

type FoundSession = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export type AuthenticatedSession = Pick<FoundSession, 'session' | 'user' | 'tenant'> & {
  id: string;
  /** Opened by a password that has since outlived the tenant's maximum age (and passwords are on). */
  passwordExpired: boolean;
};

const ended = () => new AppError('unauthorized', 'Your session has ended. Sign in again.');

/**
 * Sets tenant, region, store and principal from the session cookie, then refuses (401) a session
 * that ended and (403) a change without the session's CSRF token. The principal is known before
 * either refusal, so the audit trail records it.
 */
export async function authenticateSession(c: Context<AppEnv>): Promise<AuthenticatedSession> {
  const id = readSessionCookie(c) ?? '';
  const region = sessionRegion(id);
  if (!region) throw ended();
  const store = regional(c.env, region);
  const found = await findSession(store.db, id);
  if (!found) throw ended();
  const { session, user, tenant } = found;
  c.set('tenant', tenant);
  c.set('region', region);
  c.set('store', store);
  c.set('principal', { kind: 'admin', userId: user.id, role: user.role, sessionHash: session.idHash });
  const now = new Date();
  if (sessionEnded(session, now) || user.disabledAt) {
    await sessionDelete(store.db, session.idHash);
    throw ended();
  }
  if (!SAFE_METHODS.includes(c.req.method)) {
    const given = c.req.header('x-csrf-token') ?? '';
    if (!timingSafeEqual(utf8(given), utf8(await csrfTokenFor(id))))
      throw new AppError('forbidden', "Send the session's CSRF token in the X-CSRF-Token header.");
  }
  await noteSessionUse(store.db, session, now);
  const policy = policyOf(found.policy);
  const passwordExpired =
    session.method === 'password' &&
    policy.passwordsAllowed &&
    passwordHasExpired(user.passwordChangedAt, policy.passwordMaxAgeDays, now);
  return { id, session, user, tenant, passwordExpired };
}

/** The client API's refusal of a session whose password expired while it was open. */
export function refuseExpiredPassword(s: AuthenticatedSession): void {
  if (s.passwordExpired)
    throw new AppError(
      'password_expired',
      'Your password has expired. Change it (POST /api/auth/password/change) before anything else.',
    );
}
