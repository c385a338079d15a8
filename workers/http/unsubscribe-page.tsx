// The unsubscribe page (`/u/:token`): the question with its one button, the answer after an
// unsubscribe (also the 200 of an RFC 8058 one-click POST), and the page of a list the person
// is not on; each with a link to the person's preference centre.

import type { Context } from 'hono';
import type { Branding } from '../../shared/branding';
import type { PageLanguage } from '../../shared/pages/languages';
import { selfServiceCopy } from '../../shared/pages/self-service-copy';
import type { AppEnv } from '../env';
import { renderPage } from './pages/layout';

export type UnsubscribeFrame = {
  lang: PageLanguage;
  branding: Branding;
  listName: string;
  /** A fresh link to the person's preference centre. */
  preferencesUrl: string;
};

function Manage({ f }: { f: UnsubscribeFrame }) {
  return (
    <p>
      <a href={f.preferencesUrl}>{selfServiceCopy(f.lang).unsubscribe.manage}</a>
    </p>
  );
}

/** One button that posts back to the same URL; nothing changes until it is pressed. */
export function unsubscribeQuestionPage(c: Context<AppEnv>, f: UnsubscribeFrame) {
  const t = selfServiceCopy(f.lang).unsubscribe;
  return renderPage(
    c,
    { lang: f.lang, title: t.title, branding: f.branding },
    <>
      <p>{t.ask(f.listName, f.branding.name)}</p>
      <form method="post">
        <input type="hidden" name="action" value="unsubscribe" />
        <div class="actions">
          <button type="submit">{t.button}</button>
        </div>
      </form>
      <Manage f={f} />
    </>,
  );
}

export function unsubscribedPage(c: Context<AppEnv>, f: UnsubscribeFrame, already: boolean) {
  const t = selfServiceCopy(f.lang).unsubscribe;
  return renderPage(
    c,
    { lang: f.lang, title: already ? t.alreadyTitle : t.doneTitle, branding: f.branding },
    <>
      <p>{already ? t.already(f.listName, f.branding.name) : t.done(f.listName, f.branding.name)}</p>
      <Manage f={f} />
    </>,
  );
}
