// bench/profile: a CPU profile of one hot path of the app under load, taken from `wrangler dev`
// through its inspector (Chrome DevTools Protocol over WebSocket: Profiler.enable/start/stop) while
// concurrent clients drive the path; prints the top self-time costs by function and by source
// file (mapped back through the bundle's source map) and writes the .cpuprofile for DevTools.
// Usage: npx tsx bench/profile.ts <form|form-single|api-insert|redirect|consent-page|crypto|erasure-chunk|import|webhook-test> (env: BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_TOP;
// erasure-chunk: BENCH_ERASURES seeded, each request one alarm's chunk of the erasure clock, run with BENCH_CONCURRENCY=1;
// import: each request one bulk import call of BENCH_IMPORT_ROWS rows, run with BENCH_CONCURRENCY=1;
// webhook-test: each request a test event to an endpoint on a local receiver, delivered while profiled)

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyLocalMigrations,
  freePort,
  newMasterKey,
  ROOT,
  seedDemo,
  startLocalWorker,
  type DemoTenant,
  type LocalWorker,
} from '../scripts/lib/local-worker';
import { startWebhookReceiver, type WebhookReceiver } from '../scripts/lib/webhook-receiver';
import { BROWSER, importRows } from './lib/app-requests';
import { seedErasures } from './lib/erasure';
import { closedLoop, type Send } from './lib/load';
import { waitForDeliveries } from './lib/webhooks';

const SCENARIOS = [
  'form',
  'form-single',
  'api-insert',
  'redirect',
  'consent-page',
  'crypto',
  'erasure-chunk',
  'import',
  'webhook-test',
] as const;
type ScenarioName = (typeof SCENARIOS)[number];
const scenario = process.argv[2] as ScenarioName;
if (!SCENARIOS.includes(scenario)) {
  console.error(`usage: npx tsx bench/profile.ts <${SCENARIOS.join('|')}>`);
  process.exit(2);
}
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TOP = Number(process.env.BENCH_TOP ?? 15);
const DEMO_ORIGIN = 'http://localhost:8000';
const run = Date.now().toString(36);

// ---- the scenarios: each prepares its data and returns the request it repeats ----

type Created = { id: string; links: { url: string }[] };

async function api(w: LocalWorker, t: DemoTenant, route: string, body: unknown): Promise<Created> {
  const res = await fetch(`${w.url}/api/v1${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Enough forms for the whole run (a form takes 600 posts a minute), each post from its own visitor. */
async function formPost(w: LocalWorker, t: DemoTenant, doubleOptIn: boolean): Promise<Send> {
  const listId = doubleOptIn
    ? t.listId
    : (await api(w, t, '/lists', { name: 'Updates', purpose: 'Product updates', doubleOptIn: false })).id;
  const perForm = 400;
  const forms: { id: string; token: string }[] = [];
  for (let n = 0; n < Math.ceil((SECONDS * 150) / perForm); n++) {
    const form = await api(w, t, '/forms', {
      name: `Profile ${n}`,
      listIds: [listId],
      notice: { text: 'Yes, send me the newsletter.', language: 'en' },
      thankYouUrl: `${DEMO_ORIGIN}/thanks`,
      allowedOrigins: [DEMO_ORIGIN],
    });
    const script = await (await fetch(`${w.url}/f/${form.id}/embed.js`)).text();
    const token = /"token":"([^"]+)"/.exec(script)?.[1];
    if (!token) throw new Error('no fill token in the embed script');
    forms.push({ id: form.id, token });
  }
  await new Promise((r) => setTimeout(r, 2_100));
  return (i) => {
    const form = forms[Math.min(forms.length - 1, Math.floor(i / perForm))]!;
    const visitor = i + 1;
    return fetch(`${w.url}/f/${form.id}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        origin: DEMO_ORIGIN,
        'user-agent': BROWSER,
        'cf-connecting-ip': `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor & 255}`,
        'x-dev-geo': 'NL',
      },
      body: JSON.stringify({
        email: `p${run}.${i}@example.org`,
        consent: true,
        tm_t: form.token,
        pageUrl: `${DEMO_ORIGIN}/`,
      }),
    });
  };
}

function apiInsert(w: LocalWorker, t: DemoTenant): Send {
  return (i) =>
    fetch(`${w.url}/api/v1/subscribers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `a${run}.${i}@example.org`,
        listIds: [t.listId],
        evidence: {
          occurredAt: '2026-11-01T10:00:00Z',
          ip: '203.0.113.9',
          userAgent: 'Profile CRM',
          country: 'NL',
          notice: { text: 'Yes, send me the newsletter.', language: 'en' },
          confirmedAt: '2026-11-01T10:05:00Z',
        },
      }),
    });
}

async function link(w: LocalWorker, t: DemoTenant): Promise<string> {
  const sub = await fetch(`${w.url}/__dev/intercept/subscriber?region=eu`, { method: 'POST' });
  const { subscriberId } = (await sub.json()) as { subscriberId: string };
  const minted = await api(w, t, '/links', {
    subscriberId,
    listId: t.listId,
    messageId: 'msg_profile',
    destination: 'https://shop.example.com/spring',
  });
  const url = minted.links[0]?.url;
  if (!url) throw new Error('no link minted');
  return url;
}

/** A tenant with BENCH_ERASURES due erasure requests; each request drains one chunk of its clock. */
async function erasureChunk(w: LocalWorker): Promise<Send> {
  const total = Number(process.env.BENCH_ERASURES ?? 1000);
  const seeded = await seedErasures(w.url, total);
  const drain = JSON.stringify({ tenantId: seeded.tenantId, asOf: seeded.dueAt + 60_000, budgetMs: 100 });
  return () =>
    fetch(`${w.url}/__dev/bench/erasure/drain`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: drain,
    });
}

/** One bulk import call of BENCH_IMPORT_ROWS new rows with evidence (bench/run's import figure). */
function bulkImport(w: LocalWorker, t: DemoTenant): Send {
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 2_000);
  return (i) =>
    fetch(`${w.url}/api/v1/subscribers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ listIds: [t.listId], rows: importRows(`m${run}.${i}`, rows) }),
    });
}

/** Test events to one endpoint on the local receiver: the API request, then its queued, signed delivery. */
async function webhookTest(w: LocalWorker, t: DemoTenant, receiver: WebhookReceiver): Promise<Send> {
  const endpoint = await api(w, t, '/webhook-endpoints', { url: `${receiver.url}/hook/profile/200` });
  const url = `${w.url}/api/v1/webhook-endpoints/${endpoint.id}/test`;
  const headers = { authorization: `Bearer ${t.apiKey}` };
  return () => fetch(url, { method: 'POST', headers });
}

async function prepare(
  w: LocalWorker,
  t: DemoTenant,
  receiver: WebhookReceiver,
): Promise<{ send: Send; expect: number }> {
  switch (scenario) {
    case 'webhook-test':
      return { send: await webhookTest(w, t, receiver), expect: 202 };
    case 'import':
      return { send: bulkImport(w, t), expect: 200 };
    case 'erasure-chunk':
      return { send: await erasureChunk(w), expect: 200 };
    case 'form':
      return { send: await formPost(w, t, true), expect: 200 };
    case 'form-single':
      return { send: await formPost(w, t, false), expect: 200 };
    case 'api-insert':
      return { send: apiInsert(w, t), expect: 201 };
    case 'redirect': {
      const url = await link(w, t);
      return { send: () => fetch(url, { redirect: 'manual', headers: { 'x-dev-geo': 'US' } }), expect: 302 };
    }
    case 'crypto': {
      // bench/crypto's encrypt operation (a fresh record's data key, fields, blind index, pseudonym), 100 a request.
      const url = `${w.url}/__dev/bench/crypto?op=encrypt&n=100`;
      return { send: () => fetch(url, { method: 'POST' }), expect: 200 };
    }
    case 'consent-page': {
      const url = await link(w, t);
      const headers = { 'x-dev-geo': 'DE', 'user-agent': BROWSER };
      return { send: () => fetch(url, { redirect: 'manual', headers }), expect: 200 };
    }
  }
}

// ---- the inspector: one CDP session on the user Worker ----

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] };
type CpuProfile = {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};

async function inspector(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const target = targets[0];
  if (!target) throw new Error('the inspector lists no Worker');
  // The inspector proxy accepts DevTools from localhost origins only (Node's WebSocket takes headers).
  const ws = new WebSocket(target.webSocketDebuggerUrl, {
    headers: { origin: 'http://localhost' },
  } as unknown as string[]);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', reject, { once: true });
  });
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.addEventListener('message', (e) => {
    const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (msg.id === undefined) return;
    if (msg.error) throw new Error(`inspector: ${msg.error.message}`);
    pending.get(msg.id)?.(msg.result);
    pending.delete(msg.id);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      pending.set(++id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => ws.close() };
}

/** The inspector port `startLocalWorker` chose: it is among the arguments it gave wrangler. */
function inspectorPortOf(w: LocalWorker): number {
  const args = w.process.spawnargs;
  return Number(args[args.indexOf('--inspector-port') + 1]);
}

// ---- reading the profile ----

/** The source map of the bundle `wrangler dev` runs (the newest .wrangler/tmp/dev-*; gone once it stops). */
function bundleSourceMap(): { map: SourceMap; dir: string } | null {
  const tmp = path.join(ROOT, '.wrangler', 'tmp');
  const dirs = existsSync(tmp)
    ? readdirSync(tmp)
        .filter((d) => d.startsWith('dev-') && existsSync(path.join(tmp, d, 'index.js.map')))
        .map((d) => path.join(tmp, d))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    : [];
  const dir = dirs[0];
  if (!dir) return null;
  return { map: new SourceMap(JSON.parse(readFileSync(path.join(dir, 'index.js.map'), 'utf8'))), dir };
}

/** The original file of a frame of the bundle, relative to the repository; the runtime's own as they are. */
function fileOf(frame: CallFrame, bundle: ReturnType<typeof bundleSourceMap>): string {
  if (!frame.url) return '(native)';
  if (frame.url !== 'index.js' || !bundle) return frame.url;
  const entry = bundle.map.findEntry(frame.lineNumber, frame.columnNumber);
  if (!entry || !('originalSource' in entry)) return frame.url;
  const source = entry.originalSource.replace(/^file:\/\//, '');
  return path.relative(ROOT, path.resolve(bundle.dir, source)).replace(/^(\.\.\/)+/, '');
}

function selfTimes(profile: CpuProfile, bundle: ReturnType<typeof bundleSourceMap>) {
  const byNode = new Map<number, number>();
  profile.samples.forEach((node, i) => {
    byNode.set(node, (byNode.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  // A built-in (fetch, json, crypto.subtle…) has no script: its time goes to the file that called it.
  const callerFile = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = nodes.get(at)!.callFrame;
      if (frame.url) return fileOf(frame, bundle);
    }
    return '(runtime)';
  };
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, micros] of byNode) {
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    busy += micros;
    const vm = frame.functionName.startsWith('(') && !frame.url; // (program), (garbage collector)
    const file = vm ? frame.functionName : callerFile(id);
    const fn = vm ? file : `${frame.functionName || '(anonymous)'}${frame.url ? '' : ' [built-in]'}  ${file}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
    byFile.set(file, (byFile.get(file) ?? 0) + micros);
  }
  return { byFunction, byFile, busy, idle };
}

function printTop(title: string, costs: Map<string, number>, busy: number, requests: number): void {
  console.log(`\n${title} (self time, % of busy time, µs per request)`);
  const rows = [...costs].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  for (const [name, micros] of rows)
    console.log(
      `${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${(micros / Math.max(1, requests)).toFixed(0).padStart(6)} µs  ${name}`,
    );
}

// ---- the run ----

const state = mkdtempSync(path.join(tmpdir(), 'tm-profile-'));
const port = await freePort();
const receiver = await startWebhookReceiver();
applyLocalMigrations(state);
const worker = await startLocalWorker({
  port,
  persistTo: state,
  // ALLOW_DEV_GEO: the scenarios locate their clickers with `x-dev-geo` (US direct, DE consent page).
  // ALLOW_DEV_WEBHOOK_HOSTS: the webhook-test scenario's endpoint is the receiver on 127.0.0.1.
  vars: {
    RUNTIME: 'local',
    ALLOW_DEV_GEO: '1',
    ALLOW_DEV_WEBHOOK_HOSTS: '1',
    MASTER_KEY: newMasterKey(),
    PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
  },
});
try {
  const [eu] = await seedDemo(worker.url);
  if (!eu) throw new Error('no demo tenant');
  const { send, expect } = await prepare(worker, eu, receiver);
  const expected = (status: number) => status === expect;
  const warm = await closedLoop((i) => send(1_000_000 + i), 3, CONCURRENCY, expected);
  // Webhook test events: the warm-up's deliveries arrive before the profile starts.
  if (scenario === 'webhook-test') await waitForDeliveries(receiver, 'profile', warm.requests);
  const cdp = await inspector(inspectorPortOf(worker));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const load = loadavg();
  await cdp.send('Profiler.start');
  const started = performance.now();
  const sample = await closedLoop(send, SECONDS, CONCURRENCY, expected);
  const { errors } = sample;
  const requests = sample.requests + errors;
  const seconds = (performance.now() - started) / 1000;
  // Webhook test events: the profile holds every delivery of the requests it drove.
  const delivered =
    scenario === 'webhook-test'
      ? await waitForDeliveries(receiver, 'profile', warm.requests + sample.requests).then(
          (last) =>
            ` (last delivery ${((last - started - performance.timeOrigin) / 1000).toFixed(1)} s after the start)`,
        )
      : '';
  const { profile } = await cdp.send<{ profile: CpuProfile }>('Profiler.stop');
  cdp.close();
  const out = path.join(tmpdir(), `tm-${scenario}-${run}.cpuprofile`);
  writeFileSync(out, JSON.stringify(profile));
  const { byFunction, byFile, busy, idle } = selfTimes(profile, bundleSourceMap());
  console.log(
    `bench/profile ${scenario}: ${requests} requests in ${seconds.toFixed(1)} s (${(requests / seconds).toFixed(0)} req/s, ${errors} not ${expect})${delivered}, ${CONCURRENCY} in flight, load average ${load.map((l) => l.toFixed(2)).join(' ')}`,
  );
  console.log(
    `Worker thread busy ${(busy / 1000).toFixed(0)} ms of ${((busy + idle) / 1000).toFixed(0)} ms sampled = ${(busy / Math.max(1, requests)).toFixed(0)} µs per request; profile written to ${out}`,
  );
  printTop('top functions', byFunction, busy, requests);
  printTop('top files', byFile, busy, requests);
} finally {
  await worker.stop();
  await receiver.close();
  rmSync(state, { recursive: true, force: true });
}
