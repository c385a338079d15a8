// Optimistic concurrency for chain appends and first inserts: a batch that lost a race on a
// unique index (the subscriber's address, or the next seq of its consent chain) is rebuilt from
// fresh reads and tried again, so a burst of submissions loses none of them.

const CONFLICT = /UNIQUE constraint failed|SQLITE_CONSTRAINT/i;

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

/** Runs `attempt` again (up to `tries` times) while it fails on a unique-index race. */
export async function retryOnConflict<T>(attempt: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= tries || !isUniqueConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * i));
    }
  }
}
