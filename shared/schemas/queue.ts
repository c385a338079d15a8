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

export const QueueMessage = z.discriminatedUnion('type', [OutboxEventMessage]);
export type QueueMessage = z.infer<typeof QueueMessage>;
