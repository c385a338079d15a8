// The unsubscribe of a sent message, as a mail provider performs it: the https URL of its
// List-Unsubscribe header, POSTed per RFC 8058 with `List-Unsubscribe=One-Click`, withdraws the
// subscriber from the message's list; the next message to that list skips them.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { captureMail } from '../support/mail';
import { api, call, seedTenant } from '../support/seed';
import { drainSending, recordQueue, sendingList, subscribe } from '../support/sending';

describe('List-Unsubscribe of a sent message', () => {
  it('one-click POST (RFC 8058) withdraws the subscriber, and the next message skips them', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const listId = await sendingList(tenant);
    const person = await subscribe(tenant, listId, { email: 'leaving@example.org', homeRegion: 'eu' });
    const queue = recordQueue();
    const mail = captureMail();
    const send = () =>
      api(apiKey, '/messages', { method: 'POST', json: { listId, subject: 'News', text: 'Hello' } });
    expect((await send()).status).toBe(201);
    await drainSending(queue);
    const header = (await mail.messages())[0]!.parsed.headers.find(
      (h) => h.key === 'list-unsubscribe',
    )!.value;
    const url = new URL(/<(https:[^>]+)>/.exec(header)![1]!);
    expect(url.pathname).toMatch(/^\/u\//);

    const res = await call(url.pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    const subscription = await regional(env, tenant.region)
      .d1.prepare('select status, consent from subscriptions where subscriber_id = ? and list_id = ?')
      .bind(person.id, listId)
      .first<{ status: string; consent: string }>();
    expect(subscription).toMatchObject({ status: 'unsubscribed', consent: 'withdrawn' });

    const next = (await (await send()).json()) as { id: string };
    await drainSending(queue);
    // (What else went to them, a notice that their request is done, is the self-service work's.)
    expect((await mail.messages()).filter((m) => m.parsed.subject === 'News')).toHaveLength(1);
    const view = (await (await api(apiKey, `/messages/${next.id}`)).json()) as { totals: unknown };
    expect(view.totals).toMatchObject({ sent: 0, skippedByReason: { withdrawn: 1 } });
  });
});
