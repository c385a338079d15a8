// bench/webhooks: webhook deliveries per second to a local receiver on `wrangler dev`, against a
// bare Worker that posts the same bodies to the same receiver, one per request, in the same run
// (same number of requests into the Worker, same concurrency). Measured twice: test events (one
// event and delivery per call: queue message, claim, signing, POST, settlement) and settings
// changes (the change and its event written, handed over, fanned out, delivered).
// Usage: npm run bench:webhooks

import { seedDemo } from '../scripts/lib/local-worker';
import { startWebhookReceiver } from '../scripts/lib/webhook-receiver';
import { drive } from './lib/load';
import { waitForDeliveries } from './lib/webhooks';
import { startApp, startBaseline, withWorker } from './lib/workers';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 400);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const receiver = await startWebhookReceiver();
const accepted = (key: string, count: number) => waitForDeliveries(receiver, key, count);

let sampleBody = '';

const product = await withWorker(startApp(), async (w) => {
  const [eu] = await seedDemo(w.url);
  if (!eu) throw new Error('no demo tenant');
  const headers = { authorization: `Bearer ${eu.apiKey}`, 'content-type': 'application/json' };
  const endpoint = async (key: string, eventTypes: string[]) => {
    const res = await fetch(`${w.url}/api/v1/webhook-endpoints`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: `${receiver.url}/hook/${key}/200`, eventTypes }),
    });
    if (res.status !== 201) throw new Error(`endpoint: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  /** Requests into the Worker that each make one delivery; from the first request to the last delivery. */
  const measure = async (key: string, total: number, send: (i: number) => Promise<Response>) => {
    const started = Date.now();
    const { failed } = await drive(total, CONCURRENCY, send);
    const writtenMs = Date.now() - started;
    const last = await accepted(key, total);
    const unique = new Set((receiver.received.get(key) ?? []).map((r) => r.headers['webhook-id'])).size;
    return { seconds: (last - started) / 1000, writtenMs, failed, unique };
  };
  // Delivery stage: test events (one event and its delivery per call; claim, sign, POST, settle).
  const tested = await endpoint('tested', ['privacy_request.*']);
  const test = () => fetch(`${w.url}/api/v1/webhook-endpoints/${tested}/test`, { method: 'POST', headers });
  await drive(20, CONCURRENCY, test);
  await accepted('tested', 20);
  receiver.received.delete('tested');
  const delivery = await measure('tested', EVENTS, test);
  sampleBody = receiver.received.get('tested')?.[0]?.body ?? '{}';
  // End to end: a settings change writes its event, which is handed over, fanned out and delivered.
  await endpoint('changes', ['tenant.*']);
  const change = (i: number) =>
    fetch(`${w.url}/api/v1/tenant/settings`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ displayName: `Shop ${i}` }),
    });
  const endToEnd = await measure('changes', CHANGES, change);
  return { delivery, endToEnd };
});

const baseline = await withWorker(startBaseline('webhook.wrangler.toml'), async (w) => {
  const post = (key: string) => () =>
    fetch(w.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${receiver.url}/hook/${key}/200`, body: sampleBody }),
    });
  await drive(20, CONCURRENCY, post('warm'));
  const started = Date.now();
  const { failed } = await drive(EVENTS, CONCURRENCY, post('bare'));
  const last = await accepted('bare', EVENTS);
  return { seconds: (last - started) / 1000, failed };
});

await receiver.close();
const rate = (n: number, seconds: number) => (n / seconds).toFixed(1);
const bareRate = EVENTS / baseline.seconds;
const { delivery, endToEnd } = product;
console.log(`bench/webhooks (wrangler dev on 127.0.0.1, ${CONCURRENCY} requests in flight)`);
console.log(
  `bare Worker posting the same bodies, ${EVENTS} requests : ${bareRate.toFixed(1)} deliveries/s (${baseline.failed} failed)`,
);
console.log(
  `test events, ${EVENTS} calls (queue, claim, sign, POST, settle): ${rate(EVENTS, delivery.seconds)} deliveries/s, ${delivery.unique} distinct webhook-ids, ${delivery.failed} failed; ratio ${(EVENTS / delivery.seconds / bareRate).toFixed(2)}x`,
);
console.log(
  `settings changes, ${CHANGES} (write, hand-over, fan-out, delivery): ${rate(CHANGES, endToEnd.seconds)} deliveries/s, writes took ${(endToEnd.writtenMs / 1000).toFixed(1)} s of ${endToEnd.seconds.toFixed(1)} s, ${endToEnd.unique} distinct webhook-ids; ratio ${(CHANGES / endToEnd.seconds / bareRate).toFixed(2)}x`,
);
