// A subscriber's preference centre in Chromium against `wrangler dev` (links minted by the
// local-only `/__dev/self-service/links`): they subscribe to a list, correct a profile value,
// download their data, ask to be forgotten and see the due date; the same page driven by keyboard
// only in German; axe-core finds no serious or critical violation. Screenshots in English and
// German go to the git-ignored `test-artifacts/` folder.

import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { startTestWorker, type TestWorker } from './support/local-worker';

const ARTIFACTS = path.resolve('test-artifacts');

let worker: TestWorker;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  worker = await startTestWorker();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

type Links = { email: string; preferencesUrl: string; unsubscribeUrl: string };

/** A fresh demo subscriber (on the newsletter, with a city) and the links a mail to them carries. */
async function demoSubscriber(language = 'en'): Promise<Links> {
  const res = await fetch(`${worker.url}/__dev/self-service/links?region=eu&language=${language}`, {
    method: 'POST',
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Links;
}

/** Serious and critical axe-core findings on the page (axe injected past the page's CSP). */
async function seriousViolations(page: Page) {
  await page.evaluate(axe.source);
  type Finding = { id: string; impact: string; nodes: { target: string[] }[] };
  const result = await page.evaluate(async () => {
    const runner = (
      globalThis as unknown as { axe: { run: () => Promise<{ violations: unknown[]; passes: unknown[] }> } }
    ).axe;
    const { violations, passes } = await runner.run();
    return { violations: violations as Finding[], passes: passes.length };
  });
  // axe really looked at the page: the checks it passed are many.
  expect(result.passes).toBeGreaterThan(10);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the preference centre in a browser', () => {
  it('a person subscribes, corrects their city, downloads their data and asks to be forgotten', async () => {
    const links = await demoSubscriber();
    const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    const shown = await page.goto(links.preferencesUrl);
    expect(shown?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Your preferences');
    await expect.poll(() => page.locator('main').textContent()).toContain(links.email);
    await page.screenshot({ path: path.join(ARTIFACTS, 'preferences-en.png'), fullPage: true });

    await page.getByRole('button', { name: 'Subscribe to Product news' }).click();
    await page.waitForURL(/done=subscribed/);
    expect(await page.getByRole('status').textContent()).toBe('You are subscribed.');
    expect(await page.getByRole('button', { name: 'Unsubscribe from Product news' }).count()).toBe(1);

    await page.getByLabel('City').fill('Rotterdam');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.waitForURL(/done=profile/);
    expect(await page.getByRole('status').textContent()).toBe('Your details are corrected.');
    expect(await page.getByLabel('City').inputValue()).toBe('Rotterdam');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download a copy (JSON)' }).click(),
    ]);
    const file = readFileSync((await download.path())!, 'utf8');
    expect(file).toContain(links.email);
    expect(file).toContain('Rotterdam');

    await page.getByRole('button', { name: 'Erase my data' }).click();
    await page.waitForURL(/done=erasure_filed/);
    expect(await page.getByRole('status').textContent()).toBe(
      'Your request to erase your data has been received.',
    );
    const due = await page.locator('.due').textContent();
    expect(due).toMatch(/It must answer by [A-Z][a-z]+ \d{1,2}, \d{4}\./);
    expect(await page.getByRole('button', { name: 'Cancel my erasure request' }).count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'preferences-en-erasure.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('the same page in German, by keyboard only: every control in document order, a visible focus, Enter subscribes', async () => {
    const links = await demoSubscriber('de');
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(links.preferencesUrl);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.locator('h1').textContent()).toBe('Ihre Einstellungen');
    await page.screenshot({ path: path.join(ARTIFACTS, 'preferences-de.png'), fullPage: true });

    const controls = await page
      .locator('main a[href], main input:not([type=hidden]), main button')
      .evaluateAll((els) => els.map((el) => el.outerHTML));
    const reached: string[] = [];
    for (let i = 0; i < controls.length + 10 && reached.length < controls.length; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el?.closest('main')) return null;
        return { html: el.outerHTML, outline: getComputedStyle(el).outlineStyle };
      });
      if (!focused) continue;
      expect(focused.outline).not.toBe('none');
      reached.push(focused.html);
    }
    expect(reached).toEqual(controls);

    await page.goto(links.preferencesUrl);
    const subscribe = page.getByRole('button', { name: 'Product news abonnieren' });
    for (
      let i = 0;
      i < controls.length + 10 && !(await subscribe.evaluate((el) => el === document.activeElement));
      i++
    )
      await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/done=subscribed/), page.keyboard.press('Enter')]);
    expect(await page.getByRole('status').textContent()).toBe('Sie sind angemeldet.');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('the unsubscribe page: one button, then done; axe-clean', async () => {
    const links = await demoSubscriber();
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(links.unsubscribeUrl);
    expect(await page.locator('main button').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('You are unsubscribed');
    await page.getByRole('link', { name: 'Manage all your preferences' }).click();
    expect(await page.locator('h1').textContent()).toBe('Your preferences');
    await context.close();
  });
});
