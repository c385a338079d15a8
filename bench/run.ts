// `npm run bench`: every scenario of issue 16's table and issue 12's webhook ratio in one run.
// The app (counting build) and the bare Workers start once; time-sliced rounds (order reversed
// every other round) give every request scenario the same windows; figures are medians of
// per-round ratios with min–max. The erasure clock runs once after the rounds. The table is
// printed and written to bench/README.md and the README's figures (generated sections).

import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { closedLoop, drive, type SlicedScenario, slicedRound } from './lib/load';
import { COUNTED, checkCounting, countPerRequest, type Counts, formatCounts } from './lib/counts';
import { writeGenerated } from './lib/readme';
import { formatSpread, median, spread, type Stats, stats } from './lib/stats';
import { Fleet, startApp, startBaseline } from './lib/workers';
import { seedDemo, ROOT } from '../scripts/lib/local-worker';
import { startWebhookReceiver } from '../scripts/lib/webhook-receiver';
import {
  BROWSER,
  consentPageRequest,
  createForms,
  directRedirectRequest,
  formPost,
  importRows,
  mintLink,
  subscriberPost,
  createSingleOptInList,
} from './lib/app-requests';
import { drainClock, seedErasures } from './lib/erasure';
import { waitForDeliveries } from './lib/webhooks';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ROUNDS = env('BENCH_ROUNDS', 5);
const SECONDS = env('BENCH_SECONDS', 4);
const SLICES = env('BENCH_SLICES', 4);
const CONCURRENCY = env('BENCH_CONCURRENCY', 8);
const IMPORT_ROWS = env('BENCH_IMPORT_ROWS', 5_000);
const WEBHOOK_EVENTS = env('BENCH_WEBHOOK_EVENTS', 60);
const WEBHOOK_CONCURRENCY = env('BENCH_WEBHOOK_CONCURRENCY', 16);
const CRYPTO_RECORDS = env('BENCH_CRYPTO_RECORDS', 500);
const COUNT_REQUESTS = env('BENCH_COUNT_REQUESTS', 10);
const FULL = process.env.BENCH_FULL === '1';
// BENCH_README=0 prints the table without writing it into bench/README.md and README.md (trial runs).
const ERASURE_SIZES = (process.env.BENCH_ERASURE_SIZES ?? (FULL ? '1000,10000,100000' : '1000,10000'))
  .split(',')
  .map(Number);
// Without BENCH_FULL the clock drains this many erasures from each backlog (all of it with).
const ERASURE_SAMPLE = env('BENCH_ERASURE_SAMPLE', 300);

const loadBefore = loadavg();
const started = Date.now();
const fleet = new Fleet();
const receiver = await startWebhookReceiver();
try {
  const app = await fleet.add(startApp({ counting: true }));
  const bareInsert = await fleet.add(startBaseline('wrangler.toml'));
  const bare302 = await fleet.add(startBaseline('redirect-assets.wrangler.toml'));
  const barePoster = await fleet.add(startBaseline('webhook.wrangler.toml'));
  await checkCounting(app.url);
  const [eu] = (await seedDemo(app.url)).filter((t) => t.region === 'eu');
  if (!eu) throw new Error('the demo EU tenant is missing');
  const api = { authorization: `Bearer ${eu.apiKey}`, 'content-type': 'application/json' };

  // Fixtures: forms on a double opt-in and a single opt-in list, links, a webhook endpoint.
  const singleList = await createSingleOptInList(app.url, api);
  const doiForms = await createForms(app.url, api, eu.listId);
  const singleForms = await createForms(app.url, api, singleList);
  const link = await mintLink(app.url, api, eu.listId);
  const hook = await fetch(`${app.url}/api/v1/webhook-endpoints`, {
    method: 'POST',
    headers: api,
    body: JSON.stringify({ url: `${receiver.url}/hook/product/200`, eventTypes: ['privacy_request.*'] }),
  }).then((r) => r.json() as Promise<{ id: string }>);
  // A fill token counts only after two seconds (the form's bot check).
  await new Promise((r) => setTimeout(r, 2_100));

  const run = Date.now().toString(36);
  let visitor = 0;
  const bareInsertPost = () =>
    fetch(bareInsert.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `b${run}.${visitor++}@example.org` }),
    });
  const doi = () => formPost(app.url, doiForms, `d${run}`, visitor++);
  const singleOptIn = () => formPost(app.url, singleForms, `s${run}`, visitor++);
  const apiInsert = () => subscriberPost(app.url, api, eu.listId, `a${run}.${visitor++}`);
  const direct = () => directRedirectRequest(link);
  const consentPage = () => consentPageRequest(link);
  const bareRedirect = () =>
    fetch(`${bare302.url}/l/x`, { headers: { 'user-agent': BROWSER }, redirect: 'manual' });
  const testEvent = () =>
    fetch(`${app.url}/api/v1/webhook-endpoints/${hook.id}/test`, { method: 'POST', headers: api });
  let webhookBody = '{}';
  const barePost = (key: string) => () =>
    fetch(barePoster.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${receiver.url}/hook/${key}/200`, body: webhookBody }),
    });

  const is = (status: number) => (s: number) => s === status;
  const ok = (s: number) => s >= 200 && s < 300;
  const sliced = (name: string, send: () => Promise<Response>, expect = ok): SlicedScenario => ({
    name,
    run: (seconds) => closedLoop(send, seconds, CONCURRENCY, expect),
  });
  const INSERT = 'bare Worker, one-row insert';
  const REDIRECT = 'bare 302, same [assets] router';
  const scenarios: SlicedScenario[] = [
    sliced(INSERT, bareInsertPost),
    sliced('form sign-up, double opt-in', doi),
    sliced('form sign-up, single opt-in', singleOptIn),
    sliced('API insert with evidence', apiInsert, is(201)),
    sliced(REDIRECT, bareRedirect, is(302)),
    sliced('direct redirect (US clicker)', direct, is(302)),
    sliced('consent page (EU, no consent)', consentPage, is(200)),
  ];

  // What each request costs, counted by the bench build (sequential requests, then quiet).
  const perRequest = new Map<string, Counts>();
  const count = async (name: string, send: (i: number) => Promise<Response>, units?: number) => {
    perRequest.set(name, await countPerRequest(app.url, COUNT_REQUESTS, send, { units }));
    console.error(`counted ${name}: ${formatCounts(perRequest.get(name)!)}`);
  };
  await count('form sign-up, double opt-in', doi);
  await count('form sign-up, single opt-in', singleOptIn);
  await count('API insert with evidence', apiInsert);
  await count('direct redirect (US clicker)', direct);
  await count('consent page (EU, no consent)', consentPage);
  await count('webhook test event (request + delivery)', testEvent);
  const importCall = (rows: number) => () =>
    fetch(`${app.url}/api/v1/subscribers/import`, {
      method: 'POST',
      headers: api,
      body: JSON.stringify({ listIds: [eu.listId], rows: importRows(`i${run}.${visitor++}`, rows) }),
    });
  perRequest.set(
    'bulk import, per row',
    await countPerRequest(app.url, 1, importCall(1_000), { units: 1_000 }),
  );

  // Warm-up: every scenario once, so no round pays a first compile.
  for (const s of scenarios) await s.run(1);
  receiver.received.clear();

  const rounds: Map<string, Stats>[] = [];
  const importRates: number[] = [];
  const cryptoMicros: number[] = [];
  const webhookRatios: number[] = [];
  const webhookRates: { app: number; bare: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? scenarios : [...scenarios].reverse();
    const samples = await slicedRound(order, SECONDS, SLICES);
    rounds.push(new Map([...samples].map(([name, sample]) => [name, stats(sample)])));

    const t0 = performance.now();
    const imported = await importCall(IMPORT_ROWS)();
    const report = (await imported.json()) as { created?: number };
    if (imported.status !== 200 || report.created !== IMPORT_ROWS)
      throw new Error(`import: ${imported.status}`);
    importRates.push(IMPORT_ROWS / ((performance.now() - t0) / 1000));

    cryptoMicros.push(await encryptMicros(app.url, CRYPTO_RECORDS));

    // Webhooks: the same number of requests into each Worker, the same concurrency, order alternating.
    const rate = async (key: string, send: () => Promise<Response>) => {
      const t = Date.now();
      await drive(WEBHOOK_EVENTS, WEBHOOK_CONCURRENCY, send);
      const last = await waitForDeliveries(receiver, key, WEBHOOK_EVENTS);
      receiver.received.delete(key);
      return WEBHOOK_EVENTS / ((last - t) / 1000);
    };
    const appRate = () => rate('product', testEvent);
    const bareRate = async () => {
      webhookBody = receiver.received.get('product')?.[0]?.body ?? webhookBody;
      return rate(`bare${round}`, barePost(`bare${round}`));
    };
    const pair =
      round % 2 === 0
        ? { app: await appRate(), bare: await bareRate() }
        : { bare: await bareRate(), app: await appRate() };
    webhookRates.push(pair);
    webhookRatios.push(pair.app / pair.bare);
    console.error(
      `round ${round + 1}/${ROUNDS}: form ${(rounds[round]!.get('form sign-up, double opt-in')!.rps / rounds[round]!.get(INSERT)!.rps).toFixed(2)}x, webhooks ${(pair.app / pair.bare).toFixed(2)}x, load ${loadavg()[0]!.toFixed(1)}`,
    );
  }

  // The erasure clock, once after the rounds: a backlog of n due erasures per size.
  const erasures: { n: number; drained: number; perSecond: number }[] = [];
  for (const n of ERASURE_SIZES) {
    const seeded = await seedErasures(app.url, n);
    const drained = await drainClock(app.url, seeded, FULL ? n : Math.min(n, ERASURE_SAMPLE));
    erasures.push({ n, drained: drained.executed, perSecond: (drained.executed / drained.ms) * 1000 });
    console.error(`erasures: ${drained.executed} of ${n} due at ${erasures.at(-1)!.perSecond.toFixed(1)}/s`);
  }
  const loadAfter = loadavg();

  // The table.
  const ratio = (name: string, base: string, metric: 'rps' | 'p50') =>
    spread(rounds.map((r) => r.get(name)![metric] / r.get(base)![metric]));
  const abs = (name: string, metric: 'rps' | 'p50') => median(rounds.map((r) => r.get(name)![metric]));
  const errors = (name: string) => rounds.reduce((n, r) => n + r.get(name)!.errors, 0);
  const rows: Row[] = [];
  const rpsRow = (name: string, goal: number) => {
    const r = ratio(name, INSERT, 'rps');
    rows.push({
      path: `${name} vs bare insert`,
      figure: `${abs(name, 'rps').toFixed(0)} vs ${abs(INSERT, 'rps').toFixed(0)} req/s: **${formatSpread(r)}**${errors(name) ? `, ${errors(name)} errors` : ''}`,
      goal: `≥ ${goal}x req/s`,
      met: r.median >= goal,
    });
  };
  rpsRow('form sign-up, double opt-in', 0.5);
  rpsRow('form sign-up, single opt-in', 0.5);
  rpsRow('API insert with evidence', 0.5);
  const importSpread = spread(importRates);
  rows.push({
    path: `bulk import with evidence, ${IMPORT_ROWS.toLocaleString('en')} rows a call`,
    figure: `${importSpread.median.toFixed(0)} rows/s (${importSpread.min.toFixed(0)}–${importSpread.max.toFixed(0)})`,
    goal: '≥ 10,000 rows/s',
    met: importSpread.median >= 10_000,
  });
  const directP50 = ratio('direct redirect (US clicker)', REDIRECT, 'p50');
  const directRps = ratio('direct redirect (US clicker)', REDIRECT, 'rps');
  rows.push({
    path: 'direct redirect vs bare 302 behind the same router',
    figure: `p50 ${abs('direct redirect (US clicker)', 'p50').toFixed(1)} vs ${abs(REDIRECT, 'p50').toFixed(1)} ms: **${formatSpread(directP50)}**; req/s ${formatSpread(directRps)}`,
    goal: '≤ 1.1x p50, ≥ 0.9x req/s',
    met: directP50.median <= 1.1 && directRps.median >= 0.9,
  });
  const consentP50 = ratio('consent page (EU, no consent)', REDIRECT, 'p50');
  rows.push({
    path: 'consent page vs bare 302',
    figure: `p50 ${abs('consent page (EU, no consent)', 'p50').toFixed(1)} ms: **${formatSpread(consentP50)}**; req/s ${formatSpread(ratio('consent page (EU, no consent)', REDIRECT, 'rps'))}`,
    goal: '≤ 2x p50',
    met: consentP50.median <= 2,
  });
  const slowest = Math.min(...erasures.map((e) => e.perSecond));
  const flat = erasures.at(-1)!.perSecond / erasures[0]!.perSecond;
  rows.push({
    path: `due erasures executed by the clock, ${erasures.map((e) => `${e.n / 1000}k`).join(' / ')}`,
    figure: `${erasures.map((e) => `${e.perSecond.toFixed(1)}/s`).join(' / ')} (${erasures.map((e) => `${e.drained.toLocaleString('en')} of ${e.n.toLocaleString('en')}`).join(', ')} drained); rate at the largest backlog ${flat.toFixed(2)}x the smallest (linear = 1.00x)`,
    goal: '≥ 200 /s, linear',
    met: slowest >= 200 && flat >= 0.8,
  });
  const cryptoSpread = spread(cryptoMicros);
  rows.push({
    path: 'encrypt + blind index per record',
    figure: `${cryptoSpread.median.toFixed(1)} µs (${cryptoSpread.min.toFixed(1)}–${cryptoSpread.max.toFixed(1)})`,
    goal: '≤ 50 µs',
    met: cryptoSpread.median <= 50,
  });
  const webhookSpread = spread(webhookRatios);
  rows.push({
    path: `webhook test events vs a bare Worker posting the same bodies (${WEBHOOK_EVENTS} requests each)`,
    figure: `${median(webhookRates.map((r) => r.app)).toFixed(1)} vs ${median(webhookRates.map((r) => r.bare)).toFixed(1)} deliveries/s: **${formatSpread(webhookSpread)}**`,
    goal: '≥ 0.5x',
    met: webhookSpread.median >= 0.5,
  });

  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim()
    ? ' + uncommitted changes'
    : '';
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const header = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}${dirty}, ${cpus().length} cores, load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(1)).join(' ')} after; ${ROUNDS} rounds x ${SECONDS} s per request scenario in ${SLICES} slices, ${CONCURRENCY} clients; ${minutes} min in all${FULL ? ' (BENCH_FULL=1)' : ''}`;
  const table = [
    '| path | figure (median of per-round ratios, min–max) | goal | met? |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.path} | ${r.figure} | ${r.goal} | ${r.met ? 'yes' : 'no'} |`),
  ];
  const costs = [
    `| per request | ${COUNTED.map(([, label]) => label).join(' | ')} |`,
    `| --- |${' --- |'.repeat(COUNTED.length)}`,
    ...[...perRequest].map(([name, c]) => `| ${name} | ${costCells(c)} |`),
  ];
  console.log(`npm run bench: ${header}\n\n${table.join('\n')}\n\n${costs.join('\n')}`);
  if (process.env.BENCH_README !== '0') writeGenerated(header, table, costs, rows);
} finally {
  await fleet.stop();
  await receiver.close();
}

type Row = { path: string; figure: string; goal: string; met: boolean };

function costCells(c: Counts): string {
  return COUNTED.map(([key]) => {
    const x = c[key] ?? 0;
    return Number.isInteger(x) ? String(x) : x.toFixed(2);
  }).join(' | ');
}

/** µs per record of encrypt + blind index, inside workerd: n records less an empty call. */
async function encryptMicros(url: string, n: number): Promise<number> {
  const call = async (op: string, count: number) => {
    const t = performance.now();
    const res = await fetch(`${url}/__dev/bench/crypto?op=${op}&n=${count}`, { method: 'POST' });
    if (!res.ok) throw new Error(`crypto ${op}: ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - t;
  };
  const noop = await call('noop', 1);
  return (Math.max(0, (await call('encrypt', n)) - noop) / n) * 1000;
}
