// Which of a tenant's webhook endpoints receive an event: enabled, and created by the time it
// occurred. One condition for the fan-out (`liveEndpoints`) and for the capture batch that settles
// the events nobody listens to (`settleUnwatched`), so the two can never disagree.

import { and, eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { webhookEndpoints } from './schema';

/** `tenantId` and `occurredAt` are values, or columns of the statement that correlates with it. */
export function liveEndpointCondition(tenantId: string | SQLWrapper, occurredAt: Date | SQLWrapper): SQL {
  const at = occurredAt instanceof Date ? occurredAt.getTime() : occurredAt;
  return and(
    eq(webhookEndpoints.tenantId, tenantId),
    eq(webhookEndpoints.active, true),
    sql`${webhookEndpoints.createdAt} <= ${at}`,
  ) as SQL;
}
