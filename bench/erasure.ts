// Erasure throughput inside workerd: starts `wrangler dev` (RUNTIME=local, fresh state), seeds a
// tenant with N subscribers and N open erasure requests through the dev-only /__dev routes,
// then drains the tenant's erasure clock exactly as successive alarms would (chunks of
// ALARM_CHUNK with the clock's rest between them). Prints erasures per second for 1,000 and
// 10,000, the time per chunk with and without its rest, and the growth ratio (linear ≈ 10×).
// Run: npx tsx bench/erasure.ts [port]  (default: a free port)

import { freePort } from '../scripts/lib/local-worker';
import { drainClock, seedErasures } from './lib/erasure';
import { startApp, withWorker } from './lib/workers';

const PORT = Number(process.argv[2] ?? (await freePort()));
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);

async function run(url: string, n: number) {
  const backlog = await seedErasures(url, n);
  const started = performance.now();
  const { executed, ms, restedMs, chunks } = await drainClock(url, backlog, n);
  const wall = performance.now() - started;
  if (executed !== n) throw new Error(`expected ${n} erasures, got ${executed}`);
  return { n, ms, restedMs, chunks, wall, perSecond: (n / ms) * 1000 };
}

await withWorker(startApp({ port: PORT }), async ({ url }) => {
  const results = [];
  for (const n of SIZES) {
    const r = await run(url, n);
    results.push(r);
    console.log(
      `${String(n).padStart(6)} due erasures: ${r.ms.toFixed(0)} ms in the clock (${r.wall.toFixed(0)} ms wall), ${r.perSecond.toFixed(0)} erasures/s; ${r.chunks} chunks, ${((r.ms - r.restedMs) / r.chunks).toFixed(0)} ms working and ${(r.restedMs / r.chunks).toFixed(0)} ms resting per chunk`,
    );
  }
  const [small, large] = results as [(typeof results)[0], (typeof results)[0]];
  const growth = large.ms / small.ms;
  console.log(
    `time ratio ${large.n / small.n}× the work: ${growth.toFixed(2)}× the time (linear = ${large.n / small.n}.00); per-erasure cost ratio ${(growth / (large.n / small.n)).toFixed(2)}`,
  );
});
