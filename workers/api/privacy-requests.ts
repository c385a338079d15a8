// /api/v1/privacy-requests: file, list, show, and act on privacy requests (verify, confirm,
// reject, extend, pause, resume, complete). Every state change is one batch with its outbox event;
// the events reach the queue after the response.

import { OpenAPIHono, type z, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { OutboxRef } from '../../db/outbox';
import { getPrivacyRequest, listPrivacyRequests, requestHistory } from '../../db/privacy-requests';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { errorResponses } from '../../shared/schemas/common';
import {
  Confirmation,
  CreatePrivacyRequest,
  ExtendBody,
  ListPrivacyRequestsQuery,
  NoteBody,
  PrivacyRequest,
  PrivacyRequestList,
  RejectBody,
  RequestIdParam,
} from '../../shared/schemas/privacy-requests';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import {
  completePrivacyRequest,
  confirmIdentity,
  confirmPrivacyRequest,
  extendPrivacyRequest,
  filePrivacyRequest,
  pausePrivacyRequest,
  rejectPrivacyRequest,
  resumePrivacyRequest,
  subjectFor,
  type PrivacyCtx,
} from '../privacy/service';
import { actorOf, actorLabel } from '../http/actor';
import { presentRequest } from './privacy-request-view';
import { apiRoute, json, jsonBody } from './openapi-helpers';

const tags = ['Privacy requests'];
const body = <T extends z.ZodType>(schema: T) => ({ body: jsonBody(schema) });

/** The service context of one API request; `events` collects what it writes, to hand exactly that on. */
const ctxOf = (c: Context<AppEnv>): PrivacyCtx & { events: OutboxRef[] } => ({
  env: c.env,
  store: c.get('store'),
  tenant: c.get('tenant'),
  events: [],
});
const handOver = (c: Context<AppEnv>, ctx: { events: OutboxRef[] }) =>
  dispatchEventsAfterResponse(c, c.get('region'), ctx.events);
/** Who filed a request through the API: the key (client systems) or the signed-in user. */
const filedBy = (c: Context<AppEnv>) => {
  const actor = actorOf(c);
  return actor.type === 'api_key' ? { apiKeyId: actor.id } : { adminUserId: actor.id };
};
const load = (c: Context<AppEnv>, id: string) => getPrivacyRequest(c.get('store').db, c.get('tenant').id, id);

/** An action on one request; a body that only carries an optional note may be left out. */
function action<B extends z.ZodType>(
  path: string,
  summary: string,
  schema: B,
  ok: z.ZodType = PrivacyRequest,
) {
  return apiRoute('privacy_requests', {
    method: 'post',
    path,
    tags,
    summary,
    request: { params: RequestIdParam, body: jsonBody(schema, (schema as z.ZodType) !== NoteBody) },
    responses: { 200: json(ok, 'The request after the change'), ...errorResponses(404, 409) },
  } satisfies RouteConfig);
}

const create = apiRoute('privacy_requests', {
  method: 'post',
  path: '/',
  tags,
  summary: 'File a privacy request for a subscriber or an address',
  request: body(CreatePrivacyRequest),
  responses: {
    201: json(PrivacyRequest, 'Filed'),
    200: json(PrivacyRequest, 'An open request of the same kind and subject existed: merged into it'),
    ...errorResponses(404),
  },
});
const list = apiRoute('privacy_requests', {
  method: 'get',
  path: '/',
  tags,
  summary: 'List privacy requests, newest first',
  request: { query: ListPrivacyRequestsQuery },
  responses: { 200: json(PrivacyRequestList, 'One page'), ...errorResponses() },
});
const show = apiRoute('privacy_requests', {
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One privacy request with its status history',
  request: { params: RequestIdParam },
  responses: { 200: json(PrivacyRequest, 'The request'), ...errorResponses(404) },
});

export const privacyRequestRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

privacyRequestRoutes
  .openapi(create, async (c) => {
    const input = c.req.valid('json');
    const ctx = ctxOf(c);
    const subject = await subjectFor(ctx, input);
    const filed = await filePrivacyRequest(ctx, {
      kind: input.kind,
      channel: 'api',
      subscriberId: subject.subscriberId,
      subjectIndex: subject.subjectIndex,
      requester: subject.requester,
      language: input.language ?? subject.language,
      verified: input.verified,
      actor: actorLabel(c),
      evidence: { ...input.evidence, ...filedBy(c) },
    });
    handOver(c, ctx);
    return filed.merged
      ? c.json(presentRequest(filed.request), 200)
      : c.json(presentRequest(filed.request), 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const cursor = decodeCursor(q.cursor);
    const page = await listPrivacyRequests(c.get('store').db, c.get('tenant').id, {
      status: q.status,
      kind: q.kind,
      channel: q.channel,
      dueBefore: q.dueBefore ? new Date(q.dueBefore) : undefined,
      limit: q.limit,
      after: cursor ? { at: Number(cursor.k), id: cursor.id } : null,
    });
    return c.json(
      {
        data: page.rows.map((r) => presentRequest(r)),
        nextCursor: page.next ? encodeCursor({ k: page.next.at, id: page.next.id }) : null,
      },
      200,
    );
  })
  .openapi(show, async (c) => {
    const request = await load(c, c.req.valid('param').id);
    return c.json(
      presentRequest(request, await requestHistory(c.get('store').db, request.tenantId, request.id)),
      200,
    );
  })
  .openapi(
    action(
      '/{id}/verify',
      "Vouch for the requester's identity (Art. 12(6)): a request awaiting confirmation opens and its clock starts",
      NoteBody,
    ),
    async (c) => {
      const ctx = ctxOf(c);
      const done = await confirmIdentity(
        ctx,
        await load(c, c.req.valid('param').id),
        actorLabel(c),
        c.req.valid('json')?.note,
      );
      handOver(c, ctx);
      return c.json(presentRequest(done), 200);
    },
  )
  .openapi(
    action(
      '/{id}/confirm',
      'Carry the request out now (erasure, access, portability)',
      NoteBody,
      Confirmation,
    ),
    async (c) => {
      const ctx = ctxOf(c);
      const done = await confirmPrivacyRequest(
        ctx,
        await load(c, c.req.valid('param').id),
        actorLabel(c),
        c.req.valid('json')?.note,
      );
      handOver(c, ctx);
      return c.json(
        {
          request: presentRequest(done.request),
          export: done.export && { url: done.export.url, expiresAt: done.export.expiresAt.toISOString() },
          erased: done.erased,
        },
        200,
      );
    },
  )
  .openapi(
    action('/{id}/reject', 'Refuse the request with a reason from the fixed list', RejectBody),
    async (c) => {
      const { reason, text } = c.req.valid('json');
      const ctx = ctxOf(c);
      const done = await rejectPrivacyRequest(
        ctx,
        await load(c, c.req.valid('param').id),
        actorLabel(c),
        reason,
        text,
      );
      handOver(c, ctx);
      return c.json(presentRequest(done), 200);
    },
  )
  .openapi(
    action('/{id}/extend', 'Extend the due date once (Art. 12(3)); the requester is told why', ExtendBody),
    async (c) => {
      const { days, reason } = c.req.valid('json');
      const ctx = ctxOf(c);
      const done = await extendPrivacyRequest(
        ctx,
        await load(c, c.req.valid('param').id),
        actorLabel(c),
        days,
        reason,
      );
      handOver(c, ctx);
      return c.json(presentRequest(done), 200);
    },
  )
  .openapi(
    action('/{id}/pause', 'Stop the clock (e.g. waiting for information from the requester)', NoteBody),
    async (c) => {
      const ctx = ctxOf(c);
      const done = await pausePrivacyRequest(
        ctx,
        await load(c, c.req.valid('param').id),
        actorLabel(c),
        c.req.valid('json')?.note,
      );
      handOver(c, ctx);
      return c.json(presentRequest(done), 200);
    },
  )
  .openapi(
    action('/{id}/resume', 'Start the clock again; due dates move by the pause', NoteBody),
    async (c) => {
      const ctx = ctxOf(c);
      const done = await resumePrivacyRequest(
        ctx,
        await load(c, c.req.valid('param').id),
        actorLabel(c),
        c.req.valid('json')?.note,
      );
      handOver(c, ctx);
      return c.json(presentRequest(done), 200);
    },
  )
  .openapi(
    action('/{id}/complete', 'Mark done a request the client fulfilled itself', NoteBody),
    async (c) => {
      const ctx = ctxOf(c);
      const done = await completePrivacyRequest(
        ctx,
        await load(c, c.req.valid('param').id),
        actorLabel(c),
        c.req.valid('json')?.note,
      );
      handOver(c, ctx);
      return c.json(presentRequest(done), 200);
    },
  );
