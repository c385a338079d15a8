import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../db/api-keys';
import { findPrivacyRequest, requestHistory } from '../../db/privacy-requests';
import { regional } from '../../db/regions';
import { clockFor } from '../../workers/privacy/clock';
import { captureMail } from '../support/mail';
import { body } from '../support/privacy';
import { api, call, countRows, seedTenant } from '../support/seed';

const { db, d1 } = regional(env, 'eu');

async function awaiting(apiKey: string, email: string) {
  const res = await api(apiKey, '/privacy-requests', {
    method: 'POST',
    json: { kind: 'erasure', email, language: 'de', verified: false },
  });
  expect(res.status).toBe(201);
  const filed = await body(res);
  expect(filed.status).toBe('awaiting_verification');
  return filed.id as string;
}

describe('POST /api/v1/privacy-requests/{id}/verify: the client vouches for the requester', () => {
  it('opens a request awaiting confirmation, starts its clock, records the API key and announces it', async () => {
    const mail = captureMail();
    const { tenant, apiKey, apiKeyId } = await seedTenant('eu');
    const id = await awaiting(apiKey, 'vouched@example.org');
    expect(await clockFor(env, tenant.id).pending()).toEqual([]);

    const res = await api(apiKey, `/privacy-requests/${id}/verify`, {
      method: 'POST',
      json: { note: 'Identity checked at the shop counter' },
    });
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ id, status: 'open' });

    const stored = await findPrivacyRequest(db, tenant.id, id);
    expect(stored?.status).toBe('open');
    expect(stored?.verifiedAt).not.toBeNull();
    const last = (await requestHistory(db, tenant.id, id)).at(-1);
    expect(last).toMatchObject({
      action: 'verify',
      fromStatus: 'awaiting_verification',
      toStatus: 'open',
      actor: `api_key:${apiKeyId}`,
      note: 'Identity checked at the shop counter',
    });
    expect(
      await countRows(d1, 'outbox_events', 'subject_id = ? and type = ?', id, 'privacy_request.verified'),
    ).toBe(1);
    expect((await clockFor(env, tenant.id).pending()).map((p) => p.requestId)).toEqual([id]);
    const subjects = (await mail.messages()).map((m) => m.parsed.subject);
    expect(subjects).toEqual(['Bitte bestätigen Sie Ihre Datenschutzanfrage', 'Ihre Anfrage ist bestätigt']);
  });

  it('works without a body; a second verify is a 409 and changes nothing', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const id = await awaiting(apiKey, 'twice@example.org');
    expect((await api(apiKey, `/privacy-requests/${id}/verify`, { method: 'POST' })).status).toBe(200);
    const before = await findPrivacyRequest(db, tenant.id, id);
    const again = await api(apiKey, `/privacy-requests/${id}/verify`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(await body(again)).toMatchObject({ error: { code: 'illegal_transition' } });
    expect(await findPrivacyRequest(db, tenant.id, id)).toEqual(before);
    expect(
      await countRows(d1, 'outbox_events', 'subject_id = ? and type = ?', id, 'privacy_request.verified'),
    ).toBe(1);
  });

  it("another tenant's request is a 404, a key without the scope a 403, a bad note a 400", async () => {
    const owner = await seedTenant('eu');
    const id = await awaiting(owner.apiKey, 'owner@example.org');
    const other = await seedTenant('eu');
    const foreign = await api(other.apiKey, `/privacy-requests/${id}/verify`, { method: 'POST' });
    expect(foreign.status).toBe(404);
    expect(await body(foreign)).toMatchObject({ error: { code: 'not_found' } });

    const { key } = await createApiKey(db, owner.tenant, { name: 'reports only', scopes: ['reports'] });
    expect((await api(key, `/privacy-requests/${id}/verify`, { method: 'POST' })).status).toBe(403);

    const bad = await api(owner.apiKey, `/privacy-requests/${id}/verify`, {
      method: 'POST',
      json: { note: 'x'.repeat(1001) },
    });
    expect(bad.status).toBe(400);
    expect(await body(bad)).toMatchObject({ error: { code: expect.any(String) } });
    expect((await findPrivacyRequest(db, owner.tenant.id, id))?.status).toBe('awaiting_verification');
  });

  it('is in the OpenAPI document', async () => {
    const doc = await (await call('/api/openapi.json')).json<{
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>();
    const route = doc.paths['/v1/privacy-requests/{id}/verify']?.post;
    expect(route).toBeDefined();
    expect(Object.keys(route!.responses)).toEqual(expect.arrayContaining(['200', '404', '409']));
  });
});
