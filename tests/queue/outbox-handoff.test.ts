// Who hands which events to the queue: each route, alarm and sweep exactly the events it wrote,
// never the backlog of others (which concurrent requests would otherwise all send again); only
// the hourly catch-up sends what was left behind.

import {
  createExecutionContext,
  createScheduledController,
  runDurableObjectAlarm,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runBatch } from '../../db/client';
import { outboxInsert } from '../../db/outbox';
import { regional } from '../../db/regions';
import worker from '../../workers/index';
import { clockFor } from '../../workers/privacy/clock';
import { sendDueReminders } from '../../workers/privacy/sweeps';
import { createList } from '../support/consent';
import { captureMail } from '../support/mail';
import { body, seedSubscriber } from '../support/privacy';
import { seedTenant } from '../support/seed';
import { BROWSER_UA } from '../support/intercept';

const { db, d1 } = regional(env, 'eu');

afterEach(() => {
  vi.useRealTimers();
});

/** An undispatched event of someone else's work, waiting for the catch-up. */
async function strayEvent(tenantId: string): Promise<string> {
  const insert = outboxInsert(db, {
    tenantId,
    type: 'tenant.settings_changed',
    subjectType: 'tenant',
    subjectId: tenantId,
    payload: {},
  });
  await runBatch(db, [insert]);
  return insert.eventId;
}

/** A request into the Worker that waits for its `waitUntil` work (the hand-off) to finish. */
async function fetchAndSettle(path: string, init: RequestInit & { apiKey?: string; json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.apiKey) headers.set('authorization', `Bearer ${init.apiKey}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`https://privacy.test${path}`, {
      method: init.method,
      headers,
      body: init.json === undefined ? init.body : JSON.stringify(init.json),
    }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

async function dispatched(where: string, ...params: unknown[]): Promise<Record<string, boolean>> {
  const { results } = await d1
    .prepare(`select type, dispatched_at from outbox_events where ${where} order by occurred_at, id`)
    .bind(...params)
    .all<{ type: string; dispatched_at: number | null }>();
  return Object.fromEntries(results.map((r) => [r.type, r.dispatched_at !== null]));
}

const isDispatched = async (id: string) =>
  (
    await d1
      .prepare('select dispatched_at from outbox_events where id = ?')
      .bind(id)
      .first<{ dispatched_at: number | null }>()
  )?.dispatched_at != null;

describe('outbox hand-off', () => {
  it('a privacy API route hands over its own events and leaves the backlog to the catch-up', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const sub = await seedSubscriber(tenant, { email: 'handoff@example.org' });
    const stray = await strayEvent(tenant.id);
    const filed = await body(
      await fetchAndSettle('/api/v1/privacy-requests', {
        method: 'POST',
        apiKey,
        json: { kind: 'access', subscriberId: sub.id },
      }),
    );
    const confirmed = await fetchAndSettle(`/api/v1/privacy-requests/${filed.id}/confirm`, {
      method: 'POST',
      apiKey,
      json: {},
    });
    expect(confirmed.status).toBe(200);
    expect(await dispatched('subject_id = ?', filed.id)).toEqual({
      'privacy_request.created': true,
      'privacy_request.executing': true,
      'privacy_request.completed': true,
    });
    expect(await isDispatched(stray)).toBe(false);

    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(await isDispatched(stray)).toBe(true);
  });

  it('the confirmation page hands over the verification event only', async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const filed = await body(
      await fetchAndSettle('/api/v1/privacy-requests', {
        method: 'POST',
        apiKey,
        json: { kind: 'access', email: 'confirm.me@example.org', verified: false },
      }),
    );
    const stray = await strayEvent(tenant.id);
    const link = /https:\/\/privacy\.test(\/v\/\S+)/.exec((await mail.messages())[0]?.parsed.text ?? '')?.[1];
    expect(link).toBeDefined();
    expect(
      (await fetchAndSettle(link!, { method: 'POST', headers: { 'user-agent': BROWSER_UA } })).status,
    ).toBe(200);
    expect(await dispatched('subject_id = ?', filed.id)).toEqual({
      'privacy_request.created': true,
      'privacy_request.verified': true,
    });
    expect(await isDispatched(stray)).toBe(false);
  });

  it('the import route hands over its own events', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const list = await createList(apiKey, { doubleOptIn: false });
    const stray = await strayEvent(tenant.id);
    const res = await fetchAndSettle('/api/v1/subscribers/import', {
      method: 'POST',
      apiKey,
      json: { listIds: [list], rows: [{ email: 'imported@example.org', consentUnknown: true }] },
    });
    expect(res.status).toBe(200);
    expect((await res.json()) as Record<string, unknown>).not.toHaveProperty('outbox');
    expect(await dispatched(`tenant_id = ? and type = 'subscribers.imported'`, tenant.id)).toEqual({
      'subscribers.imported': true,
    });
    expect(await isDispatched(stray)).toBe(false);
  });

  it('the erasure clock and the reminder sweep hand over exactly their events', async () => {
    const { tenant, apiKey } = await seedTenant('eu', { dueDays: { erasure: 3 }, reminderDays: 7 });
    const sub = await seedSubscriber(tenant, { email: 'clocked@example.org' });
    const filed = await body(
      await fetchAndSettle('/api/v1/privacy-requests', {
        method: 'POST',
        apiKey,
        json: { kind: 'erasure', subscriberId: sub.id },
      }),
    );
    const stray = await strayEvent(tenant.id);
    expect(await sendDueReminders(env, 'eu', new Date())).toBeGreaterThanOrEqual(1);
    expect((await dispatched('subject_id = ?', filed.id))['privacy_request.due_soon']).toBe(true);
    expect(await isDispatched(stray)).toBe(false);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(filed.dueAt as string) + 60_000);
    expect(await runDurableObjectAlarm(clockFor(env, tenant.id))).toBe(true);
    expect(await dispatched('subject_id = ?', filed.id)).toMatchObject({
      'privacy_request.executing': true,
      'privacy_request.completed': true,
      'subscriber.erased': true,
    });
    expect(await isDispatched(stray)).toBe(false);
  });
});
