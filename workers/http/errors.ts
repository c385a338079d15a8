// One onError and one notFound for the whole app, and the validation hook that gives zod
// failures the same JSON body. `/api` answers JSON; people get a readable page in their language.

import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, errorBody, type ErrorCode } from '../../shared/errors';
import { describeError, log } from '../../shared/log';
import { pageLanguage } from '../../shared/pages/languages';
import type { AppEnv } from '../env';
import { errorPage } from './pages/message';

const wantsJson = (c: Context) => {
  const path = c.req.path;
  return (
    path.startsWith('/api') ||
    path.startsWith('/admin/api') ||
    (c.req.header('accept') ?? '').includes('application/json')
  );
};

function respond(c: Context<AppEnv>, status: number, code: ErrorCode, message: string, details?: unknown) {
  if (wantsJson(c)) return c.json(errorBody(code, message, c.get('requestId'), details), status as 400);
  const lang = pageLanguage(c.req.header('accept-language'));
  return errorPage(c, { lang, code, status: status as 400, message });
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof AppError) {
    if (err.status >= 500) log('error', 'request.failed', { requestId: c.get('requestId'), code: err.code });
    return respond(c, err.status, err.code, err.message, err.details);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    // The JSON validators refuse any other body type with a bare 415: name what to send instead.
    if (status === 415)
      return respond(
        c,
        status,
        'unsupported_media_type',
        'Send the request body as JSON, with Content-Type: application/json.',
      );
    const code: ErrorCode =
      status === 413
        ? 'payload_too_large'
        : status === 401
          ? 'unauthorized'
          : status === 404
            ? 'not_found'
            : 'bad_request';
    return respond(c, status, code, err.message || 'Bad request.');
  }
  log('error', 'request.crashed', {
    requestId: c.get('requestId'),
    path: c.req.routePath,
    ...describeError(err),
  });
  return respond(c, 500, 'internal', 'Internal error. The request id identifies it in our logs.');
};

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  respond(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`);

/** Zod issues without the rejected values (they may be personal data). */
export function zodDetails(error: ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export function validationFailed(error: ZodError): AppError {
  const first = error.issues[0];
  const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
  return new AppError(
    'validation_failed',
    `Invalid request${where}: ${first?.message ?? 'invalid input'}.`,
    zodDetails(error),
  );
}

/** Hook for @hono/zod-validator and @hono/zod-openapi: throw our error, which onError shapes. */
export const validationHook = (result: { success: boolean; error?: unknown }) => {
  if (!result.success) throw validationFailed(result.error as ZodError);
};
