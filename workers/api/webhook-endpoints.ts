// /api/v1/webhook-endpoints (scope `webhooks`): create, list, show, change, delete an endpoint,
// rotate its secret, send it a test event, and replay its failed or dead deliveries. URLs pass the
// SSRF policy (shared/webhooks/url-policy.ts) here, and again before every attempt.

import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { tenantKeys } from '../../db/tenants';
import { createTestDelivery, deliveriesToReplay, replayDeliveries } from '../../db/webhook-deliveries';
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
} from '../../db/webhook-endpoints';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { AppError } from '../../shared/errors';
import { errorResponses, PageQuery } from '../../shared/schemas/common';
import {
  CreatedWebhookEndpoint,
  CreateWebhookEndpoint,
  ReplayEndpoint,
  ReplayResult,
  RotatedSecret,
  RotateSecret,
  TestEventResult,
  UpdateWebhookEndpoint,
  WebhookEndpoint,
  WebhookEndpointList,
} from '../../shared/schemas/webhooks';
import { checkWebhookUrl } from '../../shared/webhooks/url-policy';
import type { AppEnv } from '../env';
import { originOf } from '../http/actor';
import { validationHook } from '../http/errors';
import { enqueueCommitted, webhookUrlPolicy } from '../queue/webhook-messages';
import { apiRoute, IdParam, json, jsonBody } from './openapi-helpers';
import { endpointView } from './webhook-views';

const tags = ['Webhooks'];
/** Deliveries one replay call sends again; the answer says whether more remain. */
const REPLAY_LIMIT = 500;
const DEFAULT_OVERLAP_HOURS = 24;

const create = apiRoute('webhooks', {
  method: 'post',
  path: '/',
  tags,
  summary: 'Add a webhook endpoint; the answer holds its signing secret, shown only this once',
  request: { body: jsonBody(CreateWebhookEndpoint) },
  responses: {
    201: json(CreatedWebhookEndpoint, 'The endpoint and its secret'),
    ...errorResponses(403, 409),
  },
});
const list = apiRoute('webhooks', {
  method: 'get',
  path: '/',
  tags,
  summary: 'The webhook endpoints of the tenant, oldest first',
  request: { query: PageQuery },
  responses: { 200: json(WebhookEndpointList, 'A page of endpoints'), ...errorResponses(403) },
});
const show = apiRoute('webhooks', {
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One webhook endpoint',
  request: { params: IdParam },
  responses: { 200: json(WebhookEndpoint, 'The endpoint'), ...errorResponses(403, 404) },
});
const patch = apiRoute('webhooks', {
  method: 'patch',
  path: '/{id}',
  tags,
  summary: 'Change an endpoint; `enabled: true` takes a disabled one back into use',
  request: { params: IdParam, body: jsonBody(UpdateWebhookEndpoint) },
  responses: { 200: json(WebhookEndpoint, 'The endpoint after the change'), ...errorResponses(403, 404) },
});
const remove = apiRoute('webhooks', {
  method: 'delete',
  path: '/{id}',
  tags,
  summary: 'Delete an endpoint with its delivery log',
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(403, 404) },
});
const rotate = apiRoute('webhooks', {
  method: 'post',
  path: '/{id}/rotate-secret',
  tags,
  summary: 'A new signing secret; the previous one keeps signing next to it for a while (24 h by default)',
  request: { params: IdParam, body: jsonBody(RotateSecret, false) },
  responses: {
    200: json(RotatedSecret, 'The new secret, shown only this once'),
    ...errorResponses(403, 404, 409),
  },
});
const test = apiRoute('webhooks', {
  method: 'post',
  path: '/{id}/test',
  tags,
  summary: 'Send a `webhook_endpoint.test` event to this endpoint only',
  request: { params: IdParam },
  responses: {
    202: json(TestEventResult, 'Queued; follow it in the delivery log'),
    ...errorResponses(403, 404, 409),
  },
});
const replay = apiRoute('webhooks', {
  method: 'post',
  path: '/{id}/replay',
  tags,
  summary: `Send the endpoint's failed and dead deliveries since a time again (up to ${REPLAY_LIMIT} per call)`,
  request: { params: IdParam, body: jsonBody(ReplayEndpoint) },
  responses: {
    202: json(ReplayResult, 'Queued again, each in a new round'),
    ...errorResponses(403, 404, 409),
  },
});

/** The URL as stored (normalised), or a 400 naming why it is refused. */
function allowedUrl(c: Context<AppEnv>, url: string): string {
  const verdict = checkWebhookUrl(url, webhookUrlPolicy(c.env));
  if (verdict.ok) return verdict.url;
  throw new AppError('validation_failed', `Invalid request at url: ${verdict.message}`, [
    { path: 'url', message: verdict.message, reason: verdict.reason },
  ]);
}

async function enabledEndpoint(c: Context<AppEnv>, id: string) {
  const endpoint = await getEndpoint(c.get('store').db, c.get('tenant').id, id);
  if (!endpoint.active)
    throw new AppError(
      'conflict',
      'The endpoint is disabled: enable it first (PATCH with {"enabled": true}).',
    );
  return endpoint;
}

export const webhookEndpointRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

webhookEndpointRoutes
  .openapi(create, async (c) => {
    const input = c.req.valid('json');
    const keys = await tenantKeys(c.env.MASTER_KEY, c.get('tenant'));
    const { endpoint, secret } = await createEndpoint(
      c.get('store').db,
      keys,
      { ...input, url: allowedUrl(c, input.url) },
      originOf(c),
    );
    c.set('audited', true);
    return c.json({ ...endpointView(endpoint), secret }, 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const cursor = decodeCursor(q.cursor);
    const page = await listEndpoints(c.get('store').db, c.get('tenant').id, {
      limit: q.limit,
      after: cursor ? { at: Number(cursor.k), id: cursor.id } : null,
    });
    return c.json(
      {
        data: page.rows.map((e) => endpointView(e)),
        nextCursor: page.next ? encodeCursor({ k: page.next.at, id: page.next.id }) : null,
      },
      200,
    );
  })
  .openapi(show, async (c) =>
    c.json(
      endpointView(await getEndpoint(c.get('store').db, c.get('tenant').id, c.req.valid('param').id)),
      200,
    ),
  )
  .openapi(patch, async (c) => {
    const input = c.req.valid('json');
    const changes = input.url === undefined ? input : { ...input, url: allowedUrl(c, input.url) };
    const keys = await tenantKeys(c.env.MASTER_KEY, c.get('tenant'));
    const endpoint = await updateEndpoint(
      c.get('store').db,
      keys,
      c.req.valid('param').id,
      changes,
      originOf(c),
    );
    c.set('audited', true);
    return c.json(endpointView(endpoint), 200);
  })
  .openapi(remove, async (c) => {
    const keys = await tenantKeys(c.env.MASTER_KEY, c.get('tenant'));
    await deleteEndpoint(c.get('store').db, keys, c.req.valid('param').id, originOf(c));
    c.set('audited', true);
    return c.body(null, 204);
  })
  .openapi(rotate, async (c) => {
    // The body may be left out: the previous secret then signs for 24 hours.
    const hours = c.req.valid('json')?.previousSecretExpiresInHours ?? DEFAULT_OVERLAP_HOURS;
    const keys = await tenantKeys(c.env.MASTER_KEY, c.get('tenant'));
    const rotated = await rotateSecret(c.get('store').db, keys, c.req.valid('param').id, hours, originOf(c));
    c.set('audited', true);
    return c.json(
      {
        secret: rotated.secret,
        previousSecretExpiresAt: rotated.previousSecretExpiresAt?.toISOString() ?? null,
      },
      200,
    );
  })
  .openapi(test, async (c) => {
    // The write checks that the endpoint is the tenant's and enabled; only a refusal reads why.
    const endpoint = { tenantId: c.get('tenant').id, id: c.req.valid('param').id };
    const keys = await tenantKeys(c.env.MASTER_KEY, c.get('tenant'));
    const { eventId, delivery } = await createTestDelivery(
      c.get('store').db,
      keys,
      endpoint,
      originOf(c),
      new Date(),
    ).catch(async (err: unknown) => {
      await enabledEndpoint(c, endpoint.id);
      throw err;
    });
    c.set('audited', true);
    await enqueueCommitted(c.env, c.get('region'), [delivery]);
    return c.json({ eventId, deliveryId: delivery.id }, 202);
  })
  .openapi(replay, async (c) => {
    const { since, statuses } = c.req.valid('json');
    const endpoint = await enabledEndpoint(c, c.req.valid('param').id);
    const { db } = c.get('store');
    const ids = await deliveriesToReplay(
      db,
      endpoint.tenantId,
      endpoint.id,
      new Date(since),
      statuses,
      REPLAY_LIMIT,
    );
    const refs = await replayDeliveries(db, endpoint.tenantId, ids, new Date());
    await enqueueCommitted(c.env, c.get('region'), refs);
    return c.json({ replayed: refs.length, more: ids.length === REPLAY_LIMIT }, 202);
  });
