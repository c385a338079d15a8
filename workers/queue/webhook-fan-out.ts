// The outbox event's way to the client systems: receipt is recorded once, then one delivery row
// per matching endpoint (unique per endpoint and event, so a redelivered message adds none) and
// one queue message per delivery, so that a slow endpoint never holds up another.

import { receiveOutboxEvent } from '../../db/outbox';
import { regional } from '../../db/regions';
import { createDeliveries } from '../../db/webhook-deliveries';
import { log } from '../../shared/log';
import type { OutboxEventMessage } from '../../shared/schemas/queue';
import { isEventType } from '../../shared/webhooks/catalogue';
import type { Bindings } from '../env';
import { enqueueDeliveries } from './webhook-messages';

export async function fanOutEvent(env: Bindings, msg: OutboxEventMessage, now = new Date()): Promise<void> {
  const { db } = regional(env, msg.region);
  const { first, event, endpoints } = await receiveOutboxEvent(db, msg.tenantId, msg.eventId);
  // A conditional event (a home-region fill another request made first) may never have been written.
  if (!event) {
    log('info', 'outbox.no_such_event', { eventId: msg.eventId, eventType: msg.eventType });
    return;
  }
  if (!isEventType(event.type)) {
    log('error', 'outbox.unknown_event_type', { eventId: event.id, eventType: event.type });
    return;
  }
  // Deliveries not yet attempted are sent again on a redelivery: the claim makes a duplicate harmless.
  const deliveries = await createDeliveries(db, { ...event, type: event.type }, now, endpoints);
  await enqueueDeliveries(env, msg.region, deliveries);
  // The receipt is a row; a line says only what the row does not: deliveries made or a redelivery.
  if (first && deliveries.length === 0) return;
  log('info', 'outbox.received', {
    eventId: msg.eventId,
    eventType: event.type,
    redelivery: !first,
    deliveries: deliveries.length,
  });
}
