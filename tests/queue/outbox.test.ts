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
import { dispatchOutbox, outboxInsert, outboxRefs, settleUnwatched } from '../../db/outbox';
import { regional } from '../../db/regions';
import { runBatch } from '../../db/client';
import { apiKeys } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { seedTenant } from '../support/seed';
import { createEndpoint, receiverUrl } from '../support/webhooks';

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

describe('settling events nobody listens to', () => {
  it('settles in the writing batch exactly the events no enabled endpoint of the tenant, created by then, selects; hands over the rest that were written', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const stranger = await seedTenant('eu');
    const { db, d1 } = regional(env, 'eu');
    const url = receiverUrl().url;
    // Another tenant's endpoint for everything, this tenant's for one namespace, one type, and a disabled one.
    await createEndpoint(stranger.apiKey, { url, eventTypes: ['*'] });
    await createEndpoint(apiKey, { url, eventTypes: ['privacy_request.*'] });
    await createEndpoint(apiKey, { url, eventTypes: ['subscriber.created'] });
    const off = await createEndpoint(apiKey, { url, eventTypes: ['consent.*'] });
    await d1.prepare('update webhook_endpoints set active = 0 where id = ?').bind(off.id).run();
    const event = (
      type: 'subscriber.created' | 'consent.recorded' | 'privacy_request.created' | 'subscriber.erased',
      at = new Date(),
    ) =>
      outboxInsert(db, {
        tenantId: tenant.id,
        type,
        subjectType: 'subscriber',
        subjectId: `sub_${type}`,
        payload: {},
        occurredAt: at,
      });
    const inserts = [
      event('subscriber.created'),
      event('consent.recorded'),
      event('privacy_request.created'),
      event('subscriber.erased'),
      // Before any endpoint of the tenant existed: none of them can receive it.
      event('subscriber.created', new Date(Date.now() - 86_400_000)),
    ];
    // An event written on a condition that did not hold (outboxInsertIf) has no row: nothing to hand over.
    const unwritten = { id: 'evt_never_written', tenantId: tenant.id, type: 'subscriber.created' };
    const settle = settleUnwatched(db, [...outboxRefs(inserts), unwritten]);
    const batch = [...inserts, ...settle.statements];
    const answers = await db.batch(batch as [(typeof batch)[number], ...(typeof batch)[number][]]);
    const left = settle.toDispatch(batch, answers);
    expect(left.map((r) => r.id)).toEqual([inserts[0]!.eventId, inserts[2]!.eventId]);
    for (const [i, insert] of inserts.entries()) {
      const row = await eventRow(d1, insert.eventId);
      const settled = i !== 0 && i !== 2;
      expect(row!.received_at !== null).toBe(settled);
      expect(row!.dispatched_at !== null).toBe(settled);
    }
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
