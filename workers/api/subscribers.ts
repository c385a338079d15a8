// `/api/v1/subscribers` (API scope `subscribers`): insert one subscriber with consent evidence
// (idempotent with the `Idempotency-Key` header), bulk import, and the listings, where EU
// subscribers appear under their pseudonym only; the consent routes of one subscriber
// (`subscriber-consent.ts`, scope `consent`) are mounted here too.

import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { insertSubscriber } from '../../db/api-subscribers';
import { identities, identityOf, listSubscribers, requireSubscriber } from '../../db/consent-queries';
import { withIdempotency } from '../../db/idempotency';
import { evaluateHomeRegionRules, setHomeRegionByApi } from '../../db/home-region-changes';
import { importSubscribers } from '../../db/subscriber-import';
import { tenantKeys } from '../../db/tenants';
import { chunk } from '../../db/client';
import { AppError } from '../../shared/errors';
import { errorResponses, ListOf, PageQuery } from '../../shared/schemas/common';
import {
  ImportInput,
  ImportReport,
  SubscriberCreated,
  SubscriberInput,
  HomeRegionPatch,
  RuleEvaluationInput,
  RuleEvaluationReport,
  SubscriberView,
} from '../../shared/schemas/subscribers';
import type { AppEnv } from '../env';
import { actorOf } from '../http/actor';
import { validationHook } from '../http/errors';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { sendConfirmationIfDue } from '../mail/confirmation';
import { requestAuditEntry } from './audit-trail';
import { apiRoute, IdParam, json, jsonBody } from './openapi-helpers';
import { subscriberConsentRoutes } from './subscriber-consent';
import { subscriberView, subscriptionView } from './views';

const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'A retry with the same key creates nothing twice' }),
});

const createSubscriberRoute = apiRoute('subscribers', {
  method: 'post',
  path: '/',
  tags: ['Subscribers'],
  summary: 'Insert a subscriber with the consent evidence you collected (mandatory for consent-based lists)',
  request: { headers: IdempotencyHeader, body: jsonBody(SubscriberInput) },
  responses: {
    201: json(SubscriberCreated, 'Created'),
    200: json(SubscriberCreated, 'Existing subscriber, consent recorded'),
    ...errorResponses(403, 409, 413, 422),
  },
});
const importRoute = apiRoute('subscribers', {
  method: 'post',
  path: '/import',
  tags: ['Subscribers'],
  summary:
    'Import up to 10,000 rows, each with evidence or marked consentUnknown; erased addresses are refused per row',
  request: { headers: IdempotencyHeader, body: jsonBody(ImportInput) },
  responses: {
    200: json(ImportReport, 'What was created, updated and refused'),
    ...errorResponses(403, 409, 413),
  },
});
const listRoute = apiRoute('subscribers', {
  method: 'get',
  path: '/',
  tags: ['Subscribers'],
  summary: 'Subscribers, newest first (EU: pseudonym only)',
  request: { query: PageQuery },
  responses: {
    200: json(ListOf(SubscriberView, 'SubscriberPage'), 'A page of subscribers'),
    ...errorResponses(403),
  },
});
const patchRoute = apiRoute('subscribers', {
  method: 'patch',
  path: '/{id}',
  tags: ['Subscribers'],
  summary: 'Set where a subscriber lives (source `api`); the reports move with it in the same transaction',
  request: { params: IdParam, body: jsonBody(HomeRegionPatch) },
  responses: { 200: json(SubscriberView, 'The subscriber'), ...errorResponses(400, 403, 404, 409) },
});
const evaluateRoute = apiRoute('subscribers', {
  method: 'post',
  path: '/home-regions/evaluate',
  tags: ['Subscribers'],
  summary:
    'Apply the tenant setting homeRegionRules to existing subscribers, one page per call (source `rule`; a region set otherwise is never turned from EU into non-EU)',
  request: { body: jsonBody(RuleEvaluationInput) },
  responses: { 200: json(RuleEvaluationReport, 'What changed'), ...errorResponses(400, 403, 409) },
});
const getRoute = apiRoute('subscribers', {
  method: 'get',
  path: '/{id}',
  tags: ['Subscribers'],
  summary: 'One subscriber (EU: pseudonym only)',
  request: { params: IdParam },
  responses: { 200: json(SubscriberView, 'The subscriber'), ...errorResponses(403, 404) },
});

async function createSubscriber(c: Context<AppEnv>, input: SubscriberInput) {
  const { db, region } = c.get('store');
  const tenant = c.get('tenant');
  const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
  const answer = await withIdempotency(
    db,
    keys,
    c.req.header('idempotency-key'),
    { method: 'POST', path: '/subscribers', body: input },
    async () => {
      // The audit row goes in the capture's write batch: the trail has nothing left to write.
      const r = await insertSubscriber(db, keys, input, actorOf(c), tenant.settings, (created) =>
        requestAuditEntry(c, created ? 201 : 200),
      );
      c.set('audited', true);
      if (r.awaitingConfirmation.length) {
        await sendConfirmationIfDue(c.env, {
          region,
          tenant,
          subscriberId: r.subscriber.id,
          email: r.email,
          lists: r.lists.filter((l) => r.awaitingConfirmation.includes(l.id)),
          language: r.subscriber.language,
          formId: null,
        });
      }
      const who = identityOf(r.subscriber, r.email);
      const body: SubscriberCreated = {
        subscriber: subscriberView(r.subscriber, who),
        created: r.created,
        eventIds: r.eventIds,
        subscriptions: r.subscriptions.map((s) =>
          subscriptionView(
            s,
            r.lists.find((l) => l.id === s.listId),
          ),
        ),
      };
      dispatchEventsAfterResponse(c, region, r.outbox);
      return { status: r.created ? 201 : 200, body };
    },
  );
  if (answer.replayed) c.header('idempotent-replayed', 'true');
  return answer;
}

async function runImport(c: Context<AppEnv>, input: ImportInput) {
  const { db, d1, region } = c.get('store');
  const tenant = c.get('tenant');
  const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
  return withIdempotency(
    db,
    keys,
    c.req.header('idempotency-key'),
    { method: 'POST', path: '/subscribers/import', body: input },
    async () => {
      const { awaitingConfirmation, outbox, ...report } = await importSubscribers(
        db,
        d1,
        keys,
        input,
        tenant.settings,
      );
      // Confirmation mails for double opt-in lists go through the queue: ids only, sent by the consumer.
      for (const part of chunk(awaitingConfirmation, 100)) {
        await c.env.EVENTS.sendBatch(
          part.map((a) => ({
            body: {
              type: 'confirmation-mail' as const,
              region,
              tenantId: tenant.id,
              subscriberId: a.subscriberId,
              listIds: a.listIds,
              language: a.language,
              formId: null,
            },
          })),
        );
      }
      dispatchEventsAfterResponse(c, region, outbox);
      return { status: 200, body: report };
    },
  );
}

export const subscriberRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route('/', subscriberConsentRoutes)
  .openapi(createSubscriberRoute, async (c) => {
    const answer = await createSubscriber(c, c.req.valid('json'));
    return c.json(answer.body as SubscriberCreated, answer.status as 201);
  })
  .openapi(importRoute, async (c) =>
    c.json((await runImport(c, c.req.valid('json'))).body as ImportReport, 200),
  )
  .openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const { db } = c.get('store');
    const page = await listSubscribers(db, c.get('tenant').id, q.cursor, q.limit);
    const who = await identities(db, await tenantKeys(c.env.MASTER_KEY, c.get('tenant')), page.rows);
    return c.json(
      { data: page.rows.map((s) => subscriberView(s, who.get(s.id)!)), nextCursor: page.nextCursor },
      200,
    );
  })
  .openapi(getRoute, async (c) => {
    const { db } = c.get('store');
    const s = await requireSubscriber(db, c.get('tenant').id, c.req.valid('param').id);
    const who = await identities(db, await tenantKeys(c.env.MASTER_KEY, c.get('tenant')), [s]);
    return c.json(subscriberView(s, who.get(s.id)!), 200);
  })
  .openapi(patchRoute, async (c) => {
    const { db, region } = c.get('store');
    const keys = await tenantKeys(c.env.MASTER_KEY, c.get('tenant'));
    const body = c.req.valid('json');
    const { subscriber, events } = await setHomeRegionByApi(db, keys, c.req.valid('param').id, {
      region: body.homeRegion,
      country: body.country ?? null,
    });
    dispatchEventsAfterResponse(c, region, events);
    const who = await identities(db, keys, [subscriber]);
    return c.json(subscriberView(subscriber, who.get(subscriber.id)!), 200);
  })
  .openapi(evaluateRoute, async (c) => {
    const { db, region } = c.get('store');
    const tenant = c.get('tenant');
    const rules = tenant.settings.homeRegionRules;
    if (!rules)
      throw new AppError(
        'conflict',
        'No home-region rules are set: set homeRegionRules in the tenant settings.',
      );
    const input = c.req.valid('json');
    const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
    const { events, ...report } = await evaluateHomeRegionRules(
      db,
      keys,
      rules,
      input.after ?? '',
      input.limit,
    );
    dispatchEventsAfterResponse(c, region, events);
    return c.json(report, 200);
  });
