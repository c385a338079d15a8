// bench/hook-floor (`npm run bench:hook-floor`): how much of the webhook gap is the queue hop of
// the prescribed design, and how much its own D1 work. Four Workers take the same number of
// requests, 16 in flight, in rounds (order rotating): the app's test events (`POST
// /api/v1/webhook-endpoints/{id}/test`), the bare poster (posts inside the request), the bare queue
// floor (one queue message per request, its consumer posts; no D1, no signing) and the D1 floor
// (the queue floor plus the design's D1 round trips, raw SQL shaped as the app's), each rate from
// the first request to the last delivery.
// BENCH_BEFORE=<checkout> adds the app of another checkout (its workers/index.ts) as an A/B.

import { loadavg } from 'node:os';
import path from 'node:path';
import { seedDemo } from '../scripts/lib/local-worker';
import { startWebhookReceiver } from '../scripts/lib/webhook-receiver';
import { drive, type Send } from './lib/load';
import { formatSpread, median, spread } from './lib/stats';
import { waitForDeliveries } from './lib/webhooks';
import { type Bench, Fleet, startApp, startBaseline } from './lib/workers';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ROUNDS = env('BENCH_ROUNDS', 5);
const EVENTS = env('BENCH_WEBHOOK_EVENTS', 60);
const CONCURRENCY = env('BENCH_WEBHOOK_CONCURRENCY', 16);
const BEFORE = process.env.BENCH_BEFORE;

const loadBefore = loadavg();
const receiver = await startWebhookReceiver();
const fleet = new Fleet();

/** The app's test events toward the receiver's `key`: an endpoint of the demo EU tenant. */
async function testEvents(app: Bench, key: string): Promise<Send> {
  const [eu] = (await seedDemo(app.url)).filter((t) => t.region === 'eu');
  if (!eu) throw new Error('the demo EU tenant is missing');
  const headers = { authorization: `Bearer ${eu.apiKey}`, 'content-type': 'application/json' };
  const res = await fetch(`${app.url}/api/v1/webhook-endpoints`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ url: `${receiver.url}/hook/${key}/200`, eventTypes: ['privacy_request.*'] }),
  });
  if (res.status !== 201) throw new Error(`endpoint: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  return () => fetch(`${app.url}/api/v1/webhook-endpoints/${id}/test`, { method: 'POST', headers });
}

/** The D1 floor's own counts since it started: D1 round trips and deliveries settled. */
async function d1Counts(worker: Bench): Promise<{ d1RoundTrips: number; delivered: number }> {
  const res = await fetch(`${worker.url}/counts`);
  if (!res.ok) throw new Error(`D1 floor counts: ${res.status}`);
  return (await res.json()) as { d1RoundTrips: number; delivered: number };
}

let body = '{}';
/** A bare Worker's request: post (or queue) `body` toward the receiver's `key`. */
const bare = (worker: Bench, key: string) => () =>
  fetch(worker.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${receiver.url}/hook/${key}/200`, body }),
  });

/** Deliveries per second from the first request to the last delivery; every one must arrive once. */
async function rate(key: string, send: Send, total = EVENTS): Promise<number> {
  receiver.received.delete(key);
  const started = Date.now();
  const { failed } = await drive(total, CONCURRENCY, send);
  if (failed > 0) throw new Error(`${key}: ${failed} requests failed`);
  const last = await waitForDeliveries(receiver, key, total);
  const ids = (receiver.received.get(key) ?? []).map((r) => r.headers['webhook-id'] ?? r.body);
  if ((key === 'app' || key === 'd1floor' || key === 'before') && new Set(ids).size !== total)
    throw new Error(`${key}: ${new Set(ids).size} distinct webhook-ids for ${total} events`);
  return total / ((last - started) / 1000);
}

try {
  const app = await fleet.add(startApp());
  const poster = await fleet.add(startBaseline('webhook.wrangler.toml'));
  const floor = await fleet.add(startBaseline('webhook-queue.wrangler.toml'));
  const d1Floor = await fleet.add(startBaseline('webhook-d1.wrangler.toml'));
  const before = BEFORE
    ? await fleet.add(startApp({ entry: path.resolve(BEFORE, 'workers', 'index.ts') }))
    : undefined;
  const scenarios: [string, Send][] = [
    ['app', await testEvents(app, 'app')],
    ['bare', bare(poster, 'bare')],
    ['floor', bare(floor, 'floor')],
    ['d1floor', bare(d1Floor, 'd1floor')],
  ];
  if (before) scenarios.push(['before', await testEvents(before, 'before')]);
  // Warm every Worker (and take a real test event's body for the bare ones).
  for (const [key, send] of scenarios) {
    await rate(key, send, 20);
    if (key === 'app') body = receiver.received.get('app')?.[0]?.body ?? body;
  }
  const d1Before = await d1Counts(d1Floor);
  const rates = new Map<string, number[]>(scenarios.map(([key]) => [key, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = scenarios.map((_, i) => scenarios[(i + round) % scenarios.length]!);
    const line: string[] = [];
    for (const [key, send] of order) {
      const r = await rate(key, send);
      rates.get(key)!.push(r);
      line.push(`${key} ${r.toFixed(1)}/s`);
    }
    console.error(`round ${round + 1}/${ROUNDS}: ${line.join(', ')}; load ${loadavg()[0]!.toFixed(1)}`);
  }
  const d1After = await d1Counts(d1Floor);
  const perRound = (key: string, base: string) =>
    spread(rates.get(key)!.map((r, i) => r / rates.get(base)![i]!));
  const med = (key: string) => median(rates.get(key)!).toFixed(1);
  console.log(
    `bench/hook-floor: ${EVENTS} requests a Worker a round, ${CONCURRENCY} in flight, ${ROUNDS} rounds; load ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} after`,
  );
  console.log(`bare poster (posts in the request)          : ${med('bare')} deliveries/s, 1.00x`);
  console.log(
    `bare queue floor (queue message, consumer posts): ${med('floor')} deliveries/s, ${formatSpread(perRound('floor', 'bare'))} of the poster`,
  );
  const roundTrips =
    (d1After.d1RoundTrips - d1Before.d1RoundTrips) / (d1After.delivered - d1Before.delivered);
  console.log(
    `D1 floor (+ key read, delivery and audit row, claim, settlement; ${roundTrips.toFixed(2)} D1 round trips a delivery): ${med('d1floor')} deliveries/s, ${formatSpread(perRound('d1floor', 'bare'))} of the poster, ${formatSpread(perRound('d1floor', 'floor'))} of the queue floor`,
  );
  console.log(
    `app test events                             : ${med('app')} deliveries/s, ${formatSpread(perRound('app', 'bare'))} of the poster, ${formatSpread(perRound('app', 'floor'))} of the floor, ${formatSpread(perRound('app', 'd1floor'))} of the D1 floor`,
  );
  if (before)
    console.log(
      `app test events, ${BEFORE}: ${med('before')} deliveries/s, ${formatSpread(perRound('before', 'bare'))} of the poster, ${formatSpread(perRound('before', 'floor'))} of the floor; after / before ${formatSpread(perRound('app', 'before'))}`,
    );
} finally {
  await fleet.stop();
  await receiver.close();
}
