// Runs the Worker locally with `wrangler dev` (workerd, local D1/DO/Queues/email): applies the
// migrations to both local databases, starts the server, waits for /health and seeds the demo
// tenants. Used by `npm run dev`, the browser tests and the benches.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';

export type DemoTenant = {
  slug: string;
  tenantId: string;
  region: 'eu' | 'us';
  apiKey: string;
  admin: { workspace: string; email: string; password: string };
  listId: string;
  formId?: string;
};

export type LocalWorker = { url: string; process: ChildProcess; stop: () => Promise<void> };

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const WRANGLER = path.join(ROOT, 'node_modules', '.bin', 'wrangler');

export const newMasterKey = () => randomBytes(32).toString('base64');
/** A random operator key for `/api/platform/*` (PLATFORM_KEY), URL- and shell-safe. */
export const newPlatformKey = () => randomBytes(32).toString('base64url');

/** A TCP port on 127.0.0.1 that nothing listens on right now (the system picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Applies migrations to DB_EU and DB_US in a local state folder (default: .wrangler/state). */
export function applyLocalMigrations(persistTo?: string): void {
  for (const db of ['DB_EU', 'DB_US']) {
    const args = [
      'd1',
      'migrations',
      'apply',
      db,
      '--local',
      ...(persistTo ? ['--persist-to', persistTo] : []),
    ];
    const res = spawnSync(WRANGLER, args, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    if (res.status !== 0) throw new Error(`migrations for ${db} failed:\n${res.stdout}\n${res.stderr}`);
  }
}

export type StartOptions = {
  port: number;
  persistTo?: string;
  vars?: Record<string, string>;
  /** Inherit stdio (interactive `npm run dev`) or keep the output for error reports. */
  inheritOutput?: boolean;
  config?: string;
};

export async function startLocalWorker(opts: StartOptions): Promise<LocalWorker> {
  const vars = Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const args = [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--inspector-port',
    String(await freePort()),
    '--show-interactive-dev-session=false',
    ...vars,
    ...(opts.persistTo ? ['--persist-to', opts.persistTo] : []),
    ...(opts.config ? ['--config', opts.config] : []),
  ];
  const child = spawn(WRANGLER, args, {
    cwd: ROOT,
    stdio: opts.inheritOutput ? 'inherit' : 'pipe',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${opts.port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  const deadline = Date.now() + 90_000;
  const probe = opts.config ? '/' : '/health';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(url + probe, { redirect: 'manual' });
      if (res.status < 500) return { url, process: child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${url} within 90 s:\n${output}`);
}

/** Seeds the demo tenants through the local-only route; returns those created now. */
export async function seedDemo(url: string): Promise<DemoTenant[]> {
  const res = await fetch(`${url}/__dev/seed`, { method: 'POST' });
  if (!res.ok) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { created: DemoTenant[] }).created;
}
