import { env } from 'cloudflare:workers';
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { retryDelaySeconds } from '../../workers/queue/consumer';
import { dispatchOutbox, outboxInsert } from '../../db/outbox';
import { regional } from '../../db/regions';
import { runBatch } from '../../db/client';
import { apiKeys } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { seedTenant } from '../support/seed';

async function eventRow(d1: D1Database, id: string) {
  return d1
    .prepare('select dispatched_at, received_at from outbox_events where id = ?')
    .bind(id)
    .first<{ dispatched_at: number | null; received_at: number | null }>();
}

describe('event outbox', () => {
  it('writes the event in the same batch as the state change, or neither', async () => {
    const { tenant, apiKeyId } = await seedTenant('eu');
    const { db, d1 } = regional(env, 'eu');
    const insert = outboxInsert(db, {
      tenantId: tenant.id,
      type: 'tenant.settings_changed',
      subjectType: 'tenant',
      subjectId: tenant.id,
      payload: { apiKeyId },
    });
    await runBatch(db, [db.update(apiKeys).set({ name: 'renamed' }).where(eq(apiKeys.id, apiKeyId)), insert]);
    expect(await eventRow(d1, insert.eventId)).toMatchObject({ dispatched_at: null });

    // A failing statement in the batch rolls back the event too.
    const doomed = outboxInsert(db, {
      tenantId: tenant.id,
      type: 'tenant.settings_changed',
      subjectType: 'tenant',
      subjectId: tenant.id,
      payload: {},
    });
    await expect(
      runBatch(db, [
        doomed,
        db.insert(apiKeys).values({ id: apiKeyId, tenantId: tenant.id, name: 'dup', keyHash: 'x' }),
      ]),
    ).rejects.toThrow();
    expect(await eventRow(d1, doomed.eventId)).toBeNull();
  });

  it('hands undispatched events to the queue and marks them', async () => {
    const { tenant } = await seedTenant('us');
    const { db, d1 } = regional(env, 'us');
    const insert = outboxInsert(db, {
      tenantId: tenant.id,
      type: 'tenant.settings_changed',
      subjectType: 'tenant',
      subjectId: tenant.id,
      payload: {},
    });
    await runBatch(db, [insert]);
    const sent = await dispatchOutbox(db, env.EVENTS, 'us');
    expect(sent).toBeGreaterThanOrEqual(1);
    expect((await eventRow(d1, insert.eventId))?.dispatched_at).toEqual(expect.any(Number));
    expect(await dispatchOutbox(db, env.EVENTS, 'us')).toBe(0);
  });

  it('dispatches left-behind events from the scheduled handler', async () => {
    const { tenant } = await seedTenant('eu');
    const { db, d1 } = regional(env, 'eu');
    const insert = outboxInsert(db, {
      tenantId: tenant.id,
      type: 'tenant.settings_changed',
      subjectType: 'tenant',
      subjectId: tenant.id,
      payload: {},
    });
    await runBatch(db, [insert]);
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect((await eventRow(d1, insert.eventId))?.dispatched_at).toEqual(expect.any(Number));
  });
});

describe('queue consumer', () => {
  it('records receipt once and acks redeliveries', async () => {
    const { tenant } = await seedTenant('eu');
    const { db, d1 } = regional(env, 'eu');
    const insert = outboxInsert(db, {
      tenantId: tenant.id,
      type: 'tenant.settings_changed',
      subjectType: 'tenant',
      subjectId: tenant.id,
      payload: {},
    });
    await runBatch(db, [insert]);
    const body = {
      type: 'outbox-event',
      region: 'eu',
      tenantId: tenant.id,
      eventId: insert.eventId,
      eventType: 'tenant.settings_changed',
    };

    const first = createMessageBatch('tm-privacy-events', [
      { id: 'm1', timestamp: new Date(), attempts: 1, body },
    ]);
    const ctx1 = createExecutionContext();
    await worker.queue(first, env, ctx1);
    expect(await getQueueResult(first, ctx1)).toMatchObject({ explicitAcks: ['m1'], retryMessages: [] });
    const receivedAt = (await eventRow(d1, insert.eventId))?.received_at;
    expect(receivedAt).toEqual(expect.any(Number));

    const again = createMessageBatch('tm-privacy-events', [
      { id: 'm2', timestamp: new Date(), attempts: 2, body },
    ]);
    const ctx2 = createExecutionContext();
    await worker.queue(again, env, ctx2);
    expect(await getQueueResult(again, ctx2)).toMatchObject({ explicitAcks: ['m2'] });
    expect((await eventRow(d1, insert.eventId))?.received_at).toBe(receivedAt);
  });

  it('acks a body that can never validate instead of looping, and acks the dead-letter queue', async () => {
    const batch = createMessageBatch<unknown>('tm-privacy-events', [
      { id: 'bad1', timestamp: new Date(), attempts: 1, body: { type: 'no-such-type' } },
      { id: 'bad2', timestamp: new Date(), attempts: 1, body: 'garbage' },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks.sort()).toEqual(['bad1', 'bad2']);

    const dead = createMessageBatch('tm-privacy-events-dlq', [
      { id: 'd1', timestamp: new Date(), attempts: 9, body: {} },
    ]);
    const ctx2 = createExecutionContext();
    await worker.queue(dead, env, ctx2);
    expect((await getQueueResult(dead, ctx2)).explicitAcks).toEqual(['d1']);
  });

  it('retries with backoff when handling fails', async () => {
    const broken = {
      ...env,
      DB_EU: {
        prepare: () => {
          throw new Error('D1 unavailable');
        },
      } as unknown as D1Database,
    };
    const batch = createMessageBatch('tm-privacy-events', [
      {
        id: 'r1',
        timestamp: new Date(),
        attempts: 3,
        body: { type: 'outbox-event', region: 'eu', tenantId: 't', eventId: 'evt_missing', eventType: 'x' },
      },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, broken, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['r1']);
    expect(result.explicitAcks).toEqual([]);
    expect([1, 2, 3, 4, 10].map(retryDelaySeconds)).toEqual([10, 20, 40, 80, 900]);
  });
});
