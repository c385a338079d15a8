// Edge forms: `POST /f/:formId` from a plain HTML form (303 to the thank-you page) or from the
// embed script (JSON, CORS for the form's allowed origins only), its preflight, and
// `GET /f/:formId/embed.js`. Spam and erased addresses get the normal answer and write nothing.

import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { acceptFormSubmission } from '../../db/form-submissions';
import { masterKeyring } from '../../shared/crypto/keyring';
import { brandingOf } from '../../shared/branding';
import { AppError, errorBody } from '../../shared/errors';
import { judgeSubmission } from '../../shared/forms/fill-time';
import { formWords } from '../../shared/forms/messages';
import { log } from '../../shared/log';
import { pageLanguage } from '../../shared/pages/languages';
import type { AppEnv } from '../env';
import { sendConfirmationOrQueue } from '../mail/confirmation';
import { embedResponse } from './embed';
import {
  bodyKind,
  checkOrigin,
  corsHeaders,
  loadForm,
  readSubmission,
  type BodyKind,
  type FormContext,
} from './form-request';
import { errorPage } from './pages/message';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { clientIp, requestGeo } from './request-context';

/** A sign-up is a few hundred bytes; anything near this is not a person filling in a form. */
export const FORM_BODY_LIMIT = 16 * 1024;

export const formRoutes = new Hono<AppEnv>();

formRoutes.get('/:formId/embed.js', async (c) => embedResponse(c, await loadForm(c, c.req.param('formId'))));

formRoutes.options('/:formId', async (c) => {
  const ctx = await loadForm(c, c.req.param('formId'));
  return c.body(null, 204, corsHeaders(checkOrigin(c, ctx.form)));
});

formRoutes.post(
  '/:formId',
  bodyLimit({
    maxSize: FORM_BODY_LIMIT,
    onError: () => {
      throw new AppError('payload_too_large', 'The form data is too large.');
    },
  }),
  async (c) => {
    const ctx = await loadForm(c, c.req.param('formId'));
    const origin = checkOrigin(c, ctx.form);
    let kind: BodyKind = 'json';
    try {
      kind = bodyKind(c);
      return await submit(c, ctx, kind, origin);
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return failure(c, ctx, kind, origin, err);
      throw err;
    }
  },
);

async function submit(c: Context<AppEnv>, ctx: FormContext, kind: BodyKind, origin: string | null) {
  const submission = await readSubmission(c, kind);
  const ring = await masterKeyring(c.env.MASTER_KEY);
  const verdict = await judgeSubmission(
    ring,
    ctx.form.id,
    { honeypot: submission.tm_hp, token: submission.tm_t },
    kind === 'json',
  );
  if (verdict.spam) {
    log('info', 'form.spam', { formId: ctx.form.id, reason: verdict.reason });
    return success(c, ctx, kind, origin, 'pending');
  }
  const ip = clientIp(c);
  try {
    const result = await acceptFormSubmission(ctx.store.db, ctx.keys, ctx.form, submission, {
      occurredAt: new Date(),
      geo: requestGeo(c),
      ip,
      userAgent: c.req.header('user-agent') ?? null,
      pageUrl: submission.pageUrl ?? null,
    });
    if (result.awaitingConfirmation.length) {
      await sendConfirmationOrQueue(c.env, {
        region: ctx.store.region,
        tenant: ctx.tenant,
        subscriberId: result.subscriber.id,
        email: result.email,
        lists: result.lists.filter((l) => result.awaitingConfirmation.includes(l.id)),
        language: ctx.form.language,
        formId: ctx.form.id,
      });
    }
    dispatchEventsAfterResponse(c, ctx.store.region, result.outbox);
    return success(c, ctx, kind, origin, result.awaitingConfirmation.length ? 'pending' : 'confirmed');
  } catch (err) {
    // An erased address is not re-subscribed, and a website visitor is not told it was erased.
    if (err instanceof AppError && err.code === 'suppressed') return success(c, ctx, kind, origin, 'pending');
    throw err;
  }
}

function success(
  c: Context<AppEnv>,
  ctx: FormContext,
  kind: BodyKind,
  origin: string | null,
  status: 'pending' | 'confirmed',
) {
  if (kind === 'form') return c.redirect(ctx.form.thankYouUrl, 303);
  const words = formWords(ctx.form.language);
  return c.json(
    { ok: true as const, status, message: status === 'pending' ? words.pending : words.confirmed },
    200,
    corsHeaders(origin),
  );
}

function failure(c: Context<AppEnv>, ctx: FormContext, kind: BodyKind, origin: string | null, err: AppError) {
  if (kind === 'json')
    return c.json(
      errorBody(err.code, err.message, c.get('requestId'), err.details),
      err.status as 400,
      corsHeaders(origin),
    );
  if (ctx.form.errorUrl) {
    const url = new URL(ctx.form.errorUrl);
    url.searchParams.set('error', err.code);
    return c.redirect(url.toString(), 303);
  }
  const lang = pageLanguage(c.req.header('accept-language'), ctx.form.language);
  return errorPage(c, {
    lang,
    branding: brandingOf(ctx.tenant),
    code: err.code,
    status: err.status as 400,
    message: err.message,
    body: err.code === 'consent_required' ? formWords(lang).consentRequired : undefined,
  });
}
