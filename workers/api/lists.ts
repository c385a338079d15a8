// `/api/v1/lists`: what people subscribe to, its purpose, lawful basis and single or double
// opt-in; and `/api/v1/profile-fields`, where a special-category field is refused with a 422.

import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  createList,
  createProfileField,
  findList,
  listLists,
  listProfileFields,
  updateList,
} from '../../db/lists';
import { errorResponses, ListOf, PageQuery } from '../../shared/schemas/common';
import { List, ListInput, ListPatch, ProfileField, ProfileFieldInput } from '../../shared/schemas/lists';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { requireScope } from './auth';
import { fieldView, listView } from './views';
import { IdParam, json, jsonBody, security } from './openapi-helpers';

const createListRoute = createRoute({
  method: 'post',
  path: '/lists',
  tags: ['Lists'],
  summary: 'Define a list',
  security,
  request: { body: jsonBody(ListInput) },
  responses: { 201: json(List, 'The list'), ...errorResponses(403) },
});
const listListsRoute = createRoute({
  method: 'get',
  path: '/lists',
  tags: ['Lists'],
  summary: 'The lists of the tenant, newest first',
  security,
  request: { query: PageQuery },
  responses: { 200: json(ListOf(List, 'ListPage'), 'A page of lists'), ...errorResponses(403) },
});
const getListRoute = createRoute({
  method: 'get',
  path: '/lists/{id}',
  tags: ['Lists'],
  summary: 'One list',
  security,
  request: { params: IdParam },
  responses: { 200: json(List, 'The list'), ...errorResponses(403, 404) },
});
const patchListRoute = createRoute({
  method: 'patch',
  path: '/lists/{id}',
  tags: ['Lists'],
  summary: 'Change a list',
  security,
  request: { params: IdParam, body: jsonBody(ListPatch) },
  responses: { 200: json(List, 'The changed list'), ...errorResponses(403, 404) },
});
const createFieldRoute = createRoute({
  method: 'post',
  path: '/profile-fields',
  tags: ['Profile fields'],
  security,
  summary: 'Define a profile field (special categories of data are refused)',
  request: { body: jsonBody(ProfileFieldInput) },
  responses: { 201: json(ProfileField, 'The field'), ...errorResponses(403, 409, 422) },
});
const listFieldsRoute = createRoute({
  method: 'get',
  path: '/profile-fields',
  tags: ['Profile fields'],
  summary: 'The profile fields of the tenant',
  security,
  request: { query: PageQuery },
  responses: {
    200: json(ListOf(ProfileField, 'ProfileFieldPage'), 'A page of fields'),
    ...errorResponses(403),
  },
});

export const listRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
for (const path of ['/lists', '/lists/*', '/profile-fields', '/profile-fields/*'])
  listRoutes.use(path, requireScope('subscribers'));
listRoutes
  .openapi(createListRoute, async (c) =>
    c.json(listView(await createList(c.get('store').db, c.get('tenant').id, c.req.valid('json'))), 201),
  )
  .openapi(listListsRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await listLists(c.get('store').db, c.get('tenant').id, q.cursor, q.limit);
    return c.json({ data: page.rows.map(listView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getListRoute, async (c) =>
    c.json(listView(await findList(c.get('store').db, c.get('tenant').id, c.req.valid('param').id)), 200),
  )
  .openapi(patchListRoute, async (c) =>
    c.json(
      listView(
        await updateList(c.get('store').db, c.get('tenant').id, c.req.valid('param').id, c.req.valid('json')),
      ),
      200,
    ),
  )
  .openapi(createFieldRoute, async (c) =>
    c.json(
      fieldView(await createProfileField(c.get('store').db, c.get('tenant').id, c.req.valid('json'))),
      201,
    ),
  )
  .openapi(listFieldsRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await listProfileFields(c.get('store').db, c.get('tenant').id, q.cursor, q.limit);
    return c.json({ data: page.rows.map(fieldView), nextCursor: page.nextCursor }, 200);
  });
