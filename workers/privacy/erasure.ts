// Running an erasure from the Worker: load the tenant and its keys, execute the erasure in D1
// (db/erasure.ts), then tell the requester and hand the outbox to the queue. Used by the
// erasure clock's alarm (trigger `due`) and by `confirm` (trigger `confirmed`).

import { executeErasure, type ErasureOutcome, type ErasureTrigger } from '../../db/erasure';
import type { OutboxRef } from '../../db/outbox';
import { regionalForTenant } from '../../db/regions';
import { findTenant, tenantKeys } from '../../db/tenants';
import { log } from '../../shared/log';
import type { Bindings } from '../env';
import { notifyRequester, type PrivacyCtx } from './notify';

export async function runErasure(
  ctx: PrivacyCtx,
  requestId: string,
  trigger: ErasureTrigger,
  actor: string,
  now = new Date(),
): Promise<ErasureOutcome> {
  const keys = await tenantKeys(ctx.env.MASTER_KEY, ctx.tenant);
  const outcome = await executeErasure(ctx.store.db, keys, requestId, trigger, actor, now, ctx.events);
  if (outcome.status === 'executed') {
    log('info', 'erasure.executed', { requestId, trigger, subscribers: outcome.counts.subscribers ?? 0 });
    if (outcome.requesterEmail)
      await notifyRequester(
        ctx,
        outcome.request,
        'completed',
        {},
        { email: outcome.requesterEmail, language: outcome.language },
      );
  } else {
    log('info', 'erasure.skipped', {
      requestId,
      trigger,
      outcome: outcome.status === 'skipped' ? outcome.reason : outcome.status,
    });
  }
  return outcome;
}

/**
 * The clock's entry point: the tenant is looked up in its own region; a vanished tenant skips.
 * The outbox events written are added to `events`.
 */
export async function runDueErasure(
  env: Bindings,
  tenantId: string,
  requestId: string,
  now: Date,
  events: OutboxRef[] = [],
): Promise<ErasureOutcome> {
  const store = regionalForTenant(env, tenantId);
  const tenant = await findTenant(store.db, tenantId);
  if (!tenant) return { status: 'skipped', reason: 'not_found' };
  return runErasure({ env, store, tenant, events }, requestId, 'due', 'clock', now);
}
