// bench/intercept: requests per second and latency (p50, p99) of the link intercept through
// `wrangler dev`, each as a ratio to a bare Worker that only returns a 302, measured in the same
// run with the same bounded load (a fixed number of concurrent keep-alive clients from Node, on
// 127.0.0.1). The baseline sits behind the same `[assets]` router as the app, so both pay its hop;
// a second bare Worker without `[assets]` shows what that hop costs. Each round cycles through the
// scenarios in slices (order reversed every other round); figures are medians of per-round ratios
// with their min–max. Usage: npx tsx bench/intercept.ts (env: BENCH_SECONDS, BENCH_ROUNDS,
// BENCH_SLICES, BENCH_CONCURRENCY, BENCH_PORT). BENCH_APP=no-assets runs the app from a copy of
// wrangler.toml without `[assets]` and takes the bare Worker without `[assets]` as its baseline.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyLocalMigrations,
  freePort,
  type LocalWorker,
  newMasterKey,
  ROOT,
  seedDemo,
  startLocalWorker,
} from '../scripts/lib/local-worker';
import { BROWSER, mintLink } from './lib/app-requests';
import { closedLoop, type SlicedScenario, slicedRound } from './lib/load';
import { formatSpread, median, spread, type Stats, stats } from './lib/stats';
import { appConfig } from './lib/workers';

// The app listens on BENCH_PORT (a free port otherwise), the bare Workers on free ports.
const PORT = Number(process.env.BENCH_PORT ?? (await freePort()));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
// Each round gives every scenario SECONDS in SLICES turns, cycling, so a round's scenarios share its time window.
const SLICES = Number(process.env.BENCH_SLICES ?? 4);
const NO_ASSETS = process.env.BENCH_APP === 'no-assets';

type Scenario = { name: string; url: string; headers: Record<string, string>; expect: number };
const METRICS = ['rps', 'p50', 'p99'] as const;

/** `CONCURRENCY` keep-alive clients on one scenario's URL for `seconds`. */
const load = (s: Scenario, seconds: number) =>
  closedLoop(
    () => fetch(s.url, { headers: s.headers, redirect: 'manual' }),
    seconds,
    CONCURRENCY,
    (status) => status === s.expect,
  );

/** Median and min–max over rounds of one scenario's metric divided by the baseline's in the same round. */
const ratios = (rounds: Map<string, Stats>[], name: string, base: string, metric: (typeof METRICS)[number]) =>
  spread(rounds.map((r) => r.get(name)![metric] / r.get(base)![metric]));

/** Answers YES once, so that this link's EU clicks find valid consent. */
async function consentTo(link: string, origin: string): Promise<void> {
  const page = await fetch(link, { headers: { 'x-dev-geo': 'DE', 'user-agent': BROWSER } });
  const token = /name="answer_token" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!token) throw new Error('no consent page');
  const res = await fetch(link, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin,
      'x-dev-geo': 'DE',
      'user-agent': BROWSER,
    },
    body: new URLSearchParams({ answer: 'yes', answer_token: token }).toString(),
  });
  if (res.status !== 303) throw new Error(`answer failed: ${res.status}`);
}

const BARE = 'bare 302, [assets] router';
const BARE_NO_ASSETS = 'bare 302, no [assets]';
const DIRECT = 'direct redirect (US clicker)';
const baselineConfig = (file: string) => path.join(ROOT, 'bench', 'baseline', file);

function report(rounds: Map<string, Stats>[], names: string[], base: string): void {
  console.log(`ratios to "${base}" (median of ${rounds.length} per-round ratios, min–max):`);
  console.log(
    `${'scenario'.padEnd(32)} ${'req/s'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} | ${'req/s ratio'.padEnd(19)} ${'p50 ratio'.padEnd(19)} ${'p99 ratio'.padEnd(19)} errors`,
  );
  for (const name of names) {
    const abs = (m: (typeof METRICS)[number]) => median(rounds.map((r) => r.get(name)![m]));
    const cells = METRICS.map((m) => formatSpread(ratios(rounds, name, base, m)).padEnd(19));
    const errors = rounds.reduce((n, r) => n + r.get(name)!.errors, 0);
    console.log(
      `${name.padEnd(32)} ${abs('rps').toFixed(0).padStart(6)} ${abs('p50').toFixed(1).padStart(7)} ${abs('p99').toFixed(1).padStart(7)} | ${cells.join(' ')} ${errors}`,
    );
  }
}

const state = mkdtempSync(path.join(tmpdir(), 'tm-bench-intercept-'));
const servers: LocalWorker[] = [];
try {
  applyLocalMigrations(state);
  const app = await startLocalWorker({
    port: PORT,
    persistTo: state,
    config: NO_ASSETS ? appConfig(state, { assets: false }) : undefined,
    vars: {
      RUNTIME: 'local',
      ALLOW_DEV_GEO: '1',
      MASTER_KEY: newMasterKey(),
      PUBLIC_ORIGIN: `http://127.0.0.1:${PORT}`,
    },
  });
  servers.push(app);
  const bare = await startLocalWorker({
    port: await freePort(),
    config: baselineConfig('redirect-assets.wrangler.toml'),
  });
  servers.push(bare);
  const bareNoAssets = await startLocalWorker({
    port: await freePort(),
    config: baselineConfig('redirect.wrangler.toml'),
  });
  servers.push(bareNoAssets);
  const [eu] = (await seedDemo(app.url)).filter((t) => t.region === 'eu');
  if (!eu) throw new Error('demo tenant missing');
  const api = { authorization: `Bearer ${eu.apiKey}`, 'content-type': 'application/json' };
  const link = await mintLink(app.url, api, eu.listId);
  const consented = await mintLink(app.url, api, eu.listId);
  await consentTo(consented, app.url);
  // In this order (and reversed) the baseline runs right next to the direct path and the no-assets Worker.
  const scenarios: Scenario[] = [
    { name: BARE_NO_ASSETS, url: `${bareNoAssets.url}/l/x`, headers: { 'user-agent': BROWSER }, expect: 302 },
    { name: BARE, url: `${bare.url}/l/x`, headers: { 'user-agent': BROWSER }, expect: 302 },
    { name: DIRECT, url: link, headers: { 'x-dev-geo': 'US', 'user-agent': BROWSER }, expect: 302 },
    {
      name: 'direct redirect (EU, consent)',
      url: consented,
      headers: { 'x-dev-geo': 'DE', 'user-agent': BROWSER },
      expect: 302,
    },
    {
      name: 'consent page (EU, no consent)',
      url: link,
      headers: { 'x-dev-geo': 'DE', 'user-agent': BROWSER, 'accept-language': 'de' },
      expect: 200,
    },
  ];
  for (const s of scenarios) await load(s, 1);
  const sliced: SlicedScenario[] = scenarios.map((s) => ({
    name: s.name,
    run: (seconds) => load(s, seconds),
  }));
  const rounds: Map<string, Stats>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const samples = await slicedRound(round % 2 === 0 ? sliced : [...sliced].reverse(), SECONDS, SLICES);
    const results = new Map<string, Stats>([...samples].map(([name, sample]) => [name, stats(sample)]));
    rounds.push(results);
    const direct = results.get(DIRECT)!.p50 / results.get(NO_ASSETS ? BARE_NO_ASSETS : BARE)!.p50;
    console.error(`round ${round + 1}/${ROUNDS}: direct path p50 ${direct.toFixed(2)}x`);
  }
  const variant = NO_ASSETS ? ' (app without the [assets] router)' : '';
  console.log(
    `bench/intercept${variant}: ${CONCURRENCY} concurrent clients, ${ROUNDS} rounds x ${SECONDS} s per scenario (in ${SLICES} interleaved slices), wrangler dev on 127.0.0.1`,
  );
  const base = NO_ASSETS ? BARE_NO_ASSETS : BARE;
  const names = [base, ...scenarios.map((s) => s.name).filter((n) => n !== base)];
  report(rounds, names, base);
  const direct = ratios(rounds, DIRECT, base, 'p50');
  console.log(
    `direct path p50 latency ${direct.median.toFixed(2)}x the bare Worker (${direct.min.toFixed(2)}–${direct.max.toFixed(2)} across rounds; target <= 1.2x)`,
  );
  if (!NO_ASSETS) {
    const hop = ratios(rounds, BARE, BARE_NO_ASSETS, 'p50');
    console.log(
      `the [assets] router hop alone: bare Worker p50 ${formatSpread(hop)} of the bare Worker without it`,
    );
  }
} finally {
  for (const server of servers) await server.stop();
  rmSync(state, { recursive: true, force: true });
}
