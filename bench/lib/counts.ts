// The counting build's figures from Node: what one request of a scenario costs in D1 round trips,
// queue sends, mails, key derivations and imports, subrequests and log lines, work after the
// response (waitUntil, queue consumers, alarms) included: the counters are reset, `n` requests
// sent one after another, and read once the Worker has been quiet for a while.

export type Counts = Record<string, number>;

export const COUNTED = [
  ['d1RoundTrips', 'D1 round trips'],
  ['queueSends', 'queue sends'],
  ['mails', 'mails'],
  ['keyDerivations', 'key derivations'],
  ['keyImports', 'key imports'],
  ['subrequests', 'subrequests'],
  ['logLines', 'log lines'],
] as const;

async function counts(url: string, reset = false): Promise<Counts> {
  const res = await fetch(`${url}/__bench/counts`, { method: reset ? 'POST' : 'GET' });
  if (!res.ok) throw new Error(`counts: ${res.status} (is the app the counting build?)`);
  return (await res.json()) as Counts;
}

/** Throws unless the counting build counts five D1 round trips as five (no call counted twice). */
export async function checkCounting(url: string): Promise<void> {
  const check = (await (await fetch(`${url}/__bench/self-check`)).json()) as {
    d1RoundTrips: number;
    expected: number;
  };
  if (check.d1RoundTrips !== check.expected)
    throw new Error(`the counting build counted ${check.d1RoundTrips} D1 round trips for ${check.expected}`);
}

/** Counts once nothing has changed for `quietMs` (queue consumers and alarms finish after the response). */
async function settled(url: string, quietMs: number, deadlineMs = 60_000): Promise<Counts> {
  const deadline = Date.now() + deadlineMs;
  let last = JSON.stringify(await counts(url));
  for (;;) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = await counts(url);
    const text = JSON.stringify(now);
    if (text === last || Date.now() > deadline) return now;
    last = text;
  }
}

/**
 * Per request of `send` (n calls, one at a time): every counter divided by n. `units` counts what
 * one call stands for (a bulk import call of 1,000 rows: per row).
 */
export async function countPerRequest(
  url: string,
  n: number,
  send: (i: number) => Promise<Response>,
  opts: { quietMs?: number; units?: number } = {},
): Promise<Counts> {
  await settled(url, opts.quietMs ?? 2_500);
  await counts(url, true);
  for (let i = 0; i < n; i++) await (await send(i)).arrayBuffer();
  const total = await settled(url, opts.quietMs ?? 2_500);
  const per = n * (opts.units ?? 1);
  return Object.fromEntries(Object.entries(total).map(([k, v]) => [k, v / per]));
}

/** `12 D1, 1 queue, 0 mail, …`: one line of counts. */
export function formatCounts(c: Counts): string {
  const f = (v: number | undefined) => {
    const x = v ?? 0;
    return Number.isInteger(x) ? String(x) : x.toFixed(2);
  };
  return COUNTED.map(([key, label]) => `${f(c[key])} ${label}`).join(', ');
}
