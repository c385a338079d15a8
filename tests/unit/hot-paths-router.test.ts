// The link intercept and the form posts are routed by a small app of their own: it must match
// with Hono's RegExpRouter (the whole app cannot), and no other route may live under its prefixes.

import { describe, expect, it } from 'vitest';
import { app, hotPaths } from '../../workers/http/app';

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
