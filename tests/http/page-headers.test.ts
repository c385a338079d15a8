// Every HTML page a person can reach — pages, refusals, 404s, invalid tokens, form errors — carries
// the same security headers: a CSP without any script, styles from our stylesheet, no framing,
// forms only to us; no sniffing; referrers only to ourselves; never cached. Non-HTML answers keep
// their own headers.

import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { masterKeyring } from '../../shared/crypto/keyring';
import { newTenantId } from '../../shared/regions';
import { sealToken } from '../../shared/tokens';
import { postForm } from '../support/consent';
import { BROWSER_UA, captureQueue, EU_CF, mintLink, seedList, seedSubscriber } from '../support/intercept';
import { documentLanguage, headingsOf, press, requestWithLinks, signUp } from '../support/pages';
import { call } from '../support/seed';

type Visit = { name: string; status: number; request: () => Promise<Response> };
const visits: Visit[] = [];

beforeAll(async () => {
  captureQueue();
  const { f, link } = await signUp();
  const tenant = f.tenant;
  const subscriber = await seedSubscriber(tenant);
  const list = await seedList(tenant);
  const linkToken = await mintLink({ tenantId: tenant.id, subscriberId: subscriber.id, listId: list.id });
  const orphanLink = await mintLink({
    tenantId: newTenantId('eu'),
    subscriberId: subscriber.id,
    listId: list.id,
  });
  const ring = await masterKeyring(env.MASTER_KEY);
  const orphanConfirm = await sealToken(
    ring,
    'eu',
    'confirm',
    { t: newTenantId('eu'), s: 'sub_x', l: ['lst_x'] },
    60,
  );
  const { verifyPath, exportPath } = await requestWithLinks(tenant, f.apiKey);
  const rejected = await requestWithLinks(tenant, f.apiKey, { kind: 'erasure' });
  await regional(env, 'eu')
    .d1.prepare("update privacy_requests set status = 'rejected' where id = ?")
    .bind(rejected.id)
    .run();
  const browser = { 'user-agent': BROWSER_UA };
  const get =
    (path: string, init: RequestInit & { cf?: Record<string, unknown> } = {}) =>
    () =>
      call(path, { headers: browser, ...init });
  const forged = (path: string) => () => press(path, { origin: 'https://evil.example' });
  visits.push(
    { name: 'unknown path', status: 404, request: get('/nothing-here') },
    { name: 'unknown path under a page prefix', status: 404, request: get('/c/') },
    { name: 'consent page', status: 200, request: get(`/l/${linkToken}`, { cf: EU_CF }) },
    { name: 'invalid link token', status: 400, request: get('/l/e1.not-a-token') },
    { name: 'link of an unknown tenant', status: 404, request: get(`/l/${orphanLink}`, { cf: EU_CF }) },
    { name: 'consent answer from another site', status: 403, request: forged(`/l/${linkToken}`) },
    { name: 'double opt-in page', status: 200, request: get(link) },
    { name: 'double opt-in answer from another site', status: 403, request: forged(link) },
    { name: 'double opt-in confirmed', status: 200, request: () => press(link) },
    { name: 'double opt-in already confirmed', status: 200, request: () => press(link) },
    {
      name: 'invalid confirmation token',
      status: 400,
      request: get('/c/e1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
    },
    { name: 'confirmation of an unknown tenant', status: 410, request: get(`/c/${orphanConfirm}`) },
    { name: 'request confirmation page', status: 200, request: get(verifyPath) },
    { name: 'request confirmation from another site', status: 403, request: forged(verifyPath) },
    { name: 'export before confirmation', status: 403, request: get(exportPath) },
    { name: 'request confirmed', status: 200, request: () => press(verifyPath) },
    { name: 'closed request', status: 200, request: get(rejected.verifyPath) },
    {
      name: 'invalid request token',
      status: 400,
      request: get('/v/u1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
    },
    { name: 'invalid export token', status: 400, request: get('/x/garbage') },
    {
      name: 'form without the consent tick',
      status: 422,
      request: () => postForm(f.formId, { email: 'a@example.org' }),
    },
    {
      name: 'form with a bad address',
      status: 400,
      request: () => postForm(f.formId, { email: 'nope', consent: 'yes' }),
    },
    {
      name: 'form from an origin it does not allow',
      status: 403,
      request: () =>
        postForm(f.formId, { email: 'a@example.org', consent: 'yes' }, { origin: 'https://evil.example' }),
    },
    {
      name: 'unknown form',
      status: 404,
      request: () => postForm('frm_e_00000000000000000000', { email: 'a@example.org' }),
    },
    {
      name: 'oversized form post',
      status: 413,
      request: () => postForm(f.formId, { email: 'a@example.org', junk: 'x'.repeat(20_000) }),
    },
  );
});

describe('security headers of every page', () => {
  it('are on every page route, refusal and 404', async () => {
    expect(visits.length).toBeGreaterThan(20);
    for (const visit of visits) {
      const res = await visit.request();
      const where = `${visit.name} (${res.status})`;
      expect(res.status, where).toBe(visit.status);
      expect(res.headers.get('content-type'), where).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = new Map(csp.split(';').map((d) => [d.trim().split(' ')[0], d.trim()] as const));
      expect(directives.get('default-src'), where).toBe("default-src 'none'");
      expect(directives.get('script-src'), where).toBe("script-src 'none'");
      expect(directives.get('frame-ancestors'), where).toBe("frame-ancestors 'none'");
      expect(directives.get('base-uri'), where).toBe("base-uri 'none'");
      expect(directives.get('style-src'), where).toMatch(/^style-src 'self'( 'nonce-[\w-]+')?$/);
      expect(directives.get('form-action'), where).toMatch(/^form-action 'self'/);
      expect(csp, where).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), where).toBe('same-origin');
      expect(res.headers.get('cache-control'), where).toBe('no-store');
      expect(res.headers.get('x-frame-options'), where).toBe('DENY');
      const html = await res.text();
      expect(headingsOf(html), where).toHaveLength(1);
      expect(documentLanguage(html), where).toBe(res.headers.get('content-language') ?? 'en');
      expect(html, where).not.toMatch(/<script|\sstyle="|\son[a-z]+=/i);
    }
  });

  it('let the consent page post to us and be redirected to the destination only', async () => {
    captureQueue();
    const { f } = await signUp();
    const subscriber = await seedSubscriber(f.tenant);
    const list = await seedList(f.tenant);
    const token = await mintLink({ tenantId: f.tenant.id, subscriberId: subscriber.id, listId: list.id });
    const res = await call(`/l/${token}`, { cf: EU_CF, headers: { 'user-agent': BROWSER_UA } });
    expect(res.headers.get('content-security-policy')).toContain(
      "form-action 'self' https://shop.example.com;",
    );
  });

  it('serve the stylesheet the pages link from the static assets, which the Worker does not run for', async () => {
    const page = await (await call('/nothing-here')).text();
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page)?.[1];
    expect(href).toBe('/static/pages.css');
    const css = await env.ASSETS.fetch(`https://privacy.test${href}`);
    expect(css.status).toBe(200);
    expect(await css.text()).toContain(':focus-visible');
    const config = (await import('../../wrangler.toml?raw')).default;
    expect(config).toMatch(/run_worker_first = \[[^\]]*"!\/static\/\*"/);
  });

  it('are not put on answers that are not pages', async () => {
    const { f } = await signUp();
    const json = await call('/api/v1/tenant', { headers: { authorization: `Bearer ${f.apiKey}` } });
    expect(json.headers.get('content-security-policy')).toBeNull();
    captureQueue();
    const subscriber = await seedSubscriber(f.tenant);
    const list = await seedList(f.tenant);
    const token = await mintLink({ tenantId: f.tenant.id, subscriberId: subscriber.id, listId: list.id });
    const redirect = await call(`/l/${token}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('referrer-policy')).toBe('no-referrer');
    expect(redirect.headers.get('content-security-policy')).toBeNull();
  });
});
