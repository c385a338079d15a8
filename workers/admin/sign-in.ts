// Password sign-in: the workspace (its name carries the region) and the address find the user;
// every attempt counts as a failure of that address until the password proved right, and the
// tenth failure in 15 minutes locks the address, whether a user has it or not. Unknown
// workspaces, unknown addresses, SSO-only users and disabled users get the same answer after the
// same work (one PBKDF2 verification). A right password that has outlived the tenant's maximum
// age opens no session: the answer carries a one-time link to set a new one first.

import { findAdminUserByIndex, adminEmailIndex, type AdminUser } from '../../db/admin-users';
import { type AuditOrigin, appendAudit } from '../../db/audit-log';
import { regional } from '../../db/regions';
import { clearFailures, countAttempt, LOCKOUT_FAILURES, LOCKOUT_WINDOW_MS } from '../../db/sign-in-failures';
import { signInPolicy } from '../../db/sign-in-policy';
import { findTenantBySlug } from '../../db/tenants';
import { hashPassword, verifyPassword } from '../../shared/crypto/passwords';
import { addDays } from '../../shared/due-dates';
import { AppError } from '../../shared/errors';
import { parseWorkspace } from '../../shared/workspace';
import type { Bindings } from '../env';
import { type AdminCtx, adminCtx } from './context';
import { passwordLink } from './password-links';

const refused = () => new AppError('unauthorized', 'The workspace, address or password is not right.');

/** A hash no password matches, verified where there is no user, so every refusal costs the same. */
let decoy: Promise<string> | null = null;
const decoyHash = () => {
  decoy ??= hashPassword(crypto.randomUUID());
  return decoy;
};

/** When a password set at `changedAt` expires under a maximum age of `maxAgeDays`. */
export function passwordExpiry(changedAt: Date | null, maxAgeDays: number): Date | null {
  return changedAt ? addDays(changedAt, maxAgeDays) : null;
}

/** Whether a password set at `changedAt` has outlived `maxAgeDays` at `now` (no password: yes). */
export function passwordHasExpired(changedAt: Date | null, maxAgeDays: number, now: Date): boolean {
  const expiry = passwordExpiry(changedAt, maxAgeDays);
  return !expiry || expiry.getTime() <= now.getTime();
}

export type SignInOutcome = {
  ctx: AdminCtx;
  user: AdminUser;
  clearAttempts: ReturnType<typeof clearFailures>;
};

/**
 * Checks a password sign-in; returns the user whose session may open (with the statement that
 * clears the address's failures, for the session's batch). Throws 401 for anything wrong, 429
 * for a locked address, 403 `forbidden` for a workspace that signs in by SSO only, and 403
 * `password_expired` with a link that sets a new password.
 */
export async function checkPasswordSignIn(
  env: Bindings,
  input: { workspace: string; email: string; password: string },
  from: Omit<AuditOrigin, 'actor'>,
): Promise<SignInOutcome> {
  const ws = parseWorkspace(input.workspace);
  const store = ws ? regional(env, ws.region) : null;
  const tenant = ws && store ? await findTenantBySlug(store.db, ws.slug) : undefined;
  if (!store || !tenant) {
    await verifyPassword(input.password, await decoyHash());
    throw refused();
  }
  const ctx = await adminCtx(env, store, tenant);
  const policy = await signInPolicy(store.db, tenant.id);
  if (!policy.passwordsAllowed)
    throw new AppError('forbidden', 'This workspace signs in with single sign-on only.', { sso: true });
  const index = await adminEmailIndex(ctx.keys, input.email);
  if (!index) {
    await verifyPassword(input.password, await decoyHash());
    throw refused();
  }
  const now = new Date();
  const attempt = await countAttempt(store.db, tenant.id, index, now);
  const user = await findAdminUserByIndex(store.db, tenant.id, index);
  const audit = (reason: string) =>
    appendAudit(store.db, ctx.keys, [
      {
        ...from,
        actor: { type: 'system', id: 'sign-in' },
        action: 'session.sign_in_refused',
        target: user ? { type: 'admin_user', id: user.id } : null,
        details: { reason, method: 'password' },
        at: now,
      },
    ]);
  if (attempt.failures > LOCKOUT_FAILURES) {
    await audit('locked');
    throw new AppError(
      'rate_limited',
      `Too many failed sign-ins for this address. Try again in ${LOCKOUT_WINDOW_MS / 60_000} minutes, or set a new password through "Forgot password".`,
    );
  }
  const right = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user?.passwordHash || !right || user.disabledAt) {
    await audit(user ? (right ? 'disabled' : 'wrong_password') : 'unknown_address');
    throw refused();
  }
  if (passwordHasExpired(user.passwordChangedAt, policy.passwordMaxAgeDays, now)) {
    await appendAudit(
      store.db,
      ctx.keys,
      [
        {
          ...from,
          actor: { type: 'admin', id: user.id },
          action: 'session.password_expired',
          target: { type: 'admin_user', id: user.id },
          at: now,
        },
      ],
      [clearFailures(store.db, tenant.id, index)],
    );
    const link = await passwordLink(env, tenant, user, 'expired');
    throw new AppError(
      'password_expired',
      'The password has expired. Set a new one with the link before signing in.',
      {
        token: link.token,
        url: link.url,
        expiresAt: link.expiresAt.toISOString(),
      },
    );
  }
  return { ctx, user, clearAttempts: clearFailures(store.db, tenant.id, index) };
}
