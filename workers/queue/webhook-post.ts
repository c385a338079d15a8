// One HTTP attempt of a webhook: POST with a 10 s timeout, redirects answered but never followed,
// at most 4 KB of the response read and thrown away (never stored), the outcome classified.

import type { AttemptResult } from '../../db/webhook-deliveries';
import { scrubMessage } from '../../shared/log';

export const REQUEST_TIMEOUT_MS = 10_000;
export const RESPONSE_READ_LIMIT = 4096;

/** Reads at most `limit` bytes of a response body and drops them; stops when `signal` fires. */
async function drain(body: ReadableStream<Uint8Array> | null, limit: number, signal: AbortSignal) {
  if (!body) return;
  const reader = body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  try {
    let read = 0;
    while (read < limit) {
      const chunk = await reader.read();
      if (chunk.done) return;
      read += chunk.value.byteLength;
    }
  } catch {
    // The answer's status is what counts; a body cut short changes nothing.
  } finally {
    signal.removeEventListener('abort', stop);
    stop();
  }
}

/** Sends one attempt; never throws: every failure comes back as an error code. */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<AttemptResult> {
  const at = new Date();
  const started = Date.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const done = (
    statusCode: number | null,
    errorCode: string | null,
    error: string | null,
  ): AttemptResult => ({
    at,
    durationMs: Date.now() - started,
    statusCode,
    ok: errorCode === null,
    errorCode,
    error,
  });
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'TailoredMail-Webhooks/1' },
      body,
      redirect: 'manual',
      signal,
    });
    await drain(res.body, RESPONSE_READ_LIMIT, signal);
    if (res.status >= 200 && res.status < 300) return done(res.status, null, null);
    if (res.status >= 300 && res.status < 400)
      return done(res.status, 'redirect', 'Redirects are not followed: point the endpoint at the final URL.');
    if (res.status === 410) return done(res.status, 'gone', 'The endpoint answered 410 Gone.');
    return done(res.status, 'http_status', `The endpoint answered ${res.status}.`);
  } catch (err) {
    if (signal.aborted) return done(null, 'timeout', `No answer within ${timeoutMs / 1000} s.`);
    return done(null, 'network', err instanceof Error ? scrubMessage(err.message) : 'The request failed.');
  }
}
