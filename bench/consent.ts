// bench/consent: edge form submissions per second through `wrangler dev` (validation, fill-time
// token, blind index, encryption, hash-chained consent event, outbox, double opt-in mail) against
// a bare Worker that only inserts one row, printed as a ratio; and the bulk import rate of the
// API for 10,000 rows in one call. Usage: npx tsx bench/consent.ts

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyLocalMigrations,
  newMasterKey,
  ROOT,
  seedDemo,
  startLocalWorker,
  type LocalWorker,
  freePort,
} from '../scripts/lib/local-worker';

const PORT = Number(process.env.BENCH_PORT ?? (await freePort()));
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? (await freePort()));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500);
const IMPORT_ROWS = 10_000;
const POSTS_PER_FORM = 500;
const DEMO_ORIGIN = 'http://localhost:8000';

/** A bounded loop of concurrent fetches: `total` requests, `concurrency` in flight; returns requests per second. */
async function load(
  total: number,
  concurrency: number,
  send: (i: number) => Promise<Response>,
): Promise<{ rps: number; failed: number }> {
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const res = await send(i);
        if (!res.ok) failed++;
        await res.arrayBuffer();
      }
    }),
  );
  return { rps: total / ((performance.now() - started) / 1000), failed };
}

async function withWorker<T>(
  start: (state: string) => Promise<LocalWorker>,
  run: (w: LocalWorker) => Promise<T>,
): Promise<T> {
  const state = mkdtempSync(path.join(tmpdir(), 'tm-bench-consent-'));
  const worker = await start(state);
  try {
    return await run(worker);
  } finally {
    await worker.stop();
    rmSync(state, { recursive: true, force: true });
  }
}

const run = Date.now().toString(36);

const baseline = await withWorker(
  (state) =>
    startLocalWorker({
      port: BASELINE_PORT,
      persistTo: state,
      config: path.join(ROOT, 'bench', 'baseline', 'wrangler.toml'),
    }),
  async (w) => {
    const post = (i: number) =>
      fetch(w.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `b${run}.${i}@example.org` }),
      });
    await load(100, CONCURRENCY, post);
    return load(REQUESTS, CONCURRENCY, post);
  },
);

const product = await withWorker(
  async (state) => {
    applyLocalMigrations(state);
    return startLocalWorker({
      port: PORT,
      persistTo: state,
      vars: { RUNTIME: 'local', MASTER_KEY: newMasterKey(), PUBLIC_ORIGIN: `http://127.0.0.1:${PORT}` },
    });
  },
  async (w) => {
    const [eu] = await seedDemo(w.url);
    if (!eu?.formId) throw new Error('the demo tenant has no form');
    const admin = { authorization: `Bearer ${eu.apiKey}`, 'content-type': 'application/json' };
    const single = await fetch(`${w.url}/api/v1/lists`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'Updates', purpose: 'Product updates', doubleOptIn: false }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    // A form takes 600 posts a minute (FORM_LIMIT): each run spreads its posts over enough forms,
    // and every post comes from its own visitor (FORM_VISITOR_LIMIT), as a crowd would.
    const forms = async (listId: string) => {
      const out: { id: string; token: string }[] = [];
      for (let n = 0; n < Math.ceil((REQUESTS + 100) / POSTS_PER_FORM); n++) {
        const form = await fetch(`${w.url}/api/v1/forms`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({
            name: `Bench ${n}`,
            listIds: [listId],
            notice: { text: 'Yes, send me the newsletter.', language: 'en' },
            thankYouUrl: `${DEMO_ORIGIN}/thanks`,
            allowedOrigins: [DEMO_ORIGIN],
          }),
        }).then((r) => r.json() as Promise<{ id: string }>);
        const script = await (await fetch(`${w.url}/f/${form.id}/embed.js`)).text();
        const token = /"token":"([^"]+)"/.exec(script)?.[1];
        if (!token) throw new Error('no fill token in the embed script');
        out.push({ id: form.id, token });
      }
      return out;
    };
    const doiForms = await forms(eu.listId);
    const singleForms = await forms(single.id);
    await new Promise((r) => setTimeout(r, 2_100));
    const submit =
      (prefix: string, pool: { id: string; token: string }[], offset = 0) =>
      (i: number) => {
        const form = pool[Math.floor((offset + i) / POSTS_PER_FORM)]!;
        const visitor = offset + i + 1;
        return fetch(`${w.url}/f/${form.id}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            origin: DEMO_ORIGIN,
            'user-agent': 'bench',
            'cf-connecting-ip': `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor & 255}`,
            'x-dev-geo': 'NL',
          },
          body: JSON.stringify({
            email: `${prefix}${run}.${i}@example.org`,
            consent: true,
            tm_t: form.token,
            pageUrl: `${DEMO_ORIGIN}/`,
          }),
        });
      };
    await load(100, CONCURRENCY, submit('warm', doiForms, REQUESTS));
    const doi = await load(REQUESTS, CONCURRENCY, submit('f', doiForms));
    const singleOptIn = await load(REQUESTS, CONCURRENCY, submit('s', singleForms));
    const rows = Array.from({ length: IMPORT_ROWS }, (_, i) => ({
      email: `imp${run}.${i}@example.org`,
      evidence: {
        occurredAt: '2026-11-01T10:00:00Z',
        ip: '203.0.113.9',
        userAgent: 'Legacy CRM',
        country: 'NL',
        notice: { key: 'newsletter', language: 'en', version: 1 },
        confirmedAt: '2026-11-01T10:05:00Z',
      },
    }));
    const started = performance.now();
    const res = await fetch(`${w.url}/api/v1/subscribers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${eu.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ listIds: [eu.listId], rows }),
    });
    const seconds = (performance.now() - started) / 1000;
    const report = (await res.json()) as { created?: number; refused?: unknown[] };
    if (res.status !== 200 || report.created !== IMPORT_ROWS)
      throw new Error(`import: ${res.status} ${JSON.stringify(report).slice(0, 300)}`);
    return { forms: doi, singleForms: singleOptIn, importSeconds: seconds };
  },
);

console.log(
  `bench/consent (wrangler dev on 127.0.0.1, ${CONCURRENCY} concurrent, ${REQUESTS} requests each)`,
);
console.log(
  `bare Worker, one D1 insert        : ${baseline.rps.toFixed(0)} req/s (${baseline.failed} failed)`,
);
console.log(
  `POST /f/:formId (double opt-in)   : ${product.forms.rps.toFixed(0)} req/s (${product.forms.failed} failed)`,
);
console.log(
  `POST /f/:formId (single opt-in)   : ${product.singleForms.rps.toFixed(0)} req/s (${product.singleForms.failed} failed)`,
);
console.log(`ratio DOI form / bare insert      : ${(product.forms.rps / baseline.rps).toFixed(2)}x`);
console.log(`ratio single opt-in / bare insert : ${(product.singleForms.rps / baseline.rps).toFixed(2)}x`);
console.log(
  `bulk import, ${IMPORT_ROWS} rows in one call : ${product.importSeconds.toFixed(2)} s = ${(IMPORT_ROWS / product.importSeconds).toFixed(0)} rows/s`,
);
