// What every preference-centre request starts from: the sealed token opened (purpose
// `preferences`), its tenant with keys and branding, the person's data as the page shows it, and
// the page language (the browser's, else the person's). A page, never a throw, for a bad link.

import type { Context } from 'hono';
import { loadPreferenceView, type PreferenceView } from '../../db/preferences-view';
import { dueDaysFor } from '../../db/privacy-requests';
import { regional, type RegionalStore } from '../../db/regions';
import { findTenant, tenantKeys, type Tenant } from '../../db/tenants';
import type { PersonClick } from '../../db/preferences-consent';
import { brandingOf, type Branding } from '../../shared/branding';
import type { TenantKeys } from '../../shared/crypto/envelope';
import { masterKeyring, type MasterKeyring } from '../../shared/crypto/keyring';
import { readPreferenceToken } from '../../shared/link-tokens';
import { pageLanguage, type PageLanguage } from '../../shared/pages/languages';
import { preferencesCopy } from '../../shared/pages/preferences-copy';
import type { AppEnv } from '../env';
import { chooseNotice, type NoticeShown } from './intercept-page';
import { invalidLinkPage, messagePage } from './pages/message';
import type { CentrePage } from './preferences-page';
import { clientIp, requestGeo } from './request-context';

export type Centre = {
  token: string;
  ring: MasterKeyring;
  store: RegionalStore;
  tenant: Tenant;
  keys: TenantKeys;
  branding: Branding;
  subscriberId: string;
  view: PreferenceView;
  lang: PageLanguage;
};

type C = Context<AppEnv>;

const accept = (c: C) => c.req.header('accept-language');

/** The person's data in a page whose data is erased (or whose token names nobody of the tenant). */
export function gonePage(c: C, lang: PageLanguage, branding: Branding | null) {
  return messagePage(c, { lang, branding }, preferencesCopy(lang).gone, 410);
}

/** Opens `/p/:token`: the centre, or the page that says why it cannot open. */
export async function openCentre(c: C, token: string): Promise<Centre | Response> {
  const ring = await masterKeyring(c.env.MASTER_KEY);
  const claims = await readPreferenceToken(ring, token).catch(() => null);
  if (!claims) return invalidLinkPage(c, pageLanguage(accept(c)), 400);
  const store = regional(c.env, claims.region);
  const tenant = await findTenant(store.db, claims.tenantId);
  if (!tenant) return invalidLinkPage(c, pageLanguage(accept(c)), 404);
  const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
  const branding = brandingOf(tenant);
  const view = await loadPreferenceView(store.db, keys, claims.subscriberId);
  if (!view) return gonePage(c, pageLanguage(accept(c)), branding);
  const lang = pageLanguage(accept(c), view.subscriber.language);
  return { token, ring, store, tenant, keys, branding, subscriberId: claims.subscriberId, view, lang };
}

/** The person's action as consent evidence: when, where, from which address and browser. */
export function personClick(c: C, lang: PageLanguage): PersonClick {
  return {
    at: new Date(),
    geo: requestGeo(c),
    ip: clientIp(c),
    userAgent: c.req.header('user-agent') ?? null,
    language: lang,
  };
}

/** The notice each list the person may subscribe to shows: the published text in their language. */
export async function noticesToShow(c: C, centre: Centre): Promise<Map<string, NoticeShown>> {
  const out = new Map<string, NoticeShown>();
  for (const l of centre.view.lists) {
    if (l.list.lawfulBasis !== 'consent' || (l.subscription && l.subscription.status !== 'unsubscribed'))
      continue;
    out.set(l.list.id, await chooseNotice(l.notices, accept(c), centre.lang, centre.branding.name, l.list));
  }
  return out;
}

/** Everything the page needs but the confirmation or problem it shows. */
export async function centrePage(c: C, centre: Centre): Promise<CentrePage> {
  return {
    lang: centre.lang,
    branding: centre.branding,
    token: centre.token,
    view: centre.view,
    erasureDays: dueDaysFor(centre.tenant.settings, 'erasure'),
    notices: await noticesToShow(c, centre),
  };
}
