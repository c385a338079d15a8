// Dashboard sessions: the session id is random and carries its region (`tms_e_…`); only its
// SHA-256 is stored. A session ends 24 hours after sign-in, after 8 hours without use, at
// sign-out, and for every session of a user when their role changes, they are disabled or
// removed, or their password is set anew.

import { and, eq, lt, or } from 'drizzle-orm';
import { hashSecret } from '../shared/crypto/passwords';
import type { Db } from './client';
import { adminSessions, adminUsers, signInPolicies, tenants } from './schema';

export const SESSION_ABSOLUTE_MS = 24 * 3_600_000;
export const SESSION_IDLE_MS = 8 * 3_600_000;
/** How often `lastSeenAt` is written: a busy session costs one write a minute. */
const SEEN_RESOLUTION_MS = 60_000;

export type AdminSession = typeof adminSessions.$inferSelect;

/** The hash a session is stored and found by. */
export const sessionIdHash = (id: string) => hashSecret(id);

/** The statement that stores a new session (by the hash of its id). */
export function sessionInsert(
  db: Db,
  input: { idHash: string; tenantId: string; userId: string; method: AdminSession['method']; now: Date },
) {
  return db.insert(adminSessions).values({
    idHash: input.idHash,
    tenantId: input.tenantId,
    userId: input.userId,
    method: input.method,
    expiresAt: new Date(input.now.getTime() + SESSION_ABSOLUTE_MS),
    lastSeenAt: input.now,
    createdAt: input.now,
  });
}

/**
 * The session of an id with its user, tenant and the tenant's sign-in policy row (null without
 * one: the defaults), or undefined when there is none (any more). One query.
 */
export async function findSession(db: Db, id: string) {
  const [row] = await db
    .select({
      session: adminSessions,
      user: adminUsers,
      tenant: tenants,
      policy: signInPolicies,
    })
    .from(adminSessions)
    .innerJoin(adminUsers, eq(adminUsers.id, adminSessions.userId))
    .innerJoin(tenants, eq(tenants.id, adminSessions.tenantId))
    .leftJoin(signInPolicies, eq(signInPolicies.tenantId, adminSessions.tenantId))
    .where(eq(adminSessions.idHash, await sessionIdHash(id)));
  return row;
}

/** Why a session may not be used at `now`, or null when it may. */
export function sessionEnded(session: AdminSession, now: Date): 'expired' | 'idle' | null {
  if (session.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (session.lastSeenAt.getTime() + SESSION_IDLE_MS <= now.getTime()) return 'idle';
  return null;
}

/** Moves the idle deadline, at most once a minute. */
export async function noteSessionUse(db: Db, session: AdminSession, now: Date): Promise<void> {
  if (now.getTime() - session.lastSeenAt.getTime() < SEEN_RESOLUTION_MS) return;
  await db.update(adminSessions).set({ lastSeenAt: now }).where(eq(adminSessions.idHash, session.idHash));
}

export function sessionDelete(db: Db, idHash: string) {
  return db.delete(adminSessions).where(eq(adminSessions.idHash, idHash));
}

/** Ends every session of a user (role change, disabling, removal, new password). */
export function userSessionsDelete(db: Db, tenantId: string, userId: string) {
  return db
    .delete(adminSessions)
    .where(and(eq(adminSessions.tenantId, tenantId), eq(adminSessions.userId, userId)));
}

/** Sessions past either end; returns how many went. */
export async function purgeEndedSessions(db: Db, now: Date): Promise<number> {
  const gone = await db
    .delete(adminSessions)
    .where(
      or(
        lt(adminSessions.expiresAt, now),
        lt(adminSessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)),
      ),
    )
    .returning({ idHash: adminSessions.idHash });
  return gone.length;
}
