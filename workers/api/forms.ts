// `/api/v1/forms`: edge forms (lists, fields, notice text and language, thank-you and error
// pages, allowed origins) and `/api/v1/notices`: versioned notice texts. Changing a notice text
// publishes a new version; events keep pointing at the version the person saw.

import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createForm, findForm, formNotice, listForms, updateForm } from '../../db/forms';
import { listNotices } from '../../db/notice-queries';
import { publishNotice } from '../../db/notices';
import { AppError } from '../../shared/errors';
import { errorResponses, ListOf, PageQuery } from '../../shared/schemas/common';
import { Form, FormInput, FormPatch } from '../../shared/schemas/forms';
import { Notice, NoticeInput, NoticeQuery } from '../../shared/schemas/lists';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { requireScope } from './auth';
import { formView, noticeView } from './views';
import { IdParam, json, jsonBody, security } from './openapi-helpers';

const createFormRoute = createRoute({
  method: 'post',
  path: '/forms',
  tags: ['Forms'],
  summary: 'Define an edge form',
  security,
  request: { body: jsonBody(FormInput) },
  responses: { 201: json(Form, 'The form with its action and embed URLs'), ...errorResponses(403) },
});
const listFormsRoute = createRoute({
  method: 'get',
  path: '/forms',
  tags: ['Forms'],
  summary: 'The forms of the tenant',
  security,
  request: { query: PageQuery },
  responses: {
    200: json(
      ListOf(
        z.object({ id: z.string(), name: z.string(), listIds: z.array(z.string()), createdAt: z.string() }),
        'FormPage',
      ),
      'A page of forms',
    ),
    ...errorResponses(403),
  },
});
const getFormRoute = createRoute({
  method: 'get',
  path: '/forms/{id}',
  tags: ['Forms'],
  summary: 'One form with its current notice',
  security,
  request: { params: IdParam },
  responses: { 200: json(Form, 'The form'), ...errorResponses(403, 404) },
});
const patchFormRoute = createRoute({
  method: 'patch',
  path: '/forms/{id}',
  tags: ['Forms'],
  summary: 'Change a form (a changed notice text becomes a new version)',
  security,
  request: { params: IdParam, body: jsonBody(FormPatch) },
  responses: { 200: json(Form, 'The changed form'), ...errorResponses(403, 404) },
});
const publishNoticeRoute = createRoute({
  method: 'post',
  path: '/notices',
  tags: ['Notices'],
  summary: 'Publish a notice text (an unchanged text keeps its version)',
  security,
  request: { body: jsonBody(NoticeInput) },
  responses: { 200: json(Notice, 'The current version'), ...errorResponses(403) },
});
const listNoticesRoute = createRoute({
  method: 'get',
  path: '/notices',
  tags: ['Notices'],
  summary: 'Published notice versions, newest first',
  security,
  request: { query: PageQuery.extend(NoticeQuery.shape) },
  responses: { 200: json(ListOf(Notice, 'NoticePage'), 'A page of versions'), ...errorResponses(403) },
});

const origin = (url: string) => new URL(url).origin;

export const formApiRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
formApiRoutes.use('/forms/*', requireScope('subscribers'));
formApiRoutes.use('/forms', requireScope('subscribers'));
formApiRoutes.use('/notices', requireScope('consent'));
formApiRoutes
  .openapi(createFormRoute, async (c) => {
    const { form, notice } = await createForm(c.get('store').db, c.get('tenant'), c.req.valid('json'));
    return c.json(formView(form, notice, origin(c.req.url)), 201);
  })
  .openapi(listFormsRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await listForms(c.get('store').db, c.get('tenant').id, q.cursor, q.limit);
    return c.json(
      {
        data: page.rows.map((f) => ({
          id: f.id,
          name: f.name,
          listIds: f.listIds,
          createdAt: f.createdAt.toISOString(),
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  })
  .openapi(getFormRoute, async (c) => {
    const { db } = c.get('store');
    const form = await findForm(db, c.get('tenant').id, c.req.valid('param').id);
    if (!form) throw new AppError('not_found', `Form ${c.req.valid('param').id} does not exist.`);
    return c.json(formView(form, await formNotice(db, form), origin(c.req.url)), 200);
  })
  .openapi(patchFormRoute, async (c) => {
    const { form, notice } = await updateForm(
      c.get('store').db,
      c.get('tenant').id,
      c.req.valid('param').id,
      c.req.valid('json'),
    );
    return c.json(formView(form, notice, origin(c.req.url)), 200);
  })
  .openapi(publishNoticeRoute, async (c) => {
    const n = c.req.valid('json');
    return c.json(
      noticeView(await publishNotice(c.get('store').db, c.get('tenant').id, n.key, n.language, n.text)),
      200,
    );
  })
  .openapi(listNoticesRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await listNotices(c.get('store').db, c.get('tenant').id, q, q.cursor, q.limit);
    return c.json({ data: page.rows.map(noticeView), nextCursor: page.nextCursor }, 200);
  });
