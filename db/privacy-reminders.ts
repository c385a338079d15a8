// Reminders: one `privacy_request.due_soon` event per request, a tenant-configurable number of
// days (default 7) before its due time, emitted by the hourly sweep in bounded batches.

import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { addDays } from '../shared/due-dates';
import { newId } from '../shared/regions';
import { runBatch, type BatchItem, type Db } from './client';
import { outboxInsert, type OutboxRef, outboxRefs } from './outbox';
import { privacyRequestHistory, privacyRequests, tenants } from './schema';

export const DEFAULT_REMINDER_DAYS = 7;
/** Largest reminder lead time a tenant may set (it bounds the sweep's query). */
export const MAX_REMINDER_DAYS = 30;

/** Emits the reminders that have come due in this region; returns how many (their events go to `events`). */
export async function emitDueReminders(
  db: Db,
  now = new Date(),
  limit = 200,
  events: OutboxRef[] = [],
): Promise<number> {
  const rows = await db
    .select({ r: privacyRequests, settings: tenants.settings })
    .from(privacyRequests)
    .innerJoin(tenants, eq(tenants.id, privacyRequests.tenantId))
    .where(
      and(
        inArray(privacyRequests.status, ['open', 'paused']),
        isNull(privacyRequests.reminderSentAt),
        lte(privacyRequests.dueAt, addDays(now, MAX_REMINDER_DAYS)),
      ),
    )
    .orderBy(asc(privacyRequests.dueAt))
    .limit(limit);
  const items: BatchItem[] = [];
  let emitted = 0;
  for (const { r, settings } of rows) {
    const days = settings.reminderDays ?? DEFAULT_REMINDER_DAYS;
    if (days <= 0 || r.dueAt.getTime() > addDays(now, days).getTime()) continue;
    emitted++;
    items.push(
      db
        .update(privacyRequests)
        .set({ reminderSentAt: now })
        .where(and(eq(privacyRequests.id, r.id), isNull(privacyRequests.reminderSentAt))),
      db.insert(privacyRequestHistory).values({
        id: newId('rqh'),
        tenantId: r.tenantId,
        requestId: r.id,
        fromStatus: r.status,
        toStatus: r.status,
        action: 'reminder',
        actor: 'system',
        note: null,
        at: now,
      }),
      outboxInsert(db, {
        tenantId: r.tenantId,
        type: 'privacy_request.due_soon',
        subjectType: 'privacy_request',
        subjectId: r.id,
        occurredAt: now,
        payload: {
          requestId: r.id,
          subscriberId: r.subscriberId,
          kind: r.kind,
          status: r.status,
          dueAt: r.dueAt.toISOString(),
          daysLeft: Math.ceil((r.dueAt.getTime() - now.getTime()) / 86_400_000),
        },
      }),
    );
  }
  for (let i = 0; i < items.length; i += 90) {
    const batch = items.slice(i, i + 90);
    await runBatch(db, batch);
    events.push(...outboxRefs(batch));
  }
  return emitted;
}
