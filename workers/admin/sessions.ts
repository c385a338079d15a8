// Opening a dashboard session (after a password or an SSO sign-in) and what the API tells the
// browser about it: the user, the tenant, the role's permissions and the CSRF token. The session
// row, the user's last sign-in, the audit row and whatever the sign-in also writes go in one batch.

import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { type AdminUser, adminEmail } from '../../db/admin-users';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionIdHash, sessionInsert } from '../../db/admin-sessions';
import { type AuditOrigin, appendAudit } from '../../db/audit-log';
import type { BatchItem } from '../../db/client';
import { adminUsers } from '../../db/schema';
import { ROLE_PERMISSIONS } from '../../shared/access';
import { csrfTokenFor, newSessionId } from '../../shared/auth/session-ids';
import type { SessionView } from '../../shared/schemas/admin';
import { workspaceName } from '../../shared/workspace';
import type { AppEnv } from '../env';
import type { AdminCtx } from './context';
import { setSessionCookie } from './cookies';

export async function openSession(
  c: Context<AppEnv>,
  ctx: AdminCtx,
  user: AdminUser,
  method: 'password' | 'sso',
  origin: AuditOrigin,
  also: BatchItem[] = [],
): Promise<SessionView> {
  const { db } = ctx.store;
  const now = new Date();
  const id = newSessionId(ctx.tenant.region);
  await appendAudit(
    db,
    ctx.keys,
    [
      {
        ...origin,
        action: 'session.signed_in',
        target: { type: 'admin_user', id: user.id },
        details: { method },
        at: now,
      },
    ],
    [
      ...also,
      sessionInsert(db, {
        idHash: await sessionIdHash(id),
        tenantId: ctx.tenant.id,
        userId: user.id,
        method,
        now,
      }),
      db.update(adminUsers).set({ lastLoginAt: now }).where(eq(adminUsers.id, user.id)),
    ],
  );
  setSessionCookie(c, id);
  return sessionView(ctx, user, id, {
    expiresAt: now.getTime() + SESSION_ABSOLUTE_MS,
    lastSeenAt: now.getTime(),
  });
}

/** The session as `GET /api/auth/session` and the sign-in answer describe it. */
export async function sessionView(
  ctx: Pick<AdminCtx, 'tenant' | 'keys'>,
  user: AdminUser,
  sessionId: string,
  times: { expiresAt: number; lastSeenAt: number },
  passwordExpired = false,
): Promise<SessionView> {
  const { tenant } = ctx;
  return {
    user: { id: user.id, email: await adminEmail(ctx.keys, user), role: user.role },
    tenant: {
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      region: tenant.region,
      workspace: workspaceName(tenant),
    },
    permissions: [...ROLE_PERMISSIONS[user.role]],
    csrfToken: await csrfTokenFor(sessionId),
    expiresAt: new Date(times.expiresAt).toISOString(),
    idleExpiresAt: new Date(Math.min(times.expiresAt, times.lastSeenAt + SESSION_IDLE_MS)).toISOString(),
    passwordExpired,
  };
}
