// `GET`/`POST /p/address/:token`: the link mailed to a new address. GET shows the address and one
// button (mail scanners fetch links; they change nothing); the person's press (from our page,
// not a scanner) replaces the address, or says why it cannot be used without saying whose it is.

import type { Context } from 'hono';
import { applyAddressChange } from '../../db/preferences-address';
import { regional, type RegionalStore } from '../../db/regions';
import { findSubscriber } from '../../db/subscribers';
import { findTenant, tenantKeys, type Tenant } from '../../db/tenants';
import { openAddressChange } from '../../shared/address-change';
import { isAutomatedRequest } from '../../shared/automated-clients';
import { brandingOf, type Branding } from '../../shared/branding';
import { masterKeyring } from '../../shared/crypto/keyring';
import { type PageLanguage, pageLanguage } from '../../shared/pages/languages';
import { selfServiceCopy } from '../../shared/pages/self-service-copy';
import type { AppEnv } from '../env';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { notifyRequester } from '../privacy/notify';
import { renderPage } from './pages/layout';
import { invalidLinkPage, messagePage, stalePage } from './pages/message';
import { postedFromOurPage } from './pages/form-posts';
import { gonePage } from './preferences-context';

type C = Context<AppEnv>;
type Change = Awaited<ReturnType<typeof openAddressChange>>;
type Opened = {
  change: Change;
  store: RegionalStore;
  tenant: Tenant;
  lang: PageLanguage;
  branding: Branding;
};

async function openChange(c: C): Promise<Opened | Response> {
  const accept = c.req.header('accept-language');
  const ring = await masterKeyring(c.env.MASTER_KEY);
  const change = await openAddressChange(ring, c.req.param('token') ?? '').catch(() => null);
  if (!change) return invalidLinkPage(c, pageLanguage(accept), 400);
  const store = regional(c.env, change.region);
  const tenant = await findTenant(store.db, change.tenantId);
  if (!tenant) return invalidLinkPage(c, pageLanguage(accept), 404);
  const branding = brandingOf(tenant);
  const subscriber = await findSubscriber(store.db, tenant.id, change.subscriberId);
  if (!subscriber) return gonePage(c, pageLanguage(accept), branding);
  return { change, store, tenant, branding, lang: pageLanguage(accept, subscriber.language) };
}

function question(c: C, o: Opened) {
  const t = selfServiceCopy(o.lang).address;
  return renderPage(
    c,
    { lang: o.lang, title: t.askTitle, branding: o.branding },
    <>
      <p>{t.ask(o.branding.name, o.change.newEmail)}</p>
      <form method="post">
        <div class="actions">
          <button type="submit">{t.button}</button>
        </div>
      </form>
    </>,
  );
}

export async function showAddressChange(c: C) {
  const opened = await openChange(c);
  return opened instanceof Response ? opened : question(c, opened);
}

export async function confirmAddressChange(c: C) {
  const o = await openChange(c);
  if (o instanceof Response) return o;
  if (!postedFromOurPage(c))
    return stalePage(c, { ...o, retryPath: `/p/address/${c.req.param('token')}`, status: 403 });
  if (isAutomatedRequest(c.req.method, c.req.raw.headers)) return question(c, o);
  const keys = await tenantKeys(c.env.MASTER_KEY, o.tenant);
  const outcome = await applyAddressChange(o.store.db, o.tenant.settings, keys, {
    subscriberId: o.change.subscriberId,
    newEmail: o.change.newEmail,
    replaces: o.change.replaces,
    language: o.lang,
    at: new Date(),
  });
  const t = selfServiceCopy(o.lang).address;
  const frame = { lang: o.lang, branding: o.branding };
  switch (outcome.status) {
    case 'changed': {
      dispatchEventsAfterResponse(c, o.store.region, outcome.outbox);
      // The old address hears of the change: the person, or someone who had their link, did it.
      if (outcome.completed) {
        const ctx = { env: c.env, store: o.store, tenant: o.tenant };
        const to = { email: outcome.oldEmail, language: o.lang };
        c.executionCtx.waitUntil(notifyRequester(ctx, outcome.completed, 'completed', {}, to));
      }
      return messagePage(c, frame, { title: t.doneTitle, body: t.done(o.branding.name, o.change.newEmail) });
    }
    case 'already':
      return messagePage(c, frame, { title: t.alreadyTitle, body: t.already });
    case 'stale':
      return messagePage(c, frame, { title: t.staleTitle, body: t.stale }, 409);
    case 'unavailable':
      return messagePage(c, frame, { title: t.unavailableTitle, body: t.unavailable(o.branding.name) }, 409);
  }
}
