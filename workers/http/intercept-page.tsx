// The link intercept's consent page (the notice in the clicker's language, YES and NO as one
// form), the choice of the notice it shows, and the headers of the redirects onwards. Page
// headers come from the one page middleware (pages/security.ts).

import type { Context } from 'hono';
import type { InterceptList, InterceptNotice } from '../../db/link-clicks';
import type { Branding } from '../../shared/branding';
import { sha256Hex } from '../../shared/encoding';
import { negotiateLanguage } from '../../shared/i18n/language';
import type { ShownNotice } from '../../shared/intercept-answer';
import { copyFor } from '../../shared/pages/intercept-copy';
import type { PageLanguage } from '../../shared/pages/languages';
import type { AppEnv } from '../env';
import { renderPage } from './pages/layout';

/** Headers of the redirects onwards: the destination never sees the link token as referrer. */
export const REDIRECT_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
};

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

export function consentPage(
  c: Context<AppEnv>,
  opts: {
    lang: PageLanguage;
    branding: Branding;
    linkToken: string;
    answerToken: string;
    list: InterceptList;
    notice: NoticeShown;
    destination: string;
  },
) {
  const t = copyFor(opts.lang);
  const destination = new URL(opts.destination);
  // The answer's 303 leads to the destination; CSP form-action also governs that redirect.
  const frame = {
    lang: opts.lang,
    title: t.title,
    branding: opts.branding,
    formTargets: [destination.origin],
  };
  return renderPage(
    c,
    frame,
    <>
      <p>{t.intro(opts.branding.name, opts.list.purpose)}</p>
      <p class="muted">{t.notice}</p>
      <div class="notice" lang={opts.notice.language}>
        {opts.notice.text}
      </div>
      <form method="post" action={`/l/${opts.linkToken}`}>
        <input type="hidden" name="answer_token" value={opts.answerToken} />
        <div class="actions">
          <button type="submit" name="answer" value="yes">
            {t.yes}
          </button>
          <button type="submit" class="secondary" name="answer" value="no">
            {t.no}
          </button>
        </div>
      </form>
      <p class="muted">{t.either(destination.host)}</p>
    </>,
  );
}
