// The pages of the double opt-in link (`/c/:token`): the question with its one button (the
// person's click that confirms), the answer after the press, and the page of an expired sign-up.

import type { Context } from 'hono';
import type { Branding } from '../../shared/branding';
import { confirmCopy } from '../../shared/pages/confirm-copy';
import type { PageLanguage } from '../../shared/pages/languages';
import type { AppEnv } from '../env';
import { renderPage } from './pages/layout';
import { messagePage } from './pages/message';

type Frame = { lang: PageLanguage; branding: Branding };

/** One button that posts back to the same URL; nothing is confirmed until it is pressed. */
export function confirmQuestionPage(c: Context<AppEnv>, frame: Frame) {
  const t = confirmCopy(frame.lang);
  return renderPage(
    c,
    { ...frame, title: t.askTitle },
    <>
      <p>{t.ask(frame.branding.name)}</p>
      <form method="post">
        <div class="actions">
          <button type="submit">{t.button}</button>
        </div>
      </form>
    </>,
  );
}

export function confirmedPage(c: Context<AppEnv>, frame: Frame, alreadyConfirmed: boolean) {
  const t = confirmCopy(frame.lang);
  const words = alreadyConfirmed
    ? { title: t.alreadyTitle, body: t.alreadyBody }
    : { title: t.title, body: t.body(frame.branding.name) };
  return messagePage(c, frame, words);
}

/** The sign-up was purged (unconfirmed too long) or removed; branded when the tenant is known. */
export function signUpGonePage(c: Context<AppEnv>, frame: { lang: PageLanguage; branding: Branding | null }) {
  const t = confirmCopy(frame.lang);
  return messagePage(c, frame, { title: t.goneTitle, body: t.goneBody }, 410);
}
