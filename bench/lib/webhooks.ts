// Webhook deliveries seen from the local receiver (scripts/lib/webhook-receiver.ts).

import type { WebhookReceiver } from '../../scripts/lib/webhook-receiver';

/** Waits until `key` has `count` requests answered 200; returns the time the last one arrived. */
export async function waitForDeliveries(
  receiver: WebhookReceiver,
  key: string,
  count: number,
  timeoutMs = 300_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = (receiver.received.get(key) ?? []).filter((r) => r.answered === 200);
    if (ok.length >= count) return Math.max(...ok.map((r) => r.receivedAt));
    if (Date.now() > deadline) throw new Error(`${key}: ${ok.length} of ${count} deliveries arrived`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
