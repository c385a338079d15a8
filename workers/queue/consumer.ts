// The `queue` entry point: validates each message body against its queue's contract, handles it
// idempotently (delivery is at least once), acks it, or retries with backoff. Webhook deliveries
// are sent in parallel, each on its own schedule; dead letters are recorded and acked.

import { regional } from '../../db/regions';
import { recordClicks } from '../../db/link-clicks';
import { describeError, log } from '../../shared/log';
import { QueueMessage, WebhookDeliveryMessage } from '../../shared/schemas/queue';
import type { Bindings } from '../env';
import { takeClickMessages } from './clicks';
import { resendConfirmation } from '../mail/confirmation';
import { sendToRecipients } from '../sending/deliver';
import { selectRecipients } from '../sending/select';
import { deliverWebhooks, recordDeadLetter } from './webhook-delivery';
import { fanOutEvent } from './webhook-fan-out';

export const DEAD_LETTER_QUEUE = 'tm-privacy-events-dlq';
export const WEBHOOK_QUEUE = 'tm-webhook-deliveries';
export const WEBHOOK_DEAD_LETTER_QUEUE = 'tm-webhook-deliveries-dlq';

/** Exponential backoff for a retried message: 10 s, 20 s, 40 s … capped at 15 minutes. */
export const retryDelaySeconds = (attempts: number) => Math.min(900, 10 * 2 ** Math.max(0, attempts - 1));

export async function handleQueue(
  batch: MessageBatch<unknown>,
  env: Bindings,
  _ctx: ExecutionContext,
): Promise<void> {
  if (batch.queue === WEBHOOK_QUEUE) return handleWebhookDeliveries(batch.messages, env);
  if (batch.queue === WEBHOOK_DEAD_LETTER_QUEUE) return handleWebhookDeadLetters(batch.messages, env);
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
    case 'outbox-event':
      await fanOutEvent(env, msg);
      return;
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

/**
 * Every delivery of the batch at once (claimed and settled in shared D1 batches), so a slow
 * endpoint holds up none of the others. After the last attempt the message is retried once more
 * without delay: past `max_retries` it moves to the dead-letter queue, whose handler records it.
 */
async function handleWebhookDeliveries(messages: readonly Message<unknown>[], env: Bindings): Promise<void> {
  const valid: { message: Message<unknown>; body: WebhookDeliveryMessage }[] = [];
  for (const message of messages) {
    const parsed = WebhookDeliveryMessage.safeParse(message.body);
    if (parsed.success) valid.push({ message, body: parsed.data });
    else {
      log('error', 'queue.invalid_message', { messageId: message.id });
      message.ack();
    }
  }
  const outcomes = await deliverWebhooks(
    env,
    valid.map((v) => v.body),
  );
  valid.forEach(({ message, body }, i) => {
    const outcome = outcomes[i]!;
    if (outcome.status === 'rejected') {
      log('warn', 'queue.retry', {
        messageId: message.id,
        attempts: message.attempts,
        type: body.type,
        ...describeError(outcome.reason),
      });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    } else if ('retrySeconds' in outcome.value) message.retry({ delaySeconds: outcome.value.retrySeconds });
    else if ('deadLetter' in outcome.value) message.retry();
    else message.ack();
  });
}

async function handleWebhookDeadLetters(messages: readonly Message<unknown>[], env: Bindings): Promise<void> {
  for (const message of messages) {
    const parsed = WebhookDeliveryMessage.safeParse(message.body);
    try {
      if (parsed.success) await recordDeadLetter(env, parsed.data);
      else log('error', 'queue.dead_letter', { messageId: message.id, attempts: message.attempts });
      message.ack();
    } catch (err) {
      log('warn', 'queue.retry', {
        messageId: message.id,
        attempts: message.attempts,
        ...describeError(err),
      });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
