// Fixtures for the sending tests: a list with subscribers in given states, a recorder standing in
// for the EVENTS queue (bodies and delays), and the loop that hands the recorded sending messages
// to the Worker's own `queue` entry point until none is left, as the platform would.

import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach } from 'vitest';
import { runBatch } from '../../db/client';
import { regional } from '../../db/regions';
import { lists, subscriptions } from '../../db/schema';
import { addressIndex, type HomeRegion, prepareSubscriber } from '../../db/subscribers';
import { tenantKeys, type Tenant } from '../../db/tenants';
import { newId } from '../../shared/regions';
import type { QueueMessage } from '../../shared/schemas/queue';
import worker from '../../workers/index';

export type Queued = { body: QueueMessage; delaySeconds?: number; attempts: number; done?: boolean };

/** Replaces the EVENTS queue with a recorder until the end of the test. */
export function recordQueue(): Queued[] {
  const original = env.EVENTS;
  const sent: Queued[] = [];
  const recorder = {
    async send(body: QueueMessage, opts?: { delaySeconds?: number }) {
      sent.push({ body, delaySeconds: opts?.delaySeconds, attempts: 1 });
    },
    async sendBatch(
      batch: Iterable<{ body: QueueMessage; delaySeconds?: number }>,
      opts?: { delaySeconds?: number },
    ) {
      for (const m of batch)
        sent.push({ body: m.body, delaySeconds: m.delaySeconds ?? opts?.delaySeconds, attempts: 1 });
    },
  };
  (env as { EVENTS: unknown }).EVENTS = recorder;
  afterEach(() => {
    (env as { EVENTS: unknown }).EVENTS = original;
  });
  return sent;
}

const SENDING = new Set(['message-select', 'message-send']);

/** Delivers queue messages as one batch to the Worker's `queue` handler; the platform's verdict. */
export async function deliverBatch(items: { body: unknown; attempts?: number }[]) {
  const batch = createMessageBatch(
    'tm-privacy-events',
    items.map((m, i) => ({ id: `q${i}`, timestamp: new Date(), attempts: m.attempts ?? 1, body: m.body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  await waitOnExecutionContext(ctx);
  return getQueueResult(batch, ctx);
}

/**
 * Hands every recorded sending message to the consumer (ignoring delays), then what those put on
 * the queue, until nothing is left; a retried message comes back with one more attempt.
 */
export async function drainSending(queue: Queued[], maxRounds = 50): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    const due = queue.filter((q) => !q.done && SENDING.has(q.body.type));
    if (due.length === 0) return;
    for (const q of due) q.done = true;
    const result = await deliverBatch(due);
    for (const retry of result.retryMessages) {
      const q = due[Number(retry.msgId.slice(1))]!;
      queue.push({ body: q.body, attempts: q.attempts + 1 });
    }
  }
  throw new Error('drainSending: the queue did not run dry');
}

export type PersonSpec = {
  email?: string;
  name?: string;
  profile?: Record<string, string | number | boolean>;
  homeRegion?: HomeRegion;
  status?: 'pending' | 'active' | 'unsubscribed' | 'bounced' | 'flagged';
  subscription?: {
    status: 'pending' | 'confirmed' | 'unsubscribed';
    consent: 'given' | 'unknown' | 'withdrawn' | 'refused';
  };
};

/** A list (lawful basis consent unless given) of the tenant. */
export async function sendingList(
  tenant: Tenant,
  lawfulBasis: 'consent' | 'contract' | 'legitimate_interest' = 'consent',
): Promise<string> {
  const id = newId('lst');
  await regional(env, tenant.region)
    .db.insert(lists)
    .values({ id, tenantId: tenant.id, name: 'Spring news', purpose: 'seasonal offers', lawfulBasis });
  return id;
}

/** A subscriber on the list, with valid consent unless the spec says otherwise. */
export async function subscribe(tenant: Tenant, listId: string, spec: PersonSpec = {}) {
  const { db } = regional(env, tenant.region);
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const { email, index } = await addressIndex(
    keys,
    spec.email ?? `p${crypto.randomUUID().slice(0, 8)}@example.org`,
  );
  const prepared = await prepareSubscriber(db, keys, {
    email,
    emailIndex: index,
    name: spec.name ?? null,
    profile: spec.profile ?? null,
    homeRegion: spec.homeRegion ?? 'non_eu',
    status: spec.status ?? 'active',
  });
  const sub = spec.subscription ?? { status: 'confirmed', consent: 'given' };
  await runBatch(db, [
    ...prepared.queries,
    db.insert(subscriptions).values({ tenantId: tenant.id, subscriberId: prepared.id, listId, ...sub }),
  ]);
  return { id: prepared.id, email, index };
}

/** The recipient rows of a message, by subscriber. */
export async function recipientRows(tenant: Tenant, messageId: string) {
  const { results } = await regional(env, tenant.region)
    .d1.prepare(
      'select subscriber_id, status, skip_reason, attempts, error_code, mail_message_id from message_recipients where message_id = ?',
    )
    .bind(messageId)
    .all<{
      subscriber_id: string;
      status: string;
      skip_reason: string | null;
      attempts: number;
      error_code: string | null;
      mail_message_id: string | null;
    }>();
  return new Map(results.map((r) => [r.subscriber_id, r]));
}
