import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../workers/http/app';
import { api as apiApp } from '../../workers/api';
import { api, call, seedTenant } from '../support/seed';

describe('health', () => {
  it('answers {"ok":true} after querying both databases', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('the API face', () => {
  it('answers the tenant of an API key', async () => {
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
  ])('refuses %s with a JSON 401', async (_name, header) => {
    const res = await call('/api/v1/tenant', { headers: header ? { authorization: header } : {} });
    expect(res.status).toBe(401);
    const body = await res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.message).toBeTruthy();
  });

  it('answers unknown /api routes with the JSON error body', async () => {
    const { apiKey } = await seedTenant('us');
    for (const path of ['/api/v1/no-such-thing', '/api/v2/tenant']) {
      const res = path.startsWith('/api/v1') ? await api(apiKey, '/no-such-thing') : await call(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('documents every client API route and every public edge route', async () => {
    const doc = await (await call('/api/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const routes = apiApp.routes
      .filter(
        (r) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.path.startsWith('/v1/'),
      )
      .map((r) => ({
        method: r.method.toLowerCase(),
        path: r.path.replace(/\/$/, '').replace(/:(\w+)/g, '{$1}'),
      }));
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.filter(
      (r) => !doc.paths[r.path]?.[r.method] && !doc.paths[`${r.path}/`]?.[r.method],
    );
    expect(missing).toEqual([]);
    for (const [path, method] of [
      ['/f/{formId}', 'post'],
      ['/f/{formId}/embed.js', 'get'],
      ['/c/{token}', 'get'],
      ['/l/{token}', 'get'],
      ['/l/{token}', 'post'],
      ['/v/{token}', 'post'],
      ['/x/{token}', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });

  it('serves the OpenAPI document generated from the zod schemas', async () => {
    const res = await call('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/v1/tenant']).toBeDefined();
    expect(doc.components.schemas.Error).toBeDefined();
  });

  it('shows people a readable page, not JSON, for unknown public paths', async () => {
    const res = await call('/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<h1>Page not found</h1>');
  });
});

describe('local-only routes', () => {
  it('do not exist unless the configuration says the runtime is local', async () => {
    const production = { ...env, RUNTIME: 'production' };
    const res = await app.fetch(
      new Request('https://privacy.test/__dev/seed', { method: 'POST' }),
      production,
      createExecutionContext(),
    );
    expect(res.status).toBe(404);
  });
});
