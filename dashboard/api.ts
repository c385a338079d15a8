// The one way the dashboard talks to the server: the documented JSON API with the session cookie,
// `X-CSRF-Token` on every change, the error body turned into an ApiError whose message a person
// can read; a 401 hands the app back to sign-in, a 403 `password_expired` to the password change,
// a 403 names what the role may not do.

import { strings } from './strings';

export type Page<T> = { data: T[]; nextCursor: string | null };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;
let onSignedOut: () => void = () => {};
let onPasswordExpired: () => void = () => {};

/** The session's CSRF token (from the sign-in answer or `GET /api/auth/session`). */
export function useCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** What the app does when the server says the session is gone. */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

/** What the app does when the server says the session's password expired meanwhile. */
export function whenPasswordExpired(handler: () => void): void {
  onPasswordExpired = handler;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string; details?: unknown } }
    | undefined;
  const code = body?.error?.code ?? 'internal';
  const message = body?.error?.message ?? strings.errors.unexpected(res.status);
  if (res.status === 403 && code === 'forbidden')
    return new ApiError(403, code, strings.errors.forbidden(message));
  return new ApiError(res.status, code, message, body?.error?.details);
}

/**
 * Calls the API. `signInFlow` leaves a 401 to the caller (the sign-in form's wrong password)
 * instead of ending the session.
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  opts: { signInFlow?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', strings.errors.network);
  }
  if (res.status === 401 && !opts.signInFlow) {
    onSignedOut();
    throw new ApiError(401, 'unauthorized', strings.errors.signedOut);
  }
  if (!res.ok) {
    const error = await errorOf(res);
    if (error.code === 'password_expired' && !opts.signInFlow) onPasswordExpired();
    throw error;
  }
  if (res.status === 204 || res.status === 202) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));

/**
 * A validation error's messages by field path (`privacyOfficer.email`), from the details of a
 * 400 `validation_failed`; empty for any other error.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || !Array.isArray(error.details))
    return {};
  const out: Record<string, string> = {};
  for (const d of error.details as { path?: unknown; message?: unknown }[])
    if (typeof d.path === 'string' && typeof d.message === 'string' && !(d.path in out))
      out[d.path] = d.message;
  return out;
}
