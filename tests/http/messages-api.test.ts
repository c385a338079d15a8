// The messages API: bad input is a clear 4xx before anything is written or queued; a message is
// idempotent with Idempotency-Key; `sendAt` waits on the queue or for the sweep; a message can be
// cancelled before it is sent (and then reaches nobody); recipients are listed with EU ones by
// pseudonym only.

import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { handleScheduled } from '../../workers/scheduled';
import { captureMail } from '../support/mail';
import { api, countRows, seedTenant } from '../support/seed';
import { drainSending, recordQueue, sendingList, subscribe } from '../support/sending';

const post = (apiKey: string, json: unknown, headers: Record<string, string> = {}) =>
  api(apiKey, '/messages', { method: 'POST', json, headers });

async function sweepAt(at: number) {
  const ctx = createExecutionContext();
  await handleScheduled(createScheduledController({ scheduledTime: at, cron: '17 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('POST /api/v1/messages refuses bad input before anything is queued', () => {
  it.each([
    ['an unknown merge field', { text: 'Hi {{nickname}}' }, 400, 'validation_failed', '{{nickname}}'],
    [
      'an unknown merge field in the subject',
      { subject: 'Hi {{shoeSize}}', text: 'x' },
      400,
      'validation_failed',
      '{{shoeSize}}',
    ],
    [
      'CR/LF in the subject',
      { subject: 'Hi\r\nBcc: all@example.org', text: 'x' },
      400,
      'validation_failed',
      'subject',
    ],
    [
      'LF in the from name',
      { fromName: 'Shop\nBcc: x@example.org', text: 'x' },
      400,
      'validation_failed',
      'fromName',
    ],
    ['no body', {}, 400, 'validation_failed', 'html'],
    ['a body over 1 MB', { html: `<p>${'ä'.repeat(600_000)}</p>` }, 413, 'payload_too_large', 'bytes'],
    ['a sendAt in the past', { text: 'x', sendAt: '2020-01-01T00:00:00Z' }, 400, 'validation_failed', 'past'],
    [
      'a sendAt beyond a year',
      { text: 'x', sendAt: '2099-01-01T00:00:00Z' },
      400,
      'validation_failed',
      '365',
    ],
  ])('%s', async (_name, fields, status, code, mentions) => {
    const { tenant, apiKey } = await seedTenant('eu');
    const listId = await sendingList(tenant);
    await subscribe(tenant, listId);
    const queue = recordQueue();
    const res = await post(apiKey, { listId, subject: 'Hello', ...fields });
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string; details?: unknown } };
    expect(body.error.code).toBe(code);
    expect(`${body.error.message} ${JSON.stringify(body.error.details ?? '')}`).toContain(mentions);
    expect(queue).toEqual([]);
    expect(await countRows(env.DB_EU, 'messages', 'tenant_id = ?', tenant.id)).toBe(0);
  });

  it('a list of another tenant is not found', async () => {
    const owner = await seedTenant('eu');
    const listId = await sendingList(owner.tenant);
    const stranger = await seedTenant('eu');
    const queue = recordQueue();
    const res = await post(stranger.apiKey, { listId, subject: 'Hello', text: 'x' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect(queue).toEqual([]);
  });

  it("another tenant's message is not found: not shown, listed, paged through or cancelled", async () => {
    const owner = await seedTenant('eu');
    const listId = await sendingList(owner.tenant);
    await subscribe(owner.tenant, listId, { email: 'owner-only@example.org', homeRegion: 'eu' });
    recordQueue();
    const created = (await (await post(owner.apiKey, { listId, subject: 'Mine', text: 'x' })).json()) as {
      id: string;
    };
    const stranger = await seedTenant('eu');
    for (const [path, method] of [
      [`/messages/${created.id}`, 'GET'],
      [`/messages/${created.id}/recipients`, 'GET'],
      [`/messages/${created.id}/cancel`, 'POST'],
    ] as const) {
      const res = await api(stranger.apiKey, path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const listed = (await (await api(stranger.apiKey, '/messages')).json()) as { data: unknown[] };
    expect(listed.data).toEqual([]);
    const mine = (await (await api(owner.apiKey, `/messages/${created.id}`)).json()) as { status: string };
    expect(mine.status).not.toBe('cancelled');
  });

  it('accepts profile keys and the built-in fields, and leaves javascript: and malformed links as they are', async () => {
    const { tenant, apiKey } = await seedTenant('us');
    await api(apiKey, '/profile-fields', { method: 'POST', json: { key: 'city', label: 'City' } });
    const listId = await sendingList(tenant);
    await subscribe(tenant, listId, { email: 'links@example.org' });
    const queue = recordQueue();
    const mail = captureMail();
    const html =
      '<a href="javascript:alert(document.cookie)">a</a><a href="https://">b</a><a href="https://user:pw@bank.example/">c</a>{{firstName}}{{city}}{{preferencesUrl}}{{unsubscribeUrl}}';
    const res = await post(apiKey, { listId, subject: 'Hi {{ firstName }}', html });
    expect(res.status).toBe(201);
    await drainSending(queue);
    const sent = (await mail.messages())[0]!.parsed.html!;
    expect(sent).toContain('href="javascript:alert(document.cookie)"');
    expect(sent).toContain('href="https://"');
    expect(sent).toContain('href="https://user:pw@bank.example/"');
    expect(sent).not.toContain('/l/');
  });
});

describe('messages over time', () => {
  it('creates one message for one Idempotency-Key, and answers the retry with it', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const listId = await sendingList(tenant);
    const queue = recordQueue();
    const body = { listId, subject: 'Once', text: 'Hello' };
    const first = await post(apiKey, body, { 'idempotency-key': 'spring-1' });
    const second = await post(apiKey, body, { 'idempotency-key': 'spring-1' });
    expect(first.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect(await countRows(env.DB_EU, 'messages', 'tenant_id = ?', tenant.id)).toBe(1);
    expect(queue.filter((q) => q.body.type === 'message-select')).toHaveLength(1);
  });

  it('creates one message when the same Idempotency-Key arrives 50 times at once', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const listId = await sendingList(tenant);
    const queue = recordQueue();
    const body = { listId, subject: 'Once', text: 'Hello' };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => post(apiKey, body, { 'idempotency-key': 'burst-1' })),
    );
    const ids = new Set<string>();
    for (const res of answers) {
      const json = (await res.json()) as { id?: string; error?: { code: string } };
      if (res.status === 201) ids.add(json.id!);
      else expect(json.error?.code).toBe('idempotency_conflict');
    }
    expect(ids.size).toBe(1);
    expect(await countRows(env.DB_EU, 'messages', 'tenant_id = ?', tenant.id)).toBe(1);
    expect(queue.filter((q) => q.body.type === 'message-select')).toHaveLength(1);
  });

  it('holds a message with sendAt on the queue until it is due, or for the sweep when further away', async () => {
    const { tenant, apiKey } = await seedTenant('us');
    const listId = await sendingList(tenant);
    await subscribe(tenant, listId, { email: 'later@example.org' });
    const queue = recordQueue();
    const mail = captureMail();
    const soon = new Date(Date.now() + 3_600_000);
    const near = (await (
      await post(apiKey, { listId, subject: 'Soon', text: 'x', sendAt: soon.toISOString() })
    ).json()) as {
      id: string;
      status: string;
    };
    expect(near.status).toBe('queued');
    const selects = queue.filter((q) => q.body.type === 'message-select');
    expect(selects).toHaveLength(1);
    expect(selects[0]!.delaySeconds).toBeGreaterThan(3590);
    expect(selects[0]!.delaySeconds).toBeLessThanOrEqual(3600);

    const far = new Date(Date.now() + 3 * 86_400_000);
    const later = (await (
      await post(apiKey, { listId, subject: 'Later', text: 'x', sendAt: far.toISOString() })
    ).json()) as {
      id: string;
      status: string;
    };
    expect(later.status).toBe('scheduled');
    expect(queue.filter((q) => q.body.type === 'message-select')).toHaveLength(1);

    // The sweep an hour and a half before sendAt queues it, delayed until sendAt.
    const selectsOf = (id: string) =>
      queue.filter((q) => q.body.type === 'message-select' && q.body.messageId === id);
    await sweepAt(far.getTime() - 90 * 60_000);
    expect(selectsOf(later.id)).toHaveLength(1);
    expect(selectsOf(later.id)[0]!.delaySeconds).toBe(90 * 60);
    expect((await (await api(apiKey, `/messages/${later.id}`)).json()) as object).toMatchObject({
      status: 'queued',
    });
    // A sweep again changes nothing.
    await sweepAt(far.getTime() - 80 * 60_000);
    expect(selectsOf(later.id)).toHaveLength(1);

    // Delivered early (before sendAt), the selection puts itself back on the queue and sends nothing.
    await drainSending([selects[0]!]);
    expect(await mail.messages()).toEqual([]);
    expect(queue.at(-1)).toMatchObject({ body: { type: 'message-select', messageId: near.id } });
    expect(queue.at(-1)!.delaySeconds).toBeGreaterThan(3500);
  });

  it('cancels a message before it is sent: nobody receives it, and a second cancel is a 409', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const listId = await sendingList(tenant);
    await subscribe(tenant, listId, { email: 'nobody@example.org', homeRegion: 'eu' });
    const queue = recordQueue();
    const mail = captureMail();
    const created = (await (await post(apiKey, { listId, subject: 'Oops', text: 'x' })).json()) as {
      id: string;
    };
    const cancelled = await api(apiKey, `/messages/${created.id}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled' });
    await drainSending(queue);
    expect(await mail.messages()).toEqual([]);
    const again = await api(apiKey, `/messages/${created.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('illegal_transition');
    expect(
      await countRows(env.DB_EU, 'outbox_events', "tenant_id = ? and type = 'message.cancelled'", tenant.id),
    ).toBe(1);
  });

  it('cancels a message between its selection and its send: pending recipients are skipped as cancelled', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const listId = await sendingList(tenant);
    await subscribe(tenant, listId, { email: 'one@example.org' });
    await subscribe(tenant, listId, { email: 'two@example.org' });
    const queue = recordQueue();
    const mail = captureMail();
    const created = (await (await post(apiKey, { listId, subject: 'Stop', text: 'x' })).json()) as {
      id: string;
    };
    await drainSending(queue.filter((q) => q.body.type === 'message-select'));
    expect((await api(apiKey, `/messages/${created.id}/cancel`, { method: 'POST' })).status).toBe(200);
    await drainSending(queue);
    expect(await mail.messages()).toEqual([]);
    const view = (await (await api(apiKey, `/messages/${created.id}`)).json()) as { totals: unknown };
    expect(view.totals).toMatchObject({ sent: 0, skipped: 2, skippedByReason: { cancelled: 2 } });
    const sent = await api(apiKey, `/messages/${created.id}/cancel`, { method: 'POST' });
    expect(sent.status).toBe(409);
  });

  it('lists recipients with EU subscribers under their pseudonym only', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const listId = await sendingList(tenant);
    const eu = await subscribe(tenant, listId, { email: 'eu-person@example.org', homeRegion: 'eu' });
    const us = await subscribe(tenant, listId, { email: 'us-person@example.org', homeRegion: 'non_eu' });
    const queue = recordQueue();
    captureMail();
    const created = (await (await post(apiKey, { listId, subject: 'Hi', text: 'x' })).json()) as {
      id: string;
    };
    await drainSending(queue);
    const res = await api(apiKey, `/messages/${created.id}/recipients?limit=1`);
    expect(res.status).toBe(200);
    const first = (await res.json()) as { data: { subscriberId: string }[]; nextCursor: string };
    const next = (await (
      await api(apiKey, `/messages/${created.id}/recipients?cursor=${first.nextCursor}`)
    ).json()) as {
      data: { subscriberId: string }[];
      nextCursor: string | null;
    };
    expect(next.nextCursor).toBeNull();
    const all = [...first.data, ...next.data] as {
      subscriberId: string;
      email: string | null;
      pseudonym: string;
      status: string;
      mailMessageId: string;
    }[];
    expect(all.map((r) => r.subscriberId).sort()).toEqual([eu.id, us.id].sort());
    const euRow = all.find((r) => r.subscriberId === eu.id)!;
    expect(euRow).toMatchObject({ email: null, status: 'sent' });
    expect(euRow.pseudonym).toBeTruthy();
    expect(euRow.mailMessageId).toMatch(/^<.+@.+>$/);
    expect(all.find((r) => r.subscriberId === us.id)).toMatchObject({ email: 'us-person@example.org' });
    const list = (await (await api(apiKey, '/messages')).json()) as {
      data: { id: string; totals: { sent: number } }[];
    };
    expect(list.data).toEqual([
      expect.objectContaining({ id: created.id, totals: expect.objectContaining({ sent: 2 }) }),
    ]);
  });
});
