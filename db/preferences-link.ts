// The "send me my link" form of the preference centre: who an address belongs to, and the claim
// that lets at most one link mail go to an address in a window. Both do the same reads and writes
// whether or not the address is known, so neither the answer nor its timing tells them apart.

import { and, eq } from 'drizzle-orm';
import type { Db } from './client';
import { subscribers, suppressions, usedNonces } from './schema';

/** One link mail per address in this window, however often the form is posted. */
export const LINK_MAIL_WINDOW_MS = 10 * 60_000;

/**
 * The subscriber of an address (blind index) to send a link to, or null: unknown, or erased (a
 * suppressed address has no preferences left to manage). One round trip either way.
 */
export async function linkRecipient(db: Db, tenantId: string, index: string) {
  const [found, suppressed] = await db.batch([
    db
      .select({ id: subscribers.id, language: subscribers.language })
      .from(subscribers)
      .where(and(eq(subscribers.tenantId, tenantId), eq(subscribers.emailIndex, index)))
      .limit(1),
    db
      .select({ i: suppressions.emailIndex })
      .from(suppressions)
      .where(and(eq(suppressions.tenantId, tenantId), eq(suppressions.emailIndex, index)))
      .limit(1),
  ]);
  return found[0] && suppressed.length === 0 ? found[0] : null;
}

/** Claims the link mail of this address for the current window; false when it went already. */
export async function claimLinkMail(
  db: Db,
  tenantId: string,
  index: string,
  now = Date.now(),
): Promise<boolean> {
  const window = Math.floor(now / LINK_MAIL_WINDOW_MS);
  const claimed = await db
    .insert(usedNonces)
    .values({
      tenantId,
      nonce: `preference-link:${index}:${window}`,
      purpose: 'preference_link_mail',
      expiresAt: new Date((window + 1) * LINK_MAIL_WINDOW_MS),
    })
    .onConflictDoNothing()
    .returning({ nonce: usedNonces.nonce });
  return claimed.length > 0;
}
