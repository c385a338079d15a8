// bench/send: recipients composed and handed to the send_email binding per second, through the
// real per-recipient path (re-check, claim, decrypt, mint links, compose with HTMLRewriter, build
// the MIME, send, record) for n recipients (default 10,000), against a bare Worker that sends one
// recipient's composed mail, fixed and ready-made, n times, in the same run on `wrangler dev`. The shares of
// decryption and of link rewriting are measured as separate passes over the same recipients.
// Usage: npx tsx bench/send.ts (env: BENCH_RECIPIENTS, BENCH_PORT).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyLocalMigrations,
  freePort,
  newMasterKey,
  ROOT,
  startLocalWorker,
} from '../scripts/lib/local-worker';

const N = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
/** As workers/sending/deliver.ts SEND_CONCURRENCY: sends of one batch in flight at once. */
const SEND_CONCURRENCY = 6;
const PORT = Number(process.env.BENCH_PORT ?? (await freePort()));

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST' });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return (performance.now() - started) / 1000;
}

const state = mkdtempSync(path.join(tmpdir(), 'tm-bench-send-'));
applyLocalMigrations(state);
const app = await startLocalWorker({
  port: PORT,
  persistTo: state,
  vars: { RUNTIME: 'local', MASTER_KEY: newMasterKey(), PUBLIC_ORIGIN: `http://127.0.0.1:${PORT}` },
});
const bare = await startLocalWorker({
  port: await freePort(),
  persistTo: mkdtempSync(path.join(tmpdir(), 'tm-bench-send-bare-')),
  config: path.join(ROOT, 'bench', 'baseline', 'send.wrangler.toml'),
});
/** Requests of at most CHUNK recipients each, so that no request runs for minutes. */
const CHUNK = 1000;
try {
  const op = (name: string, n: number, offset = 0) =>
    timed(`${app.url}/__dev/bench/send?op=${name}&n=${n}&offset=${offset}`);
  const noop = await op('noop', 1);
  /** The time of `name` over all N recipients, chunk by chunk, less an empty request per chunk. */
  const over = async (name: string) => {
    let total = 0;
    for (let offset = 0; offset < N; offset += CHUNK)
      total += (await op(name, Math.min(CHUNK, N - offset), offset)) - noop;
    return total;
  };
  console.log(`seeding ${N} subscribers with encrypted fields and a message to them…`);
  let seeded = await op('seed', 1);
  for (let added = 0; added < N; added += CHUNK) seeded += await op('add', Math.min(CHUNK, N - added));
  const sample = (await (
    await fetch(`${app.url}/__dev/bench/send?op=sample&n=1`, { method: 'POST' })
  ).json()) as {
    raw: string;
  };
  await fetch(`${bare.url}/message`, { method: 'POST', body: sample.raw });
  await timed(`${bare.url}/?n=100`);
  // The phases first (they read and compute, they send nothing), then the baseline and the send
  // back to back, so that both meet the machine in the same state.
  const load = await over('load');
  const decrypt = (await over('decrypt')) - load;
  const compose = (await over('compose')) - load - decrypt;
  let baseline = 0;
  for (let sent = 0; sent < N; sent += CHUNK)
    baseline += await timed(`${bare.url}/?n=${Math.min(CHUNK, N - sent)}&lanes=${SEND_CONCURRENCY}`);
  const send = await over('send');
  const rate = N / send;
  const bareRate = N / baseline;
  const pct = (s: number) => `${((100 * s) / send).toFixed(0)}%`;
  console.log(
    `bench/send: ${N} recipients, in workerd via wrangler dev (seeding took ${seeded.toFixed(1)} s)`,
  );
  console.log(`composed and handed to send_email : ${rate.toFixed(0)} recipients/s (${send.toFixed(1)} s)`);
  console.log(
    `bare Worker, same fixed message   : ${bareRate.toFixed(0)} messages/s (${baseline.toFixed(1)} s)`,
  );
  console.log(`ratio                             : ${(rate / bareRate).toFixed(2)}x`);
  console.log(
    `share of decryption               : ${pct(decrypt)} (${((1000 * decrypt) / N).toFixed(2)} ms per recipient)`,
  );
  console.log(
    `share of link rewriting + merging : ${pct(compose)} (${((1000 * compose) / N).toFixed(2)} ms per recipient, 4 tokens each)`,
  );
  console.log(`share of reading the rows         : ${pct(load)}`);
} finally {
  await app.stop();
  await bare.stop();
  rmSync(state, { recursive: true, force: true });
}
