// The harness every browser test stands on: `wrangler dev` with the demo tenants seeded, driven
// by Chromium. Both the Chromium the suite picks (support/chromium.ts) and the one bundled in
// @sparticuz/chromium, the fallback of a machine without one, open the Worker's pages.

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledChromium, chooseChromium, launchChromium } from './support/chromium';
import { startTestWorker, type TestWorker } from './support/local-worker';

let worker: TestWorker;
let browser: Browser;

beforeAll(async () => {
  worker = await startTestWorker();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

async function openPages(b: Browser) {
  const page = await b.newPage();
  const health = await (await page.goto(`${worker.url}/health`))?.json();
  const missing = (await page.goto(`${worker.url}/no-such-page`))?.status();
  const heading = await page.locator('h1').textContent();
  await page.close();
  return { health, missing, heading };
}

describe('the browser harness', () => {
  it('the Chromium the suite picks opens the health check and a readable 404 page', async () => {
    expect(await openPages(browser)).toEqual({
      health: { ok: true },
      missing: 404,
      heading: expect.stringMatching(/\S/),
    });
  });

  it('seeds demo tenants whose API keys the Worker accepts, one per region', async () => {
    for (const region of ['eu', 'us'] as const) {
      const demo = worker.tenants[region];
      const res = await fetch(`${worker.url}/api/v1/tenant`, {
        headers: { authorization: `Bearer ${demo.apiKey}` },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: demo.tenantId, region, slug: demo.slug });
    }
  });

  it("signs the demo owner in with the password of the credentials, over the local dev server's plain http", async () => {
    for (const region of ['eu', 'us'] as const) {
      const { admin } = worker.tenants[region];
      const res = await fetch(`${worker.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(admin),
      });
      expect(res.status).toBe(200);
      // Local http keeps no Secure cookie: the one documented exception drops Secure and `__Host-`.
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tm_session='))!;
      expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
      expect(cookie).not.toMatch(/Secure/);
      const session = await fetch(`${worker.url}/api/auth/session`, {
        headers: { cookie: cookie.split(';')[0]! },
      });
      expect(((await session.json()) as { user: { role: string } }).user.role).toBe('owner');
    }
  });

  it('falls back to the Chromium inside @sparticuz/chromium, which runs on its own libraries', async () => {
    const choice = await bundledChromium();
    expect(existsSync(path.join(choice.env.LD_LIBRARY_PATH!, 'libnss3.so'))).toBe(true);
    const bundled = await launchChromium(choice);
    try {
      expect(bundled.version()).toMatch(/^\d+\./);
      expect(await openPages(bundled)).toEqual({
        health: { ok: true },
        missing: 404,
        heading: expect.stringMatching(/\S/),
      });
    } finally {
      await bundled.close();
    }
    const previous = { ...process.env };
    try {
      delete process.env.CHROMIUM_PATH;
      process.env.IGNORE_SYSTEM_CHROMIUM = '1';
      expect((await chooseChromium()).source).toBe('bundled');
    } finally {
      process.env = previous;
    }
  });
});
