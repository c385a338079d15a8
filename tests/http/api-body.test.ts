import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { API_BODY_LIMIT } from '../../workers/api/index';
import { createList } from '../support/consent';
import { api, countRows, seedTenant } from '../support/seed';

type Err = { error: { code: string; message: string } };

describe('API bodies the API does not take', () => {
  it('a body over the limit is a 413 with the JSON error, and nothing is written', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { lawfulBasis: 'contract', doubleOptIn: false });
    const row = { email: 'bulk-0000000@example.org', consentUnknown: true };
    const rowBytes = JSON.stringify(row).length + 1;
    const rows = Array.from({ length: Math.ceil(API_BODY_LIMIT / rowBytes) + 10 }, (_, i) => ({
      ...row,
      email: `bulk-${String(i).padStart(7, '0')}@example.org`,
    }));
    const body = JSON.stringify({ listIds: [list], rows });
    expect(body.length).toBeGreaterThan(API_BODY_LIMIT);
    const res = await api(t.apiKey, '/subscribers/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(((await res.json()) as Err).error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining('too large'),
    });
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', t.tenant.id)).toBe(0);
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        'tenant_id = ? and type like ?',
        t.tenant.id,
        'subscriber%',
      ),
    ).toBe(0);
  });

  it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])(
    'a %s body is a 415 unsupported_media_type, and nothing is written',
    async (type) => {
      const t = await seedTenant('eu');
      const list = await createList(t.apiKey, { lawfulBasis: 'contract', doubleOptIn: false });
      const res = await api(t.apiKey, '/subscribers', {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify({ email: 'ct@example.org', listIds: [list] }),
      });
      expect(res.status).toBe(415);
      expect(((await res.json()) as Err).error).toMatchObject({
        code: 'unsupported_media_type',
        message: expect.stringContaining('application/json'),
      });
      expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', t.tenant.id)).toBe(0);
    },
  );
});
