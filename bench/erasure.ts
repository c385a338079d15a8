// Erasure throughput inside workerd: starts `wrangler dev` (RUNTIME=local, fresh state), seeds a
// tenant with N subscribers and N open erasure requests through the dev-only /__dev routes,
// then drains the tenant's erasure clock exactly as successive alarms would (chunks of 25).
// Prints erasures per second for 1,000 and 10,000 and the growth ratio (linear ≈ 10×).
// Run: npx tsx bench/erasure.ts [port]  (default: a free port)

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../scripts/lib/local-worker';

const PORT = Number(process.argv[2] ?? (await freePort()));
const ORIGIN = `http://127.0.0.1:${PORT}`;
const MASTER_KEY = 'v1:YmVuY2htYXJrLWtleS0zMi1ieXRlcy1sb25nLi4uLi4=';
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const SEED_STEP = 500;
const root = path.resolve(import.meta.dirname, '..');
const state = mkdtempSync(path.join(tmpdir(), 'tm-bench-'));
const wrangler = path.join(root, 'node_modules', '.bin', 'wrangler');

function migrate() {
  for (const db of ['DB_EU', 'DB_US']) {
    const r = spawnSync(wrangler, ['d1', 'migrations', 'apply', db, '--local', '--persist-to', state], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CI: '1' },
    });
    if (r.status !== 0) throw new Error(`migrations failed: ${r.stderr}`);
  }
}

async function post<T>(route: string, body: unknown): Promise<T> {
  const res = await fetch(`${ORIGIN}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function waitUntilUp(deadline = Date.now() + 60_000) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${ORIGIN}/health`)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('wrangler dev did not start');
}

async function run(n: number) {
  let tenantId: string | undefined;
  let dueAt = 0;
  for (let offset = 0; offset < n; offset += SEED_STEP) {
    const seeded = await post<{ tenantId: string; dueAt: number }>('/__dev/bench/erasure/seed', {
      tenantId,
      n: Math.min(SEED_STEP, n - offset),
      offset,
    });
    tenantId = seeded.tenantId;
    dueAt = seeded.dueAt;
  }
  const started = performance.now();
  let executed = 0;
  let ms = 0;
  for (;;) {
    // The clock works in slices of 20 s of chunks, so no single request outlives HTTP timeouts.
    const slice = await post<{ executed: number; ms: number; remaining: number }>(
      '/__dev/bench/erasure/drain',
      { tenantId, asOf: dueAt + 60_000, budgetMs: 20_000 },
    );
    executed += slice.executed;
    ms += slice.ms;
    if (slice.remaining === 0) break;
  }
  const wall = performance.now() - started;
  if (executed !== n) throw new Error(`expected ${n} erasures, got ${executed}`);
  return { n, ms, wall, perSecond: (n / ms) * 1000 };
}

// wrangler refuses to start without the [assets] directory (the dashboard build creates it).
mkdirSync(path.join(root, 'public'), { recursive: true });
const dev = spawn(
  wrangler,
  [
    'dev',
    '--port',
    String(PORT),
    '--ip',
    '127.0.0.1',
    '--persist-to',
    state,
    '--var',
    'RUNTIME:local',
    '--var',
    `MASTER_KEY:${MASTER_KEY}`,
    '--log-level',
    'warn',
  ],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CI: '1' },
  },
);

try {
  migrate();
  await waitUntilUp();
  const results = [];
  for (const n of SIZES) {
    const r = await run(n);
    results.push(r);
    console.log(
      `${String(n).padStart(6)} due erasures: ${r.ms.toFixed(0)} ms in the clock (${r.wall.toFixed(0)} ms wall), ${r.perSecond.toFixed(0)} erasures/s`,
    );
  }
  const [small, large] = results as [(typeof results)[0], (typeof results)[0]];
  const growth = large.ms / small.ms;
  console.log(
    `time ratio ${large.n / small.n}× the work: ${growth.toFixed(2)}× the time (linear = ${large.n / small.n}.00); per-erasure cost ratio ${(growth / (large.n / small.n)).toFixed(2)}`,
  );
} finally {
  dev.kill('SIGTERM');
  rmSync(state, { recursive: true, force: true });
}
