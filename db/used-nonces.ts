// Spent one-time values (answered consent pages and the like) are only needed until the token
// that carried them expires; after that the token itself is refused, so the row can go.

import { lt } from 'drizzle-orm';
import type { Db } from './client';
import { usedNonces } from './schema';

/** Deletes nonces whose tokens have expired; returns how many. */
export async function purgeExpiredNonces(db: Db, now: Date): Promise<number> {
  const rows = await db
    .delete(usedNonces)
    .where(lt(usedNonces.expiresAt, now))
    .returning({ nonce: usedNonces.nonce });
  return rows.length;
}
