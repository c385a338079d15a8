// `/api/v1/profile-fields`: the profile fields a tenant collects; a special-category field is
// refused with a 422 (API scope `subscribers`).

import { OpenAPIHono } from '@hono/zod-openapi';
import { createProfileField, listProfileFields } from '../../db/lists';
import { errorResponses, ListOf, PageQuery } from '../../shared/schemas/common';
import { ProfileField, ProfileFieldInput } from '../../shared/schemas/lists';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, json, jsonBody } from './openapi-helpers';
import { fieldView } from './views';

const createFieldRoute = apiRoute(
  { scope: 'subscribers', permission: 'marketing.write' },
  {
    method: 'post',
    path: '/',
    tags: ['Profile fields'],
    summary: 'Define a profile field (special categories of data are refused)',
    request: { body: jsonBody(ProfileFieldInput) },
    responses: { 201: json(ProfileField, 'The field'), ...errorResponses(403, 409, 422) },
  },
);
const listFieldsRoute = apiRoute(
  { scope: 'subscribers', permission: 'marketing.read' },
  {
    method: 'get',
    path: '/',
    tags: ['Profile fields'],
    summary: 'The profile fields of the tenant',
    request: { query: PageQuery },
    responses: {
      200: json(ListOf(ProfileField, 'ProfileFieldPage'), 'A page of fields'),
      ...errorResponses(403),
    },
  },
);

export const profileFieldRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
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
