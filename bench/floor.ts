// `npm run bench:floor`: the floor of the form sign-up's prescribed design. A bare Worker
// (bench/baseline/floor-worker.ts) runs the form's read batch and write batch (same statements,
// same tables, raw D1, no other work) and is measured, time-sliced as `npm run bench` does,
// against the bare one-row insert and the app's form sign-ups in the same rounds: the floor's
// ratio says whether 0.5x is reachable with two batches, and the app against the floor how much of
// the gap is our JavaScript. Env: BENCH_ROUNDS (5), BENCH_SECONDS (4), BENCH_SLICES (4), BENCH_CONCURRENCY (8).

import { loadavg } from 'node:os';
import { seedDemo } from '../scripts/lib/local-worker';
import { createForms, formPost, createSingleOptInList } from './lib/app-requests';
import { closedLoop, type SlicedScenario, slicedRound } from './lib/load';
import { formatSpread, median, spread, type Stats, stats } from './lib/stats';
import { Fleet, startApp, startBaseline } from './lib/workers';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ROUNDS = env('BENCH_ROUNDS', 5);
const SECONDS = env('BENCH_SECONDS', 4);
const SLICES = env('BENCH_SLICES', 4);
const CONCURRENCY = env('BENCH_CONCURRENCY', 8);

const INSERT = 'bare Worker, one-row insert';
const FLOOR = 'bare Worker, the form batches';
const SINGLE = 'form sign-up, single opt-in';
const DOI = 'form sign-up, double opt-in';

const loadBefore = loadavg();
const fleet = new Fleet();
try {
  const app = await fleet.add(startApp());
  const bareInsert = await fleet.add(startBaseline('wrangler.toml'));
  const floor = await fleet.add(startBaseline('floor.wrangler.toml', undefined, 'DB'));
  const setup = await fetch(`${floor.url}/setup`, { method: 'POST' });
  if (!setup.ok) throw new Error(`floor setup: ${setup.status} ${await setup.text()}`);
  const [eu] = (await seedDemo(app.url)).filter((t) => t.region === 'eu');
  if (!eu) throw new Error('the demo EU tenant is missing');
  const api = { authorization: `Bearer ${eu.apiKey}`, 'content-type': 'application/json' };
  const singleList = await createSingleOptInList(app.url, api);
  const singleForms = await createForms(app.url, api, singleList);
  const doiForms = await createForms(app.url, api, eu.listId);
  // A fill token counts only after two seconds (the form's bot check).
  await new Promise((r) => setTimeout(r, 2_100));

  const run = Date.now().toString(36);
  let visitor = 0;
  const post = (url: string) => () =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `b${run}.${visitor++}@example.org` }),
    });
  const sliced = (name: string, send: () => Promise<Response>): SlicedScenario => ({
    name,
    run: (seconds) => closedLoop(send, seconds, CONCURRENCY),
  });
  const scenarios = [
    sliced(INSERT, post(bareInsert.url)),
    sliced(FLOOR, post(floor.url)),
    sliced(SINGLE, () => formPost(app.url, singleForms, `s${run}`, visitor++)),
    sliced(DOI, () => formPost(app.url, doiForms, `d${run}`, visitor++)),
  ];
  for (const s of scenarios) await s.run(1);

  const rounds: Map<string, Stats>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? scenarios : [...scenarios].reverse();
    const samples = await slicedRound(order, SECONDS, SLICES);
    rounds.push(new Map([...samples].map(([name, sample]) => [name, stats(sample)])));
    const r = rounds[round]!;
    console.error(
      `round ${round + 1}/${ROUNDS}: floor ${(r.get(FLOOR)!.rps / r.get(INSERT)!.rps).toFixed(2)}x, single ${(r.get(SINGLE)!.rps / r.get(INSERT)!.rps).toFixed(2)}x, load ${loadavg()[0]!.toFixed(1)}`,
    );
  }

  const ratio = (name: string, base: string) =>
    formatSpread(spread(rounds.map((r) => r.get(name)!.rps / r.get(base)!.rps)));
  const rps = (name: string) => median(rounds.map((r) => r.get(name)!.rps)).toFixed(0);
  const errors = (name: string) => rounds.reduce((n, r) => n + r.get(name)!.errors, 0);
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');
  console.log(
    `${ROUNDS} rounds x ${SECONDS} s in ${SLICES} slices, ${CONCURRENCY} clients; load ${load(loadBefore)} before, ${load(loadavg())} after`,
  );
  console.log('| scenario | req/s | vs bare insert | vs the floor | errors |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const name of [INSERT, FLOOR, SINGLE, DOI])
    console.log(
      `| ${name} | ${rps(name)} | ${ratio(name, INSERT)} | ${ratio(name, FLOOR)} | ${errors(name)} |`,
    );
} finally {
  await fleet.stop();
}
