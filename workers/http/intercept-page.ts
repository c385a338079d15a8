// The pages of the link intercept: the consent question (notice in the clicker's language, YES
// and NO as one form) and the "link not valid" and "page expired" pages, plus the headers that
// keep them out of caches, frames and referrers.

import type { InterceptList, InterceptNotice } from '../../db/link-clicks';
import { sha256Hex } from '../../shared/encoding';
import { negotiateLanguage } from '../../shared/i18n/language';
import { copyFor, PAGE_LANGUAGES, type PageLanguage } from '../../shared/intercept-copy';
import type { ShownNotice } from '../../shared/intercept-answer';
import { escapeHtml, messagePage, page } from './pages';

/**
 * Headers of the intercept pages: never cached, never framed. Their referrer policy is
 * `same-origin`, because under `no-referrer` browsers send `Origin: null` with the form's POST,
 * which the CSRF check must refuse.
 */
export const INTERCEPT_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
  'x-robots-tag': 'noindex, nofollow',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
};

/** Headers of the redirects onwards: the destination never sees the link token as referrer. */
export const REDIRECT_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
};

export const pageLanguage = (acceptLanguage: string | undefined): PageLanguage =>
  negotiateLanguage(PAGE_LANGUAGES, { acceptLanguage });

export type NoticeShown = ShownNotice & { text: string; language: string };

/**
 * The notice to show: the published text in the best accepted language, else in the page's
 * language, English, or any language it exists in; without a published notice, a built-in text
 * naming the sender and purpose (recorded as version 0 with the hash of exactly what was shown).
 */
export async function chooseNotice(
  notices: InterceptNotice[],
  acceptLanguage: string | undefined,
  lang: PageLanguage,
  sender: string,
  list: InterceptList,
): Promise<NoticeShown> {
  if (notices.length > 0) {
    const languages = notices.map((n) => n.language);
    const best = negotiateLanguage(languages, { acceptLanguage, known: [lang] });
    const chosen = notices.find((n) => n.language === best)!;
    return {
      id: chosen.id,
      version: chosen.version,
      hash: chosen.textHash,
      text: chosen.text,
      language: chosen.language,
    };
  }
  const text = copyFor(lang).fallbackNotice(sender, list.purpose);
  return { id: `builtin:${lang}`, version: 0, hash: await sha256Hex(text), text, language: lang };
}

export function consentPage(opts: {
  lang: PageLanguage;
  linkToken: string;
  answerToken: string;
  sender: string;
  list: InterceptList;
  notice: NoticeShown;
  destination: string;
}): string {
  const t = copyFor(opts.lang);
  const host = new URL(opts.destination).host;
  const bodyHtml = `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro(opts.sender, opts.list.purpose))}</p>
<p class="muted">${escapeHtml(t.notice)}</p>
<div class="notice" lang="${escapeHtml(opts.notice.language)}">${escapeHtml(opts.notice.text)}</div>
<form method="post" action="/l/${escapeHtml(opts.linkToken)}">
<input type="hidden" name="answer_token" value="${escapeHtml(opts.answerToken)}">
<div class="actions"><button type="submit" name="answer" value="yes">${escapeHtml(t.yes)}</button>
<button type="submit" class="secondary" name="answer" value="no">${escapeHtml(t.no)}</button></div>
</form>
<p class="muted">${escapeHtml(t.either(host))}</p>`;
  return page({ title: t.title, lang: opts.lang, bodyHtml });
}

export function invalidLinkPage(lang: PageLanguage): string {
  const t = copyFor(lang);
  return messagePage({ title: t.invalidTitle, body: t.invalidBody, lang });
}

export function staleAnswerPage(lang: PageLanguage, linkToken: string): string {
  const t = copyFor(lang);
  const bodyHtml = `<h1>${escapeHtml(t.staleTitle)}</h1><p>${escapeHtml(t.staleBody)}</p>
<p><a class="button" href="/l/${escapeHtml(linkToken)}">${escapeHtml(t.reopen)}</a></p>`;
  return page({ title: t.staleTitle, lang, bodyHtml });
}
