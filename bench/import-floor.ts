// bench/import-floor: what caps a bulk import, measured in one workerd. Per round, interleaved:
// the WebCrypto calls one row needs, alone (µs a row, so the crypto ceiling in rows/s), the
// import's write batch for pre-made rows (no crypto: the D1 ceiling in rows/s, batches of the
// import's 5,000 rows), and a real `POST /api/v1/subscribers/import` of the same rows with evidence.
// Then each secondary index of the imported tables is dropped in turn and the D1 floor measured
// again, to weigh what each costs. Usage: npm run bench:import-floor (env: BENCH_IMPORT_ROWS,
// BENCH_ROUNDS, BENCH_FLOOR_INDEXES=0 to skip the index part).

import { loadavg } from 'node:os';
import { seedDemo } from '../scripts/lib/local-worker';
import { importRows } from './lib/app-requests';
import { median } from './lib/stats';
import { startApp } from './lib/workers';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ROWS = env('BENCH_IMPORT_ROWS', 5_000);
const ROUNDS = env('BENCH_ROUNDS', 5);
const WEIGH_INDEXES = process.env.BENCH_FLOOR_INDEXES !== '0';
/** New subscribers per D1 batch in db/subscriber-import.ts. */
const BATCH_ROWS = 5_000;
const CRYPTO_PARTS = ['crypto', 'crypto-hmac', 'crypto-key', 'crypto-encrypt', 'crypto-hash'] as const;

type Answer = {
  ms?: number;
  sqlMs?: number;
  statements?: { sql: string; ms: number }[];
  dropped?: string | null;
};

const app = await startApp();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
const call = async (op: string, n: number): Promise<{ wall: number; answer: Answer }> => {
  const started = performance.now();
  const res = await fetch(`${app.url}/__dev/bench/import-floor?op=${op}&n=${n}`, { method: 'POST' });
  if (!res.ok) throw new Error(`${op}: ${res.status} ${await res.text()}`);
  const answer = (await res.json()) as Answer;
  return { wall: performance.now() - started, answer };
};

/** The D1 floor of ROWS rows: the write batches' time (inside the Worker) and D1's own SQL time. */
async function d1Floor(): Promise<{ ms: number; sqlMs: number; bySql: Map<string, number> }> {
  let ms = 0;
  let sqlMs = 0;
  const bySql = new Map<string, number>();
  for (let done = 0; done < ROWS; done += BATCH_ROWS) {
    const { answer } = await call('d1', Math.min(BATCH_ROWS, ROWS - done));
    ms += answer.ms ?? 0;
    sqlMs += answer.sqlMs ?? 0;
    for (const s of answer.statements ?? []) bySql.set(s.sql, (bySql.get(s.sql) ?? 0) + s.ms);
  }
  return { ms, sqlMs, bySql };
}

try {
  const [eu] = (await seedDemo(app.url)).filter((t) => t.region === 'eu');
  if (!eu) throw new Error('no EU demo tenant');
  let batch = 0;
  const importCall = async () => {
    const started = performance.now();
    const res = await fetch(`${app.url}/api/v1/subscribers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${eu.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ listIds: [eu.listId], rows: importRows(`floor${batch++}`, ROWS) }),
    });
    const report = (await res.json()) as { created?: number };
    if (res.status !== 200 || report.created !== ROWS) throw new Error(`import: ${res.status}`);
    return performance.now() - started;
  };
  console.log(`bench/import-floor: ${ROWS.toLocaleString('en')} rows, ${ROUNDS} rounds; load ${load()}`);
  // Warm-up: the tenant, its keys, the code paths.
  await call('crypto', 200);
  await call('d1', 200);
  await importCall();

  const crypto: Record<string, number[]> = Object.fromEntries(CRYPTO_PARTS.map((p) => [p, []]));
  const d1: number[] = [];
  const sql: number[] = [];
  const whole: number[] = [];
  const bySql = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    const noop = median([
      (await call('noop', 1)).wall,
      (await call('noop', 1)).wall,
      (await call('noop', 1)).wall,
    ]);
    for (const part of CRYPTO_PARTS) {
      const n = Math.min(ROWS, 2_000);
      crypto[part]!.push((((await call(part, n)).wall - noop) * 1000) / n);
    }
    const floor = await d1Floor();
    d1.push(floor.ms);
    sql.push(floor.sqlMs);
    for (const [label, ms] of floor.bySql) bySql.set(label, [...(bySql.get(label) ?? []), ms]);
    whole.push(await importCall());
  }
  const perSecond = (ms: number) => Math.round((ROWS * 1000) / ms).toLocaleString('en');
  const us = (x: number) => `${x.toFixed(1)} µs`;
  const rowCrypto = median(crypto.crypto!);
  console.log(`\nmedians of ${ROUNDS} rounds (load at the end ${load()})`);
  console.log(
    `crypto a row (9 WebCrypto calls) : ${us(rowCrypto)}  → ceiling ${Math.round(1e6 / rowCrypto).toLocaleString('en')} rows/s`,
  );
  console.log(`  blind index + pseudonym (HMAC) : ${us(median(crypto['crypto-hmac']!))}`);
  console.log(`  data key (generate + wrap)     : ${us(median(crypto['crypto-key']!))}`);
  console.log(`  three field encryptions        : ${us(median(crypto['crypto-encrypt']!))}`);
  console.log(`  two SHA-256 event hashes       : ${us(median(crypto['crypto-hash']!))}`);
  console.log(
    `D1 write batches, pre-made rows  : ${median(d1).toFixed(0)} ms  → ceiling ${perSecond(median(d1))} rows/s (SQL alone ${median(sql).toFixed(0)} ms)`,
  );
  console.log(
    `whole import call                : ${median(whole).toFixed(0)} ms  → ${perSecond(median(whole))} rows/s (min–max ${perSecond(Math.max(...whole))}–${perSecond(Math.min(...whole))})`,
  );
  for (const [label, ms] of bySql) console.log(`  ${label.padEnd(31)}: ${median(ms).toFixed(0)} ms`);
  const rest = median(whole) - median(d1) - (rowCrypto * ROWS) / 1000;
  console.log(
    `rest (request, validation, lookup, building rows and JSON, after-response work): ${rest.toFixed(0)} ms`,
  );

  if (WEIGH_INDEXES) {
    console.log('\nD1 floor as the secondary indexes are dropped one after another (cumulative):');
    const weigh = async (label: string) => {
      const runs: number[] = [];
      for (let i = 0; i < Math.max(3, ROUNDS); i++) runs.push((await d1Floor()).ms);
      console.log(`  ${label.padEnd(40)} ${median(runs).toFixed(0)} ms  ${perSecond(median(runs))} rows/s`);
    };
    await weigh('all indexes');
    for (;;) {
      const { dropped } = (await call('drop-index', 1)).answer;
      if (!dropped) break;
      await weigh(`without ${dropped}`);
    }
  }
} finally {
  await app.stop();
}
