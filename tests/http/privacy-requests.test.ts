import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { api, countRows, seedTenant } from '../support/seed';
import { body, seedSubscriber } from '../support/privacy';

describe('POST /api/v1/privacy-requests', () => {
  it('files an erasure for a subscriber with 45-day and calendar-month due dates', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const sub = await seedSubscriber(tenant, { email: 'anna@example.org' });
    const res = await api(apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'erasure', subscriberId: sub.id },
    });
    expect(res.status).toBe(201);
    const r = await body(res);
    expect(r).toMatchObject({ kind: 'erasure', status: 'open', channel: 'api', subscriberId: sub.id });
    const received = Date.parse(r.receivedAt as string);
    expect(Date.parse(r.dueAt as string) - received).toBe(45 * 86_400_000);
    expect(r.monthDueAt).toBeTypeOf('string');
    const { d1 } = regional(env, 'eu');
    expect(
      await countRows(d1, 'outbox_events', "subject_id = ? and type = 'privacy_request.created'", r.id),
    ).toBe(1);
  });
});
