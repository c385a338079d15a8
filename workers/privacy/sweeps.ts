// Hourly privacy sweeps: reminders before due times, and the reconciliation that puts every
// erasure due within the next two hours on its tenant's clock again, so a schedule lost to a
// failed call after the D1 commit still fires (scheduling is idempotent).

import { erasuresDueBy } from '../../db/erasure';
import { emitDueReminders } from '../../db/privacy-reminders';
import { regional } from '../../db/regions';
import type { Region } from '../../shared/regions';
import type { Bindings } from '../env';
import { dispatchAllPending } from '../http/request-context';
import { clockFor } from './clock';

const RECONCILE_HORIZON_MS = 2 * 3_600_000;
const RECONCILE_LIMIT = 5_000;

export async function sendDueReminders(env: Bindings, region: Region, now: Date): Promise<number> {
  const sent = await emitDueReminders(regional(env, region).db, now);
  if (sent > 0) await dispatchAllPending(env, region);
  return sent;
}

export async function reconcileErasureClocks(env: Bindings, region: Region, now: Date): Promise<number> {
  const rows = await erasuresDueBy(regional(env, region).db, new Date(now.getTime() + RECONCILE_HORIZON_MS), RECONCILE_LIMIT);
  const byTenant = new Map<string, { requestId: string; dueAt: number }[]>();
  for (const r of rows) {
    const list = byTenant.get(r.tenantId) ?? [];
    list.push({ requestId: r.id, dueAt: r.dueAt.getTime() });
    byTenant.set(r.tenantId, list);
  }
  for (const [tenantId, items] of byTenant) await clockFor(env, tenantId).scheduleMany({ tenantId, items });
  return rows.length;
}
