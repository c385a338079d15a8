// The owner's dashboard screens in Chromium against `wrangler dev`: a webhook endpoint created
// (its secret shown once) whose test event reaches a local receiver and shows in the delivery log;
// an API key created (shown once), used, revoked and then refused; a user invited and given
// another role; settings saved after a validation error shown next to its field; sign-in
// settings; a notice version published and a form's embed code; a profile field and a form
// defined (a bad page URL refused beside its field) and changed; a message scheduled and
// cancelled, one targeted by profile value (its skipped recipients named in words); a form submitted
// twice at once sent once; axe and a screenshot of every screen.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../scripts/lib/webhook-receiver';
import { launchChromium } from './support/chromium';
import { apiCall, checkAccessibility, screenshot, signIn, startDashboardWorker } from './support/dashboard';
import type { TestWorker } from './support/local-worker';

let worker: TestWorker;
let browser: Browser;
let receiver: WebhookReceiver;
let page: Page;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  worker = await startDashboardWorker({ ALLOW_DEV_WEBHOOK_HOSTS: '1' });
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  await signIn(page, worker, worker.tenants.eu.admin);
}, 400_000);
afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await receiver?.close();
});

async function open(path: string, heading: string) {
  await page.goto(`${worker.url}/admin${path}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function check(name: string) {
  await checkAccessibility(page, name);
  await screenshot(page, name);
}

describe('the owner screens of the dashboard', () => {
  it('creates a webhook endpoint, shows its secret once and its test event in the delivery log', async () => {
    await open('/webhooks', 'Webhooks');
    await page.getByLabel('URL', { exact: true }).fill(`${receiver.url}/hook/screens/200`);
    await page.getByLabel('Description').fill('Our CRM');
    await page.getByRole('button', { name: 'Add the endpoint' }).click();
    const secret = page.getByLabel('Signing secret');
    await expect.poll(() => secret.inputValue()).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    await check('webhooks');
    await page.getByRole('link', { name: 'Open the endpoint and its delivery log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhook endpoint' }).waitFor();
    await page.getByRole('button', { name: 'Send a test event' }).click();
    await page.getByText('Test event queued').waitFor();
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return page.getByRole('table', { name: 'Deliveries to this endpoint, newest first' }).textContent();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toMatch(/webhook_endpoint\.test\s*delivered/);
    expect(
      (receiver.received.get('screens') ?? []).some((r) => r.body.includes('webhook_endpoint.test')),
    ).toBe(true);
    await page.getByRole('button', { name: 'Attempts', exact: true }).click();
    await page.getByRole('table', { name: /^Attempts of / }).waitFor();
    await check('webhook-endpoint');
  });

  it('creates an API key shown once, which works until it is revoked', async () => {
    await open('/api-keys', 'API keys');
    await page.getByLabel('Name', { exact: true }).fill('CRM sync');
    await page.getByLabel('subscribers', { exact: true }).check();
    await page.getByRole('button', { name: 'Create the key' }).click();
    const box = page.getByLabel('API key', { exact: true });
    await expect.poll(() => box.inputValue()).toMatch(/^tm_/);
    const key = await box.inputValue();
    const call = (path: string) =>
      fetch(`${worker.url}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect((await call('/subscribers')).status).toBe(200);
    expect((await call('/users')).status).toBe(403);
    await check('api-keys');
    await page.getByRole('button', { name: 'Revoke CRM sync' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Key "CRM sync" revoked.').waitFor();
    expect((await call('/subscribers')).status).toBe(401);
  });

  it('sends a form submitted twice at once as one request', async () => {
    await open('/lists', 'Lists and notices');
    let posts = 0;
    const count = (r: { method(): string; url(): string }) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/notices') posts++;
    };
    page.on('request', count);
    try {
      await page.getByLabel('Key', { exact: true }).fill('submitted_twice');
      await page.getByLabel('Text', { exact: true }).fill('A double click publishes one version.');
      // Two submits in one task, before the first one's busy state can disable the button.
      await page.getByRole('button', { name: 'Publish', exact: true }).evaluate((b) => {
        const form = (b as HTMLButtonElement).form!;
        form.requestSubmit();
        form.requestSubmit();
      });
      await page.getByText('Notice "submitted_twice" is at version 1.').waitFor();
      const notices = await apiCall<{ data: { key: string }[] }>(worker, 'eu', 'GET', '/notices');
      expect(notices.data.filter((n) => n.key === 'submitted_twice')).toHaveLength(1);
      expect(posts).toBe(1);
    } finally {
      page.off('request', count);
    }
  });

  it('invites a user and changes their role', async () => {
    await open('/users', 'Users');
    await page.getByLabel('Email address').fill('new.colleague@example.org');
    await page.getByLabel('Role', { exact: true }).selectOption('marketer');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page
      .getByText(/new\.colleague@example\.org/)
      .first()
      .waitFor();
    const row = page.getByRole('row', { name: /new\.colleague@example\.org/ });
    await row.getByLabel('Role of new.colleague@example.org').selectOption('analyst');
    await row.getByRole('button', { name: 'Change role' }).click();
    await page.getByText('new.colleague@example.org is now analyst').waitFor();
    const users = await apiCall<{ data: { email: string; role: string }[] }>(worker, 'eu', 'GET', '/users');
    expect(users.data.find((u) => u.email === 'new.colleague@example.org')?.role).toBe('analyst');
    await check('users');
  });

  it('shows a validation error next to its field and saves once it is put right', async () => {
    await open('/settings', 'Settings and branding');
    await page.getByLabel('Display name').fill('Fahrradladen Wien');
    const accent = page.getByLabel('Accent colour');
    await accent.fill('red');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => accent.getAttribute('aria-invalid')).toBe('true');
    const described = (await accent.getAttribute('aria-describedby')) ?? '';
    const errorId = described.split(' ').find((id) => id.endsWith('-error'))!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(/#rrggbb/);
    await check('settings-error');
    const before = await apiCall<{ displayName: string | null }>(worker, 'eu', 'GET', '/tenant/settings');
    expect(before.displayName).toBeNull();
    await accent.fill('#0b5cad');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await apiCall(worker, 'eu', 'GET', '/tenant/settings')).toMatchObject({
      displayName: 'Fahrradladen Wien',
      accentColor: '#0b5cad',
    });
    await check('settings');
  });

  it('publishes a notice version and shows a form with its embed code to copy', async () => {
    await open('/lists', 'Lists and notices');
    await page.getByLabel('Key', { exact: true }).fill('newsletter');
    await page
      .getByLabel('Text', { exact: true })
      .fill('Yes, send me the monthly letter. I can leave with one click.');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Notice "newsletter" is at version 2.').waitFor();
    await check('lists');
    await open('/forms', 'Forms');
    await page.getByRole('button', { name: 'Show the embed code' }).click();
    const { formId } = worker.tenants.eu;
    const html = await page
      .getByRole('figure', { name: 'Or a plain HTML form' })
      .locator('code')
      .textContent();
    expect(html).toContain(`<form method="post" action="${worker.url}/f/${formId}">`);
    expect(html).toContain('<input type="checkbox" name="consent" value="yes">');
    const script = await page
      .getByRole('figure', { name: /^The script/ })
      .locator('code')
      .textContent();
    expect(script).toContain(`${worker.url}/f/${formId}/embed.js`);
    await check('forms');
  });

  it('defines a profile field and a form asking for it, refuses a bad page URL beside its field, and changes the form', async () => {
    await open('/profile-fields', 'Profile fields');
    await page.getByLabel('Key', { exact: true }).fill('favourite_shop');
    await page.getByLabel('Label', { exact: true }).fill('Favourite shop');
    await page.getByRole('button', { name: 'Add the field' }).click();
    await page.getByText('Profile field "Favourite shop" added.').waitFor();
    await page.getByRole('cell', { name: 'favourite_shop' }).waitFor();
    await check('profile-fields');

    await open('/forms', 'Forms');
    const formsBefore = await apiCall<{ data: unknown[] }>(worker, 'eu', 'GET', '/forms');
    await page.getByLabel('Name', { exact: true }).fill('Shop sign-up');
    await page.getByRole('group', { name: 'Lists' }).getByRole('checkbox').first().check();
    await page.getByRole('checkbox', { name: 'Favourite shop (favourite_shop)' }).check();
    await page
      .getByLabel('Consent text')
      .fill('Ja, schreibt mir über neue Räder. Abmelden geht mit einem Klick.');
    await page.getByLabel('Language', { exact: true }).fill('de');
    const thanks = page.getByLabel('Thank-you page');
    await thanks.fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Create the form' }).click();
    await expect.poll(() => thanks.getAttribute('aria-invalid')).toBe('true');
    const errorId = ((await thanks.getAttribute('aria-describedby')) ?? '')
      .split(' ')
      .find((id) => id.endsWith('-error'))!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(/http\(s\) URL/);
    await check('forms-error');
    expect((await apiCall<{ data: unknown[] }>(worker, 'eu', 'GET', '/forms')).data).toHaveLength(
      formsBefore.data.length,
    );

    await thanks.fill('https://shop.example.com/danke');
    await page.getByRole('button', { name: 'Create the form' }).click();
    await page.getByText('Form "Shop sign-up" created.').waitFor();
    const html = await page
      .getByRole('figure', { name: 'Or a plain HTML form' })
      .locator('code')
      .textContent();
    expect(html).toContain('<input name="favourite_shop">');
    expect(html).toContain('Ja, schreibt mir über neue Räder.');
    const forms = await apiCall<{ data: { id: string; name: string }[] }>(worker, 'eu', 'GET', '/forms');
    const made = forms.data.find((f) => f.name === 'Shop sign-up')!;
    const created = await apiCall<{ notice: { version: number; language: string }; fields: string[] }>(
      worker,
      'eu',
      'GET',
      `/forms/${made.id}`,
    );
    expect(created).toMatchObject({ fields: ['favourite_shop'], notice: { language: 'de' } });
    await check('forms-created');

    await page.getByRole('button', { name: 'Change the form "Shop sign-up"' }).click();
    await page.getByRole('heading', { level: 2, name: 'Change "Shop sign-up"' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Shop sign-up (Vienna)');
    await page.getByLabel('Allowed origins').fill('https://shop.example.com');
    await page.getByRole('button', { name: 'Save the form' }).click();
    await page.getByText('Form "Shop sign-up (Vienna)" saved.').waitFor();
    expect(await apiCall(worker, 'eu', 'GET', `/forms/${made.id}`)).toMatchObject({
      name: 'Shop sign-up (Vienna)',
      allowedOrigins: ['https://shop.example.com'],
      fields: ['favourite_shop'],
      notice: { version: created.notice.version, language: 'de' },
    });
  });

  it('schedules a message to a list, shows it and cancels it', async () => {
    await open('/messages', 'Messages');
    await page.getByLabel('Subject', { exact: true }).fill('Spring news');
    await page.getByLabel('Plain-text body').fill('Hello {{firstName}}, spring is here.');
    const later = new Date(Date.now() + 30 * 86_400_000);
    const two = (n: number) => String(n).padStart(2, '0');
    await page
      .getByLabel('Send at')
      .fill(`${later.getFullYear()}-${two(later.getMonth() + 1)}-${two(later.getDate())}T09:00`);
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.getByText('Message "Spring news" is on its way.').waitFor();
    await check('messages');
    await page.getByRole('link', { name: 'Spring news' }).click();
    await page.getByRole('heading', { level: 1, name: 'Message' }).waitFor();
    await page.getByText('scheduled', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Cancel the message' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel the message' }).click();
    await page.getByText('Cancelled.').waitFor();
    await page.getByText('cancelled', { exact: true }).waitFor();
    await check('message');
  });

  it('targets a message by profile value, refusing a condition left without a value', async () => {
    await open('/messages', 'Messages');
    await page.getByLabel('Subject', { exact: true }).fill('Shop news');
    await page.getByLabel('Plain-text body').fill('Hello {{firstName}}, your shop has news.');
    const later = new Date(Date.now() + 20 * 86_400_000);
    const two = (n: number) => String(n).padStart(2, '0');
    await page
      .getByLabel('Send at')
      .fill(`${later.getFullYear()}-${two(later.getMonth() + 1)}-${two(later.getDate())}T10:00`);
    await page.getByRole('button', { name: 'Add a condition' }).click();
    await page.getByLabel('Profile field 1').selectOption('favourite_shop');
    const before = await apiCall<{ data: unknown[] }>(worker, 'eu', 'GET', '/messages');
    await page.getByRole('button', { name: 'Schedule' }).click();
    const values = page.getByLabel('Values 1');
    await expect.poll(() => values.getAttribute('aria-invalid')).toBe('true');
    await check('messages-profile-error');
    expect((await apiCall<{ data: unknown[] }>(worker, 'eu', 'GET', '/messages')).data).toHaveLength(
      before.data.length,
    );
    await values.fill('Wien Mitte, Graz');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.getByText('Message "Shop news" is on its way.').waitFor();
    const sent = await apiCall<{ data: { id: string; subject: string }[] }>(worker, 'eu', 'GET', '/messages');
    const made = sent.data.find((m) => m.subject === 'Shop news')!;
    expect(await apiCall(worker, 'eu', 'GET', `/messages/${made.id}`)).toMatchObject({
      profile: { favourite_shop: ['Wien Mitte', 'Graz'] },
    });
    await page.getByRole('link', { name: 'Shop news' }).click();
    await page.getByRole('heading', { level: 1, name: 'Message' }).waitFor();
    await page.getByText('favourite_shop: Wien Mitte | Graz').waitFor();
  });

  it('names a recipient outside the profile filter in words', async () => {
    const eu = worker.tenants.eu;
    await apiCall(worker, 'eu', 'POST', '/subscribers', {
      email: 'outside.filter@example.org',
      name: 'Olga Outside',
      listIds: [eu.listId],
      evidence: {
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        confirmedAt: new Date(Date.now() - 80_000_000).toISOString(),
        country: 'AT',
        notice: { key: 'newsletter', language: 'en', version: 1 },
      },
    });
    await open('/messages', 'Messages');
    await page.getByLabel('Subject', { exact: true }).fill('Graz only');
    await page.getByLabel('Plain-text body').fill('Hello Graz.');
    await page.getByRole('button', { name: 'Add a condition' }).click();
    await page.getByLabel('Values 1').fill('Graz');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Message "Graz only" is on its way.').waitFor();
    await page.getByRole('link', { name: 'Graz only' }).click();
    await page.getByRole('heading', { level: 1, name: 'Message' }).waitFor();
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { level: 1, name: 'Message' }).waitFor();
          return page.locator('dl.facts').textContent();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toMatch(/outside the profile filter: [1-9]/);
    expect(await page.locator('dl.facts').textContent()).not.toMatch(/profile_mismatch/);
    await check('message-profile-mismatch');
  });

  it('shows the sign-in settings with the redirect URI to register', async () => {
    await open('/sign-in-settings', 'Sign-in and SSO');
    await page.getByText(`${worker.url}/auth/sso/callback`).waitFor();
    await check('sign-in-settings');
  });
});
