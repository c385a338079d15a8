// The requester's pages: `/v/` asks the person to confirm a privacy request made in their name
// (one button that posts back), then thanks them, or says the request is already confirmed or
// closed; `/x/` explains a download that opens only after confirmation.

import type { Context } from 'hono';
import type { Branding } from '../../shared/branding';
import type { PageLanguage } from '../../shared/pages/languages';
import { requestLinkCopy } from '../../shared/pages/request-link-copy';
import type { RequestKind } from '../../shared/request-lifecycle';
import type { AppEnv } from '../env';
import { renderPage } from './pages/layout';
import { messagePage } from './pages/message';

type Frame = { lang: PageLanguage; branding: Branding };

export function verifyQuestionPage(c: Context<AppEnv>, frame: Frame, kind: RequestKind) {
  const t = requestLinkCopy(frame.lang);
  return renderPage(
    c,
    { ...frame, title: t.askTitle },
    <>
      <p>{t.ask(frame.branding.name)}</p>
      <p class="notice">{t.request[kind]}</p>
      <p>{t.onlyIfYou}</p>
      <form method="post">
        <div class="actions">
          <button type="submit">{t.button}</button>
        </div>
      </form>
    </>,
  );
}

export function verifiedPage(c: Context<AppEnv>, frame: Frame, already: boolean) {
  const t = requestLinkCopy(frame.lang);
  const tenant = frame.branding.name;
  const words = already
    ? { title: t.alreadyTitle, body: t.already(tenant) }
    : { title: t.doneTitle, body: t.done(tenant) };
  return messagePage(c, frame, words);
}

/** A request closed without being carried out (rejected, or never confirmed in time). */
export function requestClosedPage(c: Context<AppEnv>, frame: Frame) {
  const t = requestLinkCopy(frame.lang);
  return messagePage(c, frame, { title: t.closedTitle, body: t.closed(frame.branding.name) });
}

export function exportLockedPage(c: Context<AppEnv>, frame: Frame) {
  const t = requestLinkCopy(frame.lang);
  return messagePage(c, frame, { title: t.exportLockedTitle, body: t.exportLocked }, 403);
}

/** The person was erased since the link was sent: nothing of theirs is left to download. */
export function exportErasedPage(c: Context<AppEnv>, frame: Frame) {
  const t = requestLinkCopy(frame.lang);
  return messagePage(c, frame, { title: t.exportErasedTitle, body: t.exportErased }, 410);
}
