// Failed sign-ins per address of a workspace, whether a user has that address or not: the
// tenth failure within 15 minutes locks the address, so guessing a password and probing which
// addresses exist look the same. A successful sign-in or a new password clears the count.

import { and, eq, gt, lt } from 'drizzle-orm';
import { newId } from '../shared/regions';
import type { Db } from './client';
import { signInFailures } from './schema';

export const LOCKOUT_FAILURES = 10;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;

/**
 * Records one attempt as failed before the password is checked and answers how many failures the
 * window now holds, this one included: of fifty simultaneous attempts only ten see a count of
 * ten or less, so a burst cannot try more passwords than a sequence.
 */
export async function countAttempt(db: Db, tenantId: string, emailIndex: string, now: Date) {
  const id = newId('sif');
  await db.insert(signInFailures).values({ id, tenantId, emailIndex, at: now });
  const rows = await db
    .select({ id: signInFailures.id })
    .from(signInFailures)
    .where(
      and(
        eq(signInFailures.tenantId, tenantId),
        eq(signInFailures.emailIndex, emailIndex),
        gt(signInFailures.at, new Date(now.getTime() - LOCKOUT_WINDOW_MS)),
      ),
    );
  return { id, failures: rows.length };
}

/** The statement that forgets every failure of an address (it signed in, or set a new password). */
export function clearFailures(db: Db, tenantId: string, emailIndex: string) {
  return db
    .delete(signInFailures)
    .where(and(eq(signInFailures.tenantId, tenantId), eq(signInFailures.emailIndex, emailIndex)));
}

/** Failures older than the window count for nothing; returns how many went. */
export async function purgeOldFailures(db: Db, now: Date): Promise<number> {
  const gone = await db
    .delete(signInFailures)
    .where(lt(signInFailures.at, new Date(now.getTime() - LOCKOUT_WINDOW_MS)))
    .returning({ id: signInFailures.id });
  return gone.length;
}
