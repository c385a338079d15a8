// The link intercept and the form posts are routed by a small app of their own: it must match
// with Hono's RegExpRouter (the whole app cannot), and no other route may live under its prefixes.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { app, hotPaths, routeRequest } from '../../workers/http/app';

const underHotPrefix = (path: string) => path.startsWith('/l/') || path.startsWith('/f/');
const describeRoute = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

describe('hot-path routing', () => {
  it('matches clicks and form posts with the RegExpRouter', () => {
    expect(hotPaths.router.match('GET', '/l/some-token')[0].length).toBeGreaterThan(0);
    expect(hotPaths.router.name).toBe('SmartRouter + RegExpRouter');
  });

  it('holds every route of the whole app under /l/ and /f/, and nothing else but the middleware', () => {
    const whole = app.routes.filter((r) => underHotPrefix(r.path)).map(describeRoute);
    const hot = hotPaths.routes.filter((r) => r.path !== '/*').map(describeRoute);
    expect(hot).toEqual(whole);
    expect(hot).toContain('GET /l/:token');
    expect(hot).toContain('POST /f/:formId');
  });

  it('runs the same middleware in front of them as the whole app', () => {
    const middleware = (routes: typeof app.routes) =>
      routes.filter((r) => r.path === '/*').map((r) => r.handler);
    expect(middleware(hotPaths.routes)).toEqual(middleware(app.routes));
  });
});

describe('routeRequest', () => {
  afterEach(() => vi.restoreAllMocks());

  const routedTo = async (url: string, method = 'GET') => {
    vi.spyOn(hotPaths, 'fetch').mockResolvedValue(new Response('hot'));
    vi.spyOn(app, 'fetch').mockResolvedValue(new Response('whole'));
    const res = await routeRequest(new Request(url, { method }), {} as never, {} as never);
    vi.restoreAllMocks();
    return res.text();
  };

  it('sends /l/… and /f/… to the small app, with or without a query or a port', async () => {
    expect(await routedTo('https://t.example/l/tok')).toBe('hot');
    expect(await routedTo('https://t.example/l/tok?utm=x&next=/api/')).toBe('hot');
    expect(await routedTo('http://a/f/frm_1', 'POST')).toBe('hot');
    expect(await routedTo('http://127.0.0.1:8787/f/frm_1?lang=de', 'POST')).toBe('hot');
  });

  it('sends every other path to the whole app, which holds the hot routes too', async () => {
    for (const url of [
      'https://t.example/l',
      'https://t.example/l?x=/l/y',
      'https://t.example//l/tok',
      'https://t.example/l%2Ftok',
      'https://t.example/L/tok',
      'https://t.example/api/l/tok',
      'https://t.example/lx/tok',
      'https://t.example/?/f/x',
      'https://t.example/',
    ])
      expect(await routedTo(url), url).toBe('whole');
  });
});
