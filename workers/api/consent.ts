// The consent log API: `GET /api/v1/consent-events` (filters, cursor pages), and per subscriber
// the current status per list, the verification of its hash chain, and the ISO/IEC TS 27560-
// shaped consent record. Subscribers appear under their pseudonym (EU) everywhere.

import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  identities,
  listConsentEvents,
  requireSubscriber,
  subscriberConsent,
  subscriberEvents,
} from '../../db/consent-queries';
import { verifyConsentChain } from '../../db/consent-log';
import { noticesByIds } from '../../db/notice-queries';
import { tenantKeys } from '../../db/tenants';
import { consentReceipt } from '../../shared/consent-record';
import { errorResponses, ListOf, PageQuery } from '../../shared/schemas/common';
import {
  ChainVerdictView,
  ConsentEventQuery,
  ConsentEventView,
  ConsentRecordView,
} from '../../shared/schemas/consent-events';
import { SubscriptionView } from '../../shared/schemas/subscribers';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { requireScope } from './auth';
import { eventView, subscriptionView } from './views';
import { IdParam, json, security } from './openapi-helpers';

const eventsRoute = createRoute({
  method: 'get',
  path: '/consent-events',
  tags: ['Consent log'],
  summary: 'Consent events, newest first, filtered',
  security,
  request: { query: PageQuery.extend(ConsentEventQuery.shape) },
  responses: {
    200: json(ListOf(ConsentEventView, 'ConsentEventPage'), 'A page of events'),
    ...errorResponses(403),
  },
});
const statusRoute = createRoute({
  method: 'get',
  path: '/subscribers/{id}/consent',
  tags: ['Consent log'],
  summary: 'Current consent status per list',
  security,
  request: { params: IdParam },
  responses: {
    200: json(z.object({ subscriberId: z.string(), data: z.array(SubscriptionView) }), 'Status per list'),
    ...errorResponses(403, 404),
  },
});
const chainRoute = createRoute({
  method: 'get',
  path: '/subscribers/{id}/consent-chain',
  tags: ['Consent log'],
  security,
  summary: "Verify the hash chain of a subscriber's consent events (detects edited and deleted events)",
  request: { params: IdParam },
  responses: { 200: json(ChainVerdictView, 'The verdict'), ...errorResponses(403, 404) },
});
const recordRoute = createRoute({
  method: 'get',
  path: '/subscribers/{id}/consent-record',
  tags: ['Consent log'],
  security,
  summary: 'ISO/IEC TS 27560-shaped consent receipt (JSON-LD, DPV vocabulary)',
  request: { params: IdParam },
  responses: { 200: json(ConsentRecordView, 'The receipt'), ...errorResponses(403, 404) },
});

export const consentRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
for (const path of [
  '/consent-events',
  '/subscribers/:id/consent',
  '/subscribers/:id/consent-chain',
  '/subscribers/:id/consent-record',
]) {
  consentRoutes.use(path, requireScope('consent'));
}
consentRoutes
  .openapi(eventsRoute, async (c) => {
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
  })
  .openapi(statusRoute, async (c) => {
    const { db } = c.get('store');
    const s = await requireSubscriber(db, c.get('tenant').id, c.req.valid('param').id);
    const rows = await subscriberConsent(db, s.tenantId, s.id);
    return c.json(
      { subscriberId: s.id, data: rows.map((r) => subscriptionView(r.subscription, r.list)) },
      200,
    );
  })
  .openapi(chainRoute, async (c) => {
    const { db } = c.get('store');
    const s = await requireSubscriber(db, c.get('tenant').id, c.req.valid('param').id);
    return c.json(await verifyConsentChain(db, s.tenantId, s.id), 200);
  })
  .openapi(recordRoute, async (c) => {
    const { db } = c.get('store');
    const tenant = c.get('tenant');
    const s = await requireSubscriber(db, tenant.id, c.req.valid('param').id);
    const [rows, events] = await Promise.all([
      subscriberConsent(db, tenant.id, s.id),
      subscriberEvents(db, tenant.id, s.id),
    ]);
    const notices = await noticesByIds(
      db,
      tenant.id,
      events.map((e) => e.noticeId).filter((id): id is string => id !== null),
    );
    const receipt = consentReceipt({
      origin: new URL(c.req.url).origin,
      issuedAt: new Date(),
      subscriber: { id: s.id, pseudonym: s.pseudonym },
      events,
      notices,
      tenant: {
        id: tenant.id,
        name: tenant.name,
        region: tenant.region,
        controller: tenant.settings.controller,
      },
      lists: rows.map((r) => ({
        ...r.list,
        status: r.subscription.status,
        consent: r.subscription.consent,
        decisiveEventId: r.subscription.consentEventId,
      })),
    });
    return c.json(receipt as ConsentRecordView, 200);
  });
