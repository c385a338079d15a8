// The `queue` entry point: validates each message body against the union of message types,
// handles it idempotently (delivery is at least once), acks it, or retries with backoff.
// Messages on the dead-letter queue are recorded in the log and acked.

import { regional } from '../../db/regions';
import { recordClicks } from '../../db/link-clicks';
import { markOutboxReceived } from '../../db/outbox';
import { describeError, log } from '../../shared/log';
import { QueueMessage } from '../../shared/schemas/queue';
import type { Bindings } from '../env';
import { takeClickMessages } from './clicks';
import { resendConfirmation } from '../mail/confirmation';
import { sendToRecipients } from '../sending/deliver';
import { selectRecipients } from '../sending/select';

export const DEAD_LETTER_QUEUE = 'tm-privacy-events-dlq';

/** Exponential backoff for a retried message: 10 s, 20 s, 40 s … capped at 15 minutes. */
export const retryDelaySeconds = (attempts: number) => Math.min(900, 10 * 2 ** Math.max(0, attempts - 1));

export async function handleQueue(
  batch: MessageBatch<unknown>,
  env: Bindings,
  _ctx: ExecutionContext,
): Promise<void> {
  const messages =
    batch.queue === DEAD_LETTER_QUEUE
      ? batch.messages
      : await takeClickMessages(batch.messages, env, retryDelaySeconds);
  for (const message of messages) {
    if (batch.queue === DEAD_LETTER_QUEUE) {
      log('error', 'queue.dead_letter', { messageId: message.id, attempts: message.attempts });
      message.ack();
      continue;
    }
    const parsed = QueueMessage.safeParse(message.body);
    if (!parsed.success) {
      // A body that does not validate never will: record it and drop it rather than loop.
      log('error', 'queue.invalid_message', { messageId: message.id });
      message.ack();
      continue;
    }
    try {
      await handleMessage(parsed.data, env);
      message.ack();
    } catch (err) {
      log('warn', 'queue.retry', {
        messageId: message.id,
        attempts: message.attempts,
        type: parsed.data.type,
        ...describeError(err),
      });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

async function handleMessage(msg: QueueMessage, env: Bindings): Promise<void> {
  switch (msg.type) {
    case 'outbox-event': {
      const first = await markOutboxReceived(regional(env, msg.region).db, msg.eventId);
      log('info', 'outbox.received', { eventId: msg.eventId, eventType: msg.eventType, redelivery: !first });
      return;
    }
    case 'click-recorded':
      // Taken out of the loop by takeClickMessages, which writes a batch's clicks together.
      await recordClicks(regional(env, msg.region).d1, [msg]);
      return;
    case 'confirmation-mail':
      await resendConfirmation(env, msg);
      return;
    case 'message-select':
      await selectRecipients(env, msg);
      return;
    case 'message-send':
      await sendToRecipients(env, msg);
      return;
  }
}
