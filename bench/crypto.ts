// bench/crypto: cost of envelope encryption in workerd. Per record: encrypt (data key + email +
// name + blind index + pseudonym) and decrypt; and a D1 write of one encrypted subscriber against
// the same row in plain text. Runs inside `wrangler dev` through a local-only route; each call
// does n operations and the time of an empty call is subtracted. Usage: npx tsx bench/crypto.ts

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyLocalMigrations, newMasterKey, startLocalWorker, freePort } from '../scripts/lib/local-worker';

const PORT = Number(process.env.BENCH_PORT ?? (await freePort()));
const ROUNDS = 7;
const DECRYPT_PASSES = 10; // as in workers/dev/crypto-bench.ts

async function timeOp(url: string, op: string, n: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const res = await fetch(`${url}/__dev/bench/crypto?op=${op}&n=${n}`, { method: 'POST' });
    if (!res.ok) throw new Error(`${op}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const state = mkdtempSync(path.join(tmpdir(), 'tm-bench-crypto-'));
applyLocalMigrations(state);
const worker = await startLocalWorker({
  port: PORT,
  persistTo: state,
  vars: { RUNTIME: 'local', MASTER_KEY: newMasterKey() },
});
try {
  await timeOp(worker.url, 'encrypt', 200);
  const noop = await timeOp(worker.url, 'noop', 1);
  const per = async (op: string, n: number) => Math.max(0, (await timeOp(worker.url, op, n)) - noop) / n;
  const encrypt = await per('encrypt', 2000);
  const decrypt = ((await per('decrypt', 2000)) - encrypt) / DECRYPT_PASSES;
  await per('write-plain', 50);
  let writeEncrypted = 0;
  let writePlain = 0;
  // Interleaved, so that disk and cache drift hits both alike.
  for (let i = 0; i < 3; i++) {
    writeEncrypted += (await per('write-encrypted', 200)) / 3;
    writePlain += (await per('write-plain', 200)) / 3;
  }
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.log('bench/crypto (median of 7 rounds, in workerd via wrangler dev)');
  console.log(`encrypt + blind index per record : ${us(encrypt)}`);
  console.log(
    `decrypt per record               : ${us(decrypt)}  (ratio to encrypt ${(decrypt / encrypt).toFixed(2)}x)`,
  );
  console.log(`D1 write, encrypted subscriber   : ${us(writeEncrypted)}`);
  console.log(`D1 write, same row in plain text : ${us(writePlain)}`);
  console.log(`ratio encrypted / plain write    : ${(writeEncrypted / writePlain).toFixed(2)}x`);
} finally {
  await worker.stop();
  rmSync(state, { recursive: true, force: true });
}
