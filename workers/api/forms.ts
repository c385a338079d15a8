// `/api/v1/forms`: edge forms (lists, fields, notice text and language, thank-you and error
// pages, allowed origins; API scope `subscribers`). Changing a form's notice text publishes a new
// version; events keep pointing at the version the person saw.

import { OpenAPIHono, z } from '@hono/zod-openapi';
import { createForm, findForm, formNotice, listForms, updateForm } from '../../db/forms';
import { AppError } from '../../shared/errors';
import { errorResponses, ListOf, PageQuery } from '../../shared/schemas/common';
import { Form, FormInput, FormPatch } from '../../shared/schemas/forms';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, IdParam, json, jsonBody } from './openapi-helpers';
import { formView } from './views';

const createFormRoute = apiRoute(
  { scope: 'subscribers', permission: 'marketing.write' },
  {
    method: 'post',
    path: '/',
    tags: ['Forms'],
    summary: 'Define an edge form',
    request: { body: jsonBody(FormInput) },
    responses: { 201: json(Form, 'The form with its action and embed URLs'), ...errorResponses(403) },
  },
);
const listFormsRoute = apiRoute(
  { scope: 'subscribers', permission: 'marketing.read' },
  {
    method: 'get',
    path: '/',
    tags: ['Forms'],
    summary: 'The forms of the tenant',
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
  },
);
const getFormRoute = apiRoute(
  { scope: 'subscribers', permission: 'marketing.read' },
  {
    method: 'get',
    path: '/{id}',
    tags: ['Forms'],
    summary: 'One form with its current notice',
    request: { params: IdParam },
    responses: { 200: json(Form, 'The form'), ...errorResponses(403, 404) },
  },
);
const patchFormRoute = apiRoute(
  { scope: 'subscribers', permission: 'marketing.write' },
  {
    method: 'patch',
    path: '/{id}',
    tags: ['Forms'],
    summary: 'Change a form (a changed notice text becomes a new version)',
    request: { params: IdParam, body: jsonBody(FormPatch) },
    responses: { 200: json(Form, 'The changed form'), ...errorResponses(403, 404) },
  },
);

const origin = (url: string) => new URL(url).origin;

export const formApiRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
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
  });
