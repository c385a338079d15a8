// Browser tests' access to a running Worker: a fresh `wrangler dev` per test file (own port, own
// state folder), with the demo tenants seeded and the dashboard built when stale. The browser
// comes from ./chromium.ts.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDashboardBuilt } from '../../../scripts/lib/dashboard-build';
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
  ensureDashboardBuilt();
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
