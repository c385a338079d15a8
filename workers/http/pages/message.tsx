// Pages that say one thing: a heading and a paragraph (confirmations, closed requests), the
// "link not valid" page, the "page expired" page of a refused form post, and the error page every
// refused or failed request shows people, worded by error code in their language, with the
// technical message (English, for whoever set up the form) underneath.

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Branding } from '../../../shared/branding';
import type { ErrorCode } from '../../../shared/errors';
import { type CommonCopy, commonCopy } from '../../../shared/pages/common-copy';
import type { PageLanguage } from '../../../shared/pages/languages';
import type { AppEnv } from '../../env';
import { renderPage } from './layout';

export function messagePage(
  c: Context<AppEnv>,
  frame: { lang: PageLanguage; branding: Branding | null },
  words: { title: string; body: string },
  status: ContentfulStatusCode = 200,
) {
  return renderPage(c, { ...frame, title: words.title }, <p>{words.body}</p>, status);
}

function wordsFor(t: CommonCopy, code: ErrorCode, status: number): { title: string; body: string } {
  if (status >= 500) return t.failedServer;
  switch (code) {
    case 'not_found':
    case 'unknown_tenant':
      return t.notFound;
    case 'invalid_token':
      return t.invalidLink;
    case 'gone':
      return t.gone;
    case 'rate_limited':
      return t.tooMany;
    default:
      return t.failed;
  }
}

/** A token that does not open (damaged, tampered, expired, of another purpose) or names nothing. */
export function invalidLinkPage(
  c: Context<AppEnv>,
  lang: PageLanguage,
  status: ContentfulStatusCode,
  branding: Branding | null = null,
) {
  return messagePage(c, { lang, branding }, commonCopy(lang).invalidLink, status);
}

/** A form post we could not take (not from our page, forged or too old): a way back to a fresh page. */
export function stalePage(
  c: Context<AppEnv>,
  opts: { lang: PageLanguage; branding: Branding | null; retryPath: string; status: ContentfulStatusCode },
) {
  const t = commonCopy(opts.lang).stale;
  return renderPage(
    c,
    { lang: opts.lang, title: t.title, branding: opts.branding },
    <>
      <p>{t.body}</p>
      <p>
        <a class="button" href={opts.retryPath}>
          {t.reopen}
        </a>
      </p>
    </>,
    opts.status,
  );
}

/** Codes whose page says everything a person needs; other refusals also show their message. */
const SELF_EXPLAINING = new Set<ErrorCode>(['invalid_token', 'gone']);

export function errorPage(
  c: Context<AppEnv>,
  opts: {
    lang: PageLanguage;
    branding?: Branding | null;
    code: ErrorCode;
    status: ContentfulStatusCode;
    message: string;
    /** A sentence for people that replaces the generic body (e.g. "tick the box"). */
    body?: string;
  },
) {
  const t = commonCopy(opts.lang);
  const words = wordsFor(t, opts.code, opts.status);
  const frame = { lang: opts.lang, title: words.title, branding: opts.branding ?? null };
  return renderPage(
    c,
    frame,
    <>
      <p>{opts.body ?? words.body}</p>
      {opts.status >= 500 ? (
        <p class="muted">
          {t.failedServer.reference}: <code>{c.get('requestId')}</code>
        </p>
      ) : SELF_EXPLAINING.has(opts.code) ? null : (
        <p class="muted">
          {t.details}: <span lang="en">{opts.message}</span>
        </p>
      )}
    </>,
    opts.status,
  );
}
