// A person in Germany clicks a tracked link in Chromium against `wrangler dev` (geolocation via
// the local `x-dev-geo` override): they see the consent page in German, answer YES and land on
// the destination; their next click goes straight through.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { startTestWorker, type TestWorker } from './support/local-worker';

let worker: TestWorker;
let browser: Browser;
let destination: Server;
let destinationUrl: string;

beforeAll(async () => {
  destination = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Spring sale</title><h1>Spring sale</h1><p>${req.url}</p>`);
  });
  await new Promise<void>((resolve) => destination.listen(0, '127.0.0.1', resolve));
  destinationUrl = `http://127.0.0.1:${(destination.address() as AddressInfo).port}/spring?utm_source=mail`;
  worker = await startTestWorker();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await new Promise((resolve) => destination?.close(resolve));
});

async function mintLink(): Promise<string> {
  const created = await fetch(`${worker.url}/__dev/intercept/subscriber?region=eu`, { method: 'POST' });
  expect(created.status).toBe(201);
  const { subscriberId } = (await created.json()) as { subscriberId: string };
  const eu = worker.tenants.eu;
  const res = await fetch(`${worker.url}/api/v1/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${eu.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      subscriberId,
      listId: eu.listId,
      messageId: 'msg_browser_test',
      destination: destinationUrl,
    }),
  });
  expect(res.status).toBe(201);
  const { links } = (await res.json()) as { links: { url: string }[] };
  return links[0]!.url;
}

describe('link intercept in a browser', () => {
  it('asks a clicker in Germany for consent in German, takes YES, lands on the destination, and asks no more', async () => {
    const link = await mintLink();
    const context = await browser.newContext({
      locale: 'de-DE',
      extraHTTPHeaders: { 'x-dev-geo': 'DE', 'accept-language': 'de-DE,de;q=0.9' },
    });
    const page = await context.newPage();

    const shown = await page.goto(link);
    expect(shown?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Dürfen wir Ihnen weiter schreiben?');
    expect(await page.locator('.notice').textContent()).toContain('Demo Shop Europe');

    await Promise.all([
      page.waitForURL(destinationUrl),
      page.getByRole('button', { name: 'Ja, ich möchte weiter E-Mails erhalten' }).click(),
    ]);
    expect(page.url()).toBe(destinationUrl);
    expect(await page.locator('h1').textContent()).toBe('Spring sale');

    // Consent is on record now: the same link goes straight to the destination.
    const again = await page.goto(link);
    expect(page.url()).toBe(destinationUrl);
    expect(again?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Spring sale');
    await context.close();
  });

  it('sends a clicker in the US straight on', async () => {
    const link = await mintLink();
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-dev-geo': 'US' } });
    const page = await context.newPage();
    await page.goto(link);
    expect(page.url()).toBe(destinationUrl);
    await context.close();
  });
});
