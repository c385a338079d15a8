// Queue message bodies: a discriminated union by `type`, validated by the consumer.

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

export const QueueMessage = z.discriminatedUnion('type', [OutboxEventMessage, ConfirmationMailMessage]);
export type QueueMessage = z.infer<typeof QueueMessage>;
