import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { startTestWorker, type TestWorker } from './support/local-worker';
import { waitForMail } from './support/sent-mail';
import { startStaticSite, type StaticSite } from './support/static-site';

let worker: TestWorker;
let site: StaticSite;
let browser: Browser;
let formId: string;

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
  site = await startStaticSite();
  const origin = site.origin;
  const form = await api('/forms', {
    method: 'POST',
    json: {
      name: 'Blog footer',
      listIds: [worker.tenants.eu.listId],
      notice: { text: 'Ja, ich möchte den Newsletter erhalten. Abmeldung jederzeit.', language: 'de' },
      thankYouUrl: `${origin}/danke`,
      allowedOrigins: [origin],
    },
  });
  expect(form.status).toBe(201);
  formId = form.body.id as string;
  site.pages['/'] =
    `<!doctype html><html><head><meta charset="utf-8"><title>Blog</title></head><body><h1>Mein Blog</h1>
<div id="signup"></div><script src="${worker.url}/f/${formId}/embed.js" data-target="#signup"></script></body></html>`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await worker?.stop();
});

describe('consent capture in a browser', () => {
  it('a page on another origin embeds the form; tick, submit, confirm with the button the mail leads to; the log shows both events', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/`);
    const form = page.locator(`form[data-tm-form="${formId}"]`);
    await expect(
      form.locator('label', { hasText: 'Ja, ich möchte den Newsletter erhalten' }).count(),
    ).resolves.toBe(1);
    await expect(form.locator('button').textContent()).resolves.toBe('Abonnieren');

    await form.locator('input[type=email]').fill('leser@example.org');
    await form.locator('button').click();
    await expect(form.locator('.tm-status').textContent()).resolves.toContain('Häkchen');

    const started = Date.now();
    await form.locator('input[name=consent]').check();
    await page.waitForTimeout(2_200);
    await form.locator('button').click();
    await page.waitForSelector(`form[data-tm-form="${formId}"][data-tm-state="pending"]`, {
      timeout: 10_000,
    });
    await expect(form.locator('.tm-status').textContent()).resolves.toContain('Fast geschafft');

    const mail = await waitForMail('leser@example.org', started);
    expect(mail.subject).toContain('Bitte bestätigen');
    const link = new RegExp(`${worker.url.replace(/\./g, '\\.')}/c/[A-Za-z0-9._-]+`).exec(
      mail.text ?? '',
    )?.[0];
    expect(link).toBeDefined();

    // Opening the link confirms nothing (mail scanners open links too); the button does.
    const reader = await browser.newContext({ locale: 'de-DE' });
    const confirmPage = await reader.newPage();
    const answer = await confirmPage.goto(link!);
    expect(answer?.status()).toBe(200);
    await expect(confirmPage.locator('h1').textContent()).resolves.toBe('Bestätigen Sie Ihr Abonnement');
    expect(((await api('/consent-events')).body.data as unknown[]).length).toBe(1);
    await Promise.all([
      confirmPage.waitForURL(link!),
      confirmPage.getByRole('button', { name: 'Ja, Abonnement bestätigen' }).click(),
    ]);
    await expect(confirmPage.locator('h1').textContent()).resolves.toBe('Abonnement bestätigt');
    await reader.close();

    const events = await api('/consent-events');
    const data = events.body.data as {
      kind: string;
      subscriber: { id: string; email: string | null };
      source: { type: string; id: string; url: string };
    }[];
    expect(data.map((e) => e.kind)).toEqual(['confirmation', 'opt_in']);
    expect(data[1]!.source).toMatchObject({ type: 'form', id: formId, url: `${site.origin}/` });
    const subscriberId = data[0]!.subscriber.id;
    expect((await api(`/subscribers/${subscriberId}/consent`)).body).toMatchObject({
      data: [{ status: 'confirmed', consent: 'given' }],
    });
    expect((await api(`/subscribers/${subscriberId}/consent-chain`)).body).toMatchObject({
      ok: true,
      events: 2,
    });
  });
});
