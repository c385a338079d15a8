// The one definition of "valid consent for a list's purpose": the subscription to that list is
// confirmed and its consent is `given`. The subscription is the state every consent event moves
// (opt-in, double opt-in click, answer, refusal, withdrawal), so it alone decides: an opt-in
// still awaiting its double opt-in click is `pending` with consent `unknown`, and is not consent.

import { and, eq, type Placeholder } from 'drizzle-orm';
import type { Db } from './client';
import { subscriptions } from './schema';

export type SubscriptionState = Pick<typeof subscriptions.$inferSelect, 'status' | 'consent'>;

type Id = string | Placeholder;

/** The read the verdict needs, to run alone or inside a larger `db.batch` (ids may be placeholders). */
export function consentValidityQuery(db: Db, tenantId: Id, subscriberId: Id, listId: Id) {
  return db
    .select({ status: subscriptions.status, consent: subscriptions.consent })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.tenantId, tenantId),
        eq(subscriptions.subscriberId, subscriberId),
        eq(subscriptions.listId, listId),
      ),
    )
    .limit(1);
}

/** The same verdict in SQL, over the subscription aliased `s` (db/subscription-state.ts uses it). */
export const CONSENT_VALID_SQL = `(s.status = 'confirmed' and s.consent = 'given')`;

/** The verdict from the subscription that query returns (none: no consent). */
export function isConsentValid(subscription: SubscriptionState | undefined): boolean {
  return subscription?.status === 'confirmed' && subscription.consent === 'given';
}
