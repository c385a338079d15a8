// Who receives a message: the lawful recipients of the list and nobody else. Every excluded state
// is skipped and counted by its reason in the message's totals; EU subscribers of a list on
// another lawful basis are skipped while the tenant's intercept would ask them for consent; a
// subscriber who leaves between the selection and the send is skipped at the send.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import type { Tenant } from '../../db/tenants';
import { newId } from '../../shared/regions';
import { captureMail } from '../support/mail';
import { api, seedTenant } from '../support/seed';
import { drainSending, recipientRows, recordQueue, sendingList, subscribe } from '../support/sending';

async function fileErasure(tenant: Tenant, subscriberId: string, status: 'open' | 'awaiting_verification') {
  const now = Date.now();
  await regional(env, tenant.region)
    .d1.prepare(
      `insert into privacy_requests (id, tenant_id, subscriber_id, kind, status, channel, evidence, received_at, due_at, month_due_at, updated_at)
       values (?, ?, ?, 'erasure', ?, 'api', '{}', ?, ?, ?, ?)`,
    )
    .bind(
      newId('prq'),
      tenant.id,
      subscriberId,
      status,
      now,
      now + 30 * 86_400_000,
      now + 30 * 86_400_000,
      now,
    )
    .run();
}

async function send(apiKey: string, listId: string) {
  const res = await api(apiKey, '/messages', {
    method: 'POST',
    json: { listId, subject: 'News', text: 'Hello {{firstName}}' },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function totalsOf(apiKey: string, id: string) {
  const res = await api(apiKey, `/messages/${id}`);
  return (await res.json()) as {
    status: string;
    selectionComplete: boolean;
    totals: { recipients: number; sent: number; skipped: number; skippedByReason: Record<string, number> };
  };
}

describe('lawful recipients', () => {
  it('sends to valid consent only and counts every excluded state by its reason', async () => {
    const { tenant, apiKey } = await seedTenant('us');
    const listId = await sendingList(tenant);
    const p = (email: string, spec: Parameters<typeof subscribe>[2] = {}) =>
      subscribe(tenant, listId, { email, ...spec });
    const valid = await p('valid@example.org');
    await p('unknown@example.org', { subscription: { status: 'confirmed', consent: 'unknown' } });
    await p('pending@example.org', { subscription: { status: 'pending', consent: 'unknown' } });
    await p('withdrawn@example.org', { subscription: { status: 'confirmed', consent: 'withdrawn' } });
    await p('unsubscribed@example.org', { subscription: { status: 'unsubscribed', consent: 'withdrawn' } });
    await p('refused@example.org', { subscription: { status: 'unsubscribed', consent: 'refused' } });
    await p('bounced@example.org', { status: 'bounced' });
    const erasing = await p('erasing@example.org');
    await fileErasure(tenant, erasing.id, 'open');
    const suppressed = await p('suppressed@example.org');
    await regional(env, tenant.region)
      .d1.prepare("insert into suppressions (tenant_id, email_index, reason) values (?, ?, 'hard_bounce')")
      .bind(tenant.id, suppressed.index)
      .run();
    // An erasure asked for but not yet confirmed by the person does not stop their mail.
    const unconfirmedErasure = await p('unconfirmed-erasure@example.org');
    await fileErasure(tenant, unconfirmedErasure.id, 'awaiting_verification');
    // Someone on another list only.
    await subscribe(tenant, await sendingList(tenant), { email: 'elsewhere@example.org' });

    const queue = recordQueue();
    const mail = captureMail();
    const id = await send(apiKey, listId);
    await drainSending(queue);

    expect((await mail.messages()).map((m) => m.to).sort()).toEqual([
      'unconfirmed-erasure@example.org',
      'valid@example.org',
    ]);
    const view = await totalsOf(apiKey, id);
    expect(view).toMatchObject({ status: 'sent', selectionComplete: true });
    expect(view.totals).toMatchObject({ recipients: 10, sent: 2, skipped: 8 });
    expect(view.totals.skippedByReason).toEqual({
      unknown: 1,
      pending_confirmation: 1,
      withdrawn: 2,
      refused: 1,
      bounced: 1,
      erasure_pending: 1,
      suppressed: 1,
    });
    expect((await recipientRows(tenant, id)).get(valid.id)).toMatchObject({ status: 'sent' });
    const events = await regional(env, tenant.region)
      .d1.prepare(
        "select type, payload from outbox_events where tenant_id = ? and type like 'message.%' order by seq",
      )
      .bind(tenant.id)
      .all<{ type: string; payload: string }>();
    expect(events.results.map((e) => e.type)).toEqual(['message.created', 'message.sent']);
    expect(JSON.parse(events.results[1]!.payload)).toEqual({
      messageId: id,
      sent: 2,
      failed: 0,
      skipped: 8,
      skippedByReason: view.totals.skippedByReason,
    });
  });

  it('skips EU subscribers of a list on another lawful basis while the intercept would ask them, not others', async () => {
    for (const [intercept, euMailed] of [
      ['eu', false],
      ['off', true],
    ] as const) {
      const { tenant, apiKey } = await seedTenant('eu', { intercept });
      const listId = await sendingList(tenant, 'legitimate_interest');
      await subscribe(tenant, listId, {
        email: 'eu@example.org',
        homeRegion: 'eu',
        subscription: { status: 'confirmed', consent: 'unknown' },
      });
      await subscribe(tenant, listId, {
        email: 'us@example.org',
        homeRegion: 'non_eu',
        subscription: { status: 'confirmed', consent: 'unknown' },
      });
      await subscribe(tenant, listId, { email: 'eu-consent@example.org', homeRegion: 'eu' });
      const queue = recordQueue();
      const mail = captureMail();
      const id = await send(apiKey, listId);
      await drainSending(queue);
      const to = (await mail.messages()).map((m) => m.to).sort();
      expect(to).toEqual(
        euMailed
          ? ['eu-consent@example.org', 'eu@example.org', 'us@example.org']
          : ['eu-consent@example.org', 'us@example.org'],
      );
      const { totals } = await totalsOf(apiKey, id);
      expect(totals.skippedByReason).toEqual(euMailed ? {} : { consent_required: 1 });
    }
  });

  it('with the intercept on for everyone, asks valid consent of every subscriber', async () => {
    const { tenant, apiKey } = await seedTenant('us', { intercept: 'all' });
    const listId = await sendingList(tenant, 'contract');
    await subscribe(tenant, listId, {
      email: 'basis@example.org',
      subscription: { status: 'confirmed', consent: 'unknown' },
    });
    await subscribe(tenant, listId, { email: 'consented@example.org' });
    const queue = recordQueue();
    const mail = captureMail();
    const id = await send(apiKey, listId);
    await drainSending(queue);
    expect((await mail.messages()).map((m) => m.to)).toEqual(['consented@example.org']);
    expect((await totalsOf(apiKey, id)).totals.skippedByReason).toEqual({ consent_required: 1 });
  });

  it('checks again at the send: someone who withdrew after the selection is skipped', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const listId = await sendingList(tenant);
    const stays = await subscribe(tenant, listId, { email: 'stays@example.org', homeRegion: 'eu' });
    const leaves = await subscribe(tenant, listId, { email: 'leaves@example.org', homeRegion: 'eu' });
    const queue = recordQueue();
    const mail = captureMail();
    const id = await send(apiKey, listId);
    // Only the selection runs; the send waits on the queue.
    const select = queue.filter((q) => q.body.type === 'message-select');
    await drainSending(select);
    const sends = queue.filter((q) => q.body.type === 'message-send');
    expect(sends).toHaveLength(1);
    await regional(env, tenant.region)
      .d1.prepare(
        "update subscriptions set status = 'unsubscribed', consent = 'withdrawn' where subscriber_id = ?",
      )
      .bind(leaves.id)
      .run();
    await drainSending(sends);
    expect((await mail.messages()).map((m) => m.to)).toEqual(['stays@example.org']);
    const rows = await recipientRows(tenant, id);
    expect(rows.get(stays.id)).toMatchObject({ status: 'sent' });
    expect(rows.get(leaves.id)).toMatchObject({ status: 'skipped', skip_reason: 'withdrawn' });
    expect((await totalsOf(apiKey, id)).status).toBe('sent');
  });
});
