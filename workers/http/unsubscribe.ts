// `/u/:token`: the unsubscribe link of one message (purpose `unsubscribe`: tenant, subscriber,
// list, message). GET (and HEAD) shows one button and never unsubscribes (scanners fetch links).
// POST unsubscribes in two ways: RFC 8058 one-click (`List-Unsubscribe=One-Click`, form-encoded
// or multipart) from the mail provider's servers, with no Origin, no cookies and a 200 at once;
// or the page's button, from our page (Origin checked) and not from a scanner.

import { type Context, Hono } from 'hono';
import { and, eq } from 'drizzle-orm';
import { withdrawFromLists } from '../../db/preferences-consent';
import { regional, type RegionalStore } from '../../db/regions';
import { lists, subscriptions } from '../../db/schema';
import { findSubscriber } from '../../db/subscribers';
import { findTenant, tenantKeys, type Tenant } from '../../db/tenants';
import { isAutomatedRequest } from '../../shared/automated-clients';
import { brandingOf } from '../../shared/branding';
import { masterKeyring } from '../../shared/crypto/keyring';
import { mintPreferenceLink, readUnsubscribeToken, type UnsubscribeClaims } from '../../shared/link-tokens';
import { pageLanguage } from '../../shared/pages/languages';
import { ONE_CLICK_BODY } from '../../shared/schemas/preferences';
import type { AppEnv } from '../env';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { notifyRequester } from '../privacy/notify';
import { invalidLinkPage, stalePage } from './pages/message';
import { pageFormBodyLimit, postedFromOurPage } from './pages/form-posts';
import { gonePage, personClick } from './preferences-context';
import { type UnsubscribeFrame, unsubscribedPage, unsubscribeQuestionPage } from './unsubscribe-page';

type C = Context<AppEnv, '/:token'>;
type Opened = {
  claims: UnsubscribeClaims;
  store: RegionalStore;
  tenant: Tenant;
  frame: UnsubscribeFrame;
  inForce: boolean;
};

/** A link to the preference centre from this page: the unsubscribe token proves the same address. */
const PAGE_LINK_TTL_DAYS = 1;

async function openUnsubscribe(c: C): Promise<Opened | Response> {
  const accept = c.req.header('accept-language');
  const ring = await masterKeyring(c.env.MASTER_KEY);
  const claims = await readUnsubscribeToken(ring, c.req.param('token')).catch(() => null);
  if (!claims) return invalidLinkPage(c, pageLanguage(accept), 400);
  const store = regional(c.env, claims.region);
  const tenant = await findTenant(store.db, claims.tenantId);
  if (!tenant) return invalidLinkPage(c, pageLanguage(accept), 404);
  const branding = brandingOf(tenant);
  const [subscriber, [list], [subscription]] = await Promise.all([
    findSubscriber(store.db, tenant.id, claims.subscriberId),
    store.db
      .select({ name: lists.name })
      .from(lists)
      .where(and(eq(lists.tenantId, tenant.id), eq(lists.id, claims.listId))),
    store.db
      .select({ status: subscriptions.status })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.tenantId, tenant.id),
          eq(subscriptions.subscriberId, claims.subscriberId),
          eq(subscriptions.listId, claims.listId),
        ),
      ),
  ]);
  if (!subscriber) return gonePage(c, pageLanguage(accept), branding);
  if (!list) return invalidLinkPage(c, pageLanguage(accept), 404, branding);
  const preferences = await mintPreferenceLink(ring, c.env.PUBLIC_ORIGIN, claims, {
    ttlDays: PAGE_LINK_TTL_DAYS,
  });
  const frame = {
    lang: pageLanguage(accept, subscriber.language),
    branding,
    listName: list.name,
    preferencesUrl: preferences.url,
  };
  const inForce = subscription !== undefined && subscription.status !== 'unsubscribed';
  return { claims, store, tenant, frame, inForce };
}

export const unsubscribeRoutes = new Hono<AppEnv>();

unsubscribeRoutes.get('/:token', async (c) => {
  const opened = await openUnsubscribe(c);
  if (opened instanceof Response) return opened;
  return opened.inForce ? unsubscribeQuestionPage(c, opened.frame) : unsubscribedPage(c, opened.frame, true);
});

unsubscribeRoutes.post('/:token', pageFormBodyLimit, async (c) => {
  const opened = await openUnsubscribe(c);
  if (opened instanceof Response) return opened;
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  // RFC 8058 §3.2: the one-click POST comes from the mail provider, so it carries neither our
  // Origin nor a person's browser; the body alone says it is one. A scanner that sent it would
  // only stop one list's mail, which the person can undo in their preference centre.
  const oneClick = body[ONE_CLICK_BODY.name] === ONE_CLICK_BODY.value;
  const { claims, frame } = opened;
  if (!oneClick) {
    if (!postedFromOurPage(c))
      return stalePage(c, { ...frame, retryPath: `/u/${c.req.param('token')}`, status: 403 });
    if (isAutomatedRequest(c.req.method, c.req.raw.headers))
      return opened.inForce ? unsubscribeQuestionPage(c, frame) : unsubscribedPage(c, frame, true);
  }
  const keys = await tenantKeys(c.env.MASTER_KEY, opened.tenant);
  const outcome = await withdrawFromLists(opened.store.db, opened.tenant.settings, keys, {
    subscriberId: claims.subscriberId,
    lists: [claims.listId],
    channel: 'unsubscribe_page',
    messageId: claims.messageId,
    click: { ...personClick(c, frame.lang), viaMailProvider: oneClick },
  });
  dispatchEventsAfterResponse(c, opened.store.region, outcome.outbox);
  if (outcome.completed) {
    const ctx = { env: c.env, store: opened.store, tenant: opened.tenant };
    c.executionCtx.waitUntil(notifyRequester(ctx, outcome.completed, 'completed'));
  }
  return unsubscribedPage(c, frame, outcome.withdrawn.length === 0);
});
