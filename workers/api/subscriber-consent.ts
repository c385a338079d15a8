// `/api/v1/subscribers/{id}/consent…` (API scope `consent`): per subscriber the current status
// per list, the verification of its hash chain, and the ISO/IEC TS 27560-shaped consent record;
// and `POST /subscribers/lookup`, which finds a subscriber by address through its blind index for
// the consent log. Mounted inside the subscribers sub-app; subscribers appear under their pseudonym.

import { OpenAPIHono, z } from '@hono/zod-openapi';
import { requireSubscriber, subscriberConsent, subscriberEvents } from '../../db/consent-queries';
import { verifyConsentChain } from '../../db/consent-log';
import { noticesByIds } from '../../db/notice-queries';
import { consentReceipt } from '../../shared/consent-record';
import { errorResponses } from '../../shared/schemas/common';
import { addressIndex, findSubscriberByBlindIndex } from '../../db/subscribers';
import { tenantKeys } from '../../db/tenants';
import { AppError } from '../../shared/errors';
import {
  ChainVerdictView,
  ConsentRecordView,
  SubscriberLookupInput,
  SubscriberRefView,
} from '../../shared/schemas/consent-events';
import { SubscriptionView } from '../../shared/schemas/subscribers';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, IdParam, json, jsonBody } from './openapi-helpers';
import { subscriptionView } from './views';

const statusRoute = apiRoute('consent', {
  method: 'get',
  path: '/{id}/consent',
  tags: ['Consent log'],
  summary: 'Current consent status per list',
  request: { params: IdParam },
  responses: {
    200: json(z.object({ subscriberId: z.string(), data: z.array(SubscriptionView) }), 'Status per list'),
    ...errorResponses(403, 404),
  },
});
const chainRoute = apiRoute('consent', {
  method: 'get',
  path: '/{id}/consent-chain',
  tags: ['Consent log'],
  summary: "Verify the hash chain of a subscriber's consent events (detects edited and deleted events)",
  request: { params: IdParam },
  responses: { 200: json(ChainVerdictView, 'The verdict'), ...errorResponses(403, 404) },
});
const recordRoute = apiRoute('consent', {
  method: 'get',
  path: '/{id}/consent-record',
  tags: ['Consent log'],
  summary: 'ISO/IEC TS 27560-shaped consent receipt (JSON-LD, DPV vocabulary)',
  request: { params: IdParam },
  responses: { 200: json(ConsentRecordView, 'The receipt'), ...errorResponses(403, 404) },
});

// A POST so the address travels in the body, never in a URL or an access log; it reads, so the
// consent log's readers may use it (and every use is audited as a read of a person's data).
const lookupRoute = apiRoute(
  { scope: 'consent', permission: 'consent.read' },
  {
    method: 'post',
    path: '/lookup',
    tags: ['Consent log'],
    summary: "Find a subscriber by address (through the address's blind index): id and pseudonym",
    request: { body: jsonBody(SubscriberLookupInput) },
    responses: { 200: json(SubscriberRefView, 'The subscriber'), ...errorResponses(403, 404) },
  },
);

export const subscriberConsentRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(lookupRoute, async (c) => {
    const { db } = c.get('store');
    const tenant = c.get('tenant');
    const { index } = await addressIndex(
      await tenantKeys(c.env.MASTER_KEY, tenant),
      c.req.valid('json').email,
    );
    const s = await findSubscriberByBlindIndex(db, tenant.id, index);
    if (!s) throw new AppError('not_found', 'No subscriber has this address.');
    return c.json({ id: s.id, pseudonym: s.pseudonym }, 200);
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
