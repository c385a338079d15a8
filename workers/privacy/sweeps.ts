// Hourly privacy sweeps: reminders before due times, the reconciliation that puts every
// erasure due within the next two hours on its tenant's clock again, so a schedule lost to a
// failed call after the D1 commit still fires (scheduling is idempotent), and the closing of
// requests whose identity was never confirmed.

import { erasuresDueBy } from '../../db/erasure';
import { emitDueReminders } from '../../db/privacy-reminders';
import { closeUnverifiedRequests } from '../../db/privacy-unverified';
import { regional } from '../../db/regions';
import type { Region } from '../../shared/regions';
import type { Bindings } from '../env';
import { dispatchAllPending } from '../outbox/dispatch';
import { clockFor } from './clock';

const RECONCILE_HORIZON_MS = 2 * 3_600_000;
const RECONCILE_LIMIT = 5_000;
/** Requests closed per region and run; a backlog drains over the following hours. */
const UNVERIFIED_CLOSE_LIMIT = 200;

export async function sendDueReminders(env: Bindings, region: Region, now: Date): Promise<number> {
  const sent = await emitDueReminders(regional(env, region).db, now);
  if (sent > 0) await dispatchAllPending(env, region);
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
  const closed = await closeUnverifiedRequests(regional(env, region).db, now, UNVERIFIED_CLOSE_LIMIT);
  if (closed > 0) await dispatchAllPending(env, region);
  return closed;
}
