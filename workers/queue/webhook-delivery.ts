// Sending one webhook delivery (a `webhook-delivery` message): claim it, build the body from the
// event at send time (a non-EU subscriber's address only on endpoints that ask, decrypted here and
// never stored), sign it with every live secret, post it, and settle: delivered; retried on the
// Standard Webhooks schedule; dead after the 8th attempt; 410 or 5 failing days disable the endpoint.

import { regional, type RegionalStore } from '../../db/regions';
import { findSubscriber, loadSubscriberKey } from '../../db/subscribers';
import { tenantKeys } from '../../db/tenants';
import {
  type AttemptResult,
  type Claim,
  claimDeliveries,
  markDeadLettered,
  type SettleAttempt,
  type Settlement,
  settlementWriter,
} from '../../db/webhook-deliveries';
import type { WebhookEndpoint } from '../../db/webhook-endpoints';
import { decryptField, type TenantKeys } from '../../shared/crypto/envelope';
import { describeError, log } from '../../shared/log';
import type { Region } from '../../shared/regions';
import type { WebhookDeliveryMessage } from '../../shared/schemas/queue';
import { isEventType } from '../../shared/webhooks/catalogue';
import { eventSubscriberId, type StoredEvent, webhookBody } from '../../shared/webhooks/envelope';
import { FAILING_DISABLE_MS, retryDelaySeconds } from '../../shared/webhooks/retry-schedule';
import { webhookHeaders } from '../../shared/webhooks/signing';
import { checkWebhookUrl } from '../../shared/webhooks/url-policy';
import type { Bindings } from '../env';
import { dispatchEvents } from '../outbox/dispatch';
import { devRetrySeconds, webhookUrlPolicy } from './webhook-messages';
import { postWebhook } from './webhook-post';
import { signingKeys } from './webhook-signing-keys';
import { mailOwnersEndpointDisabled } from './webhook-owner-mail';

/** What the consumer does with the message afterwards. */
export type DeliveryOutcome = { ack: true } | { retrySeconds: number } | { deadLetter: true };

type Claimed = Extract<Claim, { kind: 'claimed' }>;
/** An attempt, and whether its failure is one no retry can cure (nothing was sent). */
type Attempted = { result: AttemptResult; unsendable: boolean };

/**
 * The deliveries of one queue batch: claimed together (one D1 batch per region), then each sent
 * on its own, none waiting for another, and settled through one writer per region that puts the
 * settlements ready at the same time into one D1 batch. One outcome per message, in order; a
 * failure (a claim or a settlement that could not be written) is that message's.
 */
export async function deliverWebhooks(
  env: Bindings,
  msgs: readonly WebhookDeliveryMessage[],
  now = new Date(),
): Promise<PromiseSettledResult<DeliveryOutcome>[]> {
  const outcomes: PromiseSettledResult<DeliveryOutcome>[] = new Array(msgs.length);
  const byRegion = new Map<Region, number[]>();
  for (const [i, m] of msgs.entries()) byRegion.set(m.region, [...(byRegion.get(m.region) ?? []), i]);
  await Promise.all(
    [...byRegion].map(async ([region, indexes]) => {
      const store = regional(env, region);
      const refs = indexes.map((i) => ({
        id: msgs[i]!.deliveryId,
        tenantId: msgs[i]!.tenantId,
        round: msgs[i]!.round,
      }));
      const claimed = await claimDeliveries(store.db, refs, now).then(
        (claims) => ({ claims }),
        (reason: unknown) => ({ reason }),
      );
      const settle = settlementWriter(store.db);
      const settled = await Promise.allSettled(
        indexes.map((i, j) =>
          'claims' in claimed
            ? deliverClaimed(env, store, msgs[i]!, claimed.claims[j]!, settle)
            : Promise.reject(claimed.reason),
        ),
      );
      indexes.forEach((i, j) => {
        outcomes[i] = settled[j]!;
      });
    }),
  );
  return outcomes;
}

async function deliverClaimed(
  env: Bindings,
  store: RegionalStore,
  msg: WebhookDeliveryMessage,
  claim: Claim,
  settleAttempt: SettleAttempt,
): Promise<DeliveryOutcome> {
  if (claim.kind === 'busy') return { retrySeconds: claim.seconds };
  if (claim.kind === 'skip') {
    log('info', 'webhook.skipped', { deliveryId: msg.deliveryId, reason: claim.reason });
    return { ack: true };
  }
  const attempted = await attempt(env, store, claim);
  const next = settlement(claim, attempted, devRetrySeconds(env));
  const health = attempted.unsendable ? 'unchanged' : attempted.result.ok ? 'ok' : 'failed';
  const settled = await settleAttempt(claim, attempted.result, next, health);
  // A delivered attempt is its `webhook_attempts` row; only the others also make a log line.
  if (next.status !== 'delivered')
    log('info', 'webhook.attempt', {
      tenantId: msg.tenantId,
      deliveryId: claim.delivery.id,
      endpointId: claim.endpoint.id,
      attempt: claim.delivery.attempts,
      round: claim.delivery.round,
      status: attempted.result.statusCode,
      errorCode: attempted.result.errorCode,
      durationMs: attempted.result.durationMs,
      outcome: next.status,
    });
  await dispatchEvents(env, msg.region, settled.events);
  if (settled.disabled && 'disable' in next) {
    const failingSince =
      next.disable === 'failing' ? (claim.endpoint.failingSince ?? attempted.result.at) : null;
    await mailOwnersEndpointDisabled(env, store, claim.endpoint, next.disable, failingSince);
  }
  if (next.status === 'retrying') return { retrySeconds: next.delaySeconds };
  if (next.status === 'dead') return { deadLetter: true };
  return { ack: true };
}

/** A message that reached the dead-letter queue: its delivery is dead, unless it was settled. */
export async function recordDeadLetter(env: Bindings, msg: WebhookDeliveryMessage): Promise<void> {
  const marked = await markDeadLettered(regional(env, msg.region).db, {
    id: msg.deliveryId,
    tenantId: msg.tenantId,
    round: msg.round,
  });
  log('error', 'webhook.dead_letter', { tenantId: msg.tenantId, deliveryId: msg.deliveryId, marked });
}

function settlement(claim: Claimed, attempted: Attempted, devSeconds: number | undefined): Settlement {
  const { result } = attempted;
  if (result.ok) return { status: 'delivered' };
  if (attempted.unsendable) return { status: 'failed' };
  if (result.errorCode === 'gone') return { status: 'failed', disable: 'gone' };
  const failingSince = claim.endpoint.failingSince ?? result.at;
  if (result.at.getTime() - failingSince.getTime() >= FAILING_DISABLE_MS)
    return { status: 'failed', disable: 'failing' };
  const delaySeconds = retryDelaySeconds(claim.delivery.attempts, devSeconds);
  return delaySeconds === null ? { status: 'dead' } : { status: 'retrying', delaySeconds };
}

async function attempt(
  env: Bindings,
  store: RegionalStore,
  { endpoint, event: row, tenant }: Claimed,
): Promise<Attempted> {
  const at = new Date();
  const unsendable = (errorCode: string, error: string): Attempted => ({
    result: { at, durationMs: 0, statusCode: null, ok: false, errorCode, error },
    unsendable: true,
  });
  // Checked again at every attempt: a URL stored under another policy is never fetched.
  const verdict = checkWebhookUrl(endpoint.url, webhookUrlPolicy(env));
  if (!verdict.ok) return unsendable('url_refused', verdict.message);
  if (!row || !tenant || !isEventType(row.type))
    return unsendable('event_missing', 'The event no longer exists.');
  const event: StoredEvent = { ...row, type: row.type };
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  let body: string;
  try {
    body = webhookBody(event, { subscriberEmail: await subscriberEmail(store, keys, endpoint, event) });
  } catch (err) {
    log('error', 'webhook.payload_invalid', {
      eventId: event.id,
      eventType: event.type,
      ...describeError(err),
    });
    return unsendable('payload_invalid', 'The event does not match the schema of its type.');
  }
  const signing = await signingKeys(keys, endpoint, at);
  const headers = await webhookHeaders(signing, event.id, Math.floor(at.getTime() / 1000), body);
  return { result: await postWebhook(verdict.url, headers, body), unsendable: false };
}

/**
 * The subscriber's address, for endpoints that ask for it, when the subscriber's home region is
 * known to be outside the EU. Never for an EU subscriber, nor one whose region is unknown.
 */
async function subscriberEmail(
  store: RegionalStore,
  keys: TenantKeys,
  endpoint: WebhookEndpoint,
  event: StoredEvent,
): Promise<string | undefined> {
  if (!endpoint.includeSubscriberEmail) return undefined;
  const subscriberId = eventSubscriberId(event);
  if (!subscriberId) return undefined;
  const sub = await findSubscriber(store.db, event.tenantId, subscriberId);
  if (sub?.homeRegion !== 'non_eu') return undefined;
  const key = await loadSubscriberKey(store.db, keys, sub.id);
  return key ? decryptField(key, 'email', sub.emailCt) : undefined;
}
