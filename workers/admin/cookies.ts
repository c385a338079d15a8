// The dashboard's cookies: the session (`__Host-tm_session`: HttpOnly, Secure, SameSite=Strict,
// Path=/, 24 h) and the short-lived SSO state (`__Host-tm_sso`, SameSite=Lax, because the
// identity provider sends the browser back to us from another site). The one exception is local
// development over plain http (`RUNTIME=local` and an http URL), where browsers keep no Secure
// cookie: there the names lose the `__Host-` prefix and the Secure flag; production never does.

import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { isLocalRuntime } from '../../db/regions';
import { SESSION_ABSOLUTE_MS } from '../../db/admin-sessions';
import type { AppEnv } from '../env';

const SESSION = 'tm_session';
const SSO = 'tm_sso';
const SSO_MAX_AGE_S = 600;

/** Plain http is allowed only to a local runtime (`npm run dev`, browser tests). */
function secure(c: Context<AppEnv>): boolean {
  return !(isLocalRuntime(c.env) && new URL(c.req.url).protocol === 'http:');
}

function options(c: Context<AppEnv>, sameSite: 'Strict' | 'Lax', maxAge: number): CookieOptions {
  const base: CookieOptions = { path: '/', httpOnly: true, sameSite, maxAge };
  return secure(c) ? { ...base, secure: true, prefix: 'host' } : base;
}

const prefix = (c: Context<AppEnv>) => (secure(c) ? 'host' : undefined);

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION, prefix(c));
}

export function setSessionCookie(c: Context<AppEnv>, sessionId: string): void {
  setCookie(c, SESSION, sessionId, options(c, 'Strict', SESSION_ABSOLUTE_MS / 1000));
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION, options(c, 'Strict', 0));
}

export function readSsoCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SSO, prefix(c));
}

export function setSsoCookie(c: Context<AppEnv>, sealed: string): void {
  setCookie(c, SSO, sealed, options(c, 'Lax', SSO_MAX_AGE_S));
}

export function clearSsoCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SSO, options(c, 'Lax', 0));
}

/** The cookie name as a browser sees it, for the OpenAPI document and docs. */
export const SESSION_COOKIE_NAME = `__Host-${SESSION}`;
export const SSO_MAX_AGE_MS = SSO_MAX_AGE_S * 1000;
