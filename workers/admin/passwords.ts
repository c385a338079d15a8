// Setting a user's password, by a one-time link or by the signed-in user: the policy
// (shared/auth/password-policy.ts), no reuse of the last five, and one batch that stores the new
// hash, ends every session of the user, clears the address's failed sign-ins, spends the
// starting point (two sets from the same old password at once: one wins) and audits it.

import {
  type AdminUser,
  adminEmail,
  findAdminUser,
  passwordFingerprint,
  passwordUpdate,
} from '../../db/admin-users';
import { userSessionsDelete } from '../../db/admin-sessions';
import { type AuditOrigin, appendAudit } from '../../db/audit-log';
import { regional } from '../../db/regions';
import { isUniqueConflict } from '../../db/retry';
import { clearFailures } from '../../db/sign-in-failures';
import { usedNonces } from '../../db/schema';
import { findTenant } from '../../db/tenants';
import {
  PASSWORD_PROBLEM_MESSAGES,
  type PasswordProblem,
  passwordProblem,
} from '../../shared/auth/password-policy';
import { hashPassword, verifyPassword } from '../../shared/crypto/passwords';
import { AppError } from '../../shared/errors';
import { workspaceName } from '../../shared/workspace';
import type { Bindings } from '../env';
import { type AdminCtx, adminCtx } from './context';
import { openPasswordLink, PASSWORD_LINK_TTL_S } from './password-links';

/** A refused new password; `details.problem` names the rule (pages word it in the person's language). */
export const passwordRefused = (problem: PasswordProblem) =>
  new AppError('validation_failed', PASSWORD_PROBLEM_MESSAGES[problem], { problem });

async function reused(password: string, user: AdminUser): Promise<boolean> {
  const hashes = new Set([...(user.passwordHash ? [user.passwordHash] : []), ...user.passwordHistory]);
  for (const hash of hashes) if (await verifyPassword(password, hash)) return true;
  return false;
}

/**
 * Stores `password` as the user's new one. Throws 400 with the problem for a password the
 * policy refuses or one of the last five, and 409 when the password changed meanwhile (a link
 * used twice at once).
 */
export async function setPassword(
  ctx: AdminCtx,
  user: AdminUser,
  password: string,
  origin: AuditOrigin,
  via: 'link' | 'change',
): Promise<void> {
  const email = await adminEmail(ctx.keys, user);
  const problem = passwordProblem(password, { email, workspace: workspaceName(ctx.tenant) });
  if (problem) throw passwordRefused(problem);
  if (await reused(password, user)) throw passwordRefused('reused');
  const { db } = ctx.store;
  const now = new Date();
  try {
    await appendAudit(
      db,
      ctx.keys,
      [
        {
          ...origin,
          action: via === 'link' ? 'user.password_set' : 'user.password_changed',
          target: { type: 'admin_user', id: user.id },
          at: now,
        },
      ],
      [
        // Spent once: a second set from the same starting password loses on this key.
        db.insert(usedNonces).values({
          tenantId: ctx.tenant.id,
          nonce: `password:${user.id}:${await passwordFingerprint(user)}`,
          purpose: 'password_set',
          expiresAt: new Date(now.getTime() + PASSWORD_LINK_TTL_S.invitation * 1000),
        }),
        passwordUpdate(db, user, await hashPassword(password), now),
        userSessionsDelete(db, ctx.tenant.id, user.id),
        clearFailures(db, ctx.tenant.id, user.emailIndex),
      ],
    );
  } catch (err) {
    if (isUniqueConflict(err)) throw new AppError('conflict', 'The password was changed meanwhile.');
    throw err;
  }
}

/** The user a one-time password link names, while it is still the link of their current password. */
export async function passwordLinkUser(
  env: Bindings,
  token: string,
): Promise<{ ctx: AdminCtx; user: AdminUser }> {
  const claims = await openPasswordLink(env, token);
  const store = regional(env, claims.region);
  const tenant = await findTenant(store.db, claims.tenantId);
  const user = tenant ? await findAdminUser(store.db, tenant.id, claims.userId) : undefined;
  if (!tenant || !user || user.disabledAt || (await passwordFingerprint(user)) !== claims.fingerprint)
    throw new AppError(
      'invalid_token',
      'This link is not valid any more: it was used, or a newer one was sent.',
    );
  return { ctx: await adminCtx(env, store, tenant), user };
}

/** Sets the password a one-time link was sent for. */
export async function setPasswordByLink(
  env: Bindings,
  token: string,
  password: string,
  from: Omit<AuditOrigin, 'actor'>,
): Promise<{ ctx: AdminCtx; user: AdminUser }> {
  const found = await passwordLinkUser(env, token);
  try {
    await setPassword(
      found.ctx,
      found.user,
      password,
      { ...from, actor: { type: 'admin', id: found.user.id } },
      'link',
    );
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict')
      throw new AppError(
        'invalid_token',
        'This link is not valid any more: it was used, or a newer one was sent.',
      );
    throw err;
  }
  return found;
}
