// Builds the dashboard (dashboard/ → public/admin/ with Vite) when its output is missing or older
// than any of its sources, so `npm run dev` and the browser tests always serve the current app.
// `npm run build` builds it unconditionally.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './local-worker';

const OUTPUT = path.join(ROOT, 'public', 'admin', 'index.html');
/** The app's sources: its folder, the shared modules it imports, the build configuration. */
const SOURCES = ['dashboard', 'shared', 'vite.config.ts', 'package-lock.json'];

function newestMtime(p: string): number {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function dashboardIsStale(): boolean {
  if (!existsSync(OUTPUT)) return true;
  const built = statSync(OUTPUT).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > built);
}

export function ensureDashboardBuilt(): void {
  if (!dashboardIsStale()) return;
  const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`building the dashboard failed:\n${res.stdout}\n${res.stderr}`);
}
