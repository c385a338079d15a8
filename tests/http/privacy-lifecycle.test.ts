import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '../../db/api-keys';
import { regional } from '../../db/regions';
import { body, seedSubscriber } from '../support/privacy';
import { api, call, countRows, seedTenant } from '../support/seed';

const { d1 } = regional(env, 'eu');

afterEach(() => {
  vi.useRealTimers();
});
const post = (key: string, path: string, json: unknown = {}) => api(key, path, { method: 'POST', json });

async function setup(kind = 'erasure', email = `p${crypto.randomUUID().slice(0, 8)}@example.org`) {
  const seeded = await seedTenant('eu');
  const sub = await seedSubscriber(seeded.tenant, { email });
  const r = await body(await post(seeded.apiKey, '/privacy-requests', { kind, subscriberId: sub.id }));
  return { ...seeded, sub, id: r.id as string, request: r };
}

/** Everything a refused action must leave untouched. */
async function snapshot(id: string) {
  return {
    row: await d1
      .prepare('select status, due_at, updated_at from privacy_requests where id = ?')
      .bind(id)
      .first(),
    history: await countRows(d1, 'privacy_request_history', 'request_id = ?', id),
    events: await countRows(d1, 'outbox_events', 'subject_id = ?', id),
  };
}

describe('privacy request lifecycle over the API', () => {
  it('merges a duplicate of an open request instead of filing a second', async () => {
    const { apiKey, sub, id } = await setup('access');
    const again = await post(apiKey, '/privacy-requests', { kind: 'access', subscriberId: sub.id });
    expect(again.status).toBe(200);
    expect((await body(again)).id).toBe(id);
    expect(await countRows(d1, 'privacy_requests', 'subscriber_id = ?', sub.id)).toBe(1);
    const shown = await body(await api(apiKey, `/privacy-requests/${id}`));
    expect((shown.history as { action: string }[]).map((h) => h.action)).toEqual([
      'created',
      'duplicate_merged',
    ]);
  });

  it('pauses and resumes, moving both due dates by exactly the pause, with history and events', async () => {
    const { apiKey, id, request } = await setup('objection');
    const pausedAt = Date.now() + 60_000;
    const stood = 2 * 86_400_000 + 3_600_000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(pausedAt);
    const paused = await body(
      await post(apiKey, `/privacy-requests/${id}/pause`, { note: 'Asked for the account number' }),
    );
    expect(paused).toMatchObject({ status: 'paused', pausedAt: new Date(pausedAt).toISOString() });
    vi.setSystemTime(pausedAt + stood);
    const resumed = await body(await post(apiKey, `/privacy-requests/${id}/resume`));
    vi.useRealTimers();
    expect(resumed).toMatchObject({ status: 'open', pausedAt: null });
    expect(Date.parse(resumed.dueAt as string) - Date.parse(request.dueAt as string)).toBe(stood);
    expect(Date.parse(resumed.monthDueAt as string) - Date.parse(request.monthDueAt as string)).toBe(stood);
    const completed = await body(
      await post(apiKey, `/privacy-requests/${id}/complete`, { note: 'Profiling switched off' }),
    );
    expect(completed).toMatchObject({ status: 'completed' });
    expect(completed.resolvedAt).toBeTypeOf('string');
    const types = await d1
      .prepare('select type from outbox_events where subject_id = ? order by occurred_at')
      .bind(id)
      .all<{ type: string }>();
    expect(types.results.map((t) => t.type)).toEqual([
      'privacy_request.created',
      'privacy_request.paused',
      'privacy_request.resumed',
      'privacy_request.completed',
    ]);
  });

  it('extends once with a reason; a second extension is refused', async () => {
    const { apiKey, id, request } = await setup();
    const res = await post(apiKey, `/privacy-requests/${id}/extend`, {
      days: 30,
      reason: 'Backups must be checked',
    });
    expect(res.status).toBe(200);
    const ext = await body(res);
    expect(Date.parse(ext.dueAt as string) - Date.parse(request.dueAt as string)).toBe(30 * 86_400_000);
    expect(ext.extensionReason).toBe('Backups must be checked');
    const before = await snapshot(id);
    const again = await post(apiKey, `/privacy-requests/${id}/extend`, { days: 10, reason: 'More time' });
    expect(again.status).toBe(409);
    expect((await body(again)).error?.code).toBe('illegal_transition');
    expect(await snapshot(id)).toEqual(before);
  });

  it('lists with filters and cursor pagination', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    for (const kind of ['erasure', 'access', 'objection', 'access', 'rectification']) {
      const sub = await seedSubscriber(tenant, { email: `${crypto.randomUUID().slice(0, 6)}@example.org` });
      await post(apiKey, '/privacy-requests', { kind, subscriberId: sub.id });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await body(
        await api(apiKey, `/privacy-requests?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
      );
      seen.push(...(page.data as { id: string }[]).map((r) => r.id));
      cursor = page.nextCursor as string | null;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    const access = await body(await api(apiKey, '/privacy-requests?kind=access&status=open&channel=api'));
    expect((access.data as unknown[]).length).toBe(2);
    expect((await body(await api(apiKey, '/privacy-requests?dueBefore=2000-01-01T00:00:00Z'))).data).toEqual(
      [],
    );
    expect((await api(apiKey, '/privacy-requests?status=lost')).status).toBe(400);
    expect((await api(apiKey, '/privacy-requests?cursor=nonsense')).status).toBe(400);
  });
});

describe('refused input changes nothing', () => {
  it('unknown request ids are 404', async () => {
    const { apiKey } = await seedTenant('eu');
    for (const path of ['/privacy-requests/prq_unknown', '/privacy-requests/prq_unknown/reject']) {
      const res = path.endsWith('reject')
        ? await post(apiKey, path, { reason: 'legal_claims' })
        : await api(apiKey, path);
      expect(res.status).toBe(404);
      expect((await body(res)).error?.code).toBe('not_found');
    }
  });

  it('rejecting a completed request is an illegal transition', async () => {
    const { apiKey, id } = await setup('access');
    expect((await post(apiKey, `/privacy-requests/${id}/confirm`)).status).toBe(200);
    const before = await snapshot(id);
    const res = await post(apiKey, `/privacy-requests/${id}/reject`, { reason: 'legal_claims' });
    expect(res.status).toBe(409);
    expect((await body(res)).error?.code).toBe('illegal_transition');
    expect(await snapshot(id)).toEqual(before);
  });

  it('a reason outside the list is 400', async () => {
    const { apiKey, id } = await setup();
    const before = await snapshot(id);
    const res = await post(apiKey, `/privacy-requests/${id}/reject`, { reason: 'we_do_not_want_to' });
    expect(res.status).toBe(400);
    expect((await body(res)).error?.code).toBe('validation_failed');
    expect(await snapshot(id)).toEqual(before);
  });

  it('completing a kind the product fulfils, or confirming one the client fulfils, is refused', async () => {
    const erasure = await setup('erasure');
    expect((await post(erasure.apiKey, `/privacy-requests/${erasure.id}/complete`)).status).toBe(409);
    const objection = await setup('objection');
    expect((await post(objection.apiKey, `/privacy-requests/${objection.id}/confirm`)).status).toBe(409);
    expect(await countRows(d1, 'subscribers', 'id = ?', erasure.sub.id)).toBe(1);
  });

  it('a subscriber or a request of another tenant is 404, and nothing is filed or changed', async () => {
    const a = await setup();
    const b = await seedTenant('eu');
    const filed = await post(b.apiKey, '/privacy-requests', { kind: 'erasure', subscriberId: a.sub.id });
    expect(filed.status).toBe(404);
    expect(await countRows(d1, 'privacy_requests', 'tenant_id = ?', b.tenant.id)).toBe(0);
    const before = await snapshot(a.id);
    expect((await post(b.apiKey, `/privacy-requests/${a.id}/confirm`)).status).toBe(404);
    expect((await api(b.apiKey, `/privacy-requests/${a.id}`)).status).toBe(404);
    expect(await snapshot(a.id)).toEqual(before);
    expect(await countRows(d1, 'subscribers', 'id = ?', a.sub.id)).toBe(1);
  });

  it('bad bodies are 400: both subject fields, an unknown kind, an extension too long', async () => {
    const { apiKey, id, sub } = await setup();
    expect(
      (
        await post(apiKey, '/privacy-requests', {
          kind: 'erasure',
          subscriberId: sub.id,
          email: 'x@example.org',
        })
      ).status,
    ).toBe(400);
    expect(
      (await post(apiKey, '/privacy-requests', { kind: 'forget_me', subscriberId: sub.id })).status,
    ).toBe(400);
    expect(
      (await post(apiKey, '/privacy-requests', { kind: 'erasure', email: 'not an address' })).status,
    ).toBe(400);
    expect((await post(apiKey, `/privacy-requests/${id}/extend`, { days: 400, reason: 'long' })).status).toBe(
      400,
    );
  });
});

describe('privacy request API surface', () => {
  it('actions take an empty body, and the OpenAPI document lists the routes', async () => {
    const { apiKey, id } = await setup('objection');
    const res = await api(apiKey, `/privacy-requests/${id}/pause`, { method: 'POST' });
    expect(res.status).toBe(200);
    const doc = await body(await call('/api/openapi.json'));
    const paths = Object.keys(doc.paths as Record<string, unknown>);
    for (const p of [
      '/v1/privacy-requests',
      '/v1/privacy-requests/{id}',
      '/v1/privacy-requests/{id}/confirm',
      '/v1/privacy-requests/{id}/reject',
      '/v1/privacy-settings',
      '/v1/privacy-templates/{stage}/{language}',
      '/v1/reports/compliance',
    ])
      expect(paths).toContain(p);
    const request = (
      doc.components as { schemas: Record<string, { properties: Record<string, { description?: string }> }> }
    ).schemas.PrivacyRequest!.properties;
    expect(request.dueAt?.description).toContain('erasure clock');
    expect(request.monthDueAt?.description).toContain('Art. 12(3)');
    const shown = await body(await api(apiKey, `/privacy-requests/${id}`));
    expect(Date.parse(shown.monthDueAt as string)).toBeLessThan(Date.parse(shown.dueAt as string));
  });

  it('an API key without the privacy_requests scope is refused', async () => {
    const { tenant } = await seedTenant('eu');
    const { key } = await createApiKey(regional(env, 'eu').db, tenant, {
      name: 'reports only',
      scopes: ['reports'],
    });
    expect((await api(key, '/privacy-requests')).status).toBe(403);
    expect((await api(key, '/reports/compliance')).status).toBe(200);
  });
});
