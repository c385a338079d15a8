// Queue message bodies, validated by the consumer: the events queue's discriminated union by
// `type`, and the webhook deliveries queue's one message type.

import { z } from 'zod';

const Region = z.enum(['eu', 'us']);

export const OutboxEventMessage = z.object({
  type: z.literal('outbox-event'),
  region: Region,
  tenantId: z.string().min(1),
  eventId: z.string().min(1),
  eventType: z.string().min(1),
});
export type OutboxEventMessage = z.infer<typeof OutboxEventMessage>;

/** A tracked-link click, recorded after the redirect so the click itself never waits on a write. */
export const ClickRecordedMessage = z.object({
  type: z.literal('click-recorded'),
  region: Region,
  tenantId: z.string().min(1),
  clickId: z.string().min(1),
  subscriberId: z.string().min(1),
  messageId: z.string().min(1).nullable(),
  listId: z.string().min(1),
  clickedAt: z.number().int().positive(),
  country: z.string().length(2).nullable(),
  isEu: z.boolean().nullable(),
  outcome: z.enum(['redirect', 'consent_page']),
  automated: z.boolean(),
});
export type ClickRecordedMessage = z.infer<typeof ClickRecordedMessage>;

/** A double opt-in mail whose first send failed: ids only, the address is read from the database. */
export const ConfirmationMailMessage = z.object({
  type: z.literal('confirmation-mail'),
  region: Region,
  tenantId: z.string().min(1),
  subscriberId: z.string().min(1),
  listIds: z.array(z.string()).min(1),
  language: z.string().nullable(),
  formId: z.string().nullable(),
});
export type ConfirmationMailMessage = z.infer<typeof ConfirmationMailMessage>;

/** Selects the next page of a message's recipients (subscriber ids above `after`) and fans out. */
export const MessageSelectMessage = z.object({
  type: z.literal('message-select'),
  region: Region,
  tenantId: z.string().min(1),
  messageId: z.string().min(1),
  after: z.string().max(64),
});
export type MessageSelectMessage = z.infer<typeof MessageSelectMessage>;

/** Up to MESSAGE_SEND_BATCH recipients of one message to compose and send: ids only. */
export const MESSAGE_SEND_BATCH = 100;
export const MessageSendMessage = z.object({
  type: z.literal('message-send'),
  region: Region,
  tenantId: z.string().min(1),
  messageId: z.string().min(1),
  subscriberIds: z.array(z.string().min(1).max(64)).min(1).max(MESSAGE_SEND_BATCH),
});
export type MessageSendMessage = z.infer<typeof MessageSendMessage>;

/**
 * One webhook delivery to send (queue `tm-webhook-deliveries`): ids only, the body is built and
 * signed at send time. `round` is the delivery's replay round, so a message of an earlier round is
 * recognised as stale.
 */
export const WebhookDeliveryMessage = z.object({
  type: z.literal('webhook-delivery'),
  region: Region,
  tenantId: z.string().min(1),
  deliveryId: z.string().min(1),
  round: z.number().int().positive(),
});
export type WebhookDeliveryMessage = z.infer<typeof WebhookDeliveryMessage>;

/** Messages of the events queue `tm-privacy-events`. */
export const QueueMessage = z.discriminatedUnion('type', [
  OutboxEventMessage,
  ClickRecordedMessage,
  ConfirmationMailMessage,
  MessageSelectMessage,
  MessageSendMessage,
]);
export type QueueMessage = z.infer<typeof QueueMessage>;
