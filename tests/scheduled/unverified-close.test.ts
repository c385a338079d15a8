import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { closeUnverifiedRequests } from '../../db/privacy-unverified';
import { findPrivacyRequest, requestHistory } from '../../db/privacy-requests';
import { regional } from '../../db/regions';
import { handleScheduled } from '../../workers/scheduled';
import { captureMail } from '../support/mail';
import { body, seedSubscriber } from '../support/privacy';
import { api, countRows, seedTenant } from '../support/seed';

const { d1, db } = regional(env, 'eu');
const DAY = 86_400_000;

const sweep = (at: number) =>
  handleScheduled(
    createScheduledController({ scheduledTime: at, cron: '17 * * * *' }),
    env,
    createExecutionContext(),
  );

/** Files an unconfirmed request through the API; returns its id. */
async function fileUnverified(apiKey: string, json: Record<string, unknown>): Promise<string> {
  const res = await api(apiKey, '/privacy-requests', { method: 'POST', json: { verified: false, ...json } });
  const filed = await body(res);
  expect(filed.status).toBe('awaiting_verification');
  return filed.id as string;
}

/** Moves a request's receipt and its history rows `days` into the past (or only the rows of `action`). */
async function age(requestId: string, days: number, action?: string) {
  const shift = days * DAY;
  if (!action)
    await d1
      .prepare(
        'update privacy_requests set received_at = received_at - ?, updated_at = updated_at - ? where id = ?',
      )
      .bind(shift, shift, requestId)
      .run();
  const where = action ? 'request_id = ? and action = ?' : 'request_id = ?';
  await d1
    .prepare(`update privacy_request_history set at = at - ? where ${where}`)
    .bind(shift, requestId, ...(action ? [action] : []))
    .run();
}

describe('closing requests whose identity was never confirmed', () => {
  it('rejects them as identity_not_verified once the link expired: history, event, address wiped, no mail; twice is a no-op', async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const stranger = await fileUnverified(apiKey, { kind: 'erasure', email: 'never.confirmed@example.org' });
    const sub = await seedSubscriber(tenant, { email: 'known@example.org' });
    const known = await fileUnverified(apiKey, { kind: 'access', subscriberId: sub.id });
    expect(await mail.messages()).toHaveLength(2);
    expect((await findPrivacyRequest(db, tenant.id, stranger))?.requesterCt).not.toBeNull();
    await age(stranger, 31);
    await age(known, 31);

    await sweep(Date.now());
    for (const id of [stranger, known]) {
      const request = await findPrivacyRequest(db, tenant.id, id);
      expect(request).toMatchObject({
        status: 'rejected',
        rejectReason: 'identity_not_verified',
        requesterCt: null,
      });
      expect(request?.resolvedAt).not.toBeNull();
      const last = (await requestHistory(db, tenant.id, id)).at(-1);
      expect(last).toMatchObject({
        fromStatus: 'awaiting_verification',
        toStatus: 'rejected',
        action: 'reject',
        actor: 'system',
      });
      const event = await d1
        .prepare(
          `select payload from outbox_events where subject_id = ? and type = 'privacy_request.rejected'`,
        )
        .bind(id)
        .first<{ payload: string }>();
      expect(JSON.parse(event?.payload ?? '{}')).toMatchObject({
        requestId: id,
        status: 'rejected',
        reason: 'identity_not_verified',
      });
    }
    expect(await mail.messages()).toHaveLength(2);
    const shown = await body(await api(apiKey, `/privacy-requests/${stranger}`));
    expect(shown).toMatchObject({ status: 'rejected' });

    await sweep(Date.now() + 3_600_000);
    for (const id of [stranger, known]) {
      expect(
        await countRows(d1, 'outbox_events', `subject_id = ? and type = 'privacy_request.rejected'`, id),
      ).toBe(1);
      expect(await countRows(d1, 'privacy_request_history', `request_id = ? and action = 'reject'`, id)).toBe(
        1,
      );
    }
    expect(await mail.messages()).toHaveLength(2);
  });

  it('leaves requests whose link may still work, and confirmed ones, alone', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const young = await fileUnverified(apiKey, { kind: 'erasure', email: 'young@example.org' });
    await age(young, 29);
    // A duplicate merged 10 days ago may have carried a fresh link (inbound mail sends one).
    const resent = await fileUnverified(apiKey, { kind: 'objection', email: 'resent@example.org' });
    await fileUnverified(apiKey, { kind: 'objection', email: 'resent@example.org' });
    await age(resent, 40);
    await d1
      .prepare(
        `update privacy_request_history set at = at + ? where request_id = ? and action = 'duplicate_merged'`,
      )
      .bind(30 * DAY, resent)
      .run();
    const sub = await seedSubscriber(tenant, { email: 'verified@example.org' });
    const confirmed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'objection', subscriberId: sub.id },
      }),
    );
    await age(confirmed.id as string, 31);

    await sweep(Date.now());
    expect((await findPrivacyRequest(db, tenant.id, young))?.status).toBe('awaiting_verification');
    expect((await findPrivacyRequest(db, tenant.id, resent))?.status).toBe('awaiting_verification');
    expect((await findPrivacyRequest(db, tenant.id, confirmed.id as string))?.status).toBe('open');
    // Thirty days and an hour after the merged duplicate, the last link has expired too.
    await sweep(Date.now() + 20 * DAY + 2 * 3_600_000);
    expect((await findPrivacyRequest(db, tenant.id, resent))?.status).toBe('rejected');
    expect((await findPrivacyRequest(db, tenant.id, young))?.status).toBe('rejected');
  });

  it('closes at most `limit` requests per run, oldest first, and drains the rest in later runs', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await fileUnverified(apiKey, { kind: 'access', email: `batch${i}@example.org` });
      await age(id, 40 - i);
      ids.push(id);
    }
    const now = new Date();
    expect(await closeUnverifiedRequests(db, now, 2)).toBe(2);
    const statuses = async () =>
      Promise.all(ids.map(async (id) => (await findPrivacyRequest(db, tenant.id, id))?.status));
    expect(await statuses()).toEqual(['rejected', 'rejected', 'awaiting_verification']);
    expect(await closeUnverifiedRequests(db, now, 2)).toBe(1);
    expect(await closeUnverifiedRequests(db, now, 2)).toBe(0);
    expect(await statuses()).toEqual(['rejected', 'rejected', 'rejected']);
  });
});
