// Webhook delivery by the deliveries queue's consumer, against a real local receiver: signed
// requests the reference verifier accepts, the retry schedule on 500 and on timeout, 410 and five
// failing days disabling the endpoint (event and owner mail), dead after the last attempt and the
// dead-letter record, one send for duplicate messages, rotation's two signatures, replays, and
// answers that must not stall the queue (redirects, 5 MB bodies).

import { AsyncLocalStorage } from 'node:async_hooks';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createAdminUser } from '../../db/admin-users';
import { runBatch } from '../../db/client';
import { outboxInsert, type OutboxEventInput } from '../../db/outbox';
import { regional } from '../../db/regions';
import { tenantKeys } from '../../db/tenants';
import { createDeliveries } from '../../db/webhook-deliveries';
import { isEventType } from '../../shared/webhooks/catalogue';
import { MAX_ATTEMPTS } from '../../shared/webhooks/retry-schedule';
import { fanOutEvent } from '../../workers/queue/webhook-fan-out';
import { captureMail } from '../support/mail';
import { recordD1 } from '../support/slow-writes';
import { seedSubscriber } from '../support/privacy';
import { api, countRows, type SeededTenant, seedTenant } from '../support/seed';
import {
  type CreatedEndpoint,
  createEndpoint,
  deliveriesOf,
  received,
  receivedAtLeast,
  receiverUrl,
  runDeadLetters,
  runDeliveries,
  verifies,
} from '../support/webhooks';

const { db, d1 } = regional(env, 'eu');

type Json = Record<string, unknown>;

type Setup = { seeded: SeededTenant; endpoint: CreatedEndpoint; key: string };

async function endpointOf(script: string, extra: Record<string, unknown> = {}): Promise<Setup> {
  const seeded = await seedTenant('eu');
  const { key, url } = receiverUrl(script);
  const endpoint = await createEndpoint(seeded.apiKey, { url, ...extra });
  return { seeded, endpoint, key };
}

/** An event written as a capability writes it, and its deliveries, without the real queue sending them. */
async function eventFor(
  setup: Setup,
  event: Partial<OutboxEventInput> = {},
): Promise<{ eventId: string; deliveryId: string }> {
  const tenantId = setup.seeded.tenant.id;
  const insert = outboxInsert(db, {
    tenantId,
    type: 'tenant.settings_changed',
    subjectType: 'tenant',
    subjectId: tenantId,
    payload: { changed: ['brandColor'] },
    ...event,
  });
  await runBatch(db, [insert]);
  const type = event.type ?? 'tenant.settings_changed';
  if (!isEventType(type)) throw new Error('not a catalogue type');
  const refs = await createDeliveries(
    db,
    { id: insert.eventId, tenantId, type, occurredAt: new Date() },
    new Date(),
  );
  const mine = (
    await deliveriesOf(d1, 'event_id = ? and endpoint_id = ?', insert.eventId, setup.endpoint.id)
  )[0];
  expect(refs.map((r) => r.id)).toContain(mine?.id);
  return { eventId: insert.eventId, deliveryId: mine!.id };
}

const message = (setup: Setup, deliveryId: string, round = 1) => ({
  deliveryId,
  tenantId: setup.seeded.tenant.id,
  round,
});

async function deliveryRow(id: string) {
  const [row] = await deliveriesOf(d1, 'id = ?', id);
  return row!;
}

async function attemptsOf(deliveryId: string) {
  const { results } = await d1
    .prepare('select * from webhook_attempts where delivery_id = ? order by round, attempt')
    .bind(deliveryId)
    .all<{
      round: number;
      attempt: number;
      at: number;
      status_code: number | null;
      outcome: string;
      error_code: string | null;
      duration_ms: number;
    }>();
  return results;
}

/** The attempt's time has come: what the queue's delay would have waited for. */
const timePasses = (deliveryId: string) =>
  d1.prepare('update webhook_deliveries set next_attempt_at = null where id = ?').bind(deliveryId).run();

/** A `tenant.settings_changed` event of the tenant, written to its outbox (not yet fanned out). */
async function settingsChanged(tenantId: string) {
  const insert = outboxInsert(db, {
    tenantId,
    type: 'tenant.settings_changed',
    subjectType: 'tenant',
    subjectId: tenantId,
    payload: { changed: ['brandColor'] },
  });
  await runBatch(db, [insert]);
  // Its id only: the insert itself is a thenable query, which an async function would run again.
  return { eventId: insert.eventId };
}

/** The queue's fan-out message for an EU `tenant.settings_changed` event, without its tenant. */
const fanOutMessage = (eventId: string) => ({
  type: 'outbox-event' as const,
  region: 'eu' as const,
  eventId,
  eventType: 'tenant.settings_changed',
});

describe('a delivered webhook', () => {
  it('is one signed POST of {type, timestamp, data} the reference verifier accepts', async () => {
    const setup = await endpointOf('200');
    const { eventId, deliveryId } = await eventFor(setup);
    const result = await runDeliveries([message(setup, deliveryId)]);
    expect(result.explicitAcks).toEqual(['msg-0']);
    const [request] = await received(setup.key);
    expect(request?.headers['webhook-id']).toBe(eventId);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(Math.abs(Number(request?.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(verifies(setup.endpoint.secret, request!)).toBe(true);
    const body = JSON.parse(request!.body);
    expect(Object.keys(body).sort()).toEqual(['data', 'timestamp', 'type']);
    expect(body.type).toBe('tenant.settings_changed');
    expect(body.data).toMatchObject({
      schemaVersion: 1,
      eventId,
      tenantId: setup.seeded.tenant.id,
      subject: { type: 'tenant', id: setup.seeded.tenant.id, sequence: expect.any(Number) },
      changed: ['brandColor'],
    });
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      last_status_code: 200,
    });
    expect(await attemptsOf(deliveryId)).toMatchObject([
      { round: 1, attempt: 1, status_code: 200, outcome: 'delivered' },
    ]);
  });

  it('goes only to the endpoints whose filters match, once per endpoint however often the event comes', async () => {
    const seeded = await seedTenant('eu');
    const wanted = await createEndpoint(seeded.apiKey, { url: receiverUrl().url, eventTypes: ['tenant.*'] });
    const other = await createEndpoint(seeded.apiKey, {
      url: receiverUrl().url,
      eventTypes: ['privacy_request.*'],
    });
    const all = await createEndpoint(seeded.apiKey, { url: receiverUrl().url });
    await api(seeded.apiKey, `/webhook-endpoints/${all.id}`, { method: 'PATCH', json: { enabled: false } });
    const setup = { seeded, endpoint: wanted, key: '' };
    const { eventId } = await eventFor(setup);
    const again = await createDeliveries(
      db,
      { id: eventId, tenantId: seeded.tenant.id, type: 'tenant.settings_changed', occurredAt: new Date() },
      new Date(),
    );
    expect(again).toHaveLength(1);
    const rows = await deliveriesOf(d1, 'event_id = ?', eventId);
    expect(rows.map((r) => r.endpoint_id)).toEqual([wanted.id]);
    expect(rows.map((r) => r.endpoint_id)).not.toContain(other.id);
  });

  it('is fanned out in two D1 round trips: the receipt with the live endpoints, then the deliveries', async () => {
    const seeded = await seedTenant('eu');
    const wanted = await createEndpoint(seeded.apiKey, { url: receiverUrl().url, eventTypes: ['tenant.*'] });
    await createEndpoint(seeded.apiKey, { url: receiverUrl().url, eventTypes: ['privacy_request.*'] });
    const disabled = await createEndpoint(seeded.apiKey, { url: receiverUrl().url });
    await api(seeded.apiKey, `/webhook-endpoints/${disabled.id}`, {
      method: 'PATCH',
      json: { enabled: false },
    });
    const insert = await settingsChanged(seeded.tenant.id);
    // Created after the event occurred: not one of its endpoints.
    await createEndpoint(seeded.apiKey, { url: receiverUrl().url, eventTypes: ['tenant.*'] });
    const msg = { ...fanOutMessage(insert.eventId), tenantId: seeded.tenant.id };
    const { roundTrips } = await recordD1(() => fanOutEvent(env, msg));
    expect(roundTrips).toBe(2);
    const rows = await deliveriesOf(d1, 'event_id = ?', insert.eventId);
    expect(rows.map((r) => r.endpoint_id)).toEqual([wanted.id]);
  });

  it('is not received through a message naming another tenant: the event stays unreceived and undelivered', async () => {
    const seeded = await seedTenant('eu');
    const wanted = await createEndpoint(seeded.apiKey, { url: receiverUrl().url, eventTypes: ['tenant.*'] });
    const other = await seedTenant('eu');
    const insert = await settingsChanged(seeded.tenant.id);
    const msg = fanOutMessage(insert.eventId);
    await fanOutEvent(env, { ...msg, tenantId: other.tenant.id });
    const receivedAt = () =>
      d1
        .prepare('select received_at from outbox_events where id = ?')
        .bind(insert.eventId)
        .first('received_at');
    expect(await receivedAt()).toBeNull();
    expect(await deliveriesOf(d1, 'event_id = ?', insert.eventId)).toHaveLength(0);
    // The event's own tenant still receives it once, with its delivery.
    await fanOutEvent(env, { ...msg, tenantId: seeded.tenant.id });
    expect(await receivedAt()).not.toBeNull();
    const rows = await deliveriesOf(d1, 'event_id = ?', insert.eventId);
    expect(rows.map((r) => r.endpoint_id)).toEqual([wanted.id]);
  });

  it('is sent once when the same message comes twice at the same moment, and never after it was delivered', async () => {
    const setup = await endpointOf('slow400');
    const { deliveryId } = await eventFor(setup);
    const twice = await runDeliveries([
      { ...message(setup, deliveryId), id: 'first' },
      { ...message(setup, deliveryId), id: 'second' },
    ]);
    expect(await received(setup.key)).toHaveLength(1);
    // One was acked after sending; the other found the claim held and looks again later.
    expect(twice.explicitAcks).toHaveLength(1);
    expect(twice.retryMessages).toHaveLength(1);
    const later = await runDeliveries([{ ...message(setup, deliveryId), id: 'second' }]);
    expect(later.explicitAcks).toEqual(['second']);
    expect(await received(setup.key)).toHaveLength(1);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});

describe('a queue batch of deliveries', () => {
  it('is claimed in one D1 batch and settled in shared ones, each delivery sent and recorded once', async () => {
    const ok = await endpointOf('200');
    const failing = await endpointOf('500');
    const events = [
      ...(await Promise.all([1, 2, 3, 4].map(() => eventFor(ok)))).map((e) => ({ ...e, setup: ok })),
      { ...(await eventFor(failing)), setup: failing },
    ];
    const { result, batches, roundTrips } = await recordD1(() =>
      runDeliveries(events.map((e, i) => ({ ...message(e.setup, e.deliveryId), id: `m${i}` }))),
    );
    expect(result.explicitAcks.sort()).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(result.retryMessages).toEqual([{ msgId: 'm4', delaySeconds: 5 }]);
    // Five claims in the first round trip, five statements for all of them (five a delivery before);
    // at most one more round trip per settlement
    // (one at a time, the old way, was ten round trips).
    expect(batches[0]).toBe(5);
    expect(roundTrips).toBeLessThanOrEqual(6);
    const sent = await received(ok.key);
    expect(sent.map((r) => r.headers['webhook-id']).sort()).toEqual(
      events
        .slice(0, 4)
        .map((e) => e.eventId)
        .sort(),
    );
    expect(await received(failing.key)).toHaveLength(1);
    for (const e of events.slice(0, 4)) {
      expect(await deliveryRow(e.deliveryId)).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(await attemptsOf(e.deliveryId)).toMatchObject([{ attempt: 1, outcome: 'delivered' }]);
    }
    expect(await deliveryRow(events[4]!.deliveryId)).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(await attemptsOf(events[4]!.deliveryId)).toMatchObject([{ attempt: 1, status_code: 500 }]);
  });

  it("with messages of both regions claims each in its region's database", async () => {
    const eu = await endpointOf('200');
    const { deliveryId: euDelivery, eventId: euEvent } = await eventFor(eu);
    const usStore = regional(env, 'us');
    const us = await seedTenant('us');
    const { key, url } = receiverUrl('200');
    await createEndpoint(us.apiKey, { url });
    const insert = outboxInsert(usStore.db, {
      tenantId: us.tenant.id,
      type: 'tenant.settings_changed',
      subjectType: 'tenant',
      subjectId: us.tenant.id,
      payload: { changed: ['brandColor'] },
    });
    await runBatch(usStore.db, [insert]);
    const [usRef] = await createDeliveries(
      usStore.db,
      { id: insert.eventId, tenantId: us.tenant.id, type: 'tenant.settings_changed', occurredAt: new Date() },
      new Date(),
    );
    const result = await runDeliveries([
      { ...message(eu, euDelivery), id: 'eu' },
      { deliveryId: usRef!.id, tenantId: us.tenant.id, region: 'us', id: 'us' },
    ]);
    expect(result.explicitAcks.sort()).toEqual(['eu', 'us']);
    expect((await received(eu.key)).map((r) => r.headers['webhook-id'])).toEqual([euEvent]);
    expect((await received(key)).map((r) => r.headers['webhook-id'])).toEqual([insert.eventId]);
  });
});

describe('a claim', () => {
  it('of an earlier round sends nothing, and the current round is sent once', async () => {
    const setup = await endpointOf('200');
    const { deliveryId } = await eventFor(setup);
    await d1
      .prepare("update webhook_deliveries set round = 2, status = 'pending' where id = ?")
      .bind(deliveryId)
      .run();
    const stale = await runDeliveries([message(setup, deliveryId, 1)]);
    expect(stale.explicitAcks).toEqual(['msg-0']);
    expect(await received(setup.key)).toHaveLength(0);
    expect(await deliveryRow(deliveryId)).toMatchObject({ round: 2, attempts: 0, status: 'pending' });
    await runDeliveries([message(setup, deliveryId, 2)]);
    expect(await received(setup.key)).toHaveLength(1);
    expect(await deliveryRow(deliveryId)).toMatchObject({ round: 2, attempts: 1, status: 'delivered' });
  });

  it('of an earlier round that comes first in a batch leaves the claim to the current round', async () => {
    const setup = await endpointOf('500');
    const { eventId, deliveryId } = await eventFor(setup);
    await d1
      .prepare("update webhook_deliveries set round = 2, status = 'pending' where id = ?")
      .bind(deliveryId)
      .run();
    const both = await runDeliveries([
      { ...message(setup, deliveryId, 1), id: 'stale' },
      { ...message(setup, deliveryId, 2), id: 'current' },
    ]);
    // The stale message is acked without sending; the retry schedule follows the current one.
    expect(both.explicitAcks).toEqual(['stale']);
    expect(both.retryMessages).toEqual([{ msgId: 'current', delaySeconds: 5 }]);
    expect((await received(setup.key)).map((r) => r.headers['webhook-id'])).toEqual([eventId]);
    expect(await deliveryRow(deliveryId)).toMatchObject({ round: 2, attempts: 1, status: 'retrying' });
    expect(await attemptsOf(deliveryId)).toMatchObject([{ round: 2, attempt: 1, status_code: 500 }]);
  });

  it('of a delivery whose event is gone sends nothing and records why', async () => {
    const setup = await endpointOf('200');
    const { eventId, deliveryId } = await eventFor(setup);
    await d1.prepare('delete from outbox_events where id = ?').bind(eventId).run();
    const gone = await runDeliveries([message(setup, deliveryId)]);
    expect(gone.explicitAcks).toEqual(['msg-0']);
    expect(await received(setup.key)).toHaveLength(0);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: 'failed', last_error: 'event_missing' });
    expect((await attemptsOf(deliveryId)).map((a) => a.error_code)).toEqual(['event_missing']);
  });

  it("of another tenant's delivery sends nothing and changes nothing", async () => {
    const setup = await endpointOf('200');
    const other = await seedTenant('eu');
    const { deliveryId } = await eventFor(setup);
    const forged = await runDeliveries([{ deliveryId, tenantId: other.tenant.id, round: 1 }]);
    expect(forged.explicitAcks).toEqual(['msg-0']);
    expect(await received(setup.key)).toHaveLength(0);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: 'pending', attempts: 0 });
  });
});

describe('a failed attempt', () => {
  it('on a 500 is retried after 5 s, then 5 min, each attempt recorded without the answer body', async () => {
    const setup = await endpointOf('500');
    const { deliveryId } = await eventFor(setup);
    const first = await runDeliveries([message(setup, deliveryId)]);
    expect(first.retryMessages).toEqual([{ msgId: 'msg-0', delaySeconds: 5 }]);
    await timePasses(deliveryId);
    const second = await runDeliveries([message(setup, deliveryId)]);
    expect(second.retryMessages).toEqual([{ msgId: 'msg-0', delaySeconds: 300 }]);
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: 'retrying',
      attempts: 2,
      last_status_code: 500,
      last_error: 'http_status',
    });
    const attempts = await attemptsOf(deliveryId);
    expect(attempts.map((a) => [a.attempt, a.status_code, a.error_code])).toEqual([
      [1, 500, 'http_status'],
      [2, 500, 'http_status'],
    ]);
    expect(JSON.stringify(attempts)).not.toContain('"ok"');
    // The next attempt waits 5 min from the second, and no claim is held meanwhile.
    const row = await deliveryRow(deliveryId);
    expect(row.next_attempt_at).toBe(attempts[1]!.at + 300_000);
    expect(row.claimed_until).toBeNull();
    // Both attempts carried the same webhook-id.
    const ids = (await received(setup.key)).map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
  });

  it('a message that comes before its attempt time sends nothing', async () => {
    const setup = await endpointOf('500');
    const { deliveryId } = await eventFor(setup);
    await runDeliveries([message(setup, deliveryId)]);
    const early = await runDeliveries([message(setup, deliveryId)]);
    expect(early.explicitAcks).toEqual(['msg-0']);
    expect(await received(setup.key)).toHaveLength(1);
  });

  it('on a receiver that never answers gives up after 10 s and is retried after 5 s', {
    timeout: 40_000,
  }, async () => {
    const setup = await endpointOf('hang');
    const { deliveryId } = await eventFor(setup);
    const started = Date.now();
    const result = await runDeliveries([message(setup, deliveryId)]);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(9_500);
    expect(took).toBeLessThan(20_000);
    expect(result.retryMessages).toEqual([{ msgId: 'msg-0', delaySeconds: 5 }]);
    expect(await attemptsOf(deliveryId)).toMatchObject([{ status_code: null, error_code: 'timeout' }]);
  });

  it('on a redirect is not followed and counts as a failure', async () => {
    const setup = await endpointOf('redirect');
    const { deliveryId } = await eventFor(setup);
    const result = await runDeliveries([message(setup, deliveryId)]);
    expect(result.retryMessages).toEqual([{ msgId: 'msg-0', delaySeconds: 5 }]);
    expect(await received(`${setup.key}-redirected`)).toHaveLength(0);
    expect(await deliveryRow(deliveryId)).toMatchObject({ last_status_code: 302, last_error: 'redirect' });
  });

  it('of a 5 MB answer reads at most 4 KB and settles at once, 2xx delivered and 500 retried', async () => {
    for (const [script, status] of [
      ['big', 'delivered'],
      ['big500', 'retrying'],
    ] as const) {
      const setup = await endpointOf(script);
      const { deliveryId } = await eventFor(setup);
      const started = Date.now();
      await runDeliveries([message(setup, deliveryId)]);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await deliveryRow(deliveryId)).toMatchObject({ status });
    }
  });
});

describe('after the last attempt', () => {
  it('the delivery is dead, its message goes to the dead-letter queue, whose consumer records it', async () => {
    const setup = await endpointOf('500,200');
    const { deliveryId } = await eventFor(setup);
    await d1
      .prepare("update webhook_deliveries set attempts = ?, status = 'retrying' where id = ?")
      .bind(MAX_ATTEMPTS - 1, deliveryId)
      .run();
    const last = await runDeliveries([message(setup, deliveryId)]);
    // Retried without delay: past max_retries the platform moves it to the dead-letter queue.
    expect(last.retryMessages).toEqual([{ msgId: 'msg-0' }]);
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: 'dead',
      attempts: 8,
      next_attempt_at: null,
    });
    const dead = await runDeadLetters([message(setup, deliveryId)]);
    expect(dead.explicitAcks).toEqual(['msg-0']);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: 'dead', last_error: 'http_status' });

    // A message that gave up on a delivery still pending (its attempts kept throwing) is recorded dead too.
    const other = await eventFor(setup);
    await runDeadLetters([message(setup, other.deliveryId)]);
    expect(await deliveryRow(other.deliveryId)).toMatchObject({ status: 'dead', last_error: 'dead_letter' });

    // Replayed from the API: a new round on the real queue, delivered with the same webhook-id.
    const replay = await api(setup.seeded.apiKey, `/webhook-deliveries/${deliveryId}/replay`, {
      method: 'POST',
    });
    expect(replay.status).toBe(202);
    expect(await replay.json()).toMatchObject({ status: 'pending', round: 2, attempts: 0 });
    const got = await receivedAtLeast(setup.key, 2);
    expect(got).toHaveLength(2);
    expect(got[1]?.headers['webhook-id']).toBe(got[0]?.headers['webhook-id']);
    await expect
      .poll(async () => (await deliveryRow(deliveryId)).status, { timeout: 10_000 })
      .toBe('delivered');
    // The first round's message, should it come again, is stale and sends nothing.
    expect((await runDeliveries([message(setup, deliveryId, 1)])).explicitAcks).toEqual(['msg-0']);
    expect(await received(setup.key)).toHaveLength(2);
  });
});

describe('an endpoint', () => {
  it('answering 410 is disabled, with its event and a mail to the tenant owners', async () => {
    const mail = captureMail();
    const setup = await endpointOf('410');
    const keys = await tenantKeys(env.MASTER_KEY, setup.seeded.tenant);
    await createAdminUser(db, keys, { email: 'owner@client.example', role: 'owner' });
    await createAdminUser(db, keys, { email: 'officer@client.example', role: 'privacy_officer' });
    const { deliveryId } = await eventFor(setup);
    const result = await runDeliveries([message(setup, deliveryId)]);
    expect(result.explicitAcks).toEqual(['msg-0']);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: 'failed', last_status_code: 410 });
    const view = await (await api(setup.seeded.apiKey, `/webhook-endpoints/${setup.endpoint.id}`)).json();
    expect(view).toMatchObject({ enabled: false, disabledReason: 'gone' });
    expect(
      await countRows(
        d1,
        'outbox_events',
        "type = 'webhook_endpoint.disabled' and subject_id = ?",
        setup.endpoint.id,
      ),
    ).toBe(1);
    const sent = await mail.messages();
    expect(sent.map((m) => m.to)).toEqual(['owner@client.example']);
    expect(sent[0]?.parsed.subject).toContain('127.0.0.1');
    expect(sent[0]?.parsed.text).toContain(setup.endpoint.id);
    // Nothing more is sent to it until it is enabled again.
    const later = { id: 'evt_later', tenantId: setup.seeded.tenant.id, occurredAt: new Date() };
    expect(await createDeliveries(db, { ...later, type: 'tenant.settings_changed' }, new Date())).toEqual([]);
  });

  it('failing every attempt for 5 days is disabled as failing', async () => {
    const mail = captureMail();
    const setup = await endpointOf('500');
    const keys = await tenantKeys(env.MASTER_KEY, setup.seeded.tenant);
    await createAdminUser(db, keys, { email: 'boss@client.example', role: 'owner' });
    const { deliveryId } = await eventFor(setup);
    const fiveDaysAgo = Date.now() - 5 * 86_400_000 - 60_000;
    await d1
      .prepare('update webhook_endpoints set failing_since = ? where id = ?')
      .bind(fiveDaysAgo, setup.endpoint.id)
      .run();
    const result = await runDeliveries([message(setup, deliveryId)]);
    expect(result.explicitAcks).toEqual(['msg-0']);
    const view = await (await api(setup.seeded.apiKey, `/webhook-endpoints/${setup.endpoint.id}`)).json();
    expect(view).toMatchObject({
      enabled: false,
      disabledReason: 'failing',
      failingSince: new Date(fiveDaysAgo).toISOString(),
    });
    expect((await mail.messages()).map((m) => m.to)).toEqual(['boss@client.example']);

    // Enabled again, it starts a clean record; the failed delivery is replayed from the API.
    const enable = await api(setup.seeded.apiKey, `/webhook-endpoints/${setup.endpoint.id}`, {
      method: 'PATCH',
      json: { enabled: true, url: receiverUrl('200').url },
    });
    expect(await enable.json()).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it('a success ends the failing run', async () => {
    const setup = await endpointOf('500,200');
    const { deliveryId } = await eventFor(setup);
    await runDeliveries([message(setup, deliveryId)]);
    expect(
      ((await (await api(setup.seeded.apiKey, `/webhook-endpoints/${setup.endpoint.id}`)).json()) as Json)
        .failingSince,
    ).not.toBeNull();
    await timePasses(deliveryId);
    await runDeliveries([message(setup, deliveryId)]);
    expect(
      ((await (await api(setup.seeded.apiKey, `/webhook-endpoints/${setup.endpoint.id}`)).json()) as Json)
        .failingSince,
    ).toBeNull();
  });
});

describe('secret rotation', () => {
  it('signs with both secrets until the previous one expires, then with the new one only', async () => {
    const setup = await endpointOf('200');
    const rotated = await api(setup.seeded.apiKey, `/webhook-endpoints/${setup.endpoint.id}/rotate-secret`, {
      method: 'POST',
      json: { previousSecretExpiresInHours: 2 },
    });
    expect(rotated.status).toBe(200);
    const { secret } = (await rotated.json()) as { secret: string };
    expect(secret).not.toBe(setup.endpoint.secret);
    await runDeliveries([message(setup, (await eventFor(setup)).deliveryId)]);
    const [during] = await received(setup.key);
    expect(during?.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(verifies(secret, during!)).toBe(true);
    expect(verifies(setup.endpoint.secret, during!)).toBe(true);

    await api(setup.seeded.apiKey, `/webhook-endpoints/${setup.endpoint.id}/rotate-secret`, {
      method: 'POST',
      json: { previousSecretExpiresInHours: 0 },
    }).then(async (res) => {
      const latest = ((await res.json()) as { secret: string }).secret;
      await runDeliveries([message(setup, (await eventFor(setup)).deliveryId)]);
      const after = (await received(setup.key))[1]!;
      expect(after.headers['webhook-signature']?.split(' ')).toHaveLength(1);
      expect(verifies(latest, after)).toBe(true);
      expect(verifies(secret, after)).toBe(false);
    });
  });
});

/** Runs `fn` and counts the WebCrypto key imports it makes itself (not a consumer running meanwhile). */
async function countKeyImports<T>(fn: () => Promise<T>): Promise<{ result: T; imports: number }> {
  const subtle = Object.getPrototypeOf(crypto.subtle) as { importKey: (...a: unknown[]) => unknown };
  const original = subtle.importKey;
  const context = new AsyncLocalStorage<symbol>();
  const run = Symbol('countKeyImports');
  let imports = 0;
  subtle.importKey = function (this: unknown, ...args: unknown[]) {
    if (context.getStore() === run) imports++;
    return original.apply(this, args);
  };
  try {
    return { result: await context.run(run, fn), imports };
  } finally {
    subtle.importKey = original;
  }
}

describe('signing keys', () => {
  it("imports an endpoint's signing key once per isolate, and a rotated secret's at its next attempt", async () => {
    const setup = await endpointOf('200');
    await runDeliveries([message(setup, (await eventFor(setup)).deliveryId)]);
    const again = await countKeyImports(async () =>
      runDeliveries([message(setup, (await eventFor(setup)).deliveryId)]),
    );
    expect(again.result.explicitAcks).toHaveLength(1);
    expect(again.imports).toBe(0);
    const rotated = await api(setup.seeded.apiKey, `/webhook-endpoints/${setup.endpoint.id}/rotate-secret`, {
      method: 'POST',
      json: { previousSecretExpiresInHours: 0 },
    });
    const { secret } = (await rotated.json()) as { secret: string };
    const after = await countKeyImports(async () =>
      runDeliveries([message(setup, (await eventFor(setup)).deliveryId)]),
    );
    expect(after.imports).toBe(1);
    const [first, second, third] = await received(setup.key);
    expect(verifies(setup.endpoint.secret, first!) && verifies(setup.endpoint.secret, second!)).toBe(true);
    expect(verifies(secret, third!)).toBe(true);
    expect(verifies(setup.endpoint.secret, third!)).toBe(false);
  });
});

describe('replaying an endpoint', () => {
  it('sends its failed and dead deliveries since a time again, not the delivered ones', async () => {
    const setup = await endpointOf('500');
    const since = new Date(Date.now() - 1000).toISOString();
    const failed = await eventFor(setup);
    const dead = await eventFor(setup);
    const delivered = await eventFor(setup);
    await d1
      .prepare("update webhook_deliveries set status = 'failed' where id = ?")
      .bind(failed.deliveryId)
      .run();
    await d1
      .prepare("update webhook_deliveries set status = 'dead' where id = ?")
      .bind(dead.deliveryId)
      .run();
    await d1
      .prepare("update webhook_deliveries set status = 'delivered' where id = ?")
      .bind(delivered.deliveryId)
      .run();
    await d1
      .prepare('update webhook_endpoints set url = ? where id = ?')
      .bind(receiverUrl('200').url, setup.endpoint.id)
      .run();
    const res = await api(setup.seeded.apiKey, `/webhook-endpoints/${setup.endpoint.id}/replay`, {
      method: 'POST',
      json: { since },
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ replayed: 2, more: false });
    expect(await deliveryRow(failed.deliveryId)).toMatchObject({ round: 2 });
    expect(await deliveryRow(delivered.deliveryId)).toMatchObject({ round: 1, status: 'delivered' });
    for (const id of [failed.deliveryId, dead.deliveryId])
      await expect.poll(async () => (await deliveryRow(id)).status, { timeout: 10_000 }).toBe('delivered');
  });

  it('of a disabled endpoint is refused until it is enabled', async () => {
    const setup = await endpointOf('200');
    await api(setup.seeded.apiKey, `/webhook-endpoints/${setup.endpoint.id}`, {
      method: 'PATCH',
      json: { enabled: false },
    });
    const res = await api(setup.seeded.apiKey, `/webhook-endpoints/${setup.endpoint.id}/replay`, {
      method: 'POST',
      json: { since: '2020-01-01T00:00:00Z' },
    });
    expect(res.status).toBe(409);
  });
});

describe('subscriber addresses', () => {
  const bounced = (subscriberId: string): Partial<OutboxEventInput> => ({
    type: 'subscriber.bounced',
    subjectType: 'subscriber',
    subjectId: subscriberId,
    payload: { subscriberId, reason: 'hard_bounce', status: '5.1.1' },
  });

  it('are sent for a non-EU subscriber only where the endpoint asks, never for an EU one, and never stored', async () => {
    for (const [homeRegion, asks, expected] of [
      ['non_eu', true, 'li.wei@mail.example.com'],
      ['non_eu', false, undefined],
      ['eu', true, undefined],
      ['unknown', true, undefined],
    ] as const) {
      const setup = await endpointOf('200', { includeSubscriberEmail: asks });
      const email = 'li.wei@mail.example.com';
      const sub = await seedSubscriber(setup.seeded.tenant, { email, homeRegion });
      const { deliveryId } = await eventFor(setup, bounced(sub.id));
      await runDeliveries([message(setup, deliveryId)]);
      const [request] = await received(setup.key);
      expect(verifies(setup.endpoint.secret, request!)).toBe(true);
      const data = JSON.parse(request!.body).data;
      expect(data.subscriberId).toBe(sub.id);
      expect(data.subscriberEmail, `${homeRegion} ${asks}`).toBe(expected);
      if (!expected) expect(request!.body).not.toContain('li.wei');
      const stored = JSON.stringify([await deliveryRow(deliveryId), await attemptsOf(deliveryId)]);
      expect(stored).not.toContain('li.wei');
    }
  });
});

describe('erasing a subscriber', () => {
  it('removes the deliveries of events about them with their attempts', async () => {
    const setup = await endpointOf('200');
    const sub = await seedSubscriber(setup.seeded.tenant, { email: 'gone.soon@mail.example.org' });
    const { deliveryId } = await eventFor(setup, {
      type: 'subscriber.bounced',
      subjectType: 'subscriber',
      subjectId: sub.id,
      payload: { subscriberId: sub.id, reason: 'hard_bounce', status: null },
    });
    await runDeliveries([message(setup, deliveryId)]);
    expect(await countRows(d1, 'webhook_attempts', 'delivery_id = ?', deliveryId)).toBe(1);
    const filed = await api(setup.seeded.apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'erasure', subscriberId: sub.id },
    });
    const { id } = (await filed.json()) as { id: string };
    const done = await api(setup.seeded.apiKey, `/privacy-requests/${id}/confirm`, {
      method: 'POST',
      json: {},
    });
    expect(done.status).toBe(200);
    expect(await countRows(d1, 'webhook_deliveries', 'id = ?', deliveryId)).toBe(0);
    expect(await countRows(d1, 'webhook_attempts', 'delivery_id = ?', deliveryId)).toBe(0);
  });
});
