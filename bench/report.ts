// bench/report: the compliance report (counters, db/compliance-report.ts) against the GROUP BY
// recount of the same cells (db/subscription-state.ts) at 10,000, 100,000 and 1,000,000
// subscribers of one tenant, in one `wrangler dev` (fresh state). People are generated in bulk
// with json_each inserts, the counters filled by the reconciliation once per size; several
// interleaved rounds per size, medians. Usage: npx tsx bench/report.ts  (BENCH_SIZES, BENCH_ROUNDS)

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { applyLocalMigrations, freePort, newMasterKey, startLocalWorker } from '../scripts/lib/local-worker';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** People per seeding request: one batch of three json_each inserts. */
const SEED_STEP = 100_000;

type Timing = { ms: number; d1Ms: number };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const state = mkdtempSync(path.join(tmpdir(), 'tm-bench-report-'));
applyLocalMigrations(state);
const worker = await startLocalWorker({
  port: await freePort(),
  persistTo: state,
  vars: { RUNTIME: 'local', MASTER_KEY: newMasterKey() },
});

async function post<T>(route: string, body: unknown): Promise<T & { wall: number }> {
  const started = performance.now();
  const res = await fetch(`${worker.url}/__dev/bench/report/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  const out = (await res.json()) as T;
  return { ...out, wall: performance.now() - started };
}

try {
  console.log(`bench/report: ${ROUNDS} rounds per size, medians; load average at start ${load()}`);
  let tenantId: string | undefined;
  let seeded = 0;
  for (const size of SIZES) {
    const seedStarted = performance.now();
    while (seeded < size) {
      const to = Math.min(size, seeded + SEED_STEP);
      const r: { tenantId: string } = await post('seed', { tenantId, from: seeded, to });
      tenantId = r.tenantId;
      seeded = to;
    }
    const seedMs = performance.now() - seedStarted;
    const fill = await post<{ ms: number }>('reconcile', { tenantId });
    const reports: (Timing & { wall: number })[] = [];
    const recounts: (Timing & { wall: number })[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always meets a warm page cache left by the other.
      const report = () => post<Timing & { subscribers: number }>('report', { tenantId });
      const recount = () => post<Timing & { countersMatch: boolean }>('recount', { tenantId });
      const [a, b] = round % 2 ? [await recount(), await report()] : [await report(), await recount()];
      const [rep, rec] = (round % 2 ? [b, a] : [a, b]) as [
        Timing & { wall: number; subscribers: number },
        Timing & { wall: number; countersMatch: boolean },
      ];
      if (rep.subscribers !== size)
        throw new Error(`the report counts ${rep.subscribers} people, not ${size}`);
      if (!rec.countersMatch) throw new Error('the counters differ from the recount');
      reports.push(rep);
      recounts.push(rec);
    }
    const m = (xs: (Timing & { wall: number })[], k: 'ms' | 'd1Ms' | 'wall') => median(xs.map((x) => x[k]));
    const mean = (xs: Timing[]) => xs.reduce((n, x) => n + x.d1Ms, 0) / xs.length;
    // Local workerd's clock steps in whole milliseconds: a report whose statements each take less
    // reads 0 in most rounds, so its ratio is a lower bound taken against one step.
    const d1Ratio =
      m(reports, 'd1Ms') > 0
        ? `${(m(recounts, 'd1Ms') / m(reports, 'd1Ms')).toFixed(0)}x`
        : `> ${m(recounts, 'd1Ms').toFixed(0)}x (report below the 1 ms clock step)`;
    console.log(
      [
        `${size.toLocaleString('en')} subscribers (generated in ${(seedMs / 1000).toFixed(1)} s, counters filled by the reconciliation in ${(fill.ms / 1000).toFixed(1)} s):`,
        `  report   wall ${fmt(m(reports, 'ms'))} ms in the Worker (${fmt(m(reports, 'wall'))} ms HTTP), D1 ${fmt(m(reports, 'd1Ms'))} ms (mean ${fmt(mean(reports))} ms)`,
        `  recount  wall ${fmt(m(recounts, 'ms'))} ms in the Worker (${fmt(m(recounts, 'wall'))} ms HTTP), D1 ${fmt(m(recounts, 'd1Ms'))} ms (mean ${fmt(mean(recounts))} ms)`,
        `  ratio    wall ${(m(recounts, 'ms') / m(reports, 'ms')).toFixed(0)}x, D1 ${d1Ratio} (HTTP ${(m(recounts, 'wall') / m(reports, 'wall')).toFixed(0)}x); load average ${load()}`,
      ].join('\n'),
    );
  }
} finally {
  await worker.stop();
  rmSync(state, { recursive: true, force: true });
}
