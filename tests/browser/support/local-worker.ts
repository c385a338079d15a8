// Browser tests' access to a running Worker: a fresh `wrangler dev` per test file (own port, own
// state folder), with the demo tenants seeded, and a Chromium page from Debian's package.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import {
  applyLocalMigrations,
  freePort,
  newMasterKey,
  newPlatformKey,
  seedDemo,
  startLocalWorker,
  type DemoTenant,
  type LocalWorker,
} from '../../../scripts/lib/local-worker';

export type TestWorker = LocalWorker & { tenants: Record<'eu' | 'us', DemoTenant>; stateDir: string };

/** A fresh `wrangler dev` on a free port with its own state folder and the demo tenants. */
export async function startTestWorker(vars: Record<string, string> = {}): Promise<TestWorker> {
  const port = await freePort();
  const stateDir = mkdtempSync(path.join(tmpdir(), 'tm-browser-'));
  applyLocalMigrations(stateDir);
  const worker = await startLocalWorker({
    port,
    persistTo: stateDir,
    vars: {
      RUNTIME: 'local',
      ALLOW_DEV_GEO: '1',
      MASTER_KEY: newMasterKey(),
      PLATFORM_KEY: newPlatformKey(),
      PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      ...vars,
    },
  });
  const created = await seedDemo(worker.url);
  const tenants = Object.fromEntries(created.map((t) => [t.region, t])) as Record<'eu' | 'us', DemoTenant>;
  return {
    ...worker,
    tenants,
    stateDir,
    stop: async () => {
      await worker.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
