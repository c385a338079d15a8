// What the webhook pipeline reads from the environment (the URL policy with its dev-only hosts,
// the dev-only retry delay) and how deliveries become queue messages on `tm-webhook-deliveries`.

import type { DeliveryRef } from '../../db/webhook-deliveries';
import { describeError, log } from '../../shared/log';
import type { Region } from '../../shared/regions';
import type { WebhookDeliveryMessage } from '../../shared/schemas/queue';
import type { UrlPolicy } from '../../shared/webhooks/url-policy';
import type { Bindings } from '../env';

const QUEUE_BATCH = 100;

/** Our own host is never a webhook target; 127.0.0.1 only where ALLOW_DEV_WEBHOOK_HOSTS=1 (never in production). */
export function webhookUrlPolicy(
  env: Pick<Bindings, 'PUBLIC_ORIGIN' | 'ALLOW_DEV_WEBHOOK_HOSTS'>,
): UrlPolicy {
  const own = URL.parse(env.PUBLIC_ORIGIN)?.hostname;
  return { ownHosts: own ? [own] : [], allowDevHosts: env.ALLOW_DEV_WEBHOOK_HOSTS === '1' };
}

/** DEV_WEBHOOK_RETRY_SECONDS (local development and the fault test only): every retry delay in seconds. */
export function devRetrySeconds(env: Pick<Bindings, 'DEV_WEBHOOK_RETRY_SECONDS'>): number | undefined {
  const n = Number(env.DEV_WEBHOOK_RETRY_SECONDS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** One queue message per delivery, so that no endpoint waits for another. */
export async function enqueueDeliveries(
  env: Pick<Bindings, 'WEBHOOK_DELIVERIES'>,
  region: Region,
  refs: readonly DeliveryRef[],
): Promise<void> {
  for (let i = 0; i < refs.length; i += QUEUE_BATCH) {
    await env.WEBHOOK_DELIVERIES.sendBatch(
      refs.slice(i, i + QUEUE_BATCH).map((r) => ({
        body: {
          type: 'webhook-delivery',
          region,
          tenantId: r.tenantId,
          deliveryId: r.id,
          round: r.round,
        } satisfies WebhookDeliveryMessage,
      })),
    );
  }
}

/**
 * From a route, for deliveries whose rows are committed: a failed send is logged and left to the
 * hourly catch-up (`overdueDeliveries`), the answer stays a success.
 */
export async function enqueueCommitted(
  env: Pick<Bindings, 'WEBHOOK_DELIVERIES'>,
  region: Region,
  refs: readonly DeliveryRef[],
): Promise<void> {
  try {
    await enqueueDeliveries(env, region, refs);
  } catch (err) {
    log('warn', 'webhook.enqueue_failed', { deliveries: refs.length, ...describeError(err) });
  }
}
