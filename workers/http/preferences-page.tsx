// The preference centre as a person sees it: their details and the form to correct them, their
// address and the form to change it, every list with its purpose, legal basis and state (with
// the notice they agree to when they subscribe), their interests, their open requests with due
// dates, the download of their data and "forget me". One form per action; no script.

import type { Context } from 'hono';
import type { PreferenceList, PreferenceView } from '../../db/preferences-view';
import type { PrivacyRequest } from '../../db/privacy-requests';
import type { Branding } from '../../shared/branding';
import { promisedDate } from '../../shared/due-dates';
import { formatDate } from '../../shared/i18n/language';
import type { PageLanguage } from '../../shared/pages/languages';
import { preferencesCopy, type PreferencesCopy } from '../../shared/pages/preferences-copy';
import { requestLinkCopy } from '../../shared/pages/request-link-copy';
import { isProfileText, type ProfileEditProblem } from '../../shared/preferences/profile-edit';
import { INTEREST_INPUT, PROFILE_INPUT_PREFIX, type PreferenceDone } from '../../shared/schemas/preferences';
import type { AppEnv } from '../env';
import type { NoticeShown } from './intercept-page';
import { renderPage } from './pages/layout';

/** Something the person entered that was refused: the page says what, in their language. */
export type PageProblem = ProfileEditProblem | { problem: 'email' | 'same_address' | 'not_open' };

export type CentrePage = {
  lang: PageLanguage;
  branding: Branding;
  token: string;
  view: PreferenceView;
  /** Days an erasure request has before the clock carries it out. */
  erasureDays: number;
  /** The notice each list the person may subscribe to shows, by list id. */
  notices: Map<string, NoticeShown>;
  done?: PreferenceDone;
  problem?: PageProblem;
};

type P = CentrePage & { t: PreferencesCopy; action: string };

function problemText(t: PreferencesCopy, p: PageProblem): string {
  switch (p.problem) {
    case 'email':
      return t.problems.email;
    case 'same_address':
      return t.problems.sameAddress;
    case 'not_open':
      return t.problems.notOpen;
    case 'too_long':
      return t.problems.tooLong(p.label);
    case 'not_a_number':
      return t.problems.notANumber(p.label);
    case 'not_a_date':
      return t.problems.notADate(p.label);
    case 'payment_data':
      return t.problems.paymentData(p.label);
    case 'special_category':
      return t.problems.specialCategory(p.label);
  }
}

const shown = (value: unknown, t: PreferencesCopy) =>
  value === true ? t.details.yes : value === false ? t.details.no : String(value);

const inForce = (l: PreferenceList) => l.subscription !== null && l.subscription.status !== 'unsubscribed';

function Details(p: P) {
  const { t, view } = p;
  const { person, fields } = p.view;
  const textFields = fields.filter(isProfileText);
  const defined = new Set(fields.map((f) => f.key));
  const others = Object.entries(person.profile).filter(([k]) => !defined.has(k));
  const interestKeys = new Set(fields.filter((f) => !isProfileText(f)).map((f) => f.key));
  return (
    <section aria-labelledby="details">
      <h2 id="details">{t.details.heading}</h2>
      <dl class="facts">
        <dt>{t.details.email}</dt>
        <dd>{person.email}</dd>
        <dt>{t.details.name}</dt>
        <dd>{person.name ?? t.details.none}</dd>
        {textFields.map((f) => (
          <>
            <dt>{f.label}</dt>
            <dd>{f.key in person.profile ? shown(person.profile[f.key], t) : t.details.none}</dd>
          </>
        ))}
        {others
          .filter(([k]) => !interestKeys.has(k))
          .map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{shown(v, t)}</dd>
            </>
          ))}
      </dl>
      <form method="post" action={p.action}>
        <h3>{t.details.correct}</h3>
        <label for="name">{t.details.name}</label>
        <input id="name" name="name" autocomplete="name" value={person.name ?? ''} />
        {textFields.map((f) => {
          const value = view.person.profile[f.key];
          return (
            <>
              <label for={`${PROFILE_INPUT_PREFIX}${f.key}`}>{f.label}</label>
              <input
                id={`${PROFILE_INPUT_PREFIX}${f.key}`}
                name={`${PROFILE_INPUT_PREFIX}${f.key}`}
                type={f.type === 'date' ? 'date' : 'text'}
                inputmode={f.type === 'number' ? 'decimal' : undefined}
                value={value === undefined ? '' : String(value)}
              />
            </>
          );
        })}
        <p class="muted">{t.details.correctNote(p.branding.name)}</p>
        <button type="submit" name="action" value="profile">
          {t.details.save}
        </button>
      </form>
      <form method="post" action={p.action}>
        <h3>{t.address.heading}</h3>
        <label for="email">{t.address.label}</label>
        <input id="email" name="email" type="email" autocomplete="email" required />
        <p class="muted">{t.address.note}</p>
        <button type="submit" name="action" value="address">
          {t.address.send}
        </button>
      </form>
    </section>
  );
}

function listState(t: PreferencesCopy, l: PreferenceList, lang: PageLanguage): string {
  const since = l.since ? formatDate(l.since, lang) : null;
  const s = l.subscription;
  if (!s) return t.lists.never;
  if (s.status === 'pending') return t.lists.pending;
  if (s.status === 'unsubscribed') return since ? t.lists.unsubscribedSince(since) : t.lists.never;
  return since ? t.lists.subscribedSince(since) : t.lists.subscribedSince('–');
}

function Lists(p: P) {
  const { t, view } = p;
  return (
    <section aria-labelledby="lists">
      <h2 id="lists">{t.lists.heading}</h2>
      {view.lists.length === 0 ? <p>{t.lists.none}</p> : null}
      {view.lists.map((l) => {
        const notice = p.notices.get(l.list.id);
        return (
          <article class="list">
            <h3>{l.list.name}</h3>
            <p>{l.list.purpose}</p>
            <dl class="facts">
              <dt>{t.lists.basis}</dt>
              <dd>{t.lists.basisNames[l.list.lawfulBasis]}</dd>
              <dt>{t.lists.state}</dt>
              <dd>{listState(t, l, p.lang)}</dd>
            </dl>
            <form method="post" action={p.action}>
              <input type="hidden" name="list" value={l.list.id} />
              {inForce(l) ? (
                <button type="submit" class="secondary" name="action" value="unsubscribe">
                  {t.lists.unsubscribe(l.list.name)}
                </button>
              ) : notice ? (
                <>
                  <p class="muted">{t.lists.agree}</p>
                  <div class="notice" lang={notice.language}>
                    {notice.text}
                  </div>
                  <input type="hidden" name="notice" value={notice.id} />
                  <button type="submit" name="action" value="subscribe">
                    {t.lists.subscribe(l.list.name)}
                  </button>
                </>
              ) : null}
            </form>
          </article>
        );
      })}
      {view.lists.some(inForce) ? (
        <form method="post" action={p.action}>
          <p>{t.lists.withdrawAllNote}</p>
          <button type="submit" class="secondary" name="action" value="withdraw_all">
            {t.lists.withdrawAll}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function Interests(p: P) {
  const { t } = p;
  const offered = p.view.fields.filter((f) => !isProfileText(f));
  if (offered.length === 0) return null;
  return (
    <section aria-labelledby="interests">
      <h2 id="interests">{t.interests.heading}</h2>
      <form method="post" action={p.action}>
        <fieldset>
          <legend>{t.interests.legend}</legend>
          {offered.map((f) => (
            <div class="check">
              <input
                type="checkbox"
                id={`interest-${f.key}`}
                name={INTEREST_INPUT}
                value={f.key}
                checked={p.view.person.profile[f.key] === true}
              />
              <label for={`interest-${f.key}`}>{f.label}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" name="action" value="interests">
          {t.interests.save}
        </button>
      </form>
    </section>
  );
}

function CancelForm(p: P & { request: PrivacyRequest; label: string }) {
  return (
    <form method="post" action={p.action}>
      <input type="hidden" name="request" value={p.request.id} />
      <button type="submit" class="secondary" name="action" value="cancel">
        {p.label}
      </button>
    </form>
  );
}

function Requests(p: P) {
  const { t, lang } = p;
  const kinds = requestLinkCopy(lang).request;
  const others = p.view.requests.filter((r) => r.kind !== 'erasure');
  return (
    <section aria-labelledby="requests">
      <h2 id="requests">{t.requests.heading}</h2>
      {others.length === 0 ? <p>{t.requests.none}</p> : null}
      {others.map((r) => (
        <article class="request">
          <h3>{kinds[r.kind]}</h3>
          <p>
            {t.requests.received(formatDate(r.receivedAt, lang))};{' '}
            {t.requests.due(formatDate(promisedDate(r), lang))}
          </p>
          {r.status === 'executing' ? null : <CancelForm {...p} request={r} label={t.requests.cancel} />}
        </article>
      ))}
    </section>
  );
}

function Download(p: P) {
  const { t } = p;
  return (
    <section aria-labelledby="download">
      <h2 id="download">{t.data.heading}</h2>
      <p>{t.data.intro(p.branding.name)}</p>
      <form method="post" action={p.action}>
        <input type="hidden" name="action" value="download" />
        <div class="actions">
          <button type="submit" name="format" value="json">
            {t.data.json}
          </button>
          <button type="submit" class="secondary" name="format" value="zip">
            {t.data.zip}
          </button>
        </div>
      </form>
    </section>
  );
}

function Forget(p: P) {
  const { t, lang } = p;
  const erasure = p.view.requests.find((r) => r.kind === 'erasure');
  return (
    <section aria-labelledby="forget">
      <h2 id="forget">{t.forget.heading}</h2>
      {erasure ? (
        <>
          <p class="due">{t.forget.open(p.branding.name, formatDate(promisedDate(erasure), lang))}</p>
          <p>{t.forget.clock(p.branding.name, formatDate(erasure.dueAt, lang))}</p>
          {erasure.status === 'executing' ? null : (
            <CancelForm {...p} request={erasure} label={t.forget.cancel} />
          )}
        </>
      ) : (
        <form method="post" action={p.action}>
          <p>{t.forget.explain(p.branding.name, p.erasureDays)}</p>
          <button type="submit" class="danger" name="action" value="erase">
            {t.forget.button}
          </button>
        </form>
      )}
    </section>
  );
}

export function preferencePage(c: Context<AppEnv>, page: CentrePage, status: 200 | 400 | 409 | 422 = 200) {
  const t = preferencesCopy(page.lang);
  const p: P = { ...page, t, action: `/p/${page.token}` };
  return renderPage(
    c,
    { lang: page.lang, title: t.title, branding: page.branding },
    <>
      <p>{t.intro(page.branding.name)}</p>
      {page.done ? (
        <p class="status" role="status">
          {t.done[page.done]}
        </p>
      ) : null}
      {page.problem ? (
        <div class="problem" role="alert">
          <p>
            <strong>{t.problems.heading}</strong>
          </p>
          <p>{problemText(t, page.problem)}</p>
        </div>
      ) : null}
      <Details {...p} />
      <Lists {...p} />
      <Interests {...p} />
      <Requests {...p} />
      <Download {...p} />
      <Forget {...p} />
    </>,
    status,
  );
}
