import {
  createExecutionContext,
  createScheduledController,
  evictDurableObject,
  runDurableObjectAlarm,
  runInDurableObject,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { regional } from '../../db/regions';
import { ALARM_CHUNK, MIN_REST_MS, restAfter } from '../../workers/durable/erasure-clock';
import { clockFor } from '../../workers/privacy/clock';
import { handleScheduled } from '../../workers/scheduled';
import { body, seedSubscriber } from '../support/privacy';
import { api, countRows, seedTenant } from '../support/seed';

const { d1 } = regional(env, 'eu');

async function fileErasure(email: string) {
  const seeded = await seedTenant('eu');
  const sub = await seedSubscriber(seeded.tenant, { email });
  const res = await api(seeded.apiKey, '/privacy-requests', {
    method: 'POST',
    json: { kind: 'erasure', subscriberId: sub.id },
  });
  expect(res.status).toBe(201);
  const request = await body(res);
  return { ...seeded, sub, request, clock: clockFor(env, seeded.tenant.id) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ErasureClock', () => {
  it('holds the request at its due time and does nothing before it', async () => {
    const { request, clock, sub } = await fileErasure('early@example.org');
    expect(await clock.pending()).toEqual([
      { requestId: request.id, dueAt: Date.parse(request.dueAt as string), attempts: 0 },
    ]);
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    expect(await countRows(d1, 'subscribers', 'id = ?', sub.id)).toBe(1);
    expect((await clock.pending()).map((p) => p.requestId)).toEqual([request.id]);
  });

  it('keeps its schedule across an eviction', async () => {
    const { request, clock } = await fileErasure('evicted@example.org');
    await evictDurableObject(clock);
    expect((await clock.pending()).map((p) => p.requestId)).toEqual([request.id]);
  });

  it('executes an expired erasure on the alarm, and a second alarm is a no-op', async () => {
    const { request, clock, sub, tenant } = await fileErasure('due@example.org');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(request.dueAt as string) + 60_000);
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    expect(await countRows(d1, 'subscribers', 'id = ?', sub.id)).toBe(0);
    expect(await countRows(d1, 'subscriber_keys', 'subscriber_id = ?', sub.id)).toBe(0);
    expect(await countRows(d1, 'privacy_requests', `id = ? and status = 'completed'`, request.id)).toBe(1);
    expect(await countRows(d1, 'erasure_records', `request_id = ? and "trigger" = 'due'`, request.id)).toBe(
      1,
    );
    expect(await clock.pending()).toEqual([]);
    expect(await runDurableObjectAlarm(clock)).toBe(false);
    // A late duplicate of the schedule (at-least-once delivery) fires and changes nothing.
    await clock.schedule({ tenantId: tenant.id, requestId: request.id as string, dueAt: Date.now() - 1 });
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    expect(await countRows(d1, 'erasure_records', 'request_id = ?', request.id)).toBe(1);
    expect(
      await countRows(d1, 'privacy_request_history', `request_id = ? and action = 'finish'`, request.id),
    ).toBe(1);
    expect(await clock.pending()).toEqual([]);
  });

  it('never executes a request that was rejected, even if a stale entry fires', async () => {
    const { request, clock, sub, tenant, apiKey } = await fileErasure('kept@example.org');
    const res = await api(apiKey, `/privacy-requests/${request.id}/reject`, {
      method: 'POST',
      json: { reason: 'legal_claims', text: 'Open invoice dispute' },
    });
    expect(res.status).toBe(200);
    expect(await clock.pending()).toEqual([]);
    await clock.schedule({
      tenantId: tenant.id,
      requestId: request.id as string,
      dueAt: Date.parse(request.dueAt as string),
    });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(request.dueAt as string) + 60_000);
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    expect(await clock.pending()).toEqual([]);
    expect(await countRows(d1, 'subscribers', 'id = ?', sub.id)).toBe(1);
    expect(await countRows(d1, 'erasure_records', 'request_id = ?', request.id)).toBe(0);
  });

  it('follows D1 when the due time moved: an extended request is not executed at its old time', async () => {
    const { request, clock, sub, apiKey } = await fileErasure('extended@example.org');
    const ext = await api(apiKey, `/privacy-requests/${request.id}/extend`, {
      method: 'POST',
      json: { days: 30, reason: 'Records in the archive must be checked' },
    });
    expect(ext.status).toBe(200);
    const extended = await body(ext);
    expect((await clock.pending())[0]?.dueAt).toBe(Date.parse(extended.dueAt as string));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(request.dueAt as string) + 60_000);
    await runDurableObjectAlarm(clock);
    expect(await countRows(d1, 'subscribers', 'id = ?', sub.id)).toBe(1);
    vi.setSystemTime(Date.parse(extended.dueAt as string) + 60_000);
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    expect(await countRows(d1, 'subscribers', 'id = ?', sub.id)).toBe(0);
  });

  it('executes a backlog in bounded chunks, re-arming between them', { timeout: 180_000 }, async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const clock = clockFor(env, tenant.id);
    for (let i = 0; i < ALARM_CHUNK + 5; i++) {
      const sub = await seedSubscriber(tenant, { email: `bulk${i}@example.org` });
      const res = await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', subscriberId: sub.id },
      });
      expect(res.status).toBe(201);
    }
    vi.useFakeTimers({ toFake: ['Date'] });
    const at = Date.now() + 46 * 86_400_000;
    vi.setSystemTime(at);
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    expect(await countRows(d1, 'erasure_records', 'tenant_id = ?', tenant.id)).toBe(ALARM_CHUNK);
    expect((await clock.pending()).length).toBe(5);
    // More is due: the next alarm comes after the rest (the chunk took no time on a stopped clock).
    expect(await runInDurableObject(clock, (_, state) => state.storage.getAlarm())).toBe(at + MIN_REST_MS);
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    expect(await countRows(d1, 'erasure_records', 'tenant_id = ?', tenant.id)).toBe(ALARM_CHUNK + 5);
    expect(await clock.pending()).toEqual([]);
    expect(await runInDurableObject(clock, (_, state) => state.storage.getAlarm())).toBeNull();
  });

  it('keeps the rest after a full chunk when a request is scheduled, moved or cancelled meanwhile', async () => {
    const { tenant } = await seedTenant('eu');
    const clock = clockFor(env, tenant.id);
    // A day ahead, so that workerd's own alarm never fires: the test runs each alarm itself.
    const at = Date.now() + 86_400_000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
    // A backlog one entry longer than a chunk (ids D1 does not hold: each is dropped as not found).
    const backlog = Array.from({ length: ALARM_CHUNK + 1 }, (_, i) => ({
      requestId: `prq_backlog_${String(i).padStart(3, '0')}`,
      dueAt: at - 60_000 + i,
    }));
    expect(await clock.scheduleMissing({ tenantId: tenant.id, items: backlog })).toBe(ALARM_CHUNK + 1);
    const alarmAt = () => runInDurableObject(clock, (_, state) => state.storage.getAlarm());
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    expect((await clock.pending()).length).toBe(1);
    const restEnd = at + MIN_REST_MS;
    expect(await alarmAt()).toBe(restEnd);

    // A request filed during the backlog, already due: the alarm still waits out the rest.
    await clock.schedule({ tenantId: tenant.id, requestId: 'prq_filed_late', dueAt: at - 1 });
    expect(await alarmAt()).toBe(restEnd);
    await clock.schedule({ tenantId: tenant.id, requestId: 'prq_filed_late', dueAt: at - 30_000 });
    expect(await alarmAt()).toBe(restEnd);
    await clock.scheduleMissing({ tenantId: tenant.id, items: [{ requestId: 'prq_swept', dueAt: at - 2 }] });
    expect(await alarmAt()).toBe(restEnd);
    await clock.cancel({ requestId: 'prq_swept' });
    expect(await alarmAt()).toBe(restEnd);
    // Twice in a row is the same alarm at the same time.
    await clock.schedule({ tenantId: tenant.id, requestId: 'prq_filed_late', dueAt: at - 30_000 });
    expect(await alarmAt()).toBe(restEnd);
    // An entry due after the rest is armed at its own time.
    await clock.cancel({ requestId: 'prq_filed_late' });
    await clock.cancel({ requestId: backlog[ALARM_CHUNK]?.requestId as string });
    await clock.schedule({ tenantId: tenant.id, requestId: 'prq_later', dueAt: restEnd + 5_000 });
    expect(await alarmAt()).toBe(restEnd + 5_000);

    // The rest ends with the chunk after it: a new due entry is armed at its due time again.
    await clock.schedule({ tenantId: tenant.id, requestId: 'prq_later', dueAt: at - 1 });
    vi.setSystemTime(restEnd);
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    expect(await clock.pending()).toEqual([]);
    expect(await alarmAt()).toBeNull();
    await clock.schedule({ tenantId: tenant.id, requestId: 'prq_after', dueAt: at - 1 });
    expect(await alarmAt()).toBe(at - 1);
  });

  it('rests between chunks a quarter of the time the last one took, at least MIN_REST_MS', () => {
    expect(restAfter(0)).toBe(MIN_REST_MS);
    expect(restAfter(4 * MIN_REST_MS)).toBe(MIN_REST_MS);
    expect(restAfter(2_000)).toBe(500);
  });

  it('retries a failing erasure with growing backoff, keeps it through the hourly reconcile, and drops it once it succeeds', async () => {
    const { request, clock, sub } = await fileErasure('failing@example.org');
    const id = request.id as string;
    // A record already holding this request id makes the erasure batch fail as a whole.
    await d1
      .prepare(
        `insert into erasure_records (id, tenant_id, request_id, requested_at, executed_at, "trigger", counts) select 'era_block', tenant_id, id, 0, 0, 'admin', '{}' from privacy_requests where id = ?`,
      )
      .bind(id)
      .run();
    vi.useFakeTimers({ toFake: ['Date'] });
    const first = Date.parse(request.dueAt as string) + 60_000;
    vi.setSystemTime(first);
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    expect(await clock.pending()).toEqual([{ requestId: id, dueAt: first + 30_000, attempts: 1 }]);
    expect(await countRows(d1, 'subscribers', 'id = ?', sub.id)).toBe(1);

    const second = first + 31_000;
    vi.setSystemTime(second);
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    const backingOff = [{ requestId: id, dueAt: second + 60_000, attempts: 2 }];
    expect(await clock.pending()).toEqual(backingOff);

    // The hourly reconcile finds the request still due in D1 and leaves the entry's backoff alone.
    await handleScheduled(
      createScheduledController({ scheduledTime: second + 1_000, cron: '17 * * * *' }),
      env,
      createExecutionContext(),
    );
    expect(await clock.pending()).toEqual(backingOff);

    await d1.prepare(`delete from erasure_records where id = 'era_block'`).run();
    vi.setSystemTime(second + 61_000);
    expect(await runDurableObjectAlarm(clock)).toBe(true);
    expect(await clock.pending()).toEqual([]);
    expect(await countRows(d1, 'subscribers', 'id = ?', sub.id)).toBe(0);
    expect(await countRows(d1, 'erasure_records', 'request_id = ?', id)).toBe(1);
    expect(await countRows(d1, 'privacy_requests', `id = ? and status = 'completed'`, id)).toBe(1);
  });
});
