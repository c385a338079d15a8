// `GET /api/v1/consent-events`: the consent log across subscribers, filtered, in cursor pages
// (API scope `consent`). Subscribers appear under their pseudonym (EU).

import { OpenAPIHono } from '@hono/zod-openapi';
import { identities, listConsentEvents } from '../../db/consent-queries';
import { tenantKeys } from '../../db/tenants';
import { errorResponses, ListOf, PageQuery } from '../../shared/schemas/common';
import { ConsentEventQuery, ConsentEventView } from '../../shared/schemas/consent-events';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, json } from './openapi-helpers';
import { eventView } from './views';

const eventsRoute = apiRoute('consent', {
  method: 'get',
  path: '/',
  tags: ['Consent log'],
  summary: 'Consent events, newest first, filtered',
  request: { query: PageQuery.extend(ConsentEventQuery.shape) },
  responses: {
    200: json(ListOf(ConsentEventView, 'ConsentEventPage'), 'A page of events'),
    ...errorResponses(403),
  },
});

export const consentEventRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  eventsRoute,
  async (c) => {
    const { cursor, limit, ...filters } = c.req.valid('query');
    const { db } = c.get('store');
    const page = await listConsentEvents(db, c.get('tenant').id, filters, cursor, limit);
    const who = await identities(
      db,
      await tenantKeys(c.env.MASTER_KEY, c.get('tenant')),
      page.rows.map((r) => r.subscriber),
    );
    return c.json(
      {
        data: page.rows.map((r) => eventView(r.event, who.get(r.subscriber.id)!)),
        nextCursor: page.nextCursor,
      },
      200,
    );
  },
);
