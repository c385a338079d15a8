// The requester's links: `/v/:token` confirms a privacy request (Art. 12(6)): GET shows a page
// with a button, so mail scanners that prefetch links confirm nothing, and POST confirms.
// `/x/:token` downloads an access or portability export, once the identity is confirmed.

import type { OutboxRef } from '../../db/outbox';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { buildPersonalExport } from '../../db/privacy-export';
import { findPrivacyRequest } from '../../db/privacy-requests';
import { regionalForToken } from '../../db/regions';
import { findTenant, tenantKeys } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import { personalExportArchive } from '../../shared/personal-export';
import { openToken, type TokenPurpose } from '../../shared/tokens';
import type { AppEnv, Bindings } from '../env';
import { verifyPrivacyRequest, type PrivacyCtx } from '../privacy/service';
import { escapeHtml, messagePage, page } from './pages';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';

const Payload = z.object({
  t: z.string().min(1),
  r: z.string().min(1),
  f: z.enum(['json', 'zip']).optional(),
});

/** The tenant, store and request a link names; one error for every way a link can be bad. */
async function fromToken(env: Bindings, token: string, purpose: TokenPurpose) {
  const invalid = new AppError('invalid_token', 'This link is not valid or has expired.');
  const store = regionalForToken(env, token);
  const opened = await openToken(await masterKeyring(env.MASTER_KEY), token, purpose);
  const payload = Payload.safeParse(opened.payload);
  if (!payload.success) throw invalid;
  const tenant = await findTenant(store.db, payload.data.t);
  const request = tenant ? await findPrivacyRequest(store.db, tenant.id, payload.data.r) : undefined;
  if (!tenant || !request) throw invalid;
  const ctx: PrivacyCtx = { env, store, tenant };
  return { ctx, request, format: payload.data.f ?? 'json' };
}

/** A request closed without being carried out (rejected, or never confirmed in time). */
const closedPage = (tenantName: string) =>
  messagePage({
    title: 'Request closed',
    body: `This request to ${tenantName} is closed and cannot be confirmed any more. If you still want it, make a new request.`,
  });

export const privacyLinks = new Hono<AppEnv>();

const privateHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('cache-control', 'no-store');
  c.header('x-robots-tag', 'noindex');
  c.header('referrer-policy', 'no-referrer');
};
privacyLinks.use('/v/*', privateHeaders);
privacyLinks.use('/x/*', privateHeaders);

privacyLinks.get('/v/:token', async (c) => {
  const { ctx, request } = await fromToken(c.env, c.req.param('token'), 'request_verify');
  if (request.status === 'rejected') return c.html(closedPage(ctx.tenant.name));
  if (request.status !== 'awaiting_verification')
    return c.html(
      messagePage({
        title: 'Already confirmed',
        body: `Your request to ${ctx.tenant.name} is confirmed. Nothing else to do.`,
      }),
    );
  return c.html(
    page({
      title: 'Confirm your request',
      bodyHtml:
        `<h1>Confirm your request</h1><p>${escapeHtml(ctx.tenant.name)} received a privacy request (${escapeHtml(request.kind)}) in your name. Confirm it only if you made it.</p>` +
        `<form method="post"><div class="actions"><button type="submit">Yes, I made this request</button></div></form>`,
    }),
  );
});

privacyLinks.post('/v/:token', async (c) => {
  const { ctx, request } = await fromToken(c.env, c.req.param('token'), 'request_verify');
  if (request.status === 'rejected') return c.html(closedPage(ctx.tenant.name));
  const events: OutboxRef[] = [];
  await verifyPrivacyRequest({ ...ctx, events }, request);
  dispatchEventsAfterResponse(c, ctx.store.region, events);
  return c.html(
    messagePage({
      title: 'Thank you',
      body: `Your request to ${ctx.tenant.name} is confirmed. You will hear from us when it has been carried out.`,
    }),
  );
});

privacyLinks.get('/x/:token', async (c) => {
  const { ctx, request, format } = await fromToken(c.env, c.req.param('token'), 'request_export');
  if (!request.verifiedAt || request.status === 'awaiting_verification' || request.status === 'rejected') {
    throw new AppError('forbidden', 'This download opens once the request has been confirmed.');
  }
  const data = await buildPersonalExport(
    ctx.store.db,
    await tenantKeys(c.env.MASTER_KEY, ctx.tenant),
    request,
  );
  const name = `personal-data-${request.id}`;
  if (format === 'zip') {
    return c.body(personalExportArchive(data), 200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${name}.zip"`,
    });
  }
  return c.body(JSON.stringify(data, null, 2), 200, {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.json"`,
  });
});
