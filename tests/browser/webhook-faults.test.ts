// Webhooks under faults, end to end on `wrangler dev` (real queues, real fetch): a local receiver
// fails the first two attempts of every event on one endpoint, answers slowly on another and
// hangs past the 10 s timeout once per event on a third. Every event arrives at every endpoint,
// accepted exactly once per webhook-id, signed; none is lost. DEV_WEBHOOK_RETRY_SECONDS=1 makes
// the retry schedule run in seconds (a development-only variable).

import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../scripts/lib/webhook-receiver';
import { startTestWorker, type TestWorker } from './support/local-worker';

let worker: TestWorker;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  worker = await startTestWorker({ ALLOW_DEV_WEBHOOK_HOSTS: '1', DEV_WEBHOOK_RETRY_SECONDS: '1' });
});
afterAll(async () => {
  await worker?.stop();
  await receiver?.close();
});

const EVENTS = 24;
const ENDPOINTS = { failing: '500,500,200', slow: 'slow1500', hanging: 'hang,200' } as const;

async function api(path: string, init: { method?: string; json?: unknown } = {}) {
  const res = await fetch(`${worker.url}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${worker.tenants.eu.apiKey}`, 'content-type': 'application/json' },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const accepted = (log: readonly ReceivedWebhook[]) =>
  log.filter((r) => r.answered !== undefined && r.answered >= 200 && r.answered < 300);

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check();
}

describe('webhooks on wrangler dev with a faulty receiver', () => {
  it('deliver every event to every endpoint exactly once by webhook-id, and a privacy request within seconds', async () => {
    const secrets = new Map<string, string>();
    for (const [name, script] of Object.entries(ENDPOINTS)) {
      const created = await api('/webhook-endpoints', {
        method: 'POST',
        json: { url: `${receiver.url}/hook/${name}/${script}` },
      });
      expect(created.status).toBe(201);
      secrets.set(name, created.body.secret as string);
    }

    // A privacy request first: its event reaches the slow endpoint within seconds.
    const filedAt = Date.now();
    const filed = await api('/privacy-requests', {
      method: 'POST',
      json: { kind: 'access', email: 'li.wei@mail.example.com' },
    });
    expect(filed.status).toBe(201);
    const arrived = await until(
      () =>
        accepted(receiver.received.get('slow') ?? []).some((r) => r.body.includes('privacy_request.created')),
      10_000,
    );
    expect(arrived).toBe(true);
    const first = (receiver.received.get('slow') ?? []).find((r) =>
      r.body.includes('privacy_request.created'),
    );
    expect(first!.receivedAt - filedAt).toBeLessThan(5_000);

    // Then a burst of events, written concurrently.
    const changes = await Promise.all(
      Array.from({ length: EVENTS }, (_, i) =>
        api('/tenant/settings', { method: 'PATCH', json: { displayName: `Shop ${i}` } }),
      ),
    );
    expect(changes.every((c) => c.status === 200)).toBe(true);
    const expected = EVENTS + 1;

    const done = await until(
      () =>
        Object.keys(ENDPOINTS).every(
          (name) =>
            new Set(accepted(receiver.received.get(name) ?? []).map((r) => r.headers['webhook-id'])).size >=
            expected,
        ),
      100_000,
    );
    const summary = Object.fromEntries(
      Object.keys(ENDPOINTS).map((name) => {
        const log = receiver.received.get(name) ?? [];
        return [name, { requests: log.length, accepted: accepted(log).length }];
      }),
    );
    expect(done, JSON.stringify(summary)).toBe(true);
    // Settle: no late duplicate comes after the last acceptance.
    await new Promise((r) => setTimeout(r, 3_000));

    const ids = (name: string) =>
      accepted(receiver.received.get(name) ?? []).map((r) => r.headers['webhook-id']!);
    const reference = new Set(ids('slow'));
    expect(reference.size).toBe(expected);
    for (const name of Object.keys(ENDPOINTS)) {
      const log = receiver.received.get(name) ?? [];
      // Exactly once by webhook-id, the same events everywhere.
      expect(ids(name).length, name).toBe(expected);
      expect(new Set(ids(name)), name).toEqual(reference);
      // Every request, failed attempts included, is signed with the endpoint's secret.
      const wh = new Webhook(secrets.get(name)!);
      for (const r of log) expect(() => wh.verify(r.body, r.headers)).not.toThrow();
    }
    // The failing endpoint saw each event three times, the hanging one twice.
    expect((receiver.received.get('failing') ?? []).length).toBe(3 * expected);
    expect((receiver.received.get('hanging') ?? []).length).toBe(2 * expected);

    // The delivery log agrees: every delivery delivered, none pending, failed or dead.
    const log = await api('/webhook-deliveries?limit=100');
    const rows = log.body.data as { status: string }[];
    expect(rows).toHaveLength(3 * expected);
    expect(rows.every((d) => d.status === 'delivered')).toBe(true);
    console.log(`webhook fault run: ${JSON.stringify(summary)}`);
  });
});
