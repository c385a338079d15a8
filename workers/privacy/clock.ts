// The way into a tenant's erasure clock: one Durable Object per tenant, named by the tenant id,
// always obtained through `regional(...)` so EU tenants' clocks live in the EU jurisdiction.
// Scheduling failures are logged, not thrown: the hourly reconcile sweep re-schedules.

import { regionalForTenant } from '../../db/regions';
import type { PrivacyRequest } from '../../db/privacy-requests';
import { describeError, log } from '../../shared/log';
import type { Bindings } from '../env';

export function clockFor(env: Bindings, tenantId: string) {
  const clocks = regionalForTenant(env, tenantId).erasureClocks;
  return clocks.get(clocks.idFromName(tenantId));
}

/** Puts an open erasure request on its tenant's clock at its due time (idempotent). */
export async function scheduleErasure(
  env: Bindings,
  request: Pick<PrivacyRequest, 'id' | 'tenantId' | 'kind' | 'status' | 'dueAt'>,
): Promise<boolean> {
  if (request.kind !== 'erasure' || request.status !== 'open') return false;
  try {
    await clockFor(env, request.tenantId).schedule({
      tenantId: request.tenantId,
      requestId: request.id,
      dueAt: request.dueAt.getTime(),
    });
    return true;
  } catch (err) {
    log('warn', 'erasure_clock.schedule_failed', { requestId: request.id, ...describeError(err) });
    return false;
  }
}

export async function cancelErasure(
  env: Bindings,
  request: Pick<PrivacyRequest, 'id' | 'tenantId' | 'kind'>,
): Promise<boolean> {
  if (request.kind !== 'erasure') return false;
  try {
    await clockFor(env, request.tenantId).cancel({ requestId: request.id });
    return true;
  } catch (err) {
    // A stale entry is harmless: the alarm re-reads the request in D1 and skips it.
    log('warn', 'erasure_clock.cancel_failed', { requestId: request.id, ...describeError(err) });
    return false;
  }
}
