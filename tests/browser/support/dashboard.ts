// The dashboard's browser-test support: `wrangler dev` with the demo seed and the app built
// (./local-worker.ts), signing in through the sign-in screen, an axe-core run that fails on
// serious or critical violations, screenshots into the git-ignored test-artifacts/ folder, and
// SQL against the running Worker's local D1 (to age a password, as time would).

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from '../../../scripts/lib/local-worker';
import type { TestWorker } from './local-worker';

export { startTestWorker as startDashboardWorker } from './local-worker';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A phone's viewport, narrow enough for the collapsed navigation. */
export const PHONE = { width: 390, height: 844 };

/** Fills the sign-in screen and waits for the overview's figures. */
export async function signIn(page: Page, worker: TestWorker, admin: TestWorker['tenants']['eu']['admin']) {
  await page.goto(`${worker.url}/admin/`);
  await page.getByLabel('Workspace').fill(admin.workspace);
  await page.getByLabel('Email address').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Compliance overview' }).waitFor();
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown }[] };

/**
 * Runs axe-core on the page as it stands (evaluated through the DevTools protocol, which the
 * page's CSP does not govern) and fails on any serious or critical violation.
 */
export async function checkAccessibility(page: Page, screen: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    return (await axe.run()).violations;
  });
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect(serious, `axe on ${screen}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
}

/** Runs one SQL statement against a database of the running local Worker's state. */
export function localSql(worker: TestWorker, db: 'DB_EU' | 'DB_US', sql: string): void {
  const res = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'wrangler'),
    ['d1', 'execute', db, '--local', '--persist-to', worker.stateDir, '--command', sql],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  if (res.status !== 0) throw new Error(`SQL on ${db} failed:\n${res.stdout}\n${res.stderr}`);
}

/** A JSON call to the Worker's API with a demo tenant's key. */
export async function apiCall<T>(
  worker: TestWorker,
  region: 'eu' | 'us',
  method: string,
  route: string,
  body?: unknown,
) {
  const res = await fetch(`${worker.url}/api/v1${route}`, {
    method,
    headers: {
      authorization: `Bearer ${worker.tenants[region].apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
