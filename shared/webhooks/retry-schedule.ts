// When a failed webhook delivery is tried again: the Standard Webhooks example schedule, cut at
// eight attempts (immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: about 28 hours in
// all), and when an endpoint that keeps failing is switched off.

/** Delay before attempt n + 1, after attempt n (1-based) failed. */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000] as const;

/** Attempts per round (a replay starts a new round). */
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/** An endpoint whose every attempt failed for this long is disabled. */
export const FAILING_DISABLE_MS = 5 * 86_400_000;

/**
 * Seconds to wait after attempt `attempt` failed, or null when it was the last. `devSeconds`
 * (local development and tests only) replaces every delay, so the whole schedule runs in seconds.
 */
export function retryDelaySeconds(attempt: number, devSeconds?: number): number | null {
  const delay = RETRY_DELAYS_SECONDS[attempt - 1];
  if (delay === undefined) return null;
  return devSeconds ?? delay;
}
