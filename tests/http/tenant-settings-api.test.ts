// GET/PATCH /api/v1/tenant/settings: the settings a client changes itself take effect at once in
// the isolate that made the change, and in every other isolate within the tenant cache's TTL;
// they leave an audit row and an event, and a bad value changes nothing. Branding values are
// stored normalised.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../db/api-keys';
import { regional } from '../../db/regions';
import { cachedTenant, TENANT_CACHE_TTL_MS, TENANT_REFRESH_AFTER_MS } from '../../db/tenant-cache';
import { api, call, countRows, seedTenant } from '../support/seed';
import { BROWSER_UA, EU_CF, captureQueue, mintLink, seedList, seedSubscriber } from '../support/intercept';

const storedSettings = async (tenantId: string) =>
  JSON.parse(
    (await env.DB_EU.prepare('select settings from tenants where id = ?')
      .bind(tenantId)
      .first<{ settings: string }>())!.settings,
  ) as Record<string, unknown>;

describe('/api/v1/tenant/settings', () => {
  it('turning the intercept off sends an EU click without consent straight on, right away, in the isolate that changed it', async () => {
    captureQueue();
    const { tenant, apiKey, apiKeyId } = await seedTenant('eu');
    const subscriber = await seedSubscriber(tenant);
    const list = await seedList(tenant);
    const token = await mintLink({ tenantId: tenant.id, subscriberId: subscriber.id, listId: list.id });
    const click = () =>
      call(`/l/${token}`, { cf: EU_CF, headers: { 'user-agent': BROWSER_UA }, redirect: 'manual' });

    // The first click shows the consent page (and puts the tenant in this isolate's cache).
    expect((await click()).status).toBe(200);

    const res = await api(apiKey, '/tenant/settings', { method: 'PATCH', json: { intercept: 'off' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ intercept: 'off', interceptNoAction: null, controller: null });

    const direct = await click();
    expect(direct.status).toBe(302);
    expect(direct.headers.get('location')).toBe('https://shop.example.com/spring?x=1');

    const audit = await env.DB_EU.prepare(
      "select actor_type, actor_id, details from audit_log where tenant_id = ? and action = 'tenant.settings_changed'",
    )
      .bind(tenant.id)
      .all();
    expect(audit.results.map((r) => ({ ...r, details: JSON.parse(String(r.details)) }))).toEqual([
      {
        actor_type: 'api_key',
        actor_id: apiKeyId,
        details: { changed: ['intercept'], before: { intercept: null }, after: { intercept: 'off' } },
      },
    ]);
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        "tenant_id = ? and type = 'tenant.settings_changed'",
        tenant.id,
      ),
    ).toBe(1);
  });

  it('sets, reads back and clears every setting, keeping the privacy settings it does not name', async () => {
    const { tenant, apiKey } = await seedTenant('eu', { dueDays: { default: 20 }, reminderDays: 3 });
    const all = {
      intercept: 'all',
      interceptNoAction: 'objection',
      inboundAutoThreshold: 0.85,
      acknowledgeInbound: true,
      inboundForwardTo: 'privacy-team@shop.example',
      unconfirmedPurgeDays: 14,
      controller: {
        name: 'Shop BV',
        contact: 'dpo@shop.example',
        country: 'NL',
        email: 'privacy@shop.example',
        address: 'Hoofdstraat 1\n1011 AA Amsterdam',
      },
      displayName: 'Shop',
      logoUrl: 'https://cdn.shop.example/logo.svg',
      accentColor: '#0a7d4f',
      privacyPolicyUrl: 'https://shop.example/privacy',
      privacyOfficer: { name: 'Dana Officer', email: 'dpo@shop.example' },
      euRepresentative: { name: 'Rep BV', address: 'Kade 2\n3011 AB Rotterdam', country: 'NL' },
      homeRegionRules: { euCountryDomains: true, domains: [{ domain: 'shop.example', region: 'non_eu' }] },
      subProcessors: [{ name: 'Mail BV', purpose: 'Sending mail', country: 'NL' }],
      pseudonymisedProfiles: true,
      minAggregate: 10,
    };
    expect((await api(apiKey, '/tenant/settings', { method: 'PATCH', json: all })).status).toBe(200);
    expect(await (await api(apiKey, '/tenant/settings')).json()).toEqual(all);
    expect(await storedSettings(tenant.id)).toEqual({ dueDays: { default: 20 }, reminderDays: 3, ...all });

    const cleared = await api(apiKey, '/tenant/settings', {
      method: 'PATCH',
      json: { inboundForwardTo: null, acknowledgeInbound: false },
    });
    expect(await cleared.json()).toMatchObject({
      inboundForwardTo: null,
      acknowledgeInbound: false,
      intercept: 'all',
    });
    expect(await storedSettings(tenant.id)).not.toHaveProperty('inboundForwardTo');
  });

  it.each([
    ['an unknown intercept mode', { intercept: 'sometimes' }],
    ['a forwarding address that is not one', { inboundForwardTo: 'privacy team' }],
    ['a threshold above 1', { inboundAutoThreshold: 1.5 }],
    ['a negative threshold', { inboundAutoThreshold: -0.1 }],
    ['a purge of zero days', { unconfirmedPurgeDays: 0 }],
    ['a controller without a name', { controller: { contact: 'x@y.example' } }],
    ['a setting that is not changeable here', { oidc: { issuer: 'https://idp.example' } }],
    ['a logo over http', { logoUrl: 'http://cdn.shop.example/logo.png' }],
    ['a logo URL with credentials', { logoUrl: 'https://user:pass@cdn.shop.example/logo.png' }],
    ['a logo URL that hides its host', { logoUrl: 'https://good.example@evil.example/logo.png' }],
    ['a script URL as privacy policy', { privacyPolicyUrl: 'javascript:alert(1)' }],
    ['a relative privacy policy', { privacyPolicyUrl: '/privacy' }],
    ['a named colour', { accentColor: 'red' }],
    ['a short hex colour', { accentColor: '#fc0' }],
    ['a display name over two lines', { displayName: 'Shop\r\nBcc: victim@example.org' }],
    ['an empty display name', { displayName: '   ' }],
    ['a privacy officer nobody can reach', { privacyOfficer: { name: 'Dana Officer' } }],
    ['an EU representative with a bad email', { euRepresentative: { name: 'Rep', email: 'rep at example' } }],
    [
      'an EU representative with a lower-case country',
      { euRepresentative: { name: 'Rep', email: 'r@rep.example', country: 'nl' } },
    ],
    ['a controller with an unknown key', { controller: { name: 'Shop', phone: '+31 20 000' } }],
    ['a valid value next to an invalid one', { intercept: 'off', inboundAutoThreshold: 2 }],
    ['nothing at all', {}],
  ])('refuses %s with 400 and changes nothing', async (_name, json) => {
    const { tenant, apiKey } = await seedTenant('eu', { intercept: 'eu' });
    const before = await storedSettings(tenant.id);
    const res = await api(apiKey, '/tenant/settings', { method: 'PATCH', json });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect(await storedSettings(tenant.id)).toEqual(before);
    expect(await countRows(env.DB_EU, 'audit_log', 'tenant_id = ?', tenant.id)).toBe(0);
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        "tenant_id = ? and type = 'tenant.settings_changed'",
        tenant.id,
      ),
    ).toBe(0);
  });

  it('stores branding URLs and colours normalised, and removes them with null', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const res = await api(apiKey, '/tenant/settings', {
      method: 'PATCH',
      json: {
        logoUrl: 'HTTPS://CDN.Shop.Example:443/a/../logo.png',
        accentColor: '#0A7D4F',
        privacyPolicyUrl: 'https://shop.example/privacy policy',
        displayName: '  Shop  ',
      },
    });
    expect(res.status).toBe(200);
    const normalised = {
      logoUrl: 'https://cdn.shop.example/logo.png',
      accentColor: '#0a7d4f',
      privacyPolicyUrl: 'https://shop.example/privacy%20policy',
      displayName: 'Shop',
    };
    expect(await res.json()).toMatchObject(normalised);
    expect(await storedSettings(tenant.id)).toEqual(normalised);
    const cleared = await api(apiKey, '/tenant/settings', {
      method: 'PATCH',
      json: { logoUrl: null, accentColor: null },
    });
    expect(await cleared.json()).toMatchObject({ logoUrl: null, accentColor: null, displayName: 'Shop' });
    expect(await storedSettings(tenant.id)).toEqual({
      privacyPolicyUrl: 'https://shop.example/privacy%20policy',
      displayName: 'Shop',
    });
  });

  it('another isolate, whose cache the PATCH cannot reach, follows the change within the cache TTL', async () => {
    const { tenant } = await seedTenant('eu');
    const { db } = regional(env, 'eu');
    const cachedAt = Date.now();
    // The other isolate read the tenant for a click before the change...
    expect((await cachedTenant(db, tenant.id, cachedAt))?.settings.intercept).toBeUndefined();
    // ...then the change was written elsewhere (its forgetTenant ran in that other isolate).
    await env.DB_EU.prepare(
      `update tenants set settings = json_set(settings, '$.intercept', 'off') where id = ?`,
    )
      .bind(tenant.id)
      .run();
    expect(
      (await cachedTenant(db, tenant.id, cachedAt + TENANT_CACHE_TTL_MS - 1))?.settings.intercept,
    ).toBeUndefined();
    expect((await cachedTenant(db, tenant.id, cachedAt + TENANT_CACHE_TTL_MS))?.settings.intercept).toBe(
      'off',
    );
    expect(TENANT_CACHE_TTL_MS).toBeLessThanOrEqual(30_000);
  });

  it('refreshes a cached tenant behind a click before it expires: the click answers from the cache', async () => {
    const { tenant } = await seedTenant('eu');
    const { db } = regional(env, 'eu');
    const cachedAt = Date.now();
    const setIntercept = (value: string) =>
      env.DB_EU.prepare(`update tenants set settings = json_set(settings, '$.intercept', ?) where id = ?`)
        .bind(value, tenant.id)
        .run();
    expect((await cachedTenant(db, tenant.id, cachedAt))?.settings.intercept).toBeUndefined();
    await setIntercept('off');
    const held: Promise<unknown>[] = [];
    const refreshAt = cachedAt + TENANT_REFRESH_AFTER_MS;
    const hold = (p: Promise<unknown>) => held.push(p);
    // Two clicks at the refresh age: both answered from the cache, one read behind them.
    expect((await cachedTenant(db, tenant.id, refreshAt, hold))?.settings.intercept).toBeUndefined();
    expect((await cachedTenant(db, tenant.id, refreshAt, hold))?.settings.intercept).toBeUndefined();
    expect(held).toHaveLength(1);
    await Promise.all(held);
    await setIntercept('all');
    // When the first read would have expired, the refreshed row (read at the refresh) answers.
    expect((await cachedTenant(db, tenant.id, cachedAt + TENANT_CACHE_TTL_MS))?.settings.intercept).toBe(
      'off',
    );
    expect((await cachedTenant(db, tenant.id, refreshAt + TENANT_CACHE_TTL_MS))?.settings.intercept).toBe(
      'all',
    );
  });

  it('documents the new settings and the cache delay in the OpenAPI document', async () => {
    const doc = (await (await call('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { summary?: string }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.components.schemas.TenantSettingsPatch?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'displayName',
        'logoUrl',
        'accentColor',
        'privacyPolicyUrl',
        'controller',
        'privacyOfficer',
        'euRepresentative',
      ]),
    );
    expect(doc.components.schemas.EuRepresentative).toBeDefined();
    expect(doc.paths['/v1/tenant/settings']?.patch?.summary).toContain('30 s');
  });

  it('needs the admin scope and is in the OpenAPI document', async () => {
    const { tenant } = await seedTenant('eu');
    const { key } = await createApiKey(regional(env, 'eu').db, tenant, {
      name: 'reader',
      scopes: ['subscribers'],
    });
    expect((await api(key, '/tenant/settings', { method: 'PATCH', json: { intercept: 'off' } })).status).toBe(
      403,
    );
    expect(await storedSettings(tenant.id)).toEqual({});
    const doc = (await (await call('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/v1/tenant/settings'] ?? {})).toEqual(
      expect.arrayContaining(['get', 'patch']),
    );
  });
});
