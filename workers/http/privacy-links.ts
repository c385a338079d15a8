// The requester's links: `/v/:token` confirms a privacy request (Art. 12(6)): GET shows a page
// with a button, so mail scanners that prefetch links confirm nothing, and POST (from our page:
// Origin checked; never from a scanner's user agent) confirms. `/x/:token` downloads an access or portability export, once the
// identity is confirmed. Pages speak the browser's language, else the request's.

import { type Context, Hono } from 'hono';
import type { OutboxRef } from '../../db/outbox';
import { z } from 'zod';
import { buildPersonalExport } from '../../db/privacy-export';
import { findPrivacyRequest, type PrivacyRequest } from '../../db/privacy-requests';
import { regional } from '../../db/regions';
import { findTenant, tenantKeys } from '../../db/tenants';
import { type Branding, brandingOf } from '../../shared/branding';
import { isAutomatedRequest } from '../../shared/automated-clients';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import { personalExportArchive } from '../../shared/personal-export';
import { type PageLanguage, pageLanguage } from '../../shared/pages/languages';
import { openToken, tokenRegion, type TokenPurpose } from '../../shared/tokens';
import type { AppEnv } from '../env';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { verifyPrivacyRequest, type PrivacyCtx } from '../privacy/service';
import { invalidLinkPage, stalePage } from './pages/message';
import { pageFormBodyLimit, postedFromOurPage } from './pages/form-posts';
import {
  exportErasedPage,
  exportLockedPage,
  requestClosedPage,
  verifiedPage,
  verifyQuestionPage,
} from './privacy-link-pages';

const Payload = z.object({
  t: z.string().min(1),
  r: z.string().min(1),
  f: z.enum(['json', 'zip']).optional(),
});

type C = Context<AppEnv, '/:token'>;
type RequestLink = {
  ctx: PrivacyCtx;
  request: PrivacyRequest;
  format: 'json' | 'zip';
  lang: PageLanguage;
  branding: Branding;
};

/** The tenant, store and request a link names; the "not valid" page for every way a link can be bad. */
async function openRequestLink(c: C, purpose: TokenPurpose): Promise<RequestLink | Response> {
  const accept = c.req.header('accept-language');
  const token = c.req.param('token');
  const region = tokenRegion(token);
  const ring = await masterKeyring(c.env.MASTER_KEY);
  const opened = region ? await openToken(ring, token, purpose).catch(() => null) : null;
  const payload = Payload.safeParse(opened?.payload);
  if (!region || !payload.success) return invalidLinkPage(c, pageLanguage(accept), 400);
  const store = regional(c.env, region);
  const tenant = await findTenant(store.db, payload.data.t);
  const request = tenant ? await findPrivacyRequest(store.db, tenant.id, payload.data.r) : undefined;
  if (!tenant || !request) return invalidLinkPage(c, pageLanguage(accept), 400);
  return {
    ctx: { env: c.env, store, tenant },
    request,
    format: payload.data.f ?? 'json',
    lang: pageLanguage(accept, request.language),
    branding: brandingOf(tenant),
  };
}

/** Refused by the client, or taken back by the requester: nothing was or will be carried out. */
const closedUnfulfilled = (request: PrivacyRequest) =>
  request.status === 'rejected' || request.status === 'withdrawn';

export const privacyLinks = new Hono<AppEnv>();

privacyLinks.get('/v/:token', async (c) => {
  const link = await openRequestLink(c, 'request_verify');
  if (link instanceof Response) return link;
  if (closedUnfulfilled(link.request)) return requestClosedPage(c, link);
  if (link.request.status !== 'awaiting_verification') return verifiedPage(c, link, true);
  return verifyQuestionPage(c, link, link.request.kind);
});

privacyLinks.post('/v/:token', pageFormBodyLimit, async (c) => {
  const link = await openRequestLink(c, 'request_verify');
  if (link instanceof Response) return link;
  if (!postedFromOurPage(c))
    return stalePage(c, { ...link, retryPath: `/v/${c.req.param('token')}`, status: 403 });
  if (closedUnfulfilled(link.request)) return requestClosedPage(c, link);
  if (link.request.status !== 'awaiting_verification') return verifiedPage(c, link, true);
  // A scanner that submits forms sees the question again; only a person's press confirms.
  if (isAutomatedRequest(c.req.method, c.req.raw.headers))
    return verifyQuestionPage(c, link, link.request.kind);
  const events: OutboxRef[] = [];
  await verifyPrivacyRequest({ ...link.ctx, events }, link.request);
  dispatchEventsAfterResponse(c, link.ctx.store.region, events);
  return verifiedPage(c, link, false);
});

privacyLinks.get('/x/:token', async (c) => {
  const link = await openRequestLink(c, 'request_export');
  if (link instanceof Response) return link;
  const { ctx, request } = link;
  if (!request.verifiedAt || request.status === 'awaiting_verification' || closedUnfulfilled(request))
    return exportLockedPage(c, link);
  const keys = await tenantKeys(c.env.MASTER_KEY, ctx.tenant);
  const data = await buildPersonalExport(ctx.store.db, keys, request).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'gone') return null;
    throw err;
  });
  if (!data) return exportErasedPage(c, link);
  const name = `personal-data-${request.id}`;
  const headers = {
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-robots-tag': 'noindex',
  };
  if (link.format === 'zip') {
    return c.body(personalExportArchive(data), 200, {
      ...headers,
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${name}.zip"`,
    });
  }
  return c.body(JSON.stringify(data, null, 2), 200, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.json"`,
  });
});
