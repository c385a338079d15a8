// POST /api/v1/links: mints tracked links (one per destination) for a subscriber, a message and
// a list; each link goes through the edge intercept at `GET /l/:token`.

import { OpenAPIHono } from '@hono/zod-openapi';
import { mintTrackedLinks } from '../../db/links';
import { masterKeyring } from '../../shared/crypto/keyring';
import { errorResponses } from '../../shared/schemas/common';
import { CreatedLinks, CreateLinks } from '../../shared/schemas/links';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, json, jsonBody } from './openapi-helpers';

const createLinks = apiRoute('links', {
  method: 'post',
  path: '/',
  tags: ['Links'],
  summary: 'Mint tracked links',
  description:
    'Mints one tracked link per destination. The token is sealed: it carries the tenant region, subscriber, message, list and destination, unreadable to whoever sees the URL. A click from the EU (or from everyone, per tenant setting `intercept`) by a subscriber without valid consent for the list shows a consent page; every other click is a direct redirect.',
  request: { body: jsonBody(CreateLinks) },
  responses: {
    201: json(CreatedLinks, 'The links, in the order of the destinations'),
    ...errorResponses(403, 404),
  },
});

export const linkRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createLinks,
  async (c) => {
    const body = c.req.valid('json');
    const links = await mintTrackedLinks(
      c.get('store').db,
      await masterKeyring(c.env.MASTER_KEY),
      c.get('tenant').id,
      c.env.PUBLIC_ORIGIN,
      {
        subscriberId: body.subscriberId,
        listId: body.listId,
        messageId: body.messageId,
        destinations: body.destinations ?? [body.destination!],
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
      },
    );
    return c.json({ links }, 201);
  },
);
