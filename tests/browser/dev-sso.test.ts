// The local OpenID provider of `npm run dev:sso` (scripts/lib/dev-sso.ts) against `wrangler dev`:
// a person opens the workspace's SSO link, chooses the demo owner on the provider's page and
// comes back signed in; someone the workspace does not know comes back to a refusal, unsigned.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevSso } from '../../scripts/lib/dev-sso';
import { launchChromium } from './support/chromium';
import { startTestWorker, type TestWorker } from './support/local-worker';

let worker: TestWorker;
let browser: Browser;
let sso: Awaited<ReturnType<typeof startDevSso>>;

beforeAll(async () => {
  worker = await startTestWorker();
  sso = await startDevSso(worker.url, [worker.tenants.eu, worker.tenants.us]);
  browser = await launchChromium();
}, 400_000);
afterAll(async () => {
  await browser?.close();
  await sso?.close();
  await worker?.stop();
});

describe('npm run dev:sso', () => {
  it('signs the demo owner in through the local provider, and a stranger not', async () => {
    const { workspace } = worker.tenants.eu.admin;
    const settings = await fetch(`${worker.url}/api/v1/sign-in-settings`, {
      headers: { authorization: `Bearer ${worker.tenants.eu.apiKey}` },
    });
    expect(await settings.json()).toMatchObject({ sso: { issuer: sso.issuer, clientSecretSet: true } });

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${worker.url}/auth/sso/${workspace}`);
    expect(page.url().startsWith(`${sso.issuer}/authorize?`)).toBe(true);
    // The callback sends the browser on to the dashboard, /admin/.
    const landed = page.waitForRequest(`${worker.url}/admin/`);
    await page.getByRole('button', { name: new RegExp(`Owner of ${workspace.replace('.', '\\.')}`) }).click();
    await landed;
    const session = await context.request.get(`${worker.url}/api/auth/session`);
    expect(session.status()).toBe(200);
    expect(await session.json()).toMatchObject({ user: { role: 'owner' }, tenant: { workspace } });
    await context.close();

    const stranger = await browser.newContext();
    const other = await stranger.newPage();
    await other.goto(`${worker.url}/auth/sso/${workspace}`);
    await other.getByRole('button', { name: /Someone no workspace knows/ }).click();
    await other.waitForURL((url) => url.pathname === '/auth/sso/callback');
    expect(await other.locator('h1').textContent()).toMatch(/\S/);
    expect((await stranger.cookies()).some((c) => c.name === 'tm_session')).toBe(false);
    await stranger.close();
  });
});
