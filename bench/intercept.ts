// bench/intercept: requests per second and latency (p50, p99) of the link intercept through
// `wrangler dev`, each as a ratio to a bare Worker that only returns a 302, measured in the same
// run with the same bounded load (a fixed number of concurrent keep-alive clients from Node).
// Scenarios are interleaved over several rounds so drift hits all of them alike.
// Usage: npx tsx bench/intercept.ts   (env: BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_ROUNDS)
// BENCH_APP=no-assets runs the same Worker from a copy of wrangler.toml without the [assets]
// section, to separate the cost of wrangler dev's asset router hop from the intercept's own.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyLocalMigrations, newMasterKey, ROOT, seedDemo, startLocalWorker, type LocalWorker } from '../scripts/lib/local-worker';

const PORT = Number(process.env.BENCH_PORT ?? 8821);
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? 8822);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

type Scenario = { name: string; url: string; headers: Record<string, string>; expect: number };
type Sample = { latencies: number[]; requests: number; seconds: number; errors: number };

/** `CONCURRENCY` clients, each sending its next request when the previous one is answered. */
async function load(s: Scenario, seconds: number): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          const res = await fetch(s.url, { headers: s.headers, redirect: 'manual' });
          await res.arrayBuffer();
          if (res.status !== s.expect) errors++;
          else latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, requests: latencies.length, seconds: (performance.now() - started) / 1000, errors };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function mintLink(url: string, apiKey: string, listId: string): Promise<string> {
  const sub = await fetch(`${url}/__dev/intercept/subscriber?region=eu`, { method: 'POST' });
  const { subscriberId } = (await sub.json()) as { subscriberId: string };
  const res = await fetch(`${url}/api/v1/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subscriberId, listId, messageId: 'msg_bench', destination: 'https://shop.example.com/spring' }),
  });
  if (res.status !== 201) throw new Error(`minting failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { links: { url: string }[] }).links[0]!.url;
}

/** Answers YES once, so that this link's EU clicks find valid consent. */
async function consentTo(link: string, origin: string): Promise<void> {
  const page = await fetch(link, { headers: { 'x-dev-geo': 'DE', 'user-agent': BROWSER } });
  const token = /name="answer_token" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!token) throw new Error('no consent page');
  const res = await fetch(link, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'x-dev-geo': 'DE', 'user-agent': BROWSER },
    body: new URLSearchParams({ answer: 'yes', answer_token: token }).toString(),
  });
  if (res.status !== 303) throw new Error(`answer failed: ${res.status}`);
}

/** wrangler.toml without [assets], with absolute paths, written into the state folder. */
function configWithoutAssets(dir: string): string {
  const original = readFileSync(path.join(ROOT, 'wrangler.toml'), 'utf8');
  const withoutAssets = original.replace(/\n\[assets\][\s\S]*?(?=\n\[)/, '\n');
  const absolute = withoutAssets
    .replace('main = "workers/index.ts"', `main = "${path.join(ROOT, 'workers', 'index.ts')}"`)
    .replaceAll('migrations_dir = "migrations"', `migrations_dir = "${path.join(ROOT, 'migrations')}"`);
  const file = path.join(dir, 'wrangler.no-assets.toml');
  writeFileSync(file, absolute);
  return file;
}

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const state = mkdtempSync(path.join(tmpdir(), 'tm-bench-intercept-'));
const servers: LocalWorker[] = [];
try {
  applyLocalMigrations(state);
  const app = await startLocalWorker({
    port: PORT, persistTo: state, config: process.env.BENCH_APP === 'no-assets' ? configWithoutAssets(state) : undefined,
    vars: { RUNTIME: 'local', ALLOW_DEV_GEO: '1', MASTER_KEY: newMasterKey(), PUBLIC_ORIGIN: `http://127.0.0.1:${PORT}` },
  });
  servers.push(app);
  const bare = await startLocalWorker({ port: BASELINE_PORT, config: path.join(ROOT, 'bench', 'baseline', 'redirect.wrangler.toml') });
  servers.push(bare);
  const [eu] = (await seedDemo(app.url)).filter((t) => t.region === 'eu');
  if (!eu) throw new Error('demo tenant missing');
  const link = await mintLink(app.url, eu.apiKey, eu.listId);
  const consented = await mintLink(app.url, eu.apiKey, eu.listId);
  await consentTo(consented, app.url);
  const scenarios: Scenario[] = [
    { name: 'bare Worker 302 (baseline)', url: `${bare.url}/l/x`, headers: { 'user-agent': BROWSER }, expect: 302 },
    { name: 'direct redirect (US clicker)', url: link, headers: { 'x-dev-geo': 'US', 'user-agent': BROWSER }, expect: 302 },
    { name: 'direct redirect (EU, consent)', url: consented, headers: { 'x-dev-geo': 'DE', 'user-agent': BROWSER }, expect: 302 },
    { name: 'consent page (EU, no consent)', url: link, headers: { 'x-dev-geo': 'DE', 'user-agent': BROWSER, 'accept-language': 'de' }, expect: 200 },
  ];
  for (const s of scenarios) await load(s, 1);
  const totals = new Map<string, Sample>(scenarios.map((s) => [s.name, { latencies: [], requests: 0, seconds: 0, errors: 0 }]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of scenarios) {
      const r = await load(s, SECONDS);
      const t = totals.get(s.name)!;
      t.latencies.push(...r.latencies);
      t.requests += r.requests;
      t.seconds += r.seconds;
      t.errors += r.errors;
    }
  }
  const rows = scenarios.map((s) => {
    const t = totals.get(s.name)!;
    const sorted = [...t.latencies].sort((a, b) => a - b);
    return { name: s.name, rps: t.requests / t.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), errors: t.errors };
  });
  const base = rows[0]!;
  const variant = process.env.BENCH_APP === 'no-assets' ? ' (app without the [assets] router)' : '';
  console.log(`bench/intercept${variant}: ${CONCURRENCY} concurrent clients, ${ROUNDS} rounds x ${SECONDS} s per scenario, through wrangler dev on 127.0.0.1`);
  console.log('scenario                        req/s   p50 ms  p99 ms | rps ratio  p50 ratio  p99 ratio  errors');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(30)} ${r.rps.toFixed(0).padStart(6)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(7)} | ` +
        `${(r.rps / base.rps).toFixed(2).padStart(8)}x ${(r.p50 / base.p50).toFixed(2).padStart(9)}x ${(r.p99 / base.p99).toFixed(2).padStart(9)}x ${String(r.errors).padStart(7)}`,
    );
  }
  const direct = rows[1]!;
  console.log(`direct path p50 latency ${(direct.p50 / base.p50).toFixed(2)}x the bare Worker (target <= 1.2x)`);
} finally {
  for (const server of servers) await server.stop();
  rmSync(state, { recursive: true, force: true });
}
