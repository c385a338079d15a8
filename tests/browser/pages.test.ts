// The pages as a person's browser shows them, against `wrangler dev`: the stylesheet comes from the
// static assets and the tenant's accent from the nonce'd style block, both allowed by the page's
// CSP (no violation reported), text on the accent stays readable, and a person using only the
// keyboard reaches the button (with a visible focus ring) and confirms their request with Enter.

import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { startTestWorker, type TestWorker } from './support/local-worker';
import { waitForMail } from './support/sent-mail';

let worker: TestWorker;
let browser: Browser;

async function api(path: string, init: { method?: string; json?: unknown } = {}) {
  const res = await fetch(`${worker.url}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${worker.tenants.eu.apiKey}`, 'content-type': 'application/json' },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  worker = await startTestWorker();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe('pages in a browser', () => {
  it('a German requester confirms by keyboard on a branded page that loads nothing its CSP refuses', async () => {
    const settings = await api('/tenant/settings', {
      method: 'PATCH',
      json: {
        displayName: 'Fahrradladen',
        accentColor: '#ffcc00',
        privacyPolicyUrl: 'https://rad.example/datenschutz',
      },
    });
    expect(settings.status).toBe(200);
    const started = Date.now();
    const filed = await api('/privacy-requests', {
      method: 'POST',
      json: { kind: 'erasure', email: 'kim@example.org', language: 'de', verified: false },
    });
    expect(filed.status).toBe(201);
    const mail = await waitForMail('kim@example.org', started);
    const link = new RegExp(`${worker.url.replace(/\./g, '\\.')}/v/[A-Za-z0-9._-]+`).exec(
      mail.text ?? '',
    )?.[0];
    expect(link).toBeDefined();

    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    const complaints: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) complaints.push(m.text());
    });
    const shown = await page.goto(link!);
    expect(shown?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.locator('h1').textContent()).toBe('Bestätigen Sie Ihre Anfrage');
    expect(await page.locator('.brand').textContent()).toBe('Fahrradladen');

    const button = page.getByRole('button', { name: 'Ja, diese Anfrage ist von mir' });
    const look = await button.evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, color: s.color, radius: s.borderRadius };
    });
    // The accent (nonce'd block) and the stylesheet (static asset) both applied.
    expect(look).toEqual({ background: 'rgb(255, 204, 0)', color: 'rgb(0, 0, 0)', radius: '8px' });

    for (let i = 0; i < 10 && !(await button.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await button.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');

    await Promise.all([page.waitForURL(link!), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Danke');
    expect((await api(`/privacy-requests/${filed.body.id as string}`)).body).toMatchObject({
      status: 'open',
    });
    expect(complaints).toEqual([]);
    await context.close();
  });
});
