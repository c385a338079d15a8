// `GET /l/:token` and `POST /l/:token`: the link intercept. A click is a direct 302 unless the
// tenant's intercept applies to the clicker and the subscriber lacks valid consent for the link's
// list; then a consent page asks, and its POSTed answer is recorded before a 303 onwards. The
// redirect path writes nothing before answering: the click leaves through the click buffer (one
// queue batch per short window) and is written by the queue consumer.

import { Hono, type Context } from 'hono';
import { recordInterceptAnswer } from '../../db/intercept-answers';
import { loadInterceptContext } from '../../db/link-clicks';
import { regional, type RegionalStore } from '../../db/regions';
import { cachedTenant } from '../../db/tenant-cache';
import { tenantKeys, type Tenant } from '../../db/tenants';
import { isAutomatedRequest } from '../../shared/automated-clients';
import { masterKeyring, type MasterKeyring } from '../../shared/crypto/keyring';
import type { Geo } from '../../shared/geo';
import { interceptApplies, openAnswerToken, sealAnswerToken } from '../../shared/intercept-answer';
import { brandingOf } from '../../shared/branding';
import { pageLanguage, type PageLanguage } from '../../shared/pages/languages';
import { readLinkToken, type OpenedLinkClaims } from '../../shared/link-tokens';
import { newId } from '../../shared/regions';
import { InterceptAnswerForm } from '../../shared/schemas/links';
import type { ClickRecordedMessage } from '../../shared/schemas/queue';
import type { AppEnv } from '../env';
import { bufferClick } from './click-buffer';
import { chooseNotice, consentPage, REDIRECT_HEADERS } from './intercept-page';
import { pageFormBodyLimit, postedFromOurPage } from './pages/form-posts';
import { invalidLinkPage, stalePage } from './pages/message';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { notifyRequester } from '../privacy/notify';
import { clientIp, requestGeo } from './request-context';

type C = Context<AppEnv, '/:token'>;
type OpenedLink = {
  ring: MasterKeyring;
  token: string;
  claims: OpenedLinkClaims;
  store: RegionalStore;
  tenant: Tenant;
};

/** The language of our pages for this clicker: only needed off the direct-redirect path. */
const langOf = (c: C): PageLanguage => pageLanguage(c.req.header('accept-language'));

/** Opens the path's token and finds its tenant; a page (never a redirect) when either fails. */
async function openLink(c: C): Promise<OpenedLink | Response> {
  const token = c.req.param('token');
  const ring = await masterKeyring(c.env.MASTER_KEY);
  const claims = await readLinkToken(ring, token).catch(() => null);
  if (!claims) return invalidLinkPage(c, langOf(c), 400);
  const store = regional(c.env, claims.region);
  const tenant = await cachedTenant(store.db, claims.tenantId, Date.now(), (p) =>
    c.executionCtx.waitUntil(p),
  );
  if (!tenant) return invalidLinkPage(c, langOf(c), 404);
  return { ring, token, claims, store, tenant };
}

/** Hands the click to the buffer; it reaches the queue after the response (never before it). */
function queueClick(
  c: C,
  link: OpenedLink,
  clickId: string,
  geo: Geo,
  outcome: ClickRecordedMessage['outcome'],
): void {
  const { claims } = link;
  const message: ClickRecordedMessage = {
    type: 'click-recorded',
    region: claims.region,
    tenantId: claims.tenantId,
    clickId,
    subscriberId: claims.subscriberId,
    messageId: claims.messageId,
    listId: claims.listId,
    clickedAt: Date.now(),
    country: geo.country,
    isEu: geo.isEU,
    outcome,
    automated: isAutomatedRequest(c.req.method, c.req.raw.headers),
  };
  bufferClick(c.env.EVENTS, (p) => c.executionCtx.waitUntil(p), message);
}

/**
 * The redirect onwards. A direct redirect writes no access log line: every click is recorded as
 * a click row, and at campaign scale one log line per click is cost without information.
 */
function redirect(c: C, destination: string, status: 302 | 303) {
  if (status === 302) c.set('quietAccess', true);
  return c.body(null, status, { ...REDIRECT_HEADERS, location: destination });
}

export const intercept = new Hono<AppEnv>();

intercept.get('/:token', async (c) => {
  const link = await openLink(c);
  if (link instanceof Response) return link;
  const { claims, tenant } = link;
  const geo = requestGeo(c);
  const clickId = newId('clk');
  if (!interceptApplies(tenant.settings.intercept, geo)) {
    queueClick(c, link, clickId, geo, 'redirect');
    return redirect(c, claims.destination, 302);
  }
  const context = await loadInterceptContext(link.store.d1, claims);
  const lang = langOf(c);
  const branding = brandingOf(tenant);
  if (!context) return invalidLinkPage(c, lang, 404, branding);
  if (context.consentValid) {
    queueClick(c, link, clickId, geo, 'redirect');
    return redirect(c, claims.destination, 302);
  }
  const notice = await chooseNotice(
    context.notices,
    c.req.header('accept-language'),
    lang,
    branding.name,
    context.list,
  );
  const answerToken = await sealAnswerToken(link.ring, claims.region, link.token, {
    clickId,
    notice,
    language: notice.language,
    pageLanguage: lang,
  });
  queueClick(c, link, clickId, geo, 'consent_page');
  // Like a direct redirect, a consent page shown is a click row (outcome `consent_page`): no access line.
  c.set('quietAccess', true);
  return consentPage(c, {
    lang,
    branding,
    linkToken: link.token,
    answerToken,
    list: context.list,
    notice,
    destination: claims.destination,
  });
});

intercept.post('/:token', pageFormBodyLimit, async (c) => {
  const link = await openLink(c);
  const lang = langOf(c);
  if (link instanceof Response) return link;
  const stale = (status: 400 | 403) =>
    stalePage(c, { lang, branding: brandingOf(link.tenant), retryPath: `/l/${link.token}`, status });
  if (!postedFromOurPage(c)) return stale(403);
  const form = InterceptAnswerForm.safeParse(await c.req.parseBody().catch(() => ({})));
  if (!form.success) return stale(400);
  const answer = await openAnswerToken(link.ring, form.data.answer_token, link.token).catch(() => null);
  if (!answer) return stale(400);
  // Scanners that submit forms are sent on like anyone else, but their "answer" is not one.
  if (isAutomatedRequest(c.req.method, c.req.raw.headers)) return redirect(c, link.claims.destination, 303);
  const outcome = await recordInterceptAnswer(link.store.db, {
    tenant: link.tenant,
    keys: await tenantKeys(c.env.MASTER_KEY, link.tenant),
    claims: link.claims,
    answer: form.data.answer,
    nonce: answer.nonce,
    nonceExpiresAt: new Date(answer.expiresAt),
    clickId: answer.clickId,
    notice: answer.notice,
    language: answer.language,
    pageLanguage: answer.pageLanguage,
    geo: requestGeo(c),
    ip: clientIp(c),
    userAgent: c.req.header('user-agent') ?? null,
    at: new Date(),
  });
  if (outcome.completed)
    await notifyRequester(
      { env: c.env, store: link.store, tenant: link.tenant },
      outcome.completed,
      'completed',
    );
  dispatchEventsAfterResponse(c, link.claims.region, outcome.outbox);
  return redirect(c, link.claims.destination, 303);
});
