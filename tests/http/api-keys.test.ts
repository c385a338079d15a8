// The API key check: the key read (built once per isolate, bound per request) gives the key and
// its tenant exactly as drizzle reads the rows, never a revoked or unknown key, and a request
// with a key revoked a moment ago is refused at once.

import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findApiKey, noteApiKeyUse } from '../../db/api-keys';
import { regional } from '../../db/regions';
import { apiKeys, tenants } from '../../db/schema';
import { api, seedTenant } from '../support/seed';

const { db, d1 } = regional(env, 'eu');

describe('the API key read', () => {
  it('gives the live key and its tenant as drizzle reads them: settings, dates and scopes mapped', async () => {
    const seeded = await seedTenant('eu', { dueDays: { erasure: 3 } });
    await noteApiKeyUse(db, seeded.apiKeyId, new Date(Date.UTC(2026, 10, 1, 12)));
    const found = await findApiKey(d1, seeded.apiKey);
    const [key] = await db.select().from(apiKeys).where(eq(apiKeys.id, seeded.apiKeyId));
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, seeded.tenant.id));
    expect(found).toEqual({ key, tenant });
    expect(found?.key.lastUsedAt).toEqual(new Date(Date.UTC(2026, 10, 1, 12)));
    expect(found?.tenant.settings).toEqual({ dueDays: { erasure: 3 } });
    expect(found?.tenant.createdAt).toBeInstanceOf(Date);
  });

  it('finds nothing for an unknown key or a revoked one, whose tenant stays unread', async () => {
    const seeded = await seedTenant('eu');
    const other = await seedTenant('eu');
    expect(await findApiKey(d1, `${seeded.apiKey.slice(0, -1)}A`)).toBeUndefined();
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, seeded.apiKeyId));
    expect(await findApiKey(d1, seeded.apiKey)).toBeUndefined();
    expect((await findApiKey(d1, other.apiKey))?.tenant.id).toBe(other.tenant.id);
  });

  it('refuses a key the moment it is revoked, right after it was accepted', async () => {
    const seeded = await seedTenant('eu');
    expect((await api(seeded.apiKey, '/webhook-endpoints')).status).toBe(200);
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, seeded.apiKeyId));
    const refused = await api(seeded.apiKey, '/webhook-endpoints');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});
