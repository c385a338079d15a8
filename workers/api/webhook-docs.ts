// The OpenAPI 3.1 `webhooks` section: one entry per type of the event catalogue, with the
// Standard Webhooks headers and the body's JSON schema, generated from the zod schemas the
// delivery builds its bodies with (shared/webhooks/envelope.ts).

import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { EVENT_CATALOGUE, EVENT_TYPES } from '../../shared/webhooks/catalogue';
import { envelopeSchema } from '../../shared/webhooks/envelope';

const Headers = z.object({
  'webhook-id': z
    .string()
    .meta({ description: 'The event id: the same on every attempt; use it to drop duplicates' }),
  'webhook-timestamp': z.string().meta({ description: 'Seconds since the epoch when this attempt was made' }),
  'webhook-signature': z.string().meta({
    description:
      '`v1,<base64 HMAC-SHA-256 of "<webhook-id>.<webhook-timestamp>.<body>">`; during a secret rotation one per live secret, space-separated',
  }),
});

export function registerWebhookDocs(registry: OpenAPIHono['openAPIRegistry']): void {
  for (const type of EVENT_TYPES) {
    const spec = EVENT_CATALOGUE[type];
    registry.registerWebhook({
      method: 'post',
      path: type,
      tags: ['Webhook events'],
      summary: spec.summary,
      // Whether an endpoint may subscribe to it (the dashboard offers these types).
      'x-subscribable': spec.fanOut,
      description: `Payload version ${spec.version}; the subject is a ${spec.subject}, and \`data.subject.sequence\` orders the events about it.${spec.fanOut ? '' : ' Sent only to the endpoint a test was asked for.'}`,
      request: {
        headers: Headers,
        body: { content: { 'application/json': { schema: envelopeSchema(type) } }, required: true },
      },
      responses: {
        200: { description: 'Any 2xx answer: delivered (the body is read up to 4 KB and discarded)' },
        410: { description: 'Gone: the endpoint is disabled and its owners are told by mail' },
      },
    });
  }
}
