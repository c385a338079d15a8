// The preference centre under `/p`: the "send me my link" form (`/p?tenant=`), the centre itself
// (`GET`/`POST /p/:token`, a sealed token of purpose `preferences`) and the confirmation of a new
// address (`/p/address/:token`). Every POST comes from our own page (CSRF), is at most 16 KB,
// and is ignored when a scanner sends it; a change answers 303 back to the page (or the download).

import { Hono } from 'hono';
import { isAutomatedRequest } from '../../shared/automated-clients';
import { AppError } from '../../shared/errors';
import { PreferenceAction, PreferenceDone } from '../../shared/schemas/preferences';
import type { AppEnv } from '../env';
import { errorPage, stalePage } from './pages/message';
import { pageFormBodyLimit, postedFromOurPage } from './pages/form-posts';
import { runAction } from './preferences-actions';
import { confirmAddressChange, showAddressChange } from './preferences-address';
import { centrePage, gonePage, openCentre } from './preferences-context';
import { requestLink, showLinkForm } from './preferences-link';
import { preferencePage } from './preferences-page';
import { PREFERENCE_MAIL_RETRY_SECONDS } from './preferences-limits';

export const preferenceRoutes = new Hono<AppEnv>();

preferenceRoutes.get('/', showLinkForm);
preferenceRoutes.post('/', pageFormBodyLimit, requestLink);
preferenceRoutes.get('/address/:token', showAddressChange);
preferenceRoutes.post('/address/:token', pageFormBodyLimit, confirmAddressChange);

preferenceRoutes.get('/:token', async (c) => {
  const centre = await openCentre(c, c.req.param('token'));
  if (centre instanceof Response) return centre;
  const done = PreferenceDone.safeParse(c.req.query('done'));
  return preferencePage(c, { ...(await centrePage(c, centre)), done: done.success ? done.data : undefined });
});

preferenceRoutes.post('/:token', pageFormBodyLimit, async (c) => {
  const token = c.req.param('token');
  const centre = await openCentre(c, token);
  if (centre instanceof Response) return centre;
  const stale = (status: 400 | 403) =>
    stalePage(c, { lang: centre.lang, branding: centre.branding, retryPath: `/p/${token}`, status });
  if (!postedFromOurPage(c)) return stale(403);
  // A scanner that submits forms sees the page again; only a person's press changes anything.
  if (isAutomatedRequest(c.req.method, c.req.raw.headers))
    return preferencePage(c, await centrePage(c, centre));
  const form = PreferenceAction.safeParse(await c.req.parseBody({ all: true }).catch(() => ({})));
  if (!form.success) return stale(400);
  try {
    const result = await runAction(c, centre, form.data);
    if ('stale' in result) return stale(400);
    if ('redirect' in result) return c.redirect(result.redirect, 303);
    if ('done' in result) return c.redirect(`/p/${token}?done=${result.done}`, 303);
    return preferencePage(c, { ...(await centrePage(c, centre)), problem: result.problem }, result.status);
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== 'rate_limited' && err.code !== 'gone')) throw err;
    if (err.code === 'gone') return gonePage(c, centre.lang, centre.branding);
    c.header('retry-after', String(PREFERENCE_MAIL_RETRY_SECONDS));
    const frame = { lang: centre.lang, branding: centre.branding };
    return errorPage(c, { ...frame, code: err.code, status: 429, message: err.message });
  }
});
