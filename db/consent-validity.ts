// The one definition of "valid consent for a list's purpose": the subscription to that list says
// `given`, or (when the subscription says nothing definite) the subscriber's newest consent event
// for that list is an opt-in or confirmation that no later withdrawal, refusal or objection undid.

import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from './client';
import { consentEvents, subscriptions } from './schema';

type SubscriptionConsent = { consent: (typeof subscriptions.$inferSelect)['consent'] } | undefined;
type DecisiveEvent = { kind: (typeof consentEvents.$inferSelect)['kind']; listId: string | null } | undefined;

const GRANTING = ['opt_in', 'confirmation'] as const;
/** Kinds that decide consent; preference changes and imports do not on their own. */
const DECISIVE = [...GRANTING, 'withdrawal', 'refusal', 'objection'] as const;

/** The reads that the verdict needs, to run alone or inside a larger `db.batch`. */
export function consentValidityQueries(db: Db, tenantId: string, subscriberId: string, listId: string) {
  return [
    db
      .select({ consent: subscriptions.consent })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.tenantId, tenantId),
          eq(subscriptions.subscriberId, subscriberId),
          eq(subscriptions.listId, listId),
        ),
      )
      .limit(1),
    // A withdrawal without a list (e.g. "unsubscribe from everything") undoes every list's consent.
    db
      .select({ kind: consentEvents.kind, listId: consentEvents.listId })
      .from(consentEvents)
      .where(
        and(
          eq(consentEvents.tenantId, tenantId),
          eq(consentEvents.subscriberId, subscriberId),
          inArray(consentEvents.kind, [...DECISIVE]),
          or(eq(consentEvents.listId, listId), isNull(consentEvents.listId)),
        ),
      )
      .orderBy(desc(consentEvents.seq))
      .limit(1),
  ] as const;
}

/** The verdict from the rows those queries return. */
export function isConsentValid(
  subscription: SubscriptionConsent,
  newestDecisive: DecisiveEvent,
  listId: string,
): boolean {
  if (subscription?.consent === 'given') return true;
  if (subscription?.consent === 'withdrawn' || subscription?.consent === 'refused') return false;
  if (!newestDecisive || newestDecisive.listId !== listId) return false;
  return (GRANTING as readonly string[]).includes(newestDecisive.kind);
}
