// `/api/v1/messages` (API scope `messages`): send a message to a list (idempotent with the
// `Idempotency-Key` header), list messages and show one with its recipient totals, page through
// its recipients (EU recipients by pseudonym only), and cancel it before it is sent.

import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { identities } from '../../db/consent-queries';
import { withIdempotency } from '../../db/idempotency';
import { recipientPage } from '../../db/message-recipients';
import {
  cancelMessage,
  listMessages,
  type MessageRow,
  type MessageTotals,
  messageTotals,
  profileFilterOf,
  requireMessage,
} from '../../db/messages';
import { tenantKeys } from '../../db/tenants';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { errorResponses, ListOf, PageQuery } from '../../shared/schemas/common';
import { CreateMessage, MessageView, RecipientView } from '../../shared/schemas/messages';
import type { ProfileFilter } from '../../shared/sending/profile-filter';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { createListMessage } from '../sending/create';
import { apiRoute, IdParam, json, jsonBody } from './openapi-helpers';

const tags = ['Messages'];
const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'A retry with the same key creates and sends nothing twice' }),
});

const create = apiRoute('messages', {
  method: 'post',
  path: '/',
  tags,
  summary: 'Send a message to the lawful recipients of a list, now or at `sendAt`',
  request: { headers: IdempotencyHeader, body: jsonBody(CreateMessage) },
  responses: { 201: json(MessageView, 'Queued or scheduled'), ...errorResponses(403, 404, 409, 413) },
});
const list = apiRoute('messages', {
  method: 'get',
  path: '/',
  tags,
  summary: 'Messages, newest first, with their totals',
  request: { query: PageQuery },
  responses: { 200: json(ListOf(MessageView, 'MessagePage'), 'A page of messages'), ...errorResponses(403) },
});
const show = apiRoute('messages', {
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One message with its bodies and totals (queued, sent, failed, skipped by reason)',
  request: { params: IdParam },
  responses: { 200: json(MessageView, 'The message'), ...errorResponses(403, 404) },
});
const recipients = apiRoute('messages', {
  method: 'get',
  path: '/{id}/recipients',
  tags,
  summary: 'The recipients of a message and their outcomes (EU recipients by pseudonym)',
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: json(ListOf(RecipientView, 'MessageRecipientPage'), 'A page of recipients'),
    ...errorResponses(403, 404),
  },
});
const cancel = apiRoute('messages', {
  method: 'post',
  path: '/{id}/cancel',
  tags,
  summary: 'Cancel a message before it is sent: recipients not yet being sent to are skipped',
  request: { params: IdParam },
  responses: { 200: json(MessageView, 'Cancelled'), ...errorResponses(403, 404, 409) },
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

function messageView(
  m: MessageRow,
  totals: MessageTotals,
  withBodies = false,
  profile: ProfileFilter | null = null,
): MessageView {
  return {
    id: m.id,
    listId: m.listId,
    subject: m.subject,
    fromName: m.fromName,
    status: m.status,
    sendAt: iso(m.sendAt),
    createdAt: m.createdAt.toISOString(),
    cancelledAt: iso(m.cancelledAt),
    finishedAt: iso(m.finishedAt),
    selectionComplete: m.selectedAt !== null,
    totals,
    ...(withBodies ? { html: m.bodyHtml, text: m.bodyText, profile } : {}),
  };
}

async function viewOf(c: Context<AppEnv>, m: MessageRow, withBodies = false) {
  const totals = await messageTotals(c.get('store').db, m.tenantId, [m.id]);
  const profile =
    withBodies && m.profileFilterCt
      ? await profileFilterOf(await tenantKeys(c.env.MASTER_KEY, c.get('tenant')), m)
      : null;
  return messageView(m, totals.get(m.id)!, withBodies, profile);
}

export const messageRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(create, async (c) => {
    const input = c.req.valid('json');
    const store = c.get('store');
    const tenant = c.get('tenant');
    const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
    const answer = await withIdempotency(
      store.db,
      keys,
      c.req.header('idempotency-key'),
      { method: 'POST', path: '/messages', body: input },
      async () => {
        const { message, events } = await createListMessage(c.env, store, keys, input);
        dispatchEventsAfterResponse(c, store.region, events);
        return { status: 201, body: await viewOf(c, message, true) };
      },
    );
    if (answer.replayed) c.header('idempotent-replayed', 'true');
    return c.json(answer.body as MessageView, 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const { db } = c.get('store');
    const tenantId = c.get('tenant').id;
    const page = await listMessages(db, tenantId, q.cursor, q.limit);
    const totals = await messageTotals(
      db,
      tenantId,
      page.rows.map((m) => m.id),
    );
    return c.json(
      { data: page.rows.map((m) => messageView(m, totals.get(m.id)!)), nextCursor: page.nextCursor },
      200,
    );
  })
  .openapi(show, async (c) => {
    const message = await requireMessage(c.get('store').db, c.get('tenant').id, c.req.valid('param').id);
    return c.json(await viewOf(c, message, true), 200);
  })
  .openapi(recipients, async (c) => {
    const { db } = c.get('store');
    const tenant = c.get('tenant');
    const message = await requireMessage(db, tenant.id, c.req.valid('param').id);
    const q = c.req.valid('query');
    const after = decodeCursor(q.cursor)?.id ?? '';
    const rows = await recipientPage(db, tenant.id, message.id, after, q.limit + 1);
    const page = rows.slice(0, q.limit);
    const people = page.flatMap((r) =>
      r.pseudonym !== null && r.homeRegion !== null && r.emailCt !== null
        ? [{ id: r.subscriberId, pseudonym: r.pseudonym, homeRegion: r.homeRegion, emailCt: r.emailCt }]
        : [],
    );
    const who = await identities(db, await tenantKeys(c.env.MASTER_KEY, tenant), people);
    const last = page[page.length - 1];
    return c.json(
      {
        data: page.map((r) => ({
          subscriberId: r.subscriberId,
          pseudonym: r.pseudonym,
          email: who.get(r.subscriberId)?.email ?? null,
          status: r.status,
          skipReason: r.skipReason,
          errorCode: r.errorCode,
          attempts: r.attempts,
          mailMessageId: r.mailMessageId,
          sentAt: iso(r.sentAt),
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor({ k: 0, id: last.subscriberId }) : null,
      },
      200,
    );
  })
  .openapi(cancel, async (c) => {
    const store = c.get('store');
    const { message, events } = await cancelMessage(store.db, c.get('tenant').id, c.req.valid('param').id);
    dispatchEventsAfterResponse(c, store.region, events);
    return c.json(await viewOf(c, message), 200);
  });
