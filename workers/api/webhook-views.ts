// Row → API shapes for webhook endpoints and deliveries. Dates become ISO strings; an endpoint's
// secrets never leave (only creation and rotation answer with the new one).

import type { DeliveryRow, WebhookAttempt } from '../../db/webhook-deliveries';
import type { WebhookEndpoint as EndpointRow } from '../../db/webhook-endpoints';
import type { WebhookDelivery, WebhookEndpoint } from '../../shared/schemas/webhooks';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const endpointView = (e: EndpointRow, now = new Date()): WebhookEndpoint => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes,
  enabled: e.active,
  includeSubscriberEmail: e.includeSubscriberEmail,
  disabledReason: e.disabledReason,
  disabledAt: iso(e.disabledAt),
  failingSince: iso(e.failingSince),
  previousSecretExpiresAt:
    e.previousSecretExpiresAt && e.previousSecretExpiresAt > now
      ? e.previousSecretExpiresAt.toISOString()
      : null,
  createdAt: e.createdAt.toISOString(),
  updatedAt: iso(e.updatedAt),
});

export const deliveryView = (d: DeliveryRow, attempts?: WebhookAttempt[]): WebhookDelivery => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  round: d.round,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  nextAttemptAt: iso(d.nextAttemptAt),
  deliveredAt: iso(d.deliveredAt),
  createdAt: d.createdAt.toISOString(),
  ...(attempts
    ? {
        attemptLog: attempts.map((a) => ({
          round: a.round,
          attempt: a.attempt,
          at: a.at.toISOString(),
          durationMs: a.durationMs,
          statusCode: a.statusCode,
          outcome: a.outcome,
          errorCode: a.errorCode,
          error: a.error,
        })),
      }
    : {}),
});
