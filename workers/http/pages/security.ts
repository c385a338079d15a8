// The security headers of every HTML page, set in one middleware for whatever handler answered
// with HTML (pages, error pages, 404s): a CSP that allows no script at all, styles only from our
// stylesheet (plus a tenant accent block carrying the response's nonce), images only from the
// tenant's logo origin, forms only to us (and to where the intercept's answer redirects), no
// framing; no MIME sniffing, no caching, and referrers only to ourselves. The dashboard app's
// index (workers/http/dashboard.ts) gets its own policy: its bundled scripts and styles, no inline.

import type { Context, MiddlewareHandler } from 'hono';
import { toBase64Url } from '../../../shared/encoding';
import type { AppEnv } from '../../env';

/** What one page needs beyond the fixed policy; set by the page renderer. */
export type PageSources = {
  styleNonce?: string;
  imageOrigin?: string;
  formTargets?: string[];
  /** The dashboard single-page app: DASHBOARD_CSP instead of the pages' policy. */
  dashboardApp?: boolean;
};

/**
 * `same-origin`: the token in a page's URL never leaves for another site, while our own forms
 * still post with their Origin (under `no-referrer` browsers send `Origin: null`, which the CSRF
 * check of `POST /l/`, `/c/` and `/v/` must refuse).
 */
const PAGE_REFERRER_POLICY = 'same-origin';

function pageCsp(sources: PageSources = {}): string {
  const nonce = sources.styleNonce ? ` 'nonce-${sources.styleNonce}'` : '';
  return [
    "default-src 'none'",
    "script-src 'none'",
    `style-src 'self'${nonce}`,
    ...(sources.imageOrigin ? [`img-src ${sources.imageOrigin}`] : []),
    ["form-action 'self'", ...(sources.formTargets ?? [])].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * The dashboard's policy: scripts and styles only as files from us (Vite's bundle, uPlot's CSS
 * inside it), API calls only to us, no inline code of any kind, no framing.
 */
const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** A fresh nonce for this response's one inline style block. */
export function styleNonce(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** Records what the page about to be rendered loads, for its CSP. */
export function allowInPage(c: Context<AppEnv>, sources: PageSources): void {
  c.set('pageSources', sources);
}

const isHtml = (res: Response) => (res.headers.get('content-type') ?? '').startsWith('text/html');

export const pageSecurity: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (!isHtml(c.res)) return;
  const sources = c.get('pageSources');
  c.header('content-security-policy', sources?.dashboardApp ? DASHBOARD_CSP : pageCsp(sources));
  c.header('x-content-type-options', 'nosniff');
  c.header('x-frame-options', 'DENY');
  c.header('referrer-policy', PAGE_REFERRER_POLICY);
  c.header('cache-control', 'no-store');
  c.header('x-robots-tag', 'noindex, nofollow');
};
