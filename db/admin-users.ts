// Admin users of a tenant's dashboard: the address stored encrypted with a blind index for
// sign-in, a role (shared/access.ts), a PBKDF2 password with its age and its last hashes, or an
// SSO subject. A user without either is invited: they set a password through a mailed link.

import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Role } from '../shared/access';
import { PASSWORD_HISTORY } from '../shared/auth/password-policy';
import { blindIndex, normaliseEmail } from '../shared/crypto/blind-index';
import { decryptTenantField, encryptTenantField, type TenantKeys } from '../shared/crypto/envelope';
import { hashPassword } from '../shared/crypto/passwords';
import { sha256Hex } from '../shared/encoding';
import { AppError } from '../shared/errors';
import { newId } from '../shared/regions';
import type { Db } from './client';
import { adminUsers } from './schema';

export type AdminUser = typeof adminUsers.$inferSelect;
export type AdminStatus = 'invited' | 'active' | 'disabled';

export function adminStatus(user: AdminUser): AdminStatus {
  if (user.disabledAt) return 'disabled';
  return user.passwordHash || user.ssoSubject || user.lastLoginAt ? 'active' : 'invited';
}

/** The blind index of an address, or null when it is not an address. */
export async function adminEmailIndex(keys: TenantKeys, email: string): Promise<string | null> {
  const normal = normaliseEmail(email);
  return normal ? blindIndex(keys.indexKey, normal) : null;
}

/** A new user's row (for the caller's batch); 400 when the address is not one. */
export async function newAdminUserRow(
  keys: TenantKeys,
  input: { email: string; role: Role; passwordHash?: string | null; now?: Date },
): Promise<AdminUser> {
  const email = normaliseEmail(input.email);
  if (!email) throw new AppError('validation_failed', 'The email address is not valid.');
  const id = newId('adm');
  const now = input.now ?? new Date();
  const hash = input.passwordHash ?? null;
  return {
    id,
    tenantId: keys.tenantId,
    emailIndex: await blindIndex(keys.indexKey, email),
    emailCt: await encryptTenantField(keys, id, 'email', email),
    role: input.role,
    passwordHash: hash,
    passwordChangedAt: hash ? now : null,
    passwordHistory: hash ? [hash] : [],
    ssoSubject: null,
    lastLoginAt: null,
    disabledAt: null,
    createdAt: now,
  };
}

/** Creates a user at once (seeding, tests); 409 when the address already has a user. */
export async function createAdminUser(
  db: Db,
  keys: TenantKeys,
  input: { email: string; role: Role; password?: string },
): Promise<AdminUser> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const row = await newAdminUserRow(keys, { ...input, passwordHash });
  const [created] = await db.insert(adminUsers).values(row).onConflictDoNothing().returning();
  if (!created) throw new AppError('conflict', 'This address already has a user in the workspace.');
  return created;
}

export async function findAdminUser(db: Db, tenantId: string, id: string): Promise<AdminUser | undefined> {
  const [row] = await db
    .select()
    .from(adminUsers)
    .where(and(eq(adminUsers.tenantId, tenantId), eq(adminUsers.id, id)));
  return row;
}

export async function findAdminUserByIndex(
  db: Db,
  tenantId: string,
  emailIndex: string,
): Promise<AdminUser | undefined> {
  const [row] = await db
    .select()
    .from(adminUsers)
    .where(and(eq(adminUsers.tenantId, tenantId), eq(adminUsers.emailIndex, emailIndex)));
  return row;
}

export async function findAdminUserBySubject(
  db: Db,
  tenantId: string,
  subject: string,
): Promise<AdminUser | undefined> {
  const [row] = await db
    .select()
    .from(adminUsers)
    .where(and(eq(adminUsers.tenantId, tenantId), eq(adminUsers.ssoSubject, subject)));
  return row;
}

export async function listAdminUsers(db: Db, tenantId: string): Promise<AdminUser[]> {
  return db
    .select()
    .from(adminUsers)
    .where(eq(adminUsers.tenantId, tenantId))
    .orderBy(asc(adminUsers.createdAt), asc(adminUsers.id));
}

export function adminEmail(keys: TenantKeys, user: Pick<AdminUser, 'id' | 'emailCt'>): Promise<string> {
  return decryptTenantField(keys, user.id, 'email', user.emailCt);
}

/** Live owners besides `exceptId`: a workspace must keep one who can manage it. */
export async function otherActiveOwners(db: Db, tenantId: string, exceptId: string): Promise<number> {
  const rows = await db
    .select({ id: adminUsers.id })
    .from(adminUsers)
    .where(
      and(
        eq(adminUsers.tenantId, tenantId),
        eq(adminUsers.role, 'owner'),
        isNull(adminUsers.disabledAt),
        sql`${adminUsers.id} <> ${exceptId}`,
      ),
    );
  return rows.length;
}

/**
 * The statement that replaces a user's password, only while the row still holds the password it
 * was read with (a link or change used twice at once sets one password, not two).
 */
export function passwordUpdate(db: Db, user: AdminUser, newHash: string, now: Date) {
  return db
    .update(adminUsers)
    .set({
      passwordHash: newHash,
      passwordChangedAt: now,
      passwordHistory: [newHash, ...user.passwordHistory].slice(0, PASSWORD_HISTORY),
    })
    .where(
      and(
        eq(adminUsers.id, user.id),
        user.passwordHash === null
          ? isNull(adminUsers.passwordHash)
          : eq(adminUsers.passwordHash, user.passwordHash),
      ),
    )
    .returning({ id: adminUsers.id });
}

/**
 * A short fingerprint of the user's current password (or of its absence): one-time links carry
 * it, so a link stops working once the password it was sent for has changed.
 */
export function passwordFingerprint(user: Pick<AdminUser, 'id' | 'passwordHash'>): Promise<string> {
  return sha256Hex(`tm/password-link/${user.id}/${user.passwordHash ?? 'none'}`).then((h) => h.slice(0, 24));
}

/** The tenant's owners who may still sign in, with their encrypted addresses (decrypt at send time). */
export async function tenantOwners(db: Db, tenantId: string): Promise<Pick<AdminUser, 'id' | 'emailCt'>[]> {
  return db
    .select({ id: adminUsers.id, emailCt: adminUsers.emailCt })
    .from(adminUsers)
    .where(
      and(eq(adminUsers.tenantId, tenantId), eq(adminUsers.role, 'owner'), isNull(adminUsers.disabledAt)),
    );
}
