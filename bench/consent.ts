// bench/consent: edge form submissions per second through `wrangler dev` (validation, fill-time
// token, blind index, encryption, hash-chained consent event, outbox, double opt-in mail) against
// a bare Worker that only inserts one row, printed as a ratio; and the bulk import rate of the
// API for 10,000 rows in one call. Usage: npx tsx bench/consent.ts

import { freePort, seedDemo } from '../scripts/lib/local-worker';
import { createForms, formPost, importRows, createSingleOptInList } from './lib/app-requests';
import { drive, type Send } from './lib/load';
import { startApp, startBaseline, withWorker } from './lib/workers';

const PORT = Number(process.env.BENCH_PORT ?? (await freePort()));
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? (await freePort()));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500);
const IMPORT_ROWS = 10_000;

/** `total` requests, `concurrency` in flight; requests per second. */
async function load(
  total: number,
  concurrency: number,
  send: Send,
): Promise<{ rps: number; failed: number }> {
  const { failed, seconds } = await drive(total, concurrency, send);
  return { rps: total / seconds, failed };
}

const run = Date.now().toString(36);

const baseline = await withWorker(startBaseline('wrangler.toml', BASELINE_PORT), async (w) => {
  const post = (i: number) =>
    fetch(w.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `b${run}.${i}@example.org` }),
    });
  await load(100, CONCURRENCY, post);
  return load(REQUESTS, CONCURRENCY, post);
});

const product = await withWorker(startApp({ port: PORT }), async (w) => {
  const [eu] = await seedDemo(w.url);
  if (!eu?.formId) throw new Error('the demo tenant has no form');
  const admin = { authorization: `Bearer ${eu.apiKey}`, 'content-type': 'application/json' };
  const singleList = await createSingleOptInList(w.url, admin);
  // A form takes 600 posts a minute (FORM_LIMIT): the posts go round a pool of forms, and
  // every post comes from its own visitor (FORM_VISITOR_LIMIT), as a crowd would.
  const doiForms = await createForms(w.url, admin, eu.listId);
  const singleForms = await createForms(w.url, admin, singleList);
  await new Promise((r) => setTimeout(r, 2_100));
  const submit =
    (prefix: string, pool: { id: string; token: string }[], offset = 0) =>
    (i: number) =>
      formPost(w.url, pool, `${prefix}${run}`, offset + i);
  await load(100, CONCURRENCY, submit('warm', doiForms, REQUESTS));
  const doi = await load(REQUESTS, CONCURRENCY, submit('f', doiForms));
  const singleOptIn = await load(REQUESTS, CONCURRENCY, submit('s', singleForms));
  const rows = importRows(`imp${run}`, IMPORT_ROWS);
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
});

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
