// The click buffer on the real EVENTS queue: the clicks of one window leave as one sendBatch,
// held by the first click's waitUntil, and the queue consumer turns them into click rows; a queue
// that refuses a batch loses that window's clicks with a log line naming how many, and the next
// window goes out again.

import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClickRecordedMessage } from '../../shared/schemas/queue';
import { bufferClick, CLICK_BATCH_MAX } from '../../workers/http/click-buffer';
import { seedList, seedSubscriber } from '../support/intercept';
import { countRows, seedTenant } from '../support/seed';

afterEach(() => vi.restoreAllMocks());

async function clickFactory() {
  const { tenant } = await seedTenant('us');
  const subscriber = await seedSubscriber(tenant, { homeRegion: 'non_eu' });
  const list = await seedList(tenant);
  let n = 0;
  const click = (): ClickRecordedMessage => ({
    type: 'click-recorded',
    region: 'us',
    tenantId: tenant.id,
    clickId: `clk_${crypto.randomUUID()}`,
    subscriberId: subscriber.id,
    messageId: null,
    listId: list.id,
    clickedAt: Date.now() + n++,
    country: 'US',
    isEu: false,
    outcome: 'redirect',
    automated: false,
  });
  const rows = () => countRows(env.DB_US, 'clicks', 'tenant_id = ?', tenant.id);
  return { click, rows };
}

/** Calls of the real queue's sendBatch, by batch size; they still reach the queue. */
function batchSizes() {
  const sizes: number[] = [];
  const real = env.EVENTS.sendBatch.bind(env.EVENTS);
  const spy = vi.spyOn(env.EVENTS, 'sendBatch').mockImplementation(async (messages, options) => {
    const list = [...messages];
    sizes.push(list.length);
    return real(list, options);
  });
  return { sizes, spy };
}

describe('click buffer', () => {
  it('sends one window as one batch, held by the first waitUntil, and the consumer writes every click', async () => {
    const { click, rows } = await clickFactory();
    const { sizes } = batchSizes();
    const held: Promise<unknown>[] = [];
    for (let i = 0; i < 5; i++) bufferClick(env.EVENTS, (p) => held.push(p), click());
    expect(held).toHaveLength(1);
    expect(sizes).toEqual([]);
    await Promise.all(held);
    expect(sizes).toEqual([5]);
    await vi.waitFor(async () => expect(await rows()).toBe(5), { timeout: 5000, interval: 50 });

    bufferClick(env.EVENTS, (p) => held.push(p), click());
    expect(held).toHaveLength(2);
    await held[1];
    expect(sizes).toEqual([5, 1]);
    await vi.waitFor(async () => expect(await rows()).toBe(6), { timeout: 5000, interval: 50 });
  });

  it('splits a large window into batches the queue accepts', async () => {
    const { click } = await clickFactory();
    const { sizes } = batchSizes();
    const held: Promise<unknown>[] = [];
    for (let i = 0; i < CLICK_BATCH_MAX + 20; i++) bufferClick(env.EVENTS, (p) => held.push(p), click());
    expect(held).toHaveLength(1);
    await Promise.all(held);
    expect(sizes).toEqual([CLICK_BATCH_MAX, 20]);
  });

  it('logs the clicks a refused batch loses, throws into no request, and sends the next window', async () => {
    const { click, rows } = await clickFactory();
    const { sizes, spy } = batchSizes();
    spy.mockRejectedValueOnce(new Error('Queue send failed: overloaded'));
    const warnings: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line));
    const held: Promise<unknown>[] = [];
    bufferClick(env.EVENTS, (p) => held.push(p), click());
    bufferClick(env.EVENTS, (p) => held.push(p), click());
    await expect(held[0]).resolves.toBeUndefined();
    expect(warnings.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ event: 'click.enqueue_failed', clicks: 2 }),
    ]);

    bufferClick(env.EVENTS, (p) => held.push(p), click());
    expect(held).toHaveLength(2);
    await held[1];
    expect(sizes).toEqual([1]);
    await vi.waitFor(async () => expect(await rows()).toBe(1), { timeout: 5000, interval: 50 });
  });
});
