// bench/send: recipients composed and handed to the send_email binding per second, through the
// real per-recipient path (re-check, claim, decrypt, mint links, compose with HTMLRewriter, build
// the MIME, send, record) for n recipients (default 10,000), against a bare Worker that sends the
// same fixed ready-made message n times, in the same run on `wrangler dev`. The shares of
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
try {
  const op = (name: string, n = N) => timed(`${app.url}/__dev/bench/send?op=${name}&n=${n}`);
  console.log(`seeding ${N} subscribers with encrypted fields and a message to them…`);
  const seeded = await op('seed');
  await timed(`${bare.url}/?n=100`);
  const noop = await op('noop', 1);
  // The phases first (they read and compute, they send nothing), then the baseline and the send
  // back to back, so that both meet the machine in the same state.
  const load = (await op('load')) - noop;
  const decrypt = (await op('decrypt')) - noop - load;
  const compose = (await op('compose')) - noop - load - decrypt;
  const baseline = await timed(`${bare.url}/?n=${N}`);
  const send = (await op('send')) - noop;
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
