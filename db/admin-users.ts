// Admin users of a tenant's dashboard: address stored encrypted with a blind index for login,
// passwords hashed with PBKDF2 and expiring (SSO users have no password at all).

import { and, eq, isNull } from 'drizzle-orm';
import { blindIndex, normaliseEmail } from '../shared/crypto/blind-index';
import { encryptTenantField, type TenantKeys } from '../shared/crypto/envelope';
import { hashPassword } from '../shared/crypto/passwords';
import { addDays } from '../shared/due-dates';
import { AppError } from '../shared/errors';
import { newId } from '../shared/regions';
import type { Db } from './client';
import { adminUsers } from './schema';

export type AdminUser = typeof adminUsers.$inferSelect;
export type AdminRole = AdminUser['role'];

/** Days a password stays valid before the user must set a new one. */
export const PASSWORD_LIFETIME_DAYS = 90;

export async function createAdminUser(
  db: Db,
  keys: TenantKeys,
  input: { email: string; role: AdminRole; password?: string; ssoSubject?: string },
): Promise<AdminUser> {
  const email = normaliseEmail(input.email);
  if (!email) throw new AppError('validation_failed', 'The email address is not valid.');
  const id = newId('adm');
  const now = new Date();
  const [row] = await db
    .insert(adminUsers)
    .values({
      id,
      tenantId: keys.tenantId,
      emailIndex: await blindIndex(keys.indexKey, email),
      emailCt: await encryptTenantField(keys, id, 'email', email),
      role: input.role,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      passwordExpiresAt: input.password ? addDays(now, PASSWORD_LIFETIME_DAYS) : null,
      ssoSubject: input.ssoSubject ?? null,
    })
    .returning();
  return row!;
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
