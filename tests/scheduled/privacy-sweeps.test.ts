import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { handleScheduled } from '../../workers/scheduled';
import { clockFor } from '../../workers/privacy/clock';
import { body, seedSubscriber } from '../support/privacy';
import { api, countRows, seedTenant } from '../support/seed';

const { d1 } = regional(env, 'eu');

describe('privacy sweeps', () => {
  it('emits one due_soon reminder per request, the configured number of days before it is due', async () => {
    const { tenant, apiKey } = await seedTenant('eu', {
      dueDays: { objection: 5, access: 20 },
      reminderDays: 7,
    });
    const sub = await seedSubscriber(tenant, { email: 'remind@example.org' });
    const soon = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'objection', subscriberId: sub.id },
      }),
    );
    const later = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'access', subscriberId: sub.id },
      }),
    );
    const now = Date.now();
    await handleScheduled(
      createScheduledController({ scheduledTime: now, cron: '17 * * * *' }),
      env,
      createExecutionContext(),
    );
    await handleScheduled(
      createScheduledController({ scheduledTime: now + 3_600_000, cron: '17 * * * *' }),
      env,
      createExecutionContext(),
    );
    expect(
      await countRows(d1, 'outbox_events', `subject_id = ? and type = 'privacy_request.due_soon'`, soon.id),
    ).toBe(1);
    expect(
      await countRows(d1, 'outbox_events', `subject_id = ? and type = 'privacy_request.due_soon'`, later.id),
    ).toBe(0);
    // An extension sets a new due date, and so a new reminder.
    await api(apiKey, `/privacy-requests/${soon.id}/extend`, {
      method: 'POST',
      json: { days: 1, reason: 'Waiting for the department' },
    });
    await handleScheduled(
      createScheduledController({ scheduledTime: now + 7_200_000, cron: '17 * * * *' }),
      env,
      createExecutionContext(),
    );
    expect(
      await countRows(d1, 'outbox_events', `subject_id = ? and type = 'privacy_request.due_soon'`, soon.id),
    ).toBe(2);
  });

  it('puts an erasure due soon back on the clock when its schedule was lost', async () => {
    const { tenant, apiKey } = await seedTenant('eu', { dueDays: { erasure: 1 } });
    const sub = await seedSubscriber(tenant, { email: 'lost@example.org' });
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', subscriberId: sub.id },
      }),
    );
    const clock = clockFor(env, tenant.id);
    await clock.cancel({ requestId: filed.id as string });
    expect(await clock.pending()).toEqual([]);
    await handleScheduled(
      createScheduledController({ scheduledTime: Date.now() + 86_400_000 - 3_600_000, cron: '17 * * * *' }),
      env,
      createExecutionContext(),
    );
    expect((await clock.pending()).map((p) => p.requestId)).toEqual([filed.id]);
  });
});
