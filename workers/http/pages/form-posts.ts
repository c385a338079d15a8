// What every form on our pages (the intercept's answer, the double opt-in button, the request
// confirmation) checks before it is read: that a browser posted it from our own origin (CSRF),
// and that its body is the size of a few buttons, not more.

import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { pageLanguage } from '../../../shared/pages/languages';
import type { AppEnv } from '../../env';
import { errorPage } from './message';

/** Our page forms carry a token and a button value; anything near this is not a person. */
const PAGE_FORM_MAX_BYTES = 16 * 1024;

/**
 * CSRF: a browser's Origin (or, without one, Sec-Fetch-Site) must say the post came from our own
 * origin. Clients that send neither are not browsers, and a CSRF needs a browser.
 */
export function postedFromOurPage(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined)
    return [new URL(c.req.url).origin, new URL(c.env.PUBLIC_ORIGIN).origin].includes(origin);
  const site = c.req.header('sec-fetch-site');
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** A 413 page in the person's language for a body over the limit. */
export const pageFormBodyLimit = bodyLimit({
  maxSize: PAGE_FORM_MAX_BYTES,
  onError: (c) =>
    errorPage(c, {
      lang: pageLanguage(c.req.header('accept-language')),
      code: 'payload_too_large',
      status: 413,
      message: `The form data is larger than ${PAGE_FORM_MAX_BYTES} bytes.`,
    }),
});
