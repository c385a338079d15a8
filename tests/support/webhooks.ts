// Webhook fixtures: URLs on the local receiver (tests/setup/webhook-receiver.ts) that script their
// answers, what the receiver got, endpoints made through the API, and runs of the deliveries
// queue's consumer on messages the test builds, with the platform's verdict on each message.

import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  type QueueResult,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Webhook } from 'standardwebhooks';
import { inject } from 'vitest';
import worker from '../../workers/index';
import { WEBHOOK_DEAD_LETTER_QUEUE, WEBHOOK_QUEUE } from '../../workers/queue/consumer';
import { api } from './seed';

declare module 'vitest' {
  export interface ProvidedContext {
    webhookReceiver: string;
  }
}

export type Received = { path: string; headers: Record<string, string>; body: string; receivedAt: number };

/** A fresh receiver key and the URL that answers `script` (see scripts/lib/webhook-receiver.ts). */
export function receiverUrl(script = '200'): { key: string; url: string } {
  const key = `k${crypto.randomUUID().replaceAll('-', '')}`;
  return { key, url: `${inject('webhookReceiver')}/hook/${key}/${script}` };
}

export async function received(key: string): Promise<Received[]> {
  return (await fetch(`${inject('webhookReceiver')}/log/${key}`)).json();
}

/** Waits until the receiver holds `count` requests under `key` (the real queue is asynchronous). */
export async function receivedAtLeast(key: string, count: number, timeoutMs = 15_000): Promise<Received[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await received(key);
    if (got.length >= count || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type CreatedEndpoint = { id: string; secret: string; url: string; [k: string]: unknown };

export async function createEndpoint(
  apiKey: string,
  body: Record<string, unknown>,
): Promise<CreatedEndpoint> {
  const res = await api(apiKey, '/webhook-endpoints', { method: 'POST', json: body });
  if (res.status !== 201) throw new Error(`endpoint not created: ${res.status} ${await res.text()}`);
  return res.json();
}

/** True when the Standard Webhooks reference verifier accepts the request under `secret`. */
export function verifies(secret: string, request: Received): boolean {
  try {
    new Webhook(secret).verify(request.body, request.headers);
    return true;
  } catch {
    return false;
  }
}

export type DeliveryMessage = { deliveryId: string; tenantId: string; round?: number; region?: 'eu' | 'us' };

export type DeliveryRun = Omit<QueueResult, 'retryMessages'> & {
  /** The messages retried, each with the delay the consumer asked for (the test harness drops it). */
  retryMessages: { msgId: string; delaySeconds?: number }[];
};

/** Runs the consumer on the deliveries queue with these messages; the platform's verdict per message. */
export async function runDeliveries(
  messages: (DeliveryMessage & { id?: string; attempts?: number })[],
  queue: string = WEBHOOK_QUEUE,
): Promise<DeliveryRun> {
  const batch = createMessageBatch(
    queue,
    messages.map((m, i) => ({
      id: m.id ?? `msg-${i}`,
      timestamp: new Date(),
      attempts: m.attempts ?? 1,
      body: {
        type: 'webhook-delivery',
        region: m.region ?? 'eu',
        tenantId: m.tenantId,
        deliveryId: m.deliveryId,
        round: m.round ?? 1,
      },
    })),
  );
  const delays = new Map<string, number | undefined>();
  for (const m of batch.messages) {
    const retry = m.retry.bind(m);
    Object.defineProperty(m, 'retry', {
      value: (options?: QueueRetryOptions) => {
        delays.set(m.id, options?.delaySeconds);
        retry(options);
      },
    });
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  const result = await getQueueResult(batch, ctx);
  return {
    ...result,
    retryMessages: result.retryMessages.map(({ msgId }) =>
      delays.get(msgId) === undefined ? { msgId } : { msgId, delaySeconds: delays.get(msgId) },
    ),
  };
}

export const runDeadLetters = (messages: DeliveryMessage[]) =>
  runDeliveries(messages, WEBHOOK_DEAD_LETTER_QUEUE);

export type DeliveryRow = {
  id: string;
  endpoint_id: string;
  event_id: string;
  status: string;
  attempts: number;
  round: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: number | null;
  claimed_until: number | null;
};

export async function deliveriesOf(
  d1: D1Database,
  where: string,
  ...params: unknown[]
): Promise<DeliveryRow[]> {
  const { results } = await d1
    .prepare(`select * from webhook_deliveries where ${where} order by created_at, id`)
    .bind(...params)
    .all<DeliveryRow>();
  return results;
}
