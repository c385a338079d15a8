// Signing in to the dashboard by SSO in Chromium: the owner sets up the workspace's OpenID
// provider (`PATCH /api/v1/sign-in-settings`; plain http to the loopback is allowed in a local
// runtime), then a browser goes from the sign-in screen's "Sign in with SSO" through the local
// provider of scripts/lib/oidc-provider.ts (its "sign in as" page; authorization code, PKCE, state,
// nonce) and lands on the overview, signed in.

import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OidcProvider, startOidcProvider } from '../../scripts/lib/oidc-provider';
import { launchChromium } from './support/chromium';
import { checkAccessibility, screenshot, startDashboardWorker } from './support/dashboard';
import type { TestWorker } from './support/local-worker';

let worker: TestWorker;
let browser: Browser;
let provider: OidcProvider;
let issuer: string;
const client = { id: 'tm-dashboard', secret: randomBytes(24).toString('base64url') };

/** The owner's session over the API: cookie and CSRF token from the sign-in answer. */
async function ownerSession() {
  const res = await fetch(`${worker.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(worker.tenants.eu.admin),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('tm_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

beforeAll(async () => {
  worker = await startDashboardWorker();
  browser = await launchChromium();
  provider = await startOidcProvider();
  issuer = await provider.addSigningRealm('dashboard', {
    client,
    users: [{ sub: 'idp-user-1', email: worker.tenants.eu.admin.email, name: 'Workspace owner' }],
  });
}, 400_000);
afterAll(async () => {
  await browser?.close();
  await provider?.close();
  await worker?.stop();
});

describe('SSO sign-in to the dashboard', () => {
  it('the owner signs in through the workspace OpenID provider and lands on the overview', async () => {
    const owner = await ownerSession();
    const patch = await fetch(`${worker.url}/api/v1/sign-in-settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      body: JSON.stringify({
        sso: { issuer, clientId: client.id, clientSecret: client.secret },
      }),
    });
    expect(patch.status).toBe(200);

    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${worker.url}/admin/`);
    await page.getByLabel('Workspace').fill(worker.tenants.eu.admin.workspace);
    const sso = page.getByRole('link', { name: 'Sign in with SSO' });
    expect(await sso.getAttribute('href')).toBe(`/auth/sso/${worker.tenants.eu.admin.workspace}`);
    await checkAccessibility(page, 'sign-in with SSO');
    await screenshot(page, 'sign-in-sso');
    await sso.click();
    await page.getByRole('button', { name: /^Workspace owner/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Compliance overview' }).waitFor();
    expect(page.url()).toBe(`${worker.url}/admin/`);
    expect(await page.getByText(`${worker.tenants.eu.admin.email} (owner)`).count()).toBe(1);
    const session = await page.evaluate(async () => {
      const res = await fetch('/api/auth/session');
      return { status: res.status, body: (await res.json()) as { user: { role: string } } };
    });
    expect(session).toMatchObject({ status: 200, body: { user: { role: 'owner' } } });
    await context.close();
  });
});
