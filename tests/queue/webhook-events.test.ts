// The events webhooks carry: the one catalogue and its OpenAPI `webhooks` section, a privacy
// request reaching the client's receiver within seconds through the real queues whatever the
// channel, and the per-subject sequence numbers that let a client order what it receives.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../db/client';
import { outboxInsert } from '../../db/outbox';
import { regional } from '../../db/regions';
import { EVENT_CATALOGUE, EVENT_TYPES, SUBSCRIBABLE_TYPES } from '../../shared/webhooks/catalogue';
import { inboundSetup } from '../email/helpers';
import { deliver, inboundMessage, rawMail } from '../support/inbound';
import { seedSubscriber } from '../support/privacy';
import { api, call, seedTenant } from '../support/seed';
import { createEndpoint, receivedAtLeast, receiverUrl, verifies } from '../support/webhooks';

const { db, d1 } = regional(env, 'eu');

/** The outbox's event types when webhooks came: each must stay in the catalogue. */
const TYPES_OF_THE_OUTBOX = [
  'privacy_request.created',
  'privacy_request.duplicate_merged',
  'privacy_request.due_soon',
  'privacy_request.verified',
  'privacy_request.paused',
  'privacy_request.resumed',
  'privacy_request.extended',
  'privacy_request.executing',
  'privacy_request.completed',
  'privacy_request.rejected',
  'privacy_request.closed',
  'consent.recorded',
  'consent.confirmed',
  'subscriber.created',
  'subscriber.erased',
  'subscriber.home_region_set',
  'subscriber.bounced',
  'subscribers.imported',
  'subscription.unconfirmed_purged',
  'tenant.settings_changed',
];

describe('the event catalogue', () => {
  it('holds every event type of the outbox, each with a versioned schema', () => {
    expect(EVENT_TYPES).toEqual(expect.arrayContaining(TYPES_OF_THE_OUTBOX));
    for (const type of EVENT_TYPES) expect(EVENT_CATALOGUE[type].version).toBeGreaterThanOrEqual(1);
    expect(SUBSCRIBABLE_TYPES).not.toContain('webhook_endpoint.test');
  });

  it('is the webhooks section of the OpenAPI 3.1 document, one JSON schema per type', async () => {
    const doc = (await (await call('/api/openapi.json')).json()) as {
      openapi: string;
      components: { schemas: Record<string, unknown> };
      webhooks: Record<
        string,
        { post: { 'x-subscribable': boolean; requestBody: { content: Record<string, { schema: unknown }> } } }
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.webhooks).sort()).toEqual([...EVENT_TYPES].sort());
    // What an endpoint may subscribe to, as the dashboard offers it.
    expect(
      Object.entries(doc.webhooks)
        .filter(([, op]) => op.post['x-subscribable'])
        .map(([type]) => type)
        .sort(),
    ).toEqual([...SUBSCRIBABLE_TYPES].sort());
    expect(SUBSCRIBABLE_TYPES.length).toBeLessThan(EVENT_TYPES.length);
    const created = JSON.stringify(doc.webhooks['privacy_request.created']);
    for (const field of [
      '"type"',
      '"timestamp"',
      '"data"',
      '"subject"',
      '"requestId"',
      '"webhook-signature"',
    ])
      expect(created).toContain(field);
    expect(JSON.stringify(doc.components.schemas.WebhookSubject)).toContain('"sequence"');
  });

  it('refuses an endpoint filter naming a type it lacks', async () => {
    const { apiKey } = await seedTenant('eu');
    for (const eventTypes of [['privacy_request.teleported'], ['nothing.*'], ['webhook_endpoint.test'], []]) {
      const res = await api(apiKey, '/webhook-endpoints', {
        method: 'POST',
        json: { url: receiverUrl().url, eventTypes },
      });
      expect(res.status, JSON.stringify(eventTypes)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    }
  });
});

describe('a privacy request', () => {
  it('filed through the API reaches the client within seconds, signed, without personal data', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const { key, url } = receiverUrl();
    const endpoint = await createEndpoint(apiKey, { url, eventTypes: ['privacy_request.*'] });
    const sub = await seedSubscriber(tenant, { email: 'marie.dupont@mail.example.fr', name: 'Marie Dupont' });
    const filedAt = Date.now();
    const res = await api(apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'erasure', subscriberId: sub.id },
    });
    expect(res.status).toBe(201);
    const requestId = ((await res.json()) as { id: string }).id;
    const [got] = await receivedAtLeast(key, 1, 5_000);
    expect(got, 'no webhook within 5 s').toBeDefined();
    expect(got!.receivedAt - filedAt).toBeLessThan(5_000);
    expect(verifies(endpoint.secret, got!)).toBe(true);
    const body = JSON.parse(got!.body);
    expect(body).toMatchObject({
      type: 'privacy_request.created',
      data: {
        requestId,
        subscriberId: sub.id,
        kind: 'erasure',
        channel: 'api',
        subject: { type: 'privacy_request', id: requestId, sequence: 1 },
      },
    });
    expect(got!.body).not.toMatch(/marie|dupont/i);
  });

  it('written by mail to the privacy address reaches the client within seconds too', async () => {
    const s = await inboundSetup('eu');
    const { key, url } = receiverUrl();
    await createEndpoint(s.apiKey, { url, eventTypes: ['privacy_request.created'] });
    const filedAt = Date.now();
    await deliver(
      inboundMessage(
        rawMail({
          from: `Anna Schmidt <${s.email}>`,
          to: s.reply,
          subject: 'Re: Our autumn offers',
          messageId: '<webhook-reply@mail.example.org>',
          body: 'Please delete all my personal data.',
        }),
        { from: s.email, to: s.reply },
      ),
    );
    const [got] = await receivedAtLeast(key, 1, 5_000);
    expect(got, 'no webhook within 5 s').toBeDefined();
    expect(got!.receivedAt - filedAt).toBeLessThan(5_000);
    expect(JSON.parse(got!.body)).toMatchObject({
      type: 'privacy_request.created',
      data: { kind: 'erasure', channel: 'email', subscriberId: s.subscriber.id },
    });
    expect(got!.body).not.toContain(s.email);
  });
});

describe('sequence numbers', () => {
  it('number the events of one subject 1, 2, 3 … even when written at the same moment', async () => {
    const { tenant } = await seedTenant('eu');
    const write = () =>
      runBatch(db, [
        outboxInsert(db, {
          tenantId: tenant.id,
          type: 'tenant.settings_changed',
          subjectType: 'tenant',
          subjectId: tenant.id,
          payload: { changed: ['x'] },
        }),
      ]);
    // Two in one batch, and twenty batches at once.
    await runBatch(db, [
      outboxInsert(db, {
        tenantId: tenant.id,
        type: 'tenant.settings_changed',
        subjectType: 'tenant',
        subjectId: tenant.id,
        payload: { changed: ['a'] },
      }),
      outboxInsert(db, {
        tenantId: tenant.id,
        type: 'tenant.settings_changed',
        subjectType: 'tenant',
        subjectId: tenant.id,
        payload: { changed: ['b'] },
      }),
    ]);
    await Promise.all(Array.from({ length: 20 }, write));
    const { results } = await d1
      .prepare('select seq from outbox_events where tenant_id = ? and subject_id = ? order by seq')
      .bind(tenant.id, tenant.id)
      .all<{ seq: number }>();
    expect(results.map((r) => r.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    // Another subject starts at 1.
    const other = await seedTenant('eu');
    await runBatch(db, [
      outboxInsert(db, {
        tenantId: other.tenant.id,
        type: 'tenant.settings_changed',
        subjectType: 'tenant',
        subjectId: other.tenant.id,
        payload: { changed: ['x'] },
      }),
    ]);
    const first = await d1
      .prepare('select seq from outbox_events where tenant_id = ?')
      .bind(other.tenant.id)
      .first<{ seq: number }>();
    expect(first?.seq).toBe(1);
  });

  it('follow a request through its lifecycle in what the client receives', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const { key, url } = receiverUrl();
    await createEndpoint(apiKey, { url, eventTypes: ['privacy_request.*'] });
    const sub = await seedSubscriber(tenant, { email: 'li.wei@mail.example.com' });
    const filed = await api(apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'access', subscriberId: sub.id },
    });
    const id = ((await filed.json()) as { id: string }).id;
    expect(
      (await api(apiKey, `/privacy-requests/${id}/pause`, { method: 'POST', json: { note: 'Wait' } })).status,
    ).toBe(200);
    expect((await api(apiKey, `/privacy-requests/${id}/resume`, { method: 'POST', json: {} })).status).toBe(
      200,
    );
    const got = await receivedAtLeast(key, 3);
    const seen = got
      .map((r) => JSON.parse(r.body) as { type: string; data: { subject: { sequence: number } } })
      .sort((a, b) => a.data.subject.sequence - b.data.subject.sequence)
      .map((b) => [b.data.subject.sequence, b.type]);
    expect(seen).toEqual([
      [1, 'privacy_request.created'],
      [2, 'privacy_request.paused'],
      [3, 'privacy_request.resumed'],
    ]);
  });
});
