// `/c/:token`: the double opt-in link. GET (and HEAD) only shows a page with one button, because
// mail scanners fetch every link of a message; the person's press of that button POSTs to the same
// URL, which confirms and records a `confirmation` event with the press's own time, place, IP and
// user agent. Automated clients never confirm, even by POST; a second confirmation says so.

import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { confirmSubscriptions } from '../../db/double-opt-in';
import { regional, type RegionalStore } from '../../db/regions';
import { findSubscriber } from '../../db/subscribers';
import { findTenant, tenantKeys, type Tenant } from '../../db/tenants';
import { isAutomatedRequest } from '../../shared/automated-clients';
import { type Branding, brandingOf } from '../../shared/branding';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import { type PageLanguage, pageLanguage } from '../../shared/pages/languages';
import { openToken, tokenRegion } from '../../shared/tokens';
import type { AppEnv } from '../env';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { confirmedPage, confirmQuestionPage, signUpGonePage } from './confirm-page';
import { invalidLinkPage, stalePage } from './pages/message';
import { pageFormBodyLimit, postedFromOurPage } from './pages/form-posts';
import { clientIp, requestGeo } from './request-context';

const ConfirmPayload = z.object({
  t: z.string().min(1),
  s: z.string().min(1),
  l: z.array(z.string().min(1)).min(1),
  f: z.string().nullish(),
});

type C = Context<AppEnv, '/:token'>;
type ConfirmLink = {
  store: RegionalStore;
  tenant: Tenant;
  payload: z.infer<typeof ConfirmPayload>;
  lang: PageLanguage;
  branding: Branding;
};

/** Opens the link's token and finds its sign-up; a page (in the person's language) when either fails. */
async function openConfirmLink(c: C): Promise<ConfirmLink | Response> {
  const accept = c.req.header('accept-language');
  const token = c.req.param('token');
  const region = tokenRegion(token);
  const ring = await masterKeyring(c.env.MASTER_KEY);
  const opened = region ? await openToken(ring, token, 'confirm').catch(() => null) : null;
  const parsed = ConfirmPayload.safeParse(opened?.payload);
  if (!region || !parsed.success) return invalidLinkPage(c, pageLanguage(accept), 400);
  const store = regional(c.env, region);
  const payload = parsed.data;
  const tenant = await findTenant(store.db, payload.t);
  if (!tenant) return signUpGonePage(c, { lang: pageLanguage(accept), branding: null });
  const branding = brandingOf(tenant);
  const subscriber = await findSubscriber(store.db, tenant.id, payload.s);
  if (!subscriber) return signUpGonePage(c, { lang: pageLanguage(accept), branding });
  return { store, tenant, payload, branding, lang: pageLanguage(accept, subscriber.language) };
}

export const confirmRoutes = new Hono<AppEnv>();

confirmRoutes.get('/:token', async (c) => {
  const link = await openConfirmLink(c);
  if (link instanceof Response) return link;
  return confirmQuestionPage(c, link);
});

confirmRoutes.post('/:token', pageFormBodyLimit, async (c) => {
  const link = await openConfirmLink(c);
  if (link instanceof Response) return link;
  const retryPath = `/c/${c.req.param('token')}`;
  if (!postedFromOurPage(c)) return stalePage(c, { ...link, retryPath, status: 403 });
  // A scanner that submits forms sees the question again; only a person's press confirms.
  if (isAutomatedRequest(c.req.method, c.req.raw.headers)) return confirmQuestionPage(c, link);
  const keys = await tenantKeys(c.env.MASTER_KEY, link.tenant);
  const { payload } = link;
  const outcome = await confirmSubscriptions(link.store.db, keys, payload.s, payload.l, {
    occurredAt: new Date(),
    geo: requestGeo(c),
    ip: clientIp(c),
    userAgent: c.req.header('user-agent') ?? null,
    formId: payload.f ?? null,
  }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'gone') return null;
    throw err;
  });
  if (!outcome) return signUpGonePage(c, link);
  dispatchEventsAfterResponse(c, link.store.region, outcome.outbox);
  return confirmedPage(c, link, outcome.alreadyConfirmed);
});
