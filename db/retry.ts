// Optimistic concurrency: a batch that lost a race on a unique index (the next seq of a consent
// chain, a subscriber's address, a spent nonce) is rebuilt from fresh reads and tried again, with
// growing, randomised pauses, until it commits: `appendToChain` (consent-log.ts), the guarded
// writes of a person's own profile (preferences-profile.ts, preferences-address.ts) and the audit
// chain (audit-log.ts, which retries only its own race for the next seq).

import { AppError } from '../shared/errors';

const CONFLICT = /UNIQUE constraint failed|SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)/i;

export function isUniqueConflict(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e instanceof Error && !seen.has(e)) {
    if (CONFLICT.test(e.message)) return true;
    seen.add(e);
    e = e.cause;
  }
  return false;
}

/** The 503 of a writer that waited its whole budget for its turn. */
export function tooManyChanges(): AppError {
  return new AppError('unavailable', 'Too many simultaneous changes to this record; please try again.');
}

/** How long a writer keeps retrying before it answers 503: far beyond any real burst. */
export const CONFLICT_BUDGET_MS = 30_000;

/**
 * Runs `attempt(round)` until it does not fail on a unique-index race. Each lost round means
 * another writer committed, so the next read sees progress; the pause (full jitter, doubling up to
 * two seconds) spreads simultaneous writers apart, so that a crowd of them does not spend its time
 * re-reading at once. Only a race lasting `budgetMs` gives up (503).
 */
export async function retryOnConflict<T>(
  attempt: (round: number) => Promise<T>,
  budgetMs = CONFLICT_BUDGET_MS,
  isConflict: (err: unknown) => boolean = isUniqueConflict,
): Promise<T> {
  const started = Date.now();
  for (let round = 1; ; round++) {
    try {
      return await attempt(round);
    } catch (err) {
      if (!isConflict(err)) throw err;
      if (Date.now() - started > budgetMs) throw tooManyChanges();
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(2000, 20 * 2 ** round)));
    }
  }
}
