// The few server pages of dashboard sign-in, under `/auth`: the page behind a mailed one-time
// password link (GET shows the form, so mail scanners that fetch links change nothing; the
// person's POST sets the password), and SSO: `/auth/sso/<workspace>` starts a sign-in at the
// tenant's provider, `/auth/sso/callback` finishes it and sends the browser to `/admin/`, or
// ends on a page that says what to do.

import { type Context, Hono } from 'hono';
import { AppError } from '../../shared/errors';
import { describeError, log } from '../../shared/log';
import { adminCopy } from '../../shared/pages/admin-copy';
import { type PageLanguage, pageLanguage } from '../../shared/pages/languages';
import type { AppEnv } from '../env';
import { pageFormBodyLimit, postedFromOurPage } from '../http/pages/form-posts';
import { renderPage } from '../http/pages/layout';
import { invalidLinkPage, messagePage, stalePage } from '../http/pages/message';
import { clientIp, requestGeo } from '../http/request-context';
import { passwordLinkUser, setPasswordByLink } from './passwords';
import { auditSsoRefusal, finishSso, SsoRefusal, startSso } from './sso';
import { workspaceName } from '../../shared/workspace';

const langOf = (c: Context<AppEnv>): PageLanguage => pageLanguage(c.req.header('accept-language'));

function passwordForm(
  c: Context<AppEnv>,
  lang: PageLanguage,
  workspace: string,
  problem?: string,
  status: 200 | 400 = 200,
) {
  const t = adminCopy(lang).password;
  return renderPage(
    c,
    { lang, title: t.title, branding: null },
    <>
      <p>{t.intro(workspace)}</p>
      <p class="muted">{t.rules}</p>
      {problem ? <p role="alert">{problem}</p> : null}
      <form method="post">
        <label for="password">{t.newPassword}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minlength={12}
          maxlength={256}
        />
        <label for="repeat">{t.repeat}</label>
        <input
          id="repeat"
          name="repeat"
          type="password"
          autocomplete="new-password"
          required
          minlength={12}
          maxlength={256}
        />
        <div class="actions">
          <button type="submit">{t.button}</button>
        </div>
      </form>
    </>,
    status,
  );
}

export const adminPages = new Hono<AppEnv>();

adminPages.get('/password/:token', async (c) => {
  const lang = langOf(c);
  c.header('referrer-policy', 'no-referrer');
  const found = await passwordLinkUser(c.env, c.req.param('token')).catch(() => null);
  if (!found) return invalidLinkPage(c, lang, 400);
  return passwordForm(c, lang, workspaceName(found.ctx.tenant));
});

adminPages.post('/password/:token', pageFormBodyLimit, async (c) => {
  const lang = langOf(c);
  c.header('referrer-policy', 'no-referrer');
  const token = c.req.param('token');
  const found = await passwordLinkUser(c.env, token).catch(() => null);
  if (!found) return invalidLinkPage(c, lang, 400);
  if (!postedFromOurPage(c))
    return stalePage(c, { lang, branding: null, retryPath: `/auth/password/${token}`, status: 403 });
  const t = adminCopy(lang).password;
  const workspace = workspaceName(found.ctx.tenant);
  const form = await c.req.parseBody();
  const password = typeof form.password === 'string' ? form.password : '';
  if (password !== form.repeat) return passwordForm(c, lang, workspace, t.mismatch, 400);
  try {
    await setPasswordByLink(c.env, token, password, { country: requestGeo(c).country, ip: clientIp(c) });
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed') {
      const problem = (err.details as { problem?: keyof typeof t.problems } | undefined)?.problem;
      return passwordForm(c, lang, workspace, problem ? t.problems[problem] : err.message, 400);
    }
    if (err instanceof AppError && err.code === 'invalid_token') return invalidLinkPage(c, lang, 400);
    throw err;
  }
  return renderPage(
    c,
    { lang, title: t.doneTitle, branding: null },
    <>
      <p>{t.doneBody}</p>
      <p>
        <a class="button" href="/admin/">
          {t.signIn}
        </a>
      </p>
    </>,
  );
});

async function ssoRefused(c: Context<AppEnv>, refusal: SsoRefusal) {
  await auditSsoRefusal(c, refusal).catch((err) =>
    log('error', 'audit.write_failed', {
      requestId: c.get('requestId'),
      action: 'sso',
      ...describeError(err),
    }),
  );
  log('warn', 'admin.sso_refused', { requestId: c.get('requestId'), reason: refusal.reason });
  const lang = langOf(c);
  const t = adminCopy(lang).sso;
  return messagePage(
    c,
    { lang, branding: null },
    { title: t.title, body: t.reasons[refusal.failure] },
    refusal.status,
  );
}

adminPages.get('/sso/callback', async (c) => {
  try {
    await finishSso(c);
  } catch (err) {
    if (err instanceof SsoRefusal) return ssoRefused(c, err);
    throw err;
  }
  return c.redirect('/admin/', 303);
});

adminPages.get('/sso/:workspace', async (c) => {
  const hint = c.req.query('login_hint');
  try {
    const url = await startSso(c, c.req.param('workspace'), hint && hint.length <= 320 ? hint : undefined);
    return c.redirect(url, 302);
  } catch (err) {
    if (err instanceof SsoRefusal) return ssoRefused(c, err);
    throw err;
  }
});
