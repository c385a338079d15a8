// Tenant branding on every page a subscriber sees (intercept, /c/, /v/, /x/, form errors): the
// display name, the logo (allowed by the page's CSP, and nothing else is), the accent colour in a
// style block carrying the response's nonce, and a footer naming the controller, the data
// protection officer, the EU representative and the privacy policy. Unknown tenants: no branding.

import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { masterKeyring } from '../../shared/crypto/keyring';
import { newTenantId } from '../../shared/regions';
import { sealToken } from '../../shared/tokens';
import { postForm } from '../support/consent';
import { BROWSER_UA, captureQueue, EU_CF, mintLink, seedList, seedSubscriber } from '../support/intercept';
import { requestWithLinks, signUp } from '../support/pages';
import { api, call } from '../support/seed';

const BRANDING = {
  displayName: 'Fietsen & Co',
  logoUrl: 'https://cdn.fietsen.example/logo.svg',
  accentColor: '#FFCC00',
  privacyPolicyUrl: 'https://fietsen.example/privacy',
  controller: { name: 'Fietsen BV', email: 'privacy@fietsen.example', address: 'Kade 1\n1011 AA Amsterdam' },
  privacyOfficer: { name: 'Dana de Vries', email: 'dpo@fietsen.example' },
  euRepresentative: { name: 'Rep Europe GmbH', address: 'Allee 5\n10115 Berlin', country: 'DE' },
};

const pages: { name: string; request: () => Promise<Response> }[] = [];
let unbrandedPages: { name: string; request: () => Promise<Response> }[] = [];

beforeAll(async () => {
  captureQueue();
  const { f, link } = await signUp();
  expect((await api(f.apiKey, '/tenant/settings', { method: 'PATCH', json: BRANDING })).status).toBe(200);
  const subscriber = await seedSubscriber(f.tenant);
  const list = await seedList(f.tenant);
  const token = await mintLink({ tenantId: f.tenant.id, subscriberId: subscriber.id, listId: list.id });
  const { verifyPath, exportPath } = await requestWithLinks(f.tenant, f.apiKey);
  const browser = { 'user-agent': BROWSER_UA };
  pages.push(
    { name: 'intercept', request: () => call(`/l/${token}`, { cf: EU_CF, headers: browser }) },
    { name: '/c/ question', request: () => call(link, { headers: browser }) },
    { name: '/v/ question', request: () => call(verifyPath, { headers: browser }) },
    { name: '/x/ not yet', request: () => call(exportPath, { headers: browser }) },
    { name: 'form error', request: () => postForm(f.formId, { email: 'a@example.org' }) },
  );
  const ring = await masterKeyring(env.MASTER_KEY);
  const orphan = newTenantId('eu');
  const orphanLink = await mintLink({ tenantId: orphan, subscriberId: subscriber.id, listId: list.id });
  const orphanConfirm = await sealToken(ring, 'eu', 'confirm', { t: orphan, s: 'sub_x', l: ['lst_x'] }, 60);
  unbrandedPages = [
    { name: 'intercept of an unknown tenant', request: () => call(`/l/${orphanLink}`, { cf: EU_CF }) },
    { name: '/c/ of an unknown tenant', request: () => call(`/c/${orphanConfirm}`) },
    { name: 'invalid /v/ token', request: () => call(`${verifyPath.slice(0, -4)}AAAA`) },
    { name: 'unknown path', request: () => call('/nothing-here') },
  ];
});

describe('tenant branding on pages', () => {
  it('shows name, logo, accent and the contacts footer on every page a subscriber sees', async () => {
    for (const page of pages) {
      const res = await page.request();
      const html = await res.text();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(html, page.name).toContain(
        '<header class="brand"><div class="brand-inner"><img src="https://cdn.fietsen.example/logo.svg" alt=""/><span>Fietsen &amp; Co</span>',
      );
      expect(csp, page.name).toContain('img-src https://cdn.fietsen.example;');
      const nonce = /'nonce-([\w-]+)'/.exec(csp)?.[1];
      expect(nonce, page.name).toBeDefined();
      expect(html, page.name).toContain(
        `<style nonce="${nonce}">:root{--accent:#ffcc00;--on-accent:#000000}</style>`,
      );
      expect(html, page.name).toContain(
        '<dt>Controller</dt><dd>Fietsen BV<br/><a href="mailto:privacy@fietsen.example">',
      );
      expect(html, page.name).toContain('<address>Kade 1\n1011 AA Amsterdam</address>');
      expect(html, page.name).toContain('<dt>Data protection officer</dt><dd>Dana de Vries');
      expect(html, page.name).toContain('<dt>EU representative (Art. 27 GDPR)</dt><dd>Rep Europe GmbH');
      expect(html, page.name).toContain('<a href="https://fietsen.example/privacy">Privacy policy</a>');
    }
  });

  it('gives every response a nonce of its own', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const csp = (await pages[1]!.request()).headers.get('content-security-policy') ?? '';
      nonces.add(/'nonce-([\w-]+)'/.exec(csp)?.[1] ?? '');
    }
    expect(nonces.size).toBe(3);
  });

  it('names the display name as the sender on the intercept page and in its built-in notice', async () => {
    const html = await (await pages[0]!.request()).text();
    expect(html).toContain('Fietsen &amp; Co asks for your consent');
  });

  it('shows no branding, loads no image and sets no nonce on pages of an unknown tenant', async () => {
    for (const page of unbrandedPages) {
      const res = await page.request();
      const html = await res.text();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(res.status, page.name).toBeGreaterThanOrEqual(400);
      expect(html, page.name).not.toContain('class="brand"');
      expect(html, page.name).not.toContain('<footer');
      expect(html, page.name).not.toContain('Fietsen');
      expect(csp, page.name).not.toContain('img-src');
      expect(csp, page.name).not.toContain('nonce-');
    }
  });
});
