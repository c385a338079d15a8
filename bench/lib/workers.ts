// The Workers a bench runs: the app under `wrangler dev` (fresh state, migrations applied, every
// development variable the scenarios need) from the counting build (bench/counting/entry.ts) or
// from wrangler.toml as deployed, and the bare baseline Workers of bench/baseline/.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyLocalMigrations,
  freePort,
  type LocalWorker,
  newMasterKey,
  newPlatformKey,
  ROOT,
  startLocalWorker,
} from '../../scripts/lib/local-worker';

export type Bench = { url: string; stop: () => Promise<void> };

/** A state folder of its own per Worker, removed when it stops. */
async function inFreshState(start: (state: string) => Promise<LocalWorker>): Promise<Bench> {
  const state = mkdtempSync(path.join(tmpdir(), 'tm-bench-'));
  try {
    const worker = await start(state);
    return {
      url: worker.url,
      stop: async () => {
        await worker.stop();
        rmSync(state, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(state, { recursive: true, force: true });
    throw error;
  }
}

/**
 * wrangler.toml with absolute paths, written into `dir`: `main` pointing at `entry` (the counting
 * build) and, when `assets` is false, without the `[assets]` router.
 */
export function appConfig(dir: string, opts: { entry?: string; assets?: boolean }): string {
  let config = readFileSync(path.join(ROOT, 'wrangler.toml'), 'utf8');
  if (opts.assets === false) config = config.replace(/\n\[assets\][\s\S]*?(?=\n\[)/, '\n');
  config = config
    .replace('main = "workers/index.ts"', `main = "${opts.entry ?? path.join(ROOT, 'workers', 'index.ts')}"`)
    .replaceAll('migrations_dir = "migrations"', `migrations_dir = "${path.join(ROOT, 'migrations')}"`)
    .replace('directory = "./public"', `directory = "${path.join(ROOT, 'public')}"`);
  const file = path.join(dir, 'wrangler.bench.toml');
  writeFileSync(file, config);
  return file;
}

export const COUNTING_ENTRY = path.join(ROOT, 'bench', 'counting', 'entry.ts');

/**
 * The app on a free port (or `port`), RUNTIME=local with development geolocation and webhook
 * hosts allowed. `counting` runs the counting build; `entry` another checkout's Worker (its
 * `workers/index.ts`, for an A/B in one run); `assets: false` drops the `[assets]` router.
 */
export async function startApp(
  opts: {
    port?: number;
    counting?: boolean;
    entry?: string;
    assets?: boolean;
    vars?: Record<string, string>;
  } = {},
): Promise<Bench> {
  const port = opts.port ?? (await freePort());
  return inFreshState(async (state) => {
    applyLocalMigrations(state);
    const entry = opts.counting ? COUNTING_ENTRY : opts.entry;
    const custom = entry !== undefined || opts.assets === false;
    return startLocalWorker({
      port,
      persistTo: state,
      config: custom ? appConfig(state, { entry, assets: opts.assets }) : undefined,
      vars: {
        RUNTIME: 'local',
        ALLOW_DEV_GEO: '1',
        ALLOW_DEV_WEBHOOK_HOSTS: '1',
        MASTER_KEY: newMasterKey(),
        PLATFORM_KEY: newPlatformKey(),
        PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
        ...opts.vars,
      },
    });
  });
}

/**
 * A bare Worker of bench/baseline/ (`file` is its wrangler config there); `migrate` names a D1
 * binding to which the config's `migrations_dir` (the app's migrations) is applied first.
 */
export async function startBaseline(file: string, port?: number, migrate?: string): Promise<Bench> {
  const chosen = port ?? (await freePort());
  const config = path.join(ROOT, 'bench', 'baseline', file);
  return inFreshState(async (state) => {
    if (migrate) {
      const args = [
        'd1',
        'migrations',
        'apply',
        migrate,
        '--local',
        '--persist-to',
        state,
        '--config',
        config,
      ];
      const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'wrangler'), args, {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
      });
      if (res.status !== 0) throw new Error(`migrations for ${file} failed:\n${res.stdout}\n${res.stderr}`);
    }
    return startLocalWorker({ port: chosen, persistTo: state, config });
  });
}

/** Runs `run` with the Worker `start` gives, and stops it whatever happens. */
export async function withWorker<T>(start: Promise<Bench>, run: (w: Bench) => Promise<T>): Promise<T> {
  const worker = await start;
  try {
    return await run(worker);
  } finally {
    await worker.stop();
  }
}

/** The Workers a run started, stopped together whatever happens. */
export class Fleet {
  private readonly running: Bench[] = [];

  async add<W extends Bench>(starting: Promise<W>): Promise<W> {
    const worker = await starting;
    this.running.push(worker);
    return worker;
  }

  async stop(): Promise<void> {
    for (const w of this.running.splice(0)) await w.stop();
  }
}
