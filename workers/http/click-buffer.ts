// Micro-batching of click records: clicks arriving in one isolate within a short window go to the
// queue as one `sendBatch` instead of one send each. The first click of a window holds the flush
// in its `waitUntil`, so the isolate lives until the batch is handed over; no response waits for it.

import { describeError, log } from '../../shared/log';
import type { ClickRecordedMessage, QueueMessage } from '../../shared/schemas/queue';

/**
 * How long a window stays open (a second: each send is a subrequest, and the consumer batches for
 * two seconds anyway), and the most clicks one `sendBatch` takes (the Queues limit).
 */
export const CLICK_FLUSH_MS = 1_000;
export const CLICK_BATCH_MAX = 100;

type Buffer = { messages: ClickRecordedMessage[]; flush: Promise<void> | null };

// Keyed by the queue binding, so that a test swapping the binding gets a buffer of its own.
const buffers = new WeakMap<Queue<QueueMessage>, Buffer>();

async function flush(queue: Queue<QueueMessage>, buffer: Buffer): Promise<void> {
  while (buffer.messages.length > 0) {
    const batch = buffer.messages.splice(0, CLICK_BATCH_MAX);
    try {
      await queue.sendBatch(batch.map((body) => ({ body })));
    } catch (err) {
      log('warn', 'click.enqueue_failed', { clicks: batch.length, ...describeError(err) });
    }
  }
}

/** Adds a click to the open window, opening one (held by `waitUntil`) when none is open. */
export function bufferClick(
  queue: Queue<QueueMessage>,
  waitUntil: (p: Promise<unknown>) => void,
  message: ClickRecordedMessage,
): void {
  let buffer = buffers.get(queue);
  if (!buffer) {
    buffer = { messages: [], flush: null };
    buffers.set(queue, buffer);
  }
  buffer.messages.push(message);
  if (buffer.flush) return;
  const open = buffer;
  open.flush = new Promise<void>((resolve) => setTimeout(resolve, CLICK_FLUSH_MS))
    .then(() => flush(queue, open))
    .finally(() => {
      open.flush = null;
    });
  waitUntil(open.flush);
}
