// SSO sign-in for a browser: `GET /auth/sso/<workspace>` sends it to the tenant's OIDC provider
// with state, nonce and PKCE, kept in a sealed, 10-minute `__Host-tm_sso` cookie;
// `GET /auth/sso/callback` checks the state against that cookie and spends it once, exchanges the
// code, verifies the id token and opens a session for the user with that subject (or, the first
// time, with that verified address, whose subject it then binds), then sends the browser to
// `/admin/`. Every failure is audited and ends on a page that says what to do.

import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { z } from 'zod';
import {
  type AdminUser,
  adminEmailIndex,
  findAdminUserByIndex,
  findAdminUserBySubject,
} from '../../db/admin-users';
import { appendAudit } from '../../db/audit-log';
import { regional } from '../../db/regions';
import { isUniqueConflict } from '../../db/retry';
import { adminUsers, usedNonces } from '../../db/schema';
import { oidcClient } from '../../db/sign-in-policy';
import { findTenant, findTenantBySlug } from '../../db/tenants';
import { timingSafeEqual } from '../../shared/crypto/timing-safe-equal';
import { masterKeyring } from '../../shared/crypto/keyring';
import { utf8 } from '../../shared/encoding';
import type { SsoFailure } from '../../shared/pages/admin-copy';
import { openToken, sealToken } from '../../shared/tokens';
import { parseWorkspace } from '../../shared/workspace';
import type { AppEnv } from '../env';
import { clientIp, requestGeo } from '../http/request-context';
import { type AdminCtx, adminCtx } from './context';
import { clearSsoCookie, readSsoCookie, setSsoCookie, SSO_MAX_AGE_MS } from './cookies';
import { authorizationUrl, completeAuthorization, newAuthorization, OidcError } from './oidc';
import { openSession } from './sessions';

/** The one redirect URI every tenant registers at its provider. */
export const ssoRedirectUri = (env: { PUBLIC_ORIGIN: string }) =>
  new URL('/auth/sso/callback', env.PUBLIC_ORIGIN).toString();

/** A sign-in that cannot go on: the page to show and its status. */
export class SsoRefusal extends Error {
  constructor(
    readonly failure: SsoFailure,
    readonly status: 400 | 401 | 403 | 404,
    readonly reason: string,
    readonly ctx?: AdminCtx,
    readonly userId?: string,
  ) {
    super(`sso: ${reason}`);
    this.name = 'SsoRefusal';
  }
}

const Claims = z.object({ t: z.string(), s: z.string(), n: z.string(), v: z.string() });

/** Where to send the browser for `workspace` (setting the state cookie on the way). */
export async function startSso(c: Context<AppEnv>, workspace: string, loginHint?: string): Promise<string> {
  const ws = parseWorkspace(workspace);
  const store = ws ? regional(c.env, ws.region) : null;
  const tenant = ws && store ? await findTenantBySlug(store.db, ws.slug) : undefined;
  if (!store || !tenant) throw new SsoRefusal('not_configured', 404, 'unknown_workspace');
  const ctx = await adminCtx(c.env, store, tenant);
  const provider = await oidcClient(store.db, ctx.keys);
  if (!provider) throw new SsoRefusal('not_configured', 404, 'not_configured', ctx);
  const auth = newAuthorization();
  let url: string;
  try {
    url = await authorizationUrl(c.env, provider, auth, ssoRedirectUri(c.env), loginHint);
  } catch (err) {
    throw new SsoRefusal('failed', 400, err instanceof OidcError ? err.reason : 'discovery_failed', ctx);
  }
  const claims = { t: tenant.id, s: auth.state, n: auth.nonce, v: auth.verifier };
  const ring = await masterKeyring(c.env.MASTER_KEY);
  setSsoCookie(c, await sealToken(ring, tenant.region, 'sso_state', claims, SSO_MAX_AGE_MS / 1000));
  return url;
}

/** The state cookie's claims and the tenant they name; a refusal for anything else. */
async function stateOf(c: Context<AppEnv>) {
  const cookie = readSsoCookie(c);
  if (!cookie) throw new SsoRefusal('failed', 400, 'no_state_cookie');
  let opened: Awaited<ReturnType<typeof openToken>>;
  try {
    opened = await openToken(await masterKeyring(c.env.MASTER_KEY), cookie, 'sso_state');
  } catch {
    throw new SsoRefusal('failed', 400, 'state_cookie_invalid');
  }
  const claims = Claims.safeParse(opened.payload);
  const store = regional(c.env, opened.region);
  const tenant = claims.success ? await findTenant(store.db, claims.data.t) : undefined;
  if (!claims.success || !tenant) throw new SsoRefusal('failed', 400, 'state_cookie_invalid');
  return { claims: claims.data, ctx: await adminCtx(c.env, store, tenant), exp: opened.payload.exp };
}

/** The user an identity signs in as: by subject, else (once) by verified address. */
async function userFor(
  ctx: AdminCtx,
  identity: { subject: string; email: string | null; emailVerified: boolean },
) {
  const { db } = ctx.store;
  const bySubject = await findAdminUserBySubject(db, ctx.tenant.id, identity.subject);
  if (bySubject) return { user: bySubject, bind: false };
  if (!identity.email || !identity.emailVerified) return null;
  const index = await adminEmailIndex(ctx.keys, identity.email);
  const byAddress = index ? await findAdminUserByIndex(db, ctx.tenant.id, index) : undefined;
  // An address already bound to another subject is someone else's account at the provider.
  if (!byAddress || byAddress.ssoSubject) return null;
  return { user: byAddress, bind: true };
}

const Callback = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1).max(512).optional(),
  error: z.string().max(200).optional(),
});

/** Completes the sign-in the provider sent the browser back from; opens the session. */
export async function finishSso(c: Context<AppEnv>): Promise<void> {
  const { claims, ctx, exp } = await stateOf(c);
  clearSsoCookie(c);
  const query = Callback.safeParse(c.req.query());
  if (!query.success || query.data.error || !query.data.code || !query.data.state)
    throw new SsoRefusal(
      'failed',
      400,
      query.success && query.data.error ? 'provider_error' : 'bad_callback',
      ctx,
    );
  if (!timingSafeEqual(utf8(query.data.state), utf8(claims.s)))
    throw new SsoRefusal('failed', 400, 'state_mismatch', ctx);
  try {
    await ctx.store.db.insert(usedNonces).values({
      tenantId: ctx.tenant.id,
      nonce: `sso:${claims.s}`,
      purpose: 'sso_state',
      expiresAt: new Date(exp * 1000),
    });
  } catch (err) {
    if (isUniqueConflict(err)) throw new SsoRefusal('failed', 400, 'state_replayed', ctx);
    throw err;
  }
  const provider = await oidcClient(ctx.store.db, ctx.keys);
  if (!provider) throw new SsoRefusal('not_configured', 404, 'not_configured', ctx);
  let identity: Awaited<ReturnType<typeof completeAuthorization>>;
  try {
    identity = await completeAuthorization(c.env, provider, {
      code: query.data.code,
      verifier: claims.v,
      nonce: claims.n,
      redirectUri: ssoRedirectUri(c.env),
    });
  } catch (err) {
    if (err instanceof OidcError) throw new SsoRefusal('failed', 401, err.reason, ctx);
    throw err;
  }
  const found = await userFor(ctx, identity);
  if (!found || found.user.disabledAt)
    throw new SsoRefusal('unknown_user', 403, found ? 'disabled' : 'unknown_user', ctx, found?.user.id);
  await signInAs(c, ctx, found.user, found.bind ? identity.subject : null);
}

async function signInAs(c: Context<AppEnv>, ctx: AdminCtx, user: AdminUser, bindSubject: string | null) {
  const { db } = ctx.store;
  const origin = {
    actor: { type: 'admin' as const, id: user.id },
    country: requestGeo(c).country,
    ip: clientIp(c),
  };
  await openSession(
    c,
    ctx,
    user,
    'sso',
    origin,
    bindSubject
      ? [db.update(adminUsers).set({ ssoSubject: bindSubject }).where(eq(adminUsers.id, user.id))]
      : [],
  );
}

/** Records a refused SSO sign-in in the tenant's audit log, when the tenant is known. */
export async function auditSsoRefusal(c: Context<AppEnv>, refusal: SsoRefusal): Promise<void> {
  if (!refusal.ctx) return;
  await appendAudit(refusal.ctx.store.db, refusal.ctx.keys, [
    {
      actor: { type: 'system', id: 'sign-in' },
      action: 'session.sign_in_refused',
      target: refusal.userId ? { type: 'admin_user', id: refusal.userId } : null,
      details: { reason: refusal.reason, method: 'sso' },
      country: requestGeo(c).country,
      ip: clientIp(c),
    },
  ]);
}
