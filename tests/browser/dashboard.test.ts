// The dashboard in Chromium against `wrangler dev`: the app and its CSP under /admin, the demo
// owner's password sign-in, the overview with seeded figures and its trend chart, a subscriber's
// consent timeline found by address, an erasure confirmed from the queue, a forced password
// change (at sign-in, and when it expires during the session), the audit log, sign-out; axe and a screenshot (desktop and phone) of every screen, and
// how long the overview takes to load.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/local-worker';
import { launchChromium } from './support/chromium';
import {
  apiCall,
  checkAccessibility,
  localSql,
  PHONE,
  screenshot,
  signIn,
  startDashboardWorker,
} from './support/dashboard';
import type { TestWorker } from './support/local-worker';

const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

let worker: TestWorker;
let browser: Browser;
const cspViolations: string[] = [];
const seeded = { erasureId: '', accessId: '', atSubscriber: '' };

type Created = { subscriber: { id: string } };

/** Known data in the EU demo tenant: 2 EU and 1 US subscriber with consent, 1 imported without. */
async function seed() {
  const list = await apiCall<{ id: string }>(worker, 'eu', 'POST', '/lists', {
    name: 'Monthly news',
    purpose: 'The monthly newsletter',
    doubleOptIn: false,
  });
  const notice = { key: 'newsletter', language: 'en', version: 1 };
  const add = (email: string, country: string) =>
    apiCall<Created>(worker, 'eu', 'POST', '/subscribers', {
      email,
      listIds: [list.id],
      evidence: { occurredAt: '2026-11-01T10:00:00Z', country, notice },
    });
  const at = await add('leonie@example.org', 'AT');
  await add('jonas@example.org', 'DE');
  const us = await add('casey@example.org', 'US');
  await apiCall(worker, 'eu', 'POST', '/subscribers/import', {
    listIds: [list.id],
    rows: [{ email: 'legacy@example.org', consentUnknown: true }],
  });
  seeded.atSubscriber = at.subscriber.id;
  seeded.erasureId = (
    await apiCall<{ id: string }>(worker, 'eu', 'POST', '/privacy-requests', {
      kind: 'erasure',
      subscriberId: at.subscriber.id,
    })
  ).id;
  seeded.accessId = (
    await apiCall<{ id: string }>(worker, 'eu', 'POST', '/privacy-requests', {
      kind: 'access',
      subscriberId: us.subscriber.id,
      verified: false,
    })
  ).id;
  // Three earlier days of snapshots (the hourly sweep writes one a day), for the trend chart.
  const report = await apiCall<{ inventory: { overall: unknown; lists: unknown } }>(
    worker,
    'eu',
    'GET',
    '/reports/compliance',
  );
  const data = JSON.stringify({
    overall: report.inventory.overall,
    lists: report.inventory.lists,
  }).replaceAll("'", "''");
  const tenant = worker.tenants.eu.tenantId;
  const rows = [3, 2, 1].map((back) => {
    const day = new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
    return `('${tenant}', '${day}', '${data}', ${Date.now()})`;
  });
  localSql(
    worker,
    'DB_EU',
    `insert into report_snapshots (tenant_id, day, data, created_at) values ${rows.join(', ')}`,
  );
}

/**
 * A plain GET that retries once when the server closed the kept-alive connection just as the
 * request went out (wrangler's proxy drops idle sockets while the seed's SQL runs).
 */
async function fetchOnce(url: string): Promise<Response> {
  try {
    return await fetch(url, { redirect: 'manual' });
  } catch {
    return fetch(url, { redirect: 'manual' });
  }
}

async function newPage(
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
  });
  return { context, page };
}

// Migrations, the build when stale, wrangler dev and the seed take their time on a loaded machine.
beforeAll(async () => {
  worker = await startDashboardWorker();
  browser = await launchChromium();
  await seed();
}, 400_000);
afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  expect(cspViolations).toEqual([]);
});

describe('the dashboard under /admin', () => {
  it('answers /admin, /admin/ and deep links with the app and its own strict CSP; its files are static assets', async () => {
    for (const p of ['/admin', '/admin/', '/admin/requests/prq_unknown', '/admin/index.html']) {
      const res = await fetchOnce(worker.url + p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const html = await res.text();
      expect(html).toContain('<div id="app"></div>');
      // No inline code: every script has a src, no style element or attribute.
      expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g)).toBeNull();
      expect(html).not.toMatch(/<style|\sstyle=/);
    }
    const html = await (await fetchOnce(`${worker.url}/admin/`)).text();
    const script = html.match(/src="(\/admin\/assets\/[^"]+\.js)"/)![1]!;
    const asset = await fetch(worker.url + script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    // A missing file under /admin/assets is the assets server's 404, not the app.
    expect((await fetch(`${worker.url}/admin/assets/missing.js`)).status).toBe(404);
    // Every other page keeps the pages' policy (no script at all).
    const page = await fetch(`${worker.url}/no-such-page`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
  });

  it('the demo owner signs in by password and sees the overview with the seeded figures and the trend chart', async () => {
    const { context, page } = await newPage();
    await signIn(page, worker, worker.tenants.eu.admin);
    const figure = (sel: string) => page.locator(`${sel} .figure-value`).textContent();
    // EU: one valid, one erasure pending (not active) → 100 %; all: 2 of 3 active mailable.
    expect(await figure('[data-region="eu"]')).toBe('100%');
    expect(await figure('[data-region="non_eu"]')).toBe('100%');
    expect(await figure('[data-region="unknown"]')).toBe('0%');
    expect(await figure('[data-region="all"]')).toBe('66.7%');
    expect(await figure('[data-figure="open"]')).toBe('2');
    expect(await figure('[data-figure="overdue"]')).toBe('0');
    const row = (state: string) => page.getByRole('row', { name: new RegExp(`^${state}`) }).getByRole('cell');
    expect(await row('Valid consent').allInnerTexts()).toEqual(['Valid consent', '1', '1', '0', '2']);
    expect(await row('Erasure pending').allInnerTexts()).toEqual(['Erasure pending', '1', '0', '0', '1']);
    expect(await row('Consent unknown').allInnerTexts()).toEqual(['Consent unknown', '0', '0', '1', '1']);
    // uPlot drew the three snapshot days into a canvas.
    await page.locator('.chart canvas').waitFor();
    expect(await page.locator('.chart .u-legend').textContent()).toContain('All regions');
    await checkAccessibility(page, 'overview');
    await screenshot(page, 'overview');
    await context.close();
  });

  it('finds a subscriber by address and shows their consent timeline under the pseudonym, with a sound chain', async () => {
    const { context, page } = await newPage();
    await signIn(page, worker, worker.tenants.eu.admin);
    await page.getByRole('link', { name: 'Consent log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Consent log' }).waitFor();
    await page.getByRole('table').waitFor();
    await checkAccessibility(page, 'consent log');
    await screenshot(page, 'consent');
    await page.getByLabel('Email address').fill('Leonie@Example.org');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('heading', { level: 1, name: 'Consent timeline' }).waitFor();
    expect(page.url()).toBe(`${worker.url}/admin/subscribers/${seeded.atSubscriber}`);
    const who = page.locator(`[data-subscriber="${seeded.atSubscriber}"]`);
    expect(await who.textContent()).toMatch(/^anon-/);
    expect(await page.locator('main').textContent()).not.toContain('leonie@example.org');
    await expect.poll(() => page.getByRole('table').textContent()).toContain('Opt-in');
    await page.getByRole('button', { name: 'Check the chain' }).click();
    await page.getByText('The chain holds: 1 event, every hash and link verified.').waitFor();
    await checkAccessibility(page, 'subscriber timeline');
    await screenshot(page, 'subscriber');

    await page.getByLabel('Email address').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Back to the consent log' }).click();
    await page.getByLabel('Email address').fill('nobody@example.org');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('alert').getByText('No subscriber has this address.').waitFor();
    await context.close();
  });

  it('confirms an erasure from the queue; it leaves the queue and the unverified access request stays', async () => {
    const { context, page } = await newPage();
    await signIn(page, worker, worker.tenants.eu.admin);
    await page.getByRole('link', { name: 'Privacy requests' }).first().click();
    await page.getByRole('table').waitFor();
    const rows = page.getByRole('row');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(1).textContent()).toMatch(/Erasure\s*Open/);
    expect(await rows.nth(1).textContent()).toMatch(/\d+ days left/);
    await checkAccessibility(page, 'request queue');
    await screenshot(page, 'requests');

    await page.getByRole('link', { name: 'Erasure' }).click();
    await page.getByRole('heading', { level: 1, name: 'Privacy request' }).waitFor();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    // An open erasure may be confirmed, extended, paused, rejected; not resumed or marked complete.
    const actions = page.getByRole('region', { name: 'Actions' }).getByRole('button');
    await expect.poll(() => actions.allInnerTexts()).toEqual(['Confirm', 'Extend', 'Pause', 'Reject']);
    await checkAccessibility(page, 'request');
    await screenshot(page, 'request');
    await page.getByRole('button', { name: 'Confirm' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm: are you sure?' });
    await dialog.waitFor();
    await checkAccessibility(page, 'confirm dialog');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Done: Confirm.').waitFor();
    await expect
      .poll(() => page.locator('[data-status]').getAttribute('data-status'))
      .toMatch(/executing|completed/);

    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('row').count()).toBe(2);
    expect(await page.getByRole('table').textContent()).toMatch(/Access\s*Awaiting verification/);
    expect(await page.getByRole('link', { name: 'Erasure' }).count()).toBe(0);
    await context.close();
  });

  it('the audit log lists, verifies its chain and exports CSV', async () => {
    const { context, page } = await newPage();
    await signIn(page, worker, worker.tenants.eu.admin);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('table').textContent()).toContain('session.signed_in');
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText(/^The audit chain holds: \d+ entries verified/).waitFor();
    await page.getByLabel('Action').fill('privacy_request.confirmed');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await checkAccessibility(page, 'audit log');
    await screenshot(page, 'audit');
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toBe('/api/v1/audit-log/export?action=privacy_request.confirmed');
    const csv = await page.evaluate(async (u) => {
      const res = await fetch(u);
      return { type: res.headers.get('content-type'), text: await res.text() };
    }, href!);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toMatch(/seq/);
    await context.close();
  });

  it('on a phone the navigation collapses behind the menu button; every screen passes axe there', async () => {
    const { context, page } = await newPage(PHONE);
    await page.goto(`${worker.url}/admin/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await checkAccessibility(page, 'sign-in (phone)');
    await screenshot(page, 'sign-in-phone');
    await signIn(page, worker, worker.tenants.eu.admin);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Audit log' }).isVisible()).toBe(false);
    await checkAccessibility(page, 'overview (phone)');
    await screenshot(page, 'overview-phone');
    for (const [link, name] of [
      ['Privacy requests', 'requests'],
      ['Consent log', 'consent'],
      ['Audit log', 'audit'],
    ] as const) {
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: link }).waitFor();
      await page.locator('table, .empty').first().waitFor();
      await checkAccessibility(page, `${name} (phone)`);
      await screenshot(page, `${name}-phone`);
      // Following a link closed the menu again.
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
    }
    await context.close();
  });

  it('signs out back to the sign-in screen; the session is gone', async () => {
    const { context, page } = await newPage();
    await page.goto(`${worker.url}/admin/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await checkAccessibility(page, 'sign-in');
    await screenshot(page, 'sign-in');
    await signIn(page, worker, worker.tenants.eu.admin);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/auth/session')).status);
    expect(status).toBe(401);
    await context.close();
  });

  it('an expired password must be changed before anything else; the new one signs in', async () => {
    const admin = worker.tenants.us.admin;
    localSql(
      worker,
      'DB_US',
      `update admin_users set password_changed_at = ${Date.now() - 100 * 86_400_000} where tenant_id = '${worker.tenants.us.tenantId}'`,
    );
    const { context, page } = await newPage();
    await page.goto(`${worker.url}/admin/`);
    await page.getByLabel('Workspace').fill(admin.workspace);
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await checkAccessibility(page, 'expired password');
    await screenshot(page, 'expired-password');
    // Nothing else opens meanwhile: no session was made.
    expect(await page.evaluate(async () => (await fetch('/api/auth/session')).status)).toBe(401);
    // A common password is refused by the server, whose message the person reads.
    await page.getByLabel('New password', { exact: true }).fill('password1234');
    await page.getByLabel('New password again').fill('password1234');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/common/i);
    const fresh = 'Lantern-orchard-47-quietly';
    await page.getByLabel('New password', { exact: true }).fill(fresh);
    await page.getByLabel('New password again').fill(fresh);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your new password is set. Sign in with it.').waitFor();
    await signIn(page, worker, { ...admin, password: fresh });
    await context.close();
  });

  it('a password that expires during the session leads to the password change, not to 403s', async () => {
    const admin = { ...worker.tenants.us.admin, password: 'Lantern-orchard-47-quietly' };
    const { context, page } = await newPage();
    await signIn(page, worker, admin);
    localSql(
      worker,
      'DB_US',
      `update admin_users set password_changed_at = ${Date.now() - 100 * 86_400_000} where tenant_id = '${worker.tenants.us.tenantId}'`,
    );
    await page.getByRole('link', { name: 'Lists and notices' }).click();
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/auth/session')).json())).toMatchObject({
      passwordExpired: true,
    });
    await checkAccessibility(page, 'password change');
    await screenshot(page, 'password-change');
    const newer = 'Copper-kettle-93-softly-now';
    await page.getByLabel('Current password').fill(admin.password);
    await page.getByLabel('New password', { exact: true }).fill(newer);
    await page.getByLabel('New password again').fill(newer);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your new password is set. Sign in again with it.').waitFor();
    await signIn(page, worker, { ...admin, password: newer });
    await context.close();
  });

  // The issue asks for under a second; this loaded 2-core machine measures more (README and the
  // report give the figures). The bound here catches a regression of several times that.
  it('loads the overview with its data on wrangler dev: median of 7 loads, with where the time goes', async () => {
    const { context, page } = await newPage();
    await signIn(page, worker, worker.tenants.eu.admin);
    const loads: { total: number; html: number; script: number; session: number; report: number }[] = [];
    for (let i = 0; i < 7; i++) {
      await page.goto(`${worker.url}/admin/`);
      await page.locator('[data-figure="open"] .figure-value').waitFor();
      loads.push(
        await page.evaluate(() => {
          const end = (part: string) =>
            Math.round(
              (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) =>
                e.name.includes(part),
              )?.responseEnd ?? -1,
            );
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return {
            total: Math.round(performance.now()),
            html: Math.round(nav.responseEnd),
            script: end('/admin/assets/'),
            session: end('/api/auth/session'),
            report: end('/api/v1/reports/compliance'),
          };
        }),
      );
    }
    await context.close();
    const median = [...loads].sort((a, b) => a.total - b.total)[3]!;
    writeFileSync(
      path.join(ROOT, 'test-artifacts', 'dashboard-load.json'),
      `${JSON.stringify({ median, loads }, null, 1)}\n`,
    );
    console.log(
      `dashboard overview load, median of 7 (ms since navigation start): ${JSON.stringify(median)}`,
    );
    expect(median.total).toBeLessThan(5000);
  });
});
