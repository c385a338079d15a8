// GET/PATCH /api/v1/tenant/settings: the settings a client changes itself take effect at once
// (also for the link intercept, whose tenant rows are cached per isolate), leave an audit row
// and an event, and a bad value changes nothing.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../db/api-keys';
import { regional } from '../../db/regions';
import { api, call, countRows, seedTenant } from '../support/seed';
import { BROWSER_UA, EU_CF, captureQueue, mintLink, seedList, seedSubscriber } from '../support/intercept';

const storedSettings = async (tenantId: string) =>
  JSON.parse(
    (await env.DB_EU.prepare('select settings from tenants where id = ?')
      .bind(tenantId)
      .first<{ settings: string }>())!.settings,
  ) as Record<string, unknown>;

describe('/api/v1/tenant/settings', () => {
  it('turning the intercept off sends an EU click without consent straight on, right away', async () => {
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
    expect(audit.results).toEqual([
      { actor_type: 'api_key', actor_id: apiKeyId, details: JSON.stringify({ changed: ['intercept'] }) },
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
      controller: { name: 'Shop BV', contact: 'dpo@shop.example', country: 'NL' },
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
