// Contracts of the webhook API: endpoints (the secret appears only in the answers to creation and
// rotation), their deliveries with every attempt, test events and replays. The URL policy needs
// the runtime's own host, so it is checked by the route (shared/webhooks/url-policy.ts).

import { z } from 'zod';
import { EVENT_CATALOGUE, isEventFilter, SUBSCRIBABLE_TYPES } from '../webhooks/catalogue';
import { IsoDate, ListOf, PageQuery } from './common';

const EventFilter = z
  .string()
  .max(100)
  .refine(isEventFilter, {
    message: `must be "*", "<namespace>.*" or one of the event types: ${SUBSCRIBABLE_TYPES.join(', ')}`,
  });

const EndpointFields = {
  url: z.string().min(1).max(2048).meta({
    description:
      'A public https URL by host name, port 443 or 8443, without credentials. IP addresses, local names and this service itself are refused.',
    example: 'https://hooks.example.com/tailoredmail',
  }),
  description: z.string().max(500).nullable(),
  eventTypes: z
    .array(EventFilter)
    .min(1)
    .max(50)
    .meta({
      description:
        'What the endpoint receives: `*`, a namespace such as `privacy_request.*`, or event types.',
      example: ['privacy_request.*'],
    }),
  enabled: z.boolean(),
  includeSubscriberEmail: z.boolean().meta({
    description:
      'Adds `data.subscriberEmail` to events about a subscriber whose home region is known to be outside the EU. An EU subscriber’s address is never sent.',
  }),
};

export const CreateWebhookEndpoint = z
  .object({
    url: EndpointFields.url,
    description: EndpointFields.description.default(null),
    eventTypes: EndpointFields.eventTypes.default(['*']),
    enabled: EndpointFields.enabled.default(true),
    includeSubscriberEmail: EndpointFields.includeSubscriberEmail.default(false),
  })
  .strict()
  .meta({ id: 'CreateWebhookEndpoint' });

export const UpdateWebhookEndpoint = z
  .object(EndpointFields)
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'name at least one field to change' })
  .meta({ id: 'UpdateWebhookEndpoint' });
export type UpdateWebhookEndpoint = z.infer<typeof UpdateWebhookEndpoint>;

export const WebhookEndpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    includeSubscriberEmail: z.boolean(),
    disabledReason: z.enum(['gone', 'failing']).nullable().meta({
      description:
        '`gone`: the endpoint answered 410; `failing`: every attempt failed for 5 days; null: enabled, or disabled by you',
    }),
    disabledAt: IsoDate.nullable(),
    failingSince: IsoDate.nullable().meta({ description: 'Start of the current run of failed attempts' }),
    previousSecretExpiresAt: IsoDate.nullable().meta({
      description: 'During a secret rotation: until when the previous secret signs too',
    }),
    createdAt: IsoDate,
    updatedAt: IsoDate.nullable(),
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

const Secret = z.string().meta({
  description:
    'The signing secret, `whsec_` + base64 of 32 random bytes. Shown only in this answer: store it now.',
  example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwhDQ0cmTyTNc=',
});

export const CreatedWebhookEndpoint = WebhookEndpoint.extend({ secret: Secret }).meta({
  id: 'CreatedWebhookEndpoint',
});

export const WebhookEndpointList = ListOf(WebhookEndpoint, 'WebhookEndpointList');

export const RotateSecret = z
  .object({
    previousSecretExpiresInHours: z.number().int().min(0).max(168).optional().meta({
      description:
        'Hours the previous secret keeps signing next to the new one (default 24; 0: it stops at once)',
    }),
  })
  .strict()
  .meta({ id: 'RotateWebhookSecret' });

export const RotatedSecret = z
  .object({ secret: Secret, previousSecretExpiresAt: IsoDate.nullable() })
  .meta({ id: 'RotatedWebhookSecret' });

const DeliveryStatus = z.enum(['pending', 'retrying', 'delivered', 'failed', 'dead']).meta({
  id: 'WebhookDeliveryStatus',
  description:
    '`pending`: not attempted yet; `retrying`: failed, next attempt at `nextAttemptAt`; `delivered`: a 2xx answer; `failed`: stopped early (410, endpoint disabled, URL refused); `dead`: all 8 attempts failed',
});

export const WebhookAttempt = z
  .object({
    round: z.number().int(),
    attempt: z.number().int(),
    at: IsoDate,
    durationMs: z.number().int(),
    statusCode: z.number().int().nullable(),
    outcome: z.enum(['delivered', 'failed']),
    errorCode: z.string().nullable().meta({
      description:
        '`timeout`, `network`, `redirect`, `http_status`, `gone`, `url_refused`, `payload_invalid`, `event_missing`',
    }),
    error: z.string().nullable(),
  })
  .meta({ id: 'WebhookAttempt' });

export const WebhookDelivery = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string().meta({ description: 'Also the `webhook-id` header of every attempt' }),
    eventType: z.enum(Object.keys(EVENT_CATALOGUE) as [string, ...string[]]),
    status: DeliveryStatus,
    round: z.number().int().meta({ description: '1, and one more for each replay' }),
    attempts: z.number().int().meta({ description: 'Attempts in the current round (at most 8)' }),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: IsoDate.nullable(),
    deliveredAt: IsoDate.nullable(),
    createdAt: IsoDate,
    attemptLog: z.array(WebhookAttempt).optional(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryList = ListOf(WebhookDelivery, 'WebhookDeliveryList');

export const ListWebhookDeliveriesQuery = PageQuery.extend({
  endpointId: z.string().max(40).optional(),
  status: DeliveryStatus.optional(),
  eventType: z.string().max(100).optional(),
  since: IsoDate.optional().meta({ description: 'Deliveries created after this time' }),
});

export const ReplayEndpoint = z
  .object({
    since: IsoDate.meta({ description: 'Replay deliveries created at or after this time' }),
    statuses: z
      .array(z.enum(['failed', 'dead']))
      .min(1)
      .default(['failed', 'dead']),
  })
  .strict()
  .meta({ id: 'ReplayWebhookDeliveries' });

export const ReplayResult = z
  .object({
    replayed: z.number().int().meta({ description: 'Deliveries sent again, each in a new round' }),
    more: z.boolean().meta({ description: 'More remain: call again to replay the next ones' }),
  })
  .meta({ id: 'WebhookReplayResult' });

export const TestEventResult = z
  .object({ eventId: z.string(), deliveryId: z.string() })
  .meta({ id: 'WebhookTestEvent' });
