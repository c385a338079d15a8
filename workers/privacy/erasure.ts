// Running erasures from the Worker: load the tenant and its keys once, execute the erasures in
// D1 (db/erasure.ts, a chunk at a time), then tell the requesters, their mails sent concurrently
// after the commit. Used by the erasure clock's alarm (trigger `due`, a chunk) and by `confirm`
// (trigger `confirmed`, one request).

import {
  type ErasureOutcome,
  type ErasureResult,
  type ErasureTrigger,
  executeErasure,
  executeErasures,
} from '../../db/erasure';
import type { OutboxRef } from '../../db/outbox';
import { regionalForTenant } from '../../db/regions';
import { type NoticeTemplate, stageTemplates } from '../../db/privacy-templates';
import { findTenant, tenantKeys } from '../../db/tenants';
import { log } from '../../shared/log';
import type { Bindings } from '../env';
import { notifyRequester, type PrivacyCtx } from './notify';

/**
 * Mails every requester erased, concurrently (the tenant's templates read once for all), then logs
 * what happened: ids and counts only, one line per outcome for the whole chunk, the mails
 * included (in a busy isolate each log line has its cost; a failed mail has a line of its own).
 */
async function report(
  ctx: PrivacyCtx,
  trigger: ErasureTrigger,
  results: ReadonlyMap<string, ErasureResult>,
): Promise<void> {
  let templates: Promise<NoticeTemplate[]> | undefined;
  const together = {
    templates: () => {
      templates ??= stageTemplates(ctx.store.db, ctx.tenant.id, 'completed');
      return templates;
    },
  };
  const mails: Promise<boolean>[] = [];
  const executed: string[] = [];
  const skipped: string[] = [];
  let subscribers = 0;
  for (const [requestId, outcome] of results) {
    if (outcome.status === 'executed') {
      executed.push(requestId);
      subscribers += outcome.counts.subscribers ?? 0;
      if (outcome.requesterEmail)
        mails.push(
          notifyRequester(
            ctx,
            outcome.request,
            'completed',
            {},
            { email: outcome.requesterEmail, language: outcome.language },
            { together },
          ),
        );
    } else if (outcome.status !== 'failed' && outcome.status !== 'deferred') {
      skipped.push(`${requestId}:${outcome.status === 'skipped' ? outcome.reason : outcome.status}`);
    }
  }
  const sent = (await Promise.all(mails)).filter(Boolean).length;
  if (executed.length)
    log('info', 'erasure.executed', {
      trigger,
      requests: executed.length,
      requestIds: executed.join(','),
      subscribers,
      mailsSent: sent,
    });
  if (skipped.length)
    log('info', 'erasure.skipped', { trigger, requests: skipped.length, outcomes: skipped.join(',') });
}

export async function runErasure(
  ctx: PrivacyCtx,
  requestId: string,
  trigger: ErasureTrigger,
  actor: string,
  now = new Date(),
): Promise<ErasureOutcome> {
  const keys = await tenantKeys(ctx.env.MASTER_KEY, ctx.tenant);
  const outcome = await executeErasure(ctx.store.db, keys, requestId, trigger, actor, now, ctx.events);
  await report(ctx, trigger, new Map([[requestId, outcome]]));
  return outcome;
}

/**
 * The clock's entry point for a chunk of due requests: the tenant is looked up once in its own
 * region (a vanished tenant skips them all). The outbox events written are added to `events`.
 */
export async function runDueErasures(
  env: Bindings,
  tenantId: string,
  requestIds: readonly string[],
  now: Date,
  events: OutboxRef[] = [],
): Promise<Map<string, ErasureResult>> {
  const store = regionalForTenant(env, tenantId);
  const tenant = await findTenant(store.db, tenantId);
  if (!tenant) return new Map(requestIds.map((id) => [id, { status: 'skipped', reason: 'not_found' }]));
  const ctx: PrivacyCtx = { env, store, tenant, events };
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const results = await executeErasures(store.db, keys, requestIds, {
    trigger: 'due',
    actor: 'clock',
    now,
    events,
  });
  await report(ctx, 'due', results);
  return results;
}
