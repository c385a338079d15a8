// Hourly privacy sweeps: reminders before due times, the reconciliation that puts every
// erasure due within the next two hours back on its tenant's clock when the clock lost it (a
// failed call after the D1 commit), and the closing of requests whose identity was never
// confirmed. Each sweep hands exactly the events it wrote to the queue.

import { erasuresDueBy } from '../../db/erasure';
import { emitDueReminders } from '../../db/privacy-reminders';
import { closeUnverifiedRequests } from '../../db/privacy-unverified';
import { regional } from '../../db/regions';
import type { Region } from '../../shared/regions';
import type { Bindings } from '../env';
import type { OutboxRef } from '../../db/outbox';
import { dispatchEvents } from '../outbox/dispatch';
import { clockFor } from './clock';

const RECONCILE_HORIZON_MS = 2 * 3_600_000;
const RECONCILE_LIMIT = 5_000;
/** Requests closed per region and run; a backlog drains over the following hours. */
const UNVERIFIED_CLOSE_LIMIT = 200;

export async function sendDueReminders(env: Bindings, region: Region, now: Date): Promise<number> {
  const events: OutboxRef[] = [];
  const sent = await emitDueReminders(regional(env, region).db, now, undefined, events);
  await dispatchEvents(env, region, events);
  return sent;
}

export async function reconcileErasureClocks(env: Bindings, region: Region, now: Date): Promise<number> {
  const rows = await erasuresDueBy(
    regional(env, region).db,
    new Date(now.getTime() + RECONCILE_HORIZON_MS),
    RECONCILE_LIMIT,
  );
  const byTenant = new Map<string, { requestId: string; dueAt: number }[]>();
  for (const r of rows) {
    const list = byTenant.get(r.tenantId) ?? [];
    list.push({ requestId: r.id, dueAt: r.dueAt.getTime() });
    byTenant.set(r.tenantId, list);
  }
  for (const [tenantId, items] of byTenant)
    await clockFor(env, tenantId).scheduleMissing({ tenantId, items });
  return rows.length;
}

/**
 * Closes requests whose confirmation links have all expired unanswered, as rejected
 * (`identity_not_verified`). No mail: the address was never shown to belong to the requester,
 * and an erasure awaiting confirmation was never on the clock, so there is nothing to cancel.
 */
export async function closeLapsedUnverified(env: Bindings, region: Region, now: Date): Promise<number> {
  const events: OutboxRef[] = [];
  const closed = await closeUnverifiedRequests(regional(env, region).db, now, UNVERIFIED_CLOSE_LIMIT, events);
  await dispatchEvents(env, region, events);
  return closed;
}
