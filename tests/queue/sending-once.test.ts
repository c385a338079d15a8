// A recipient never gets the same message twice: not when the queue delivers a batch again, not
// when two consumers race over the same ids (the recipient row is claimed before sending). A
// failed send is tried once more through the queue with backoff, then recorded as failed.

import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { captureMail } from '../support/mail';
import { api, seedTenant } from '../support/seed';
import { withSlowWrites } from '../support/slow-writes';
import {
  deliverBatch,
  drainSending,
  type Queued,
  recipientRows,
  recordQueue,
  sendingList,
  subscribe,
} from '../support/sending';

async function messageTo(region: 'eu' | 'us', emails: string[]) {
  const { tenant, apiKey } = await seedTenant(region);
  const listId = await sendingList(tenant);
  const people = [];
  for (const email of emails) people.push(await subscribe(tenant, listId, { email }));
  const queue = recordQueue();
  const res = await api(apiKey, '/messages', {
    method: 'POST',
    json: { listId, subject: 'Once', text: 'Only once.' },
  });
  expect(res.status).toBe(201);
  const id = ((await res.json()) as { id: string }).id;
  // The selection runs; the sends stay on the queue for the test to deliver.
  await drainSending(queue.filter((q) => q.body.type === 'message-select'));
  const sends = queue.filter((q) => q.body.type === 'message-send' && !q.done);
  return { tenant, apiKey, id, people, queue, sends };
}

/** A MAILER that refuses the addresses `refuse` names (per attempt) and records the rest. */
function flakyMailer(refuse: (to: string, attempt: number) => boolean) {
  const original = env.MAILER;
  const tries = new Map<string, number>();
  const delivered: string[] = [];
  (env as { MAILER: unknown }).MAILER = {
    async send(message: EmailMessage) {
      const attempt = (tries.get(message.to) ?? 0) + 1;
      tries.set(message.to, attempt);
      if (refuse(message.to, attempt)) throw new Error('the binding refused the message');
      delivered.push(message.to);
    },
  };
  afterEach(() => {
    (env as { MAILER: unknown }).MAILER = original;
  });
  return { delivered, tries };
}

describe('each recipient at most once', () => {
  it('splits 250 recipients into queue messages of at most 100 ids and mails each once', async () => {
    const mail = captureMail();
    const emails = Array.from({ length: 250 }, (_, i) => `reader${i}@example.org`);
    const { id, tenant, sends, queue } = await messageTo('us', emails);
    expect(sends.map((s) => (s.body.type === 'message-send' ? s.body.subscriberIds.length : 0))).toEqual([
      100, 100, 50,
    ]);
    await drainSending(queue);
    expect((await mail.messages()).map((m) => m.to).sort()).toEqual([...emails].sort());
    const rows = [...(await recipientRows(tenant, id)).values()];
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(250);
  });

  it('sends nothing again when the queue delivers the same batch again', async () => {
    const mail = captureMail();
    const { sends } = await messageTo('eu', ['a@example.org', 'b@example.org', 'c@example.org']);
    expect(await deliverBatch(sends)).toMatchObject({ explicitAcks: ['q0'], retryMessages: [] });
    expect(await deliverBatch(sends.map((s) => ({ ...s, attempts: 2 })))).toMatchObject({
      explicitAcks: ['q0'],
      retryMessages: [],
    });
    expect((await mail.messages()).map((m) => m.to).sort()).toEqual([
      'a@example.org',
      'b@example.org',
      'c@example.org',
    ]);
  });

  it('sends each recipient one mail when two consumers race over the same ids', async () => {
    const mail = captureMail();
    const { tenant, id, sends } = await messageTo('eu', ['x@example.org', 'y@example.org', 'z@example.org']);
    const results = await withSlowWrites(() => Promise.all([deliverBatch(sends), deliverBatch(sends)]), {
      region: 'eu',
    });
    for (const r of results) expect(r.retryMessages).toEqual([]);
    expect((await mail.messages()).map((m) => m.to).sort()).toEqual([
      'x@example.org',
      'y@example.org',
      'z@example.org',
    ]);
    for (const row of (await recipientRows(tenant, id)).values())
      expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('tries a failed send once more through the queue, then records it as failed', async () => {
    const mailer = flakyMailer(
      (to, attempt) => to === 'down@example.org' || (to === 'flaky@example.org' && attempt === 1),
    );
    const { tenant, apiKey, id, people, sends } = await messageTo('us', [
      'ok@example.org',
      'down@example.org',
      'flaky@example.org',
    ]);
    const [ok, down, flaky] = people;
    const first = await deliverBatch(sends);
    expect(first.retryMessages.map((m) => m.msgId)).toEqual(['q0']);
    let rows = await recipientRows(tenant, id);
    expect(rows.get(ok!.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(rows.get(down!.id)).toMatchObject({ status: 'pending', attempts: 1, error_code: 'send_failed' });
    expect(rows.get(flaky!.id)).toMatchObject({ status: 'pending', attempts: 1 });

    const again: Queued[] = sends.map((s) => ({ ...s, attempts: 2 }));
    expect(await deliverBatch(again)).toMatchObject({ explicitAcks: ['q0'], retryMessages: [] });
    rows = await recipientRows(tenant, id);
    expect(rows.get(ok!.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(rows.get(flaky!.id)).toMatchObject({ status: 'sent', attempts: 2, error_code: null });
    expect(rows.get(down!.id)).toMatchObject({ status: 'failed', attempts: 2, error_code: 'send_failed' });
    expect(mailer.delivered.sort()).toEqual(['flaky@example.org', 'ok@example.org']);
    expect(mailer.tries.get('ok@example.org')).toBe(1);

    // A third delivery (the queue's own retry) changes nothing: the failure stays recorded.
    await deliverBatch(again);
    expect(mailer.tries.get('down@example.org')).toBe(2);
    const view = (await (await api(apiKey, `/messages/${id}`)).json()) as { status: string; totals: unknown };
    expect(view).toMatchObject({ status: 'sent', totals: { sent: 2, failed: 1, queued: 0 } });
  });
});
