// /api/v1/webhook-endpoints: the secret shown once and kept only encrypted, changes, deletion
// with the delivery log, test events, the delivery log's views, and bad input refused with a
// clear 400 that changes nothing.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { api, countRows, seedTenant } from '../support/seed';
import { callSettled } from '../support/consent';
import { recordD1 } from '../support/slow-writes';
import { createEndpoint, receivedAtLeast, receiverUrl, verifies } from '../support/webhooks';

const { d1 } = regional(env, 'eu');

type ErrorBody = { error: { code: string; message: string } };

describe('webhook endpoints', () => {
  it('show the secret once, on creation, and store it only encrypted', async () => {
    const { apiKey } = await seedTenant('eu');
    const { url } = receiverUrl();
    const created = await createEndpoint(apiKey, {
      url,
      description: 'CRM',
      eventTypes: ['privacy_request.*'],
    });
    expect(created).toMatchObject({
      url,
      description: 'CRM',
      eventTypes: ['privacy_request.*'],
      enabled: true,
      includeSubscriberEmail: false,
      disabledReason: null,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const shown = await (await api(apiKey, `/webhook-endpoints/${created.id}`)).text();
    const listed = await (await api(apiKey, '/webhook-endpoints')).text();
    for (const text of [shown, listed]) {
      expect(text).not.toContain(created.secret);
      expect(text).not.toContain('"secret"');
    }
    const row = await d1
      .prepare('select secret_ct from webhook_endpoints where id = ?')
      .bind(created.id)
      .first<{ secret_ct: string }>();
    expect(row?.secret_ct).not.toContain(created.secret.slice('whsec_'.length, 20));
    expect(row?.secret_ct.length).toBeGreaterThan(40);
  });

  it('are listed, changed and deleted with their deliveries and attempts', async () => {
    const { apiKey } = await seedTenant('eu');
    const first = await createEndpoint(apiKey, { url: receiverUrl().url });
    const second = await createEndpoint(apiKey, { url: receiverUrl().url });
    const page = (await (await api(apiKey, '/webhook-endpoints?limit=1')).json()) as {
      data: { id: string }[];
      nextCursor: string | null;
    };
    expect(page.data.map((e) => e.id)).toEqual([first.id]);
    const rest = (await (
      await api(apiKey, `/webhook-endpoints?limit=1&cursor=${page.nextCursor}`)
    ).json()) as {
      data: { id: string }[];
    };
    expect(rest.data.map((e) => e.id)).toEqual([second.id]);

    const changed = await api(apiKey, `/webhook-endpoints/${first.id}`, {
      method: 'PATCH',
      json: { eventTypes: ['consent.recorded', 'subscriber.*'], includeSubscriberEmail: true },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      eventTypes: ['consent.recorded', 'subscriber.*'],
      includeSubscriberEmail: true,
    });

    const tested = await api(apiKey, `/webhook-endpoints/${first.id}/test`, { method: 'POST' });
    const { deliveryId } = (await tested.json()) as { deliveryId: string };
    await expect
      .poll(() => countRows(d1, 'webhook_attempts', 'delivery_id = ?', deliveryId), { timeout: 10_000 })
      .toBe(1);
    expect((await api(apiKey, `/webhook-endpoints/${first.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(apiKey, `/webhook-endpoints/${first.id}`)).status).toBe(404);
    expect(await countRows(d1, 'webhook_deliveries', 'endpoint_id = ?', first.id)).toBe(0);
    expect(await countRows(d1, 'webhook_attempts', 'delivery_id = ?', deliveryId)).toBe(0);
    expect((await api(apiKey, `/webhook-endpoints/${second.id}`)).status).toBe(200);
  });

  it('receive a signed test event on request, followed in the delivery log with every attempt', async () => {
    const { apiKey } = await seedTenant('eu');
    const { key, url } = receiverUrl('500,200');
    const endpoint = await createEndpoint(apiKey, { url, eventTypes: ['privacy_request.created'] });
    const res = await api(apiKey, `/webhook-endpoints/${endpoint.id}/test`, { method: 'POST' });
    expect(res.status).toBe(202);
    const { eventId, deliveryId } = (await res.json()) as { eventId: string; deliveryId: string };
    const [got] = await receivedAtLeast(key, 1);
    expect(got?.headers['webhook-id']).toBe(eventId);
    expect(verifies(endpoint.secret, got!)).toBe(true);
    expect(JSON.parse(got!.body)).toMatchObject({
      type: 'webhook_endpoint.test',
      data: { endpointId: endpoint.id },
    });
    await expect
      .poll(
        async () =>
          ((await (await api(apiKey, `/webhook-deliveries/${deliveryId}`)).json()) as { status: string })
            .status,
        { timeout: 10_000 },
      )
      .toBe('retrying');
    const shown = (await (await api(apiKey, `/webhook-deliveries/${deliveryId}`)).json()) as Record<
      string,
      unknown
    >;
    expect(shown).toMatchObject({
      eventId,
      endpointId: endpoint.id,
      eventType: 'webhook_endpoint.test',
      attempts: 1,
      lastStatusCode: 500,
      attemptLog: [{ round: 1, attempt: 1, statusCode: 500, outcome: 'failed', errorCode: 'http_status' }],
    });
    const listed = (await (
      await api(apiKey, `/webhook-deliveries?endpointId=${endpoint.id}&status=retrying`)
    ).json()) as { data: { id: string }[] };
    expect(listed.data.map((d) => d.id)).toEqual([deliveryId]);
  });

  it('write a test event, its delivery and the one audit row naming both together', async () => {
    const { apiKey, tenant } = await seedTenant('eu');
    const endpoint = await createEndpoint(apiKey, { url: receiverUrl().url });
    const res = await api(apiKey, `/webhook-endpoints/${endpoint.id}/test`, { method: 'POST' });
    expect(res.status).toBe(202);
    const { eventId, deliveryId } = (await res.json()) as { eventId: string; deliveryId: string };
    const { results } = await d1
      .prepare(
        "select action, target_type, target_id, details from audit_log where tenant_id = ? and action not like 'webhook_endpoint.created'",
      )
      .bind(tenant.id)
      .all<{ action: string; target_type: string; target_id: string; details: string }>();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      action: 'webhook_endpoint.test_sent',
      target_type: 'webhook_endpoint',
      target_id: endpoint.id,
    });
    expect(JSON.parse(results[0]!.details)).toEqual({ eventId, deliveryId });
    expect(await countRows(d1, 'webhook_deliveries', 'id = ? and event_id = ?', deliveryId, eventId)).toBe(1);
  });
});

describe('a test event', () => {
  const written = async (tenantId: string) => ({
    events: await countRows(
      d1,
      'outbox_events',
      "tenant_id = ? and type = 'webhook_endpoint.test'",
      tenantId,
    ),
    deliveries: await countRows(d1, 'webhook_deliveries', 'tenant_id = ?', tenantId),
    audited: await countRows(
      d1,
      'audit_log',
      "tenant_id = ? and action = 'webhook_endpoint.test_sent'",
      tenantId,
    ),
  });

  it('costs the request two D1 round trips: the key, one write that checks the endpoint (on the audit head this isolate wrote)', async () => {
    const { apiKey } = await seedTenant('eu');
    const endpoint = await createEndpoint(apiKey, { url: receiverUrl().url });
    const { result, roundTrips } = await recordD1(() =>
      callSettled(`/api/v1/webhook-endpoints/${endpoint.id}/test`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}` },
      }),
    );
    expect(result.status).toBe(202);
    expect(roundTrips).toBe(2);
  });

  it('to a disabled endpoint is refused with 409 and writes nothing', async () => {
    const { apiKey, tenant } = await seedTenant('eu');
    const endpoint = await createEndpoint(apiKey, { url: receiverUrl().url });
    await api(apiKey, `/webhook-endpoints/${endpoint.id}`, { method: 'PATCH', json: { enabled: false } });
    const res = await api(apiKey, `/webhook-endpoints/${endpoint.id}/test`, { method: 'POST' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.code).toBe('conflict');
    expect(await written(tenant.id)).toEqual({ events: 0, deliveries: 0, audited: 0 });
  });

  it("to another tenant's endpoint or none is 404 and writes nothing", async () => {
    const owner = await seedTenant('eu');
    const theirs = await createEndpoint(owner.apiKey, { url: receiverUrl().url });
    const other = await seedTenant('eu');
    for (const id of [theirs.id, 'whe_nonexistent']) {
      const res = await api(other.apiKey, `/webhook-endpoints/${id}/test`, { method: 'POST' });
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorBody).error.code).toBe('not_found');
    }
    expect(await written(other.tenant.id)).toEqual({ events: 0, deliveries: 0, audited: 0 });
    expect(await written(owner.tenant.id)).toEqual({ events: 0, deliveries: 0, audited: 0 });
  });
});

describe('bad input', () => {
  const valid = () => ({ url: receiverUrl().url });

  it.each([
    ['a private address', { url: 'https://192.168.0.10/hook' }, 'url'],
    ['the metadata address', { url: 'https://169.254.169.254/latest' }, 'url'],
    ['plain http', { url: 'http://hooks.example.com/' }, 'url'],
    ['a local name', { url: 'https://intranet.local/' }, 'url'],
    ['this service', { url: 'https://privacy.test/api/v1/tenant' }, 'url'],
    ['credentials', { url: 'https://a:b@hooks.example.com/' }, 'url'],
    ['a port', { url: 'https://hooks.example.com:9000/' }, 'url'],
    ['not a URL', { url: 'hooks' }, 'url'],
    [
      'an unknown event type',
      { url: 'https://hooks.example.com/', eventTypes: ['consent.teleported'] },
      'eventTypes',
    ],
    ['no event type', { url: 'https://hooks.example.com/', eventTypes: [] }, 'eventTypes'],
    ['an unknown field', { url: 'https://hooks.example.com/', secret: 'whsec_mine' }, ''],
    ['a wrong type', { url: 'https://hooks.example.com/', enabled: 'yes' }, 'enabled'],
  ])('%s is refused with a 400 naming the field, and nothing is created', async (_, json, field) => {
    const { apiKey, tenant } = await seedTenant('eu');
    const res = await api(apiKey, '/webhook-endpoints', { method: 'POST', json });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain(field);
    expect(await countRows(d1, 'webhook_endpoints', 'tenant_id = ?', tenant.id)).toBe(0);
  });

  it('a change to a private URL is refused and leaves the endpoint as it was', async () => {
    const { apiKey } = await seedTenant('eu');
    const endpoint = await createEndpoint(apiKey, valid());
    const res = await api(apiKey, `/webhook-endpoints/${endpoint.id}`, {
      method: 'PATCH',
      json: { url: 'https://[::ffff:10.0.0.1]/' },
    });
    expect(res.status).toBe(400);
    expect(
      ((await (await api(apiKey, `/webhook-endpoints/${endpoint.id}`)).json()) as { url: string }).url,
    ).toBe(endpoint.url);
    expect(
      (await api(apiKey, `/webhook-endpoints/${endpoint.id}`, { method: 'PATCH', json: {} })).status,
    ).toBe(400);
  });

  it('a rotation or replay with a bad body is refused', async () => {
    const { apiKey } = await seedTenant('eu');
    const endpoint = await createEndpoint(apiKey, valid());
    for (const [path, json] of [
      ['rotate-secret', { previousSecretExpiresInHours: 1000 }],
      ['rotate-secret', { previousSecretExpiresInHours: -1 }],
      ['replay', { since: 'yesterday' }],
      ['replay', { since: '2026-01-01T00:00:00Z', statuses: ['delivered'] }],
      ['replay', {}],
    ] as const) {
      const res = await api(apiKey, `/webhook-endpoints/${endpoint.id}/${path}`, { method: 'POST', json });
      expect(res.status, `${path} ${JSON.stringify(json)}`).toBe(400);
    }
    const res = await api(apiKey, '/webhook-deliveries?status=lost');
    expect(res.status).toBe(400);
  });
});
