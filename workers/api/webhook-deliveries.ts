// /api/v1/webhook-deliveries (scope `webhooks`): the delivery log (every attempt with its status,
// duration and error, never a response body) and the replay of one delivery.

import { OpenAPIHono } from '@hono/zod-openapi';
import { deliveryAttempts, getDelivery, listDeliveries, replayDeliveries } from '../../db/webhook-deliveries';
import { getEndpoint } from '../../db/webhook-endpoints';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { AppError } from '../../shared/errors';
import { errorResponses } from '../../shared/schemas/common';
import {
  ListWebhookDeliveriesQuery,
  WebhookDelivery,
  WebhookDeliveryList,
} from '../../shared/schemas/webhooks';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { enqueueCommitted } from '../queue/webhook-messages';
import { apiRoute, IdParam, json } from './openapi-helpers';
import { deliveryView } from './webhook-views';

const tags = ['Webhooks'];

const list = apiRoute('webhooks', {
  method: 'get',
  path: '/',
  tags,
  summary: 'Webhook deliveries, newest first, by endpoint, status, event type and time',
  request: { query: ListWebhookDeliveriesQuery },
  responses: { 200: json(WebhookDeliveryList, 'A page of deliveries'), ...errorResponses(403) },
});
const show = apiRoute('webhooks', {
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One delivery with every attempt',
  request: { params: IdParam },
  responses: { 200: json(WebhookDelivery, 'The delivery and its attempts'), ...errorResponses(403, 404) },
});
const replay = apiRoute('webhooks', {
  method: 'post',
  path: '/{id}/replay',
  tags,
  summary: 'Send one delivery again, in a new round of up to 8 attempts (same webhook-id)',
  request: { params: IdParam },
  responses: { 202: json(WebhookDelivery, 'Queued again'), ...errorResponses(403, 404, 409) },
});

export const webhookDeliveryRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

webhookDeliveryRoutes
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const cursor = decodeCursor(q.cursor);
    const page = await listDeliveries(c.get('store').db, c.get('tenant').id, {
      endpointId: q.endpointId,
      status: q.status,
      eventType: q.eventType,
      since: q.since ? new Date(q.since) : undefined,
      limit: q.limit,
      after: cursor ? { at: Number(cursor.k), id: cursor.id } : null,
    });
    return c.json(
      {
        data: page.rows.map((d) => deliveryView(d)),
        nextCursor: page.next ? encodeCursor({ k: page.next.at, id: page.next.id }) : null,
      },
      200,
    );
  })
  .openapi(show, async (c) => {
    const { db } = c.get('store');
    const tenantId = c.get('tenant').id;
    const delivery = await getDelivery(db, tenantId, c.req.valid('param').id);
    if (!delivery) throw new AppError('not_found', 'No such webhook delivery.');
    return c.json(deliveryView(delivery, await deliveryAttempts(db, tenantId, delivery.id)), 200);
  })
  .openapi(replay, async (c) => {
    const { db } = c.get('store');
    const tenantId = c.get('tenant').id;
    const delivery = await getDelivery(db, tenantId, c.req.valid('param').id);
    if (!delivery) throw new AppError('not_found', 'No such webhook delivery.');
    if (!(await getEndpoint(db, tenantId, delivery.endpointId)).active)
      throw new AppError(
        'conflict',
        'Its endpoint is disabled: enable it first (PATCH with {"enabled": true}).',
      );
    const [ref] = await replayDeliveries(db, tenantId, [delivery.id], new Date());
    if (!ref)
      throw new AppError(
        'conflict',
        'An attempt of this delivery is in flight; replay it once it has settled.',
      );
    await enqueueCommitted(c.env, c.get('region'), [ref]);
    const after = await getDelivery(db, tenantId, delivery.id);
    return c.json(deliveryView(after ?? delivery), 202);
  });
