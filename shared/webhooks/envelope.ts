// The body of a webhook, per the Standard Webhooks envelope: `{type, timestamp, data}`. `data`
// holds the payload version, the event id, the subject with its sequence number, and the facts
// of the type's schema; anything else in a stored payload is left out. The same schemas document
// the `webhooks` section of the OpenAPI document, so what is sent is what is documented.

import { z } from 'zod';
import { EVENT_CATALOGUE, type EventType, SUBJECT_TYPES } from './catalogue';

/** An outbox event as the delivery reads it. */
export type StoredEvent = {
  id: string;
  tenantId: string;
  type: EventType;
  subjectType: string;
  subjectId: string;
  seq: number | null;
  occurredAt: Date;
  payload: Record<string, unknown>;
};

const hasSubscriber = (type: EventType) => 'subscriberId' in EVENT_CATALOGUE[type].facts.shape;

const Subject = z
  .object({
    type: z.enum(SUBJECT_TYPES),
    id: z.string(),
    sequence: z.number().int().nonnegative().meta({
      description:
        'Position of this event among the events about the same subject (1, 2, …): order by it, not by arrival. 0 for events written before sequences existed.',
    }),
  })
  .meta({ id: 'WebhookSubject' });

const SubscriberEmail = z.email().optional().meta({
  description:
    'Only on endpoints with `includeSubscriberEmail`, and only for a subscriber whose home region is known to be outside the EU; never for an EU subscriber.',
});

/** The zod schema of the whole body of one event type (documentation and the send path). */
export function envelopeSchema(type: EventType) {
  const spec = EVENT_CATALOGUE[type];
  const data = z.object({
    schemaVersion: z.literal(spec.version),
    eventId: z.string(),
    tenantId: z.string(),
    subject: Subject,
    ...spec.facts.shape,
    ...(hasSubscriber(type) ? { subscriberEmail: SubscriberEmail } : {}),
  });
  return z.object({
    type: z.literal(type),
    timestamp: z.iso.datetime().meta({ description: 'When the event occurred (not when it was sent)' }),
    data,
  });
}

const schemas = new Map<EventType, ReturnType<typeof envelopeSchema>>();
const schemaOf = (type: EventType) => {
  const known = schemas.get(type);
  if (known) return known;
  const schema = envelopeSchema(type);
  schemas.set(type, schema);
  return schema;
};

/** The subscriber an event is about, if its type names one (for the optional address). */
export function eventSubscriberId(event: StoredEvent): string | null {
  if (!hasSubscriber(event.type)) return null;
  const id = event.payload.subscriberId;
  return typeof id === 'string' && id ? id : null;
}

/**
 * The JSON body sent for `event`; throws a ZodError when the stored payload does not satisfy the
 * type's schema (a defect: the delivery records it rather than send an undocumented shape).
 */
export function webhookBody(event: StoredEvent, extra: { subscriberEmail?: string } = {}): string {
  const spec = EVENT_CATALOGUE[event.type];
  const body = schemaOf(event.type).parse({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: {
      ...event.payload,
      schemaVersion: spec.version,
      eventId: event.id,
      tenantId: event.tenantId,
      subject: { type: event.subjectType, id: event.subjectId, sequence: event.seq ?? 0 },
      ...(extra.subscriberEmail && hasSubscriber(event.type)
        ? { subscriberEmail: extra.subscriberEmail }
        : {}),
    },
  });
  return JSON.stringify(body);
}
