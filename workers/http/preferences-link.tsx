// `GET`/`POST /p?tenant=<tenant id>`: the "send me my link" form. A person types their address
// and, if it is a subscriber's, a fresh preference-centre link is mailed to it in their language.
// Every address gets the same page after the same work (lookup, claim, minting; the mail goes
// after the answer), and the page's language never depends on whose address it is.

import type { Context } from 'hono';
import { claimLinkMail, linkRecipient } from '../../db/preferences-link';
import { regional } from '../../db/regions';
import { findTenant, tenantKeys, type Tenant } from '../../db/tenants';
import { brandingOf } from '../../shared/branding';
import { blindIndex, normaliseEmail } from '../../shared/crypto/blind-index';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import { mintPreferenceLink } from '../../shared/link-tokens';
import { describeError, log } from '../../shared/log';
import { type PageLanguage, pageLanguage } from '../../shared/pages/languages';
import { selfServiceCopy } from '../../shared/pages/self-service-copy';
import { newId, parseTenantId } from '../../shared/regions';
import { LinkRequestForm, LinkRequestQuery } from '../../shared/schemas/preferences';
import type { AppEnv } from '../env';
import { sendPreferenceLink } from '../mail/self-service';
import { renderPage } from './pages/layout';
import { errorPage, messagePage, stalePage } from './pages/message';
import { postedFromOurPage } from './pages/form-posts';
import { enforcePreferenceMailLimits, PREFERENCE_MAIL_RETRY_SECONDS } from './preferences-limits';
import { clientIp } from './request-context';

type C = Context<AppEnv>;

/** How long a link asked for on this form opens the preference centre. */
export const REQUESTED_LINK_TTL_DAYS = 7;

/** The tenant a form names; undefined for anything that is not one of ours. */
async function tenantNamed(c: C, tenantId: string): Promise<Tenant | undefined> {
  const parsed = parseTenantId(tenantId);
  return parsed ? findTenant(regional(c.env, parsed.region).db, parsed.id) : undefined;
}

const notFound = (c: C, lang: PageLanguage) =>
  errorPage(c, { lang, code: 'not_found', status: 404, message: 'No such preference centre.' });

function linkForm(c: C, tenant: Tenant, lang: PageLanguage, invalid = false) {
  const t = selfServiceCopy(lang).link;
  const branding = brandingOf(tenant);
  return renderPage(
    c,
    { lang, title: t.title, branding },
    <>
      <p>{t.intro(branding.name)}</p>
      {invalid ? (
        <p class="problem" role="alert" id="email-problem">
          {t.invalidEmail}
        </p>
      ) : null}
      <form method="post" action="/p">
        <input type="hidden" name="tenant" value={tenant.id} />
        <label for="email">{t.label}</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="email"
          required
          aria-describedby={invalid ? 'email-problem' : undefined}
        />
        <div class="actions">
          <button type="submit">{t.button}</button>
        </div>
      </form>
    </>,
    invalid ? 400 : 200,
  );
}

export async function showLinkForm(c: C) {
  const lang = pageLanguage(c.req.header('accept-language'));
  const query = LinkRequestQuery.safeParse(c.req.query());
  const tenant = query.success ? await tenantNamed(c, query.data.tenant) : undefined;
  return tenant ? linkForm(c, tenant, lang) : notFound(c, lang);
}

export async function requestLink(c: C) {
  const lang = pageLanguage(c.req.header('accept-language'));
  const form = LinkRequestForm.safeParse(await c.req.parseBody().catch(() => ({})));
  const tenant = form.success ? await tenantNamed(c, form.data.tenant) : undefined;
  if (!form.success || !tenant) return notFound(c, lang);
  const branding = brandingOf(tenant);
  if (!postedFromOurPage(c))
    return stalePage(c, { lang, branding, retryPath: `/p?tenant=${tenant.id}`, status: 403 });
  const email = normaliseEmail(form.data.email);
  if (!email) return linkForm(c, tenant, lang, true);
  const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
  const index = await blindIndex(keys.indexKey, email);
  try {
    await enforcePreferenceMailLimits(c.env, index, clientIp(c));
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'rate_limited')) throw err;
    c.header('retry-after', String(PREFERENCE_MAIL_RETRY_SECONDS));
    return errorPage(c, { lang, branding, code: err.code, status: 429, message: err.message });
  }
  const { db } = regional(c.env, tenant.region);
  const recipient = await linkRecipient(db, tenant.id, index);
  const claimed = await claimLinkMail(db, tenant.id, index);
  // Minted for everyone (a made-up subscriber when nobody has the address): the same work.
  const ring = await masterKeyring(c.env.MASTER_KEY);
  const link = await mintPreferenceLink(
    ring,
    c.env.PUBLIC_ORIGIN,
    { tenantId: tenant.id, subscriberId: recipient?.id ?? newId('sub') },
    { ttlDays: REQUESTED_LINK_TTL_DAYS },
  );
  if (recipient && claimed) {
    const mailLang = pageLanguage(c.req.header('accept-language'), recipient.language);
    const sent = sendPreferenceLink(c.env, { tenant, to: email, lang: mailLang }, link).catch(
      (err: unknown) =>
        log('warn', 'preferences.link_mail_failed', { tenantId: tenant.id, ...describeError(err) }),
    );
    c.executionCtx.waitUntil(sent);
  }
  const t = selfServiceCopy(lang).link;
  return messagePage(
    c,
    { lang, branding },
    { title: t.sentTitle, body: t.sent(branding.name, REQUESTED_LINK_TTL_DAYS) },
  );
}
