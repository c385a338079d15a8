// The erasure clock from Node, through the dev-only routes of workers/dev/bench-erasure.ts: seed a
// tenant with n subscribers and n due erasure requests, then drain its clock in slices of chunks as
// successive alarms would, until `target` erasures are executed (or none remain).

const SEED_STEP = 1_000;

async function post<T>(url: string, route: string, body: unknown): Promise<T> {
  const res = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export type Backlog = { tenantId: string; dueAt: number };

/** A new tenant with `n` due erasures. */
export async function seedErasures(url: string, n: number): Promise<Backlog> {
  let tenantId: string | undefined;
  let dueAt = 0;
  for (let offset = 0; offset < n; offset += SEED_STEP) {
    const seeded = await post<Backlog>(url, '/__dev/bench/erasure/seed', {
      tenantId,
      n: Math.min(SEED_STEP, n - offset),
      offset,
    });
    tenantId = seeded.tenantId;
    dueAt = seeded.dueAt;
  }
  if (!tenantId) throw new Error('nothing seeded');
  return { tenantId, dueAt };
}

/**
 * Drains the clock until `target` erasures ran or none remain; `ms` is the time inside the clock,
 * `restedMs` the part of it spent resting between chunks, as the re-armed alarm would.
 * Slices are at most 20 s (no request outlives HTTP timeouts) and shorter near the target.
 */
export async function drainClock(
  url: string,
  backlog: Backlog,
  target: number,
): Promise<{ executed: number; ms: number; restedMs: number; chunks: number; remaining: number }> {
  let executed = 0;
  let ms = 0;
  let restedMs = 0;
  let chunks = 0;
  let remaining = Number.POSITIVE_INFINITY;
  while (executed < target && remaining > 0) {
    const perMs = executed && ms ? executed / ms : 0;
    const budgetMs = perMs ? Math.min(20_000, Math.max(500, Math.ceil((target - executed) / perMs))) : 2_000;
    const slice = await post<{
      executed: number;
      ms: number;
      restedMs: number;
      chunks: number;
      remaining: number;
    }>(url, '/__dev/bench/erasure/drain', {
      tenantId: backlog.tenantId,
      asOf: backlog.dueAt + 60_000,
      budgetMs,
    });
    executed += slice.executed;
    ms += slice.ms;
    restedMs += slice.restedMs;
    chunks += slice.chunks;
    remaining = slice.remaining;
  }
  return { executed, ms, restedMs, chunks, remaining };
}
