import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, startTestWorker, type TestWorker } from './support/local-worker';

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

describe('the local Worker in a browser', () => {
  it('answers the health check and shows a readable page for an unknown path', async () => {
    const page = await browser.newPage();
    const health = await page.goto(`${worker.url}/health`);
    expect(await health?.json()).toEqual({ ok: true });
    const missing = await page.goto(`${worker.url}/no-such-page`);
    expect(missing?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('This did not work');
    expect(worker.tenants.eu.tenantId).toMatch(/^ten_eu_/);
    expect(worker.tenants.us.apiKey).toMatch(/^tm_u_/);
  });
});
