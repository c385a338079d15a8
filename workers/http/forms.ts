// Edge forms: `POST /f/:formId` from a plain HTML form (303 to the thank-you page) or from the
// embed script (JSON, CORS for the form's allowed origins only), its preflight, and
// `GET /f/:formId/embed.js`. Every accepted post gets the same answer, whoever the address
// belongs to (new, subscribed, erased) and whether or not it was spam; mail goes after it.

import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { acceptFormSubmission, formAnswerStatus } from '../../db/form-submissions';
import { requireLists } from '../../db/lists';
import { masterKeyring } from '../../shared/crypto/keyring';
import { brandingOf } from '../../shared/branding';
import { AppError, errorBody } from '../../shared/errors';
import { judgeSubmission } from '../../shared/forms/fill-time';
import { formWords } from '../../shared/forms/messages';
import { describeError, log } from '../../shared/log';
import { pageLanguage } from '../../shared/pages/languages';
import type { AppEnv } from '../env';
import { sendConfirmationOrQueue } from '../mail/confirmation';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { embedResponse } from './embed';
import { enforceFormRateLimits, RETRY_AFTER_SECONDS } from './form-limits';
import {
  bodyKind,
  checkOrigin,
  corsHeaders,
  formAsItIs,
  formForPost,
  loadForm,
  readSubmission,
  redirectTarget,
  type BodyKind,
  type FormContext,
} from './form-request';
import { errorPage, messagePage } from './pages/message';
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
    const { ctx, origin } = await formForPost(c, c.req.param('formId'));
    let kind: BodyKind = 'json';
    let limits: Promise<void> = Promise.resolve();
    try {
      kind = bodyKind(c);
      // Counted while the post is read and checked; nothing is read from D1, written or
      // answered before they allowed it, and their refusal comes before any other.
      limits = enforceFormRateLimits(c.env, ctx.form.id, clientIp(c));
      limits.catch(() => undefined);
      return await submit(c, ctx, kind, origin, limits);
    } catch (err) {
      const refusal = await limits.then(
        () => err,
        (limited: unknown) => limited,
      );
      if (refusal instanceof AppError && refusal.status < 500) return failure(c, ctx, kind, origin, refusal);
      throw refusal;
    }
  },
);

async function submit(
  c: Context<AppEnv>,
  first: FormContext,
  kind: BodyKind,
  firstOrigin: string | null,
  limits: Promise<void>,
) {
  let ctx = first;
  let origin = firstOrigin;
  const submission = await readSubmission(c, kind);
  const ring = await masterKeyring(c.env.MASTER_KEY);
  const verdict = await judgeSubmission(
    ring,
    ctx.form.id,
    { honeypot: submission.tm_hp, token: submission.tm_t },
    kind === 'json',
  );
  const { db, region } = ctx.store;
  if (verdict.spam) {
    await limits;
    log('info', 'form.spam', { formId: ctx.form.id, reason: verdict.reason });
    const form = await loadForm(c, ctx.form.id);
    return success(
      c,
      form,
      kind,
      origin,
      formAnswerStatus(await requireLists(db, form.keys.tenantId, form.form.listIds)),
    );
  }
  const accept = () =>
    acceptFormSubmission(db, ctx.keys, ctx, submission, {
      occurredAt: new Date(),
      geo: requestGeo(c),
      ip: clientIp(c),
      userAgent: c.req.header('user-agent') ?? null,
      pageUrl: submission.pageUrl ?? null,
      settings: ctx.tenant.settings,
      admitted: limits,
    });
  let outcome = await accept();
  // The isolate's copy of the form was out of date: start over from the form as it is now.
  for (let tries = 0; 'stale' in outcome; tries++) {
    if (tries === 2)
      throw new AppError('conflict', 'The form changed while it was sent. Please send it again.');
    ({ ctx, origin } = await formAsItIs(c, ctx, outcome.current));
    outcome = await accept();
  }
  if (outcome.accepted) {
    const { subscriber, email, lists, mailDue } = outcome;
    if (mailDue.length) {
      // Claimed in the write batch, sent after the answer: a mail sent before it would make a new
      // address answer more slowly.
      const mail = sendConfirmationOrQueue(c.env, {
        region,
        tenant: ctx.tenant,
        subscriberId: subscriber.id,
        email,
        lists: lists.filter((l) => mailDue.includes(l.id)),
        language: ctx.form.language,
        formId: ctx.form.id,
      }).catch((err: unknown) =>
        log('error', 'doi.mail_failed', { formId: ctx.form.id, ...describeError(err) }),
      );
      c.executionCtx.waitUntil(mail);
    }
    dispatchEventsAfterResponse(c, region, outcome.outbox);
  }
  const answer = await success(c, ctx, kind, origin, formAnswerStatus(outcome.lists));
  // An answered post is its consent event (an erased address rehearses the same work): no access
  // line, like a click. Spam, refusals and errors still log one.
  c.set('quietAccess', true);
  return answer;
}

function success(
  c: Context<AppEnv>,
  ctx: FormContext,
  kind: BodyKind,
  origin: string | null,
  status: 'pending' | 'confirmed',
) {
  const words = formWords(ctx.form.language);
  const message = status === 'pending' ? words.pending : words.confirmed;
  if (kind === 'json') return c.json({ ok: true as const, status, message }, 200, corsHeaders(origin));
  const thanks = redirectTarget(ctx.form.thankYouUrl);
  if (thanks) return c.redirect(thanks, 303);
  const lang = pageLanguage(c.req.header('accept-language'), ctx.form.language);
  const own = formWords(lang);
  const frame = { lang, branding: brandingOf(ctx.tenant) };
  return messagePage(c, frame, {
    title: own.submit,
    body: status === 'pending' ? own.pending : own.confirmed,
  });
}

function failure(c: Context<AppEnv>, ctx: FormContext, kind: BodyKind, origin: string | null, err: AppError) {
  const words = formWords(ctx.form.language);
  const limited = err.code === 'rate_limited';
  const headers: Record<string, string> = limited
    ? { ...corsHeaders(origin), 'retry-after': String(RETRY_AFTER_SECONDS) }
    : corsHeaders(origin);
  if (kind === 'json') {
    const message = limited ? words.tooMany : err.message;
    return c.json(errorBody(err.code, message, c.get('requestId'), err.details), err.status as 400, headers);
  }
  // A person who posted too often reads why on our page; other failures go to the site's error page.
  const errorUrl = redirectTarget(ctx.form.errorUrl);
  if (errorUrl && !limited) {
    const url = new URL(errorUrl);
    url.searchParams.set('error', err.code);
    return c.redirect(url.toString(), 303);
  }
  const lang = pageLanguage(c.req.header('accept-language'), ctx.form.language);
  const own = formWords(lang);
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return errorPage(c, {
    lang,
    branding: brandingOf(ctx.tenant),
    code: err.code,
    status: err.status as 400,
    message: err.message,
    body: limited ? own.tooMany : err.code === 'consent_required' ? own.consentRequired : undefined,
  });
}
