// The face of the API and the edge: API-key authentication, JSON errors for `/api` and pages for
// people, the OpenAPI document against the routes that exist, the health check, and the local-only
// routes that exist only where the runtime is local.

import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ListInput } from '../../shared/schemas/lists';
import { api as apiApp } from '../../workers/api';
import { app } from '../../workers/http/app';
import { api, call, seedTenant } from '../support/seed';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
};

const fetchWith = (overrides: Partial<Env>, path: string, init?: RequestInit) =>
  app.fetch(
    new Request(`https://privacy.test${path}`, init),
    { ...env, ...overrides },
    createExecutionContext(),
  );

describe('GET /health', () => {
  it('answers {"ok":true} when both databases answer', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it.each(['eu', 'us'] as const)(
    'answers 503 naming the database that does not answer (%s)',
    async (region) => {
      const broken = {
        prepare: () => {
          throw new Error('D1_ERROR: database unavailable');
        },
      } as unknown as D1Database;
      const res = await fetchWith(region === 'eu' ? { DB_EU: broken } : { DB_US: broken }, '/health');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        ok: false,
        databases: { eu: region !== 'eu', us: region !== 'us' },
      });
    },
  );
});

describe('API keys', () => {
  it('answer the tenant the key belongs to', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const res = await api(apiKey, '/tenant');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(await res.json()).toMatchObject({ id: tenant.id, region: 'eu', slug: tenant.slug });
  });

  it.each([
    ['no header', undefined],
    ['not bearer', 'Basic abc'],
    ['malformed key', 'Bearer tm_x_123'],
    ['unknown key of the right shape', `Bearer tm_e_${'A'.repeat(43)}`],
    ['very long garbage', `Bearer ${'%$x;'.repeat(2000)}`],
  ])('refuse %s with a JSON 401', async (_name, header) => {
    const res = await call('/api/v1/tenant', { headers: header ? { authorization: header } : {} });
    expect(res.status).toBe(401);
    const body = await res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.message).toBeTruthy();
  });
});

describe('unknown paths', () => {
  it('under /api answer the JSON error body, with or without a key', async () => {
    const { apiKey } = await seedTenant('us');
    for (const res of [await api(apiKey, '/no-such-thing'), await call('/api/v2/tenant')]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('elsewhere answer people with a readable page, not JSON', async () => {
    const res = await call('/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<h1>Page not found</h1>');
  });
});

describe('GET /api/openapi.json', () => {
  const load = async () => (await call('/api/openapi.json')).json<Doc>();

  it('documents every client API route the app serves', async () => {
    const doc = await load();
    const served = apiApp.routes
      .filter(
        (r) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.path.startsWith('/v1/'),
      )
      .map((r) => ({
        method: r.method.toLowerCase(),
        path: r.path.replace(/\/$/, '').replace(/:(\w+)/g, '{$1}'),
      }));
    expect(served.length).toBeGreaterThan(30);
    expect(served.filter((r) => !doc.paths[r.path]?.[r.method])).toEqual([]);
  });

  it('documents only public edge routes that exist: each answers something other than "no route"', async () => {
    const doc = await load();
    // Edge routes live at the origin root (a path-level `servers`); the rest under `/api`.
    const edge = Object.entries(doc.paths).filter(([, methods]) => 'servers' in methods);
    expect(edge.map(([p]) => p).sort()).toEqual([
      '/c/{token}',
      '/f/{formId}',
      '/f/{formId}/embed.js',
      '/l/{token}',
      '/v/{token}',
      '/x/{token}',
    ]);
    const underApi = Object.entries(doc.paths).filter(([, methods]) => !('servers' in methods));
    expect(underApi.filter(([p]) => !p.startsWith('/v1/') && !p.startsWith('/auth/'))).toEqual([]);
    const outsideV1 = [
      ...edge.map(([p, m]) => [p, m] as const),
      ...underApi.filter(([p]) => p.startsWith('/auth/')).map(([p, m]) => [`/api${p}`, m] as const),
    ];
    expect(outsideV1.length).toBeGreaterThan(edge.length);
    for (const [path, methods] of outsideV1) {
      for (const method of Object.keys(methods).filter((m) => m !== 'servers')) {
        const res = await call(path.replace('{token}', 'e1.not-a-token').replace('{formId}', 'frm_e_nope'), {
          method: method.toUpperCase(),
        });
        const body = await res.text();
        expect(body, `${method} ${path}`).not.toContain('No route for');
      }
    }
  });

  it('describes request bodies from the zod schemas the routes validate with', async () => {
    const doc = await load();
    const listInput = doc.components.schemas.ListInput!;
    const { $defs } = z.toJSONSchema(ListInput, { io: 'input' }) as {
      $defs: Record<string, typeof listInput>;
    };
    const fromZod = $defs.ListInput!;
    expect(doc.openapi).toBe('3.1.0');
    expect(listInput.required).toEqual(fromZod.required);
    expect(listInput.properties?.purpose).toEqual(fromZod.properties?.purpose);
    expect(doc.paths['/v1/lists']?.post).toMatchObject({
      requestBody: {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ListInput' } } },
      },
    });
    expect(doc.components.schemas.Error).toBeDefined();
  });
});

describe('local-only routes', () => {
  it('exist where the configuration says the runtime is local, and nowhere else', async () => {
    const seed = (runtime: string) => fetchWith({ RUNTIME: runtime }, '/__dev/seed', { method: 'POST' });
    expect((await seed('production')).status).toBe(404);
    expect((await seed('')).status).toBe(404);
    expect((await seed('local')).status).toBe(200);
  });

  it("refuse a request a page of another site sent from the developer's browser", async () => {
    const seed = (headers: Record<string, string>) =>
      fetchWith({ RUNTIME: 'local' }, '/__dev/seed', { method: 'POST', headers });
    const crossSite = await seed({
      origin: 'https://pages.example',
      'sec-fetch-site': 'cross-site',
      accept: 'application/json',
    });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect((await seed({ origin: 'http://127.0.0.1:9999' })).status).toBe(403);
    expect((await seed({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // The app's own page, and a script that sends neither header.
    expect((await seed({ origin: 'https://privacy.test', 'sec-fetch-site': 'same-origin' })).status).toBe(
      200,
    );
    expect((await seed({})).status).toBe(200);
  });
});
