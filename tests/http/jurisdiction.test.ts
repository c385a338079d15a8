// Jurisdictions: an EU tenant's rows only in DB_EU and a US tenant's only in DB_US, routing by
// the region ids and tokens carry, and EU Durable Objects pinned to the EU jurisdiction unless
// the runtime is exactly `local`.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import wranglerToml from '../../wrangler.toml?raw';
import { runBatch } from '../../db/client';
import { createPrivacyRequest } from '../../db/privacy-requests';
import { erasureClocksFor, regional, regionalForTenant, regionalForToken } from '../../db/regions';
import { addressIndex, prepareSubscriber } from '../../db/subscribers';
import { tenantKeys } from '../../db/tenants';
import { AppError } from '../../shared/errors';
import { seedTenant } from '../support/seed';

async function tablesWithTenantRows(d1: D1Database, tenantId: string): Promise<string[]> {
  const { results } = await d1
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name != 'd1_migrations'",
    )
    .all<{ name: string }>();
  const hits: string[] = [];
  for (const { name } of results) {
    const cols = await d1.prepare(`pragma table_info(${name})`).all<{ name: string }>();
    const column = cols.results.some((c) => c.name === 'tenant_id')
      ? 'tenant_id'
      : cols.results.some((c) => c.name === 'id') && name === 'tenants'
        ? 'id'
        : null;
    if (!column) continue;
    const row = await d1
      .prepare(`select count(*) as n from ${name} where ${column} = ?`)
      .bind(tenantId)
      .first<{ n: number }>();
    if (row && row.n > 0) hits.push(name);
  }
  return hits;
}

async function writeForTenant(region: 'eu' | 'us') {
  const { tenant } = await seedTenant(region);
  const { db } = regionalForTenant(env, tenant.id);
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const { email, index } = await addressIndex(keys, `someone.${region}@example.org`);
  const sub = await prepareSubscriber(db, keys, { email, emailIndex: index });
  await runBatch(db, sub.queries);
  await createPrivacyRequest(db, tenant.settings, {
    tenantId: tenant.id,
    kind: 'access',
    channel: 'api',
    subscriberId: sub.id,
    verified: true,
    actor: 'test',
  });
  return tenant;
}

describe('jurisdiction routing', () => {
  it('writes an EU tenant to DB_EU only', async () => {
    const tenant = await writeForTenant('eu');
    expect(await tablesWithTenantRows(env.DB_EU, tenant.id)).toEqual(
      expect.arrayContaining([
        'tenants',
        'api_keys',
        'subscribers',
        'subscriber_keys',
        'privacy_requests',
        'outbox_events',
      ]),
    );
    expect(await tablesWithTenantRows(env.DB_US, tenant.id)).toEqual([]);
  });

  it('writes a US tenant to DB_US only', async () => {
    const tenant = await writeForTenant('us');
    expect(await tablesWithTenantRows(env.DB_US, tenant.id)).toEqual(
      expect.arrayContaining(['tenants', 'subscribers', 'privacy_requests']),
    );
    expect(await tablesWithTenantRows(env.DB_EU, tenant.id)).toEqual([]);
  });

  it('routes by the region that ids, tokens and keys carry', () => {
    expect(regionalForTenant(env, 'ten_eu_0123456789abcdefghjk').d1).toBe(env.DB_EU);
    expect(regionalForTenant(env, 'ten_us_0123456789abcdefghjk').d1).toBe(env.DB_US);
    expect(regionalForToken(env, `e1.${'A'.repeat(40)}`).region).toBe('eu');
    expect(regionalForToken(env, `u1.${'A'.repeat(40)}`).region).toBe('us');
  });

  it.each([
    '',
    'ten_xx_0123456789abcdefghjk',
    'ten_eu_short',
    'ten_eu_0123456789abcdefghjk; drop table tenants',
    '../ten_us_x',
  ])('refuses the malformed tenant id %j with a 404 error, not a crash', (id) => {
    expect(() => regionalForTenant(env, id)).toThrow(AppError);
  });

  it('refuses a region that does not exist', () => {
    expect(() => regional(env, 'asia' as 'eu')).toThrow(AppError);
  });
});

describe('Durable Object jurisdiction', () => {
  /** A namespace that records the jurisdictions asked of it. */
  function recordingNamespace() {
    const calls: string[] = [];
    const pinned = { pinned: true } as unknown as Env['ERASURE_CLOCK'];
    const namespace = {
      jurisdiction: (j: string) => {
        calls.push(j);
        return pinned;
      },
    } as unknown as Env['ERASURE_CLOCK'];
    return { calls, pinned, namespace };
  }

  it.each([['production'], ['staging'], [''], ['LOCAL'], [' local'], [undefined]])(
    'pins EU objects to the EU jurisdiction when RUNTIME is %j, and never US ones',
    (runtime) => {
      const { calls, pinned, namespace } = recordingNamespace();
      const configured = { ...env, RUNTIME: runtime as string, ERASURE_CLOCK: namespace };
      expect(erasureClocksFor(configured, 'eu')).toBe(pinned);
      expect(erasureClocksFor(configured, 'us')).toBe(namespace);
      expect(calls).toEqual(['eu']);
    },
  );

  it('uses the plain namespace only when RUNTIME is exactly "local"', () => {
    const { calls, namespace } = recordingNamespace();
    expect(erasureClocksFor({ ...env, RUNTIME: 'local', ERASURE_CLOCK: namespace }, 'eu')).toBe(namespace);
    expect(calls).toEqual([]);
  });

  it('really calls .jurisdiction() on the binding in production (workerd refuses it, which proves the call)', () => {
    expect(() => erasureClocksFor({ ...env, RUNTIME: 'production' }, 'eu')).toThrow(/[Jj]urisdiction/);
  });

  it('the wrangler.toml that deploys says production and never enables x-dev-geo', () => {
    expect(wranglerToml).toMatch(/^RUNTIME = "production"$/m);
    expect(wranglerToml).not.toMatch(/ALLOW_DEV_GEO/);
  });
});
