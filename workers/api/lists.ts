// `/api/v1/lists`: what people subscribe to, its purpose, lawful basis and single or double
// opt-in (API scope `subscribers`).

import { OpenAPIHono } from '@hono/zod-openapi';
import { createList, findList, listLists, updateList } from '../../db/lists';
import { errorResponses, ListOf, PageQuery } from '../../shared/schemas/common';
import { List, ListInput, ListPatch } from '../../shared/schemas/lists';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, IdParam, json, jsonBody } from './openapi-helpers';
import { listView } from './views';

const createListRoute = apiRoute(
  { scope: 'subscribers', permission: 'marketing.write' },
  {
    method: 'post',
    path: '/',
    tags: ['Lists'],
    summary: 'Define a list',
    request: { body: jsonBody(ListInput) },
    responses: { 201: json(List, 'The list'), ...errorResponses(403) },
  },
);
const listListsRoute = apiRoute(
  { scope: 'subscribers', permission: 'marketing.read' },
  {
    method: 'get',
    path: '/',
    tags: ['Lists'],
    summary: 'The lists of the tenant, newest first',
    request: { query: PageQuery },
    responses: { 200: json(ListOf(List, 'ListPage'), 'A page of lists'), ...errorResponses(403) },
  },
);
const getListRoute = apiRoute(
  { scope: 'subscribers', permission: 'marketing.read' },
  {
    method: 'get',
    path: '/{id}',
    tags: ['Lists'],
    summary: 'One list',
    request: { params: IdParam },
    responses: { 200: json(List, 'The list'), ...errorResponses(403, 404) },
  },
);
const patchListRoute = apiRoute(
  { scope: 'subscribers', permission: 'marketing.write' },
  {
    method: 'patch',
    path: '/{id}',
    tags: ['Lists'],
    summary: 'Change a list',
    request: { params: IdParam, body: jsonBody(ListPatch) },
    responses: { 200: json(List, 'The changed list'), ...errorResponses(403, 404) },
  },
);

export const listRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
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
  );
