// The click buffer: clicks of one window leave as one sendBatch, held by the first click's
// waitUntil; a failing queue is logged, not thrown into anyone's request.

import { describe, expect, it } from 'vitest';
import type { ClickRecordedMessage, QueueMessage } from '../../shared/schemas/queue';
import { bufferClick, CLICK_BATCH_MAX } from '../../workers/http/click-buffer';

const click = (n: number): ClickRecordedMessage => ({
  type: 'click-recorded',
  region: 'eu',
  tenantId: 'ten_eu_abcdefghjkmnpqrstvwx',
  clickId: `clk_${n}`,
  subscriberId: 'sub_x',
  messageId: null,
  listId: 'lst_x',
  clickedAt: 1,
  country: 'US',
  isEu: false,
  outcome: 'redirect',
  automated: false,
});

function fakeQueue(fail = false) {
  const batches: QueueMessage[][] = [];
  const queue = {
    async send() {
      throw new Error('unused');
    },
    async sendBatch(messages: Iterable<{ body: QueueMessage }>) {
      if (fail) throw new Error('queue down');
      batches.push([...messages].map((m) => m.body));
    },
  } as unknown as Queue<QueueMessage>;
  return { queue, batches };
}

describe('click buffer', () => {
  it('sends the clicks of one window as one batch, held by the first waitUntil only', async () => {
    const { queue, batches } = fakeQueue();
    const held: Promise<unknown>[] = [];
    for (let i = 0; i < 5; i++) bufferClick(queue, (p) => held.push(p), click(i));
    expect(held).toHaveLength(1);
    expect(batches).toHaveLength(0);
    await Promise.all(held);
    expect(batches.map((b) => b.length)).toEqual([5]);
    bufferClick(queue, (p) => held.push(p), click(9));
    expect(held).toHaveLength(2);
    await held[1];
    expect(batches.map((b) => b.length)).toEqual([5, 1]);
  });

  it('splits a large window into batches the queue accepts', async () => {
    const { queue, batches } = fakeQueue();
    const held: Promise<unknown>[] = [];
    for (let i = 0; i < CLICK_BATCH_MAX + 20; i++) bufferClick(queue, (p) => held.push(p), click(i));
    await Promise.all(held);
    expect(batches.map((b) => b.length)).toEqual([CLICK_BATCH_MAX, 20]);
  });

  it('swallows a queue failure (logged) and opens a fresh window afterwards', async () => {
    const { queue } = fakeQueue(true);
    const held: Promise<unknown>[] = [];
    bufferClick(queue, (p) => held.push(p), click(1));
    await expect(held[0]).resolves.toBeUndefined();
    bufferClick(queue, (p) => held.push(p), click(2));
    expect(held).toHaveLength(2);
  });
});
