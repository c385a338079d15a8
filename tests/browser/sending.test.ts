// End to end against `wrangler dev`: a message to the demo list goes through the local queue and
// send_email binding into a local .eml file; its tracked link leads to the destination from an
// EU and a US location; a reply "please delete my data" to its Reply-To address, posted to the
// local email trigger, files an erasure request for that very subscriber.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWorker, type TestWorker } from './support/local-worker';
import { waitForMail } from './support/sent-mail';

let worker: TestWorker;

beforeAll(async () => {
  worker = await startTestWorker();
});

afterAll(async () => {
  await worker?.stop();
});

async function call(path: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${worker.tenants.eu.apiKey}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  return fetch(`${worker.url}/api/v1${path}`, {
    ...init,
    headers,
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
  });
}

/** A subscriber of the demo list who gave consent (double opt-in run by the client). */
async function subscriber(email: string, name: string) {
  const eu = worker.tenants.eu;
  const res = await call('/subscribers', {
    method: 'POST',
    json: {
      email,
      name,
      listIds: [eu.listId],
      evidence: {
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        confirmedAt: new Date(Date.now() - 80_000_000).toISOString(),
        country: 'DE',
        notice: { key: 'newsletter', language: 'en', version: 1 },
      },
    },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { subscriber: { id: string } }).subscriber.id;
}

describe('a message to the demo list on wrangler dev', () => {
  it('is mailed, its link leads on from the EU and the US, and a reply files an erasure', async () => {
    const since = Date.now();
    const annaId = await subscriber('anna.e2e@example.org', 'Anna Lindqvist');
    await subscriber('bruno.e2e@example.org', 'Bruno Keller');
    const sent = await call('/messages', {
      method: 'POST',
      json: {
        listId: worker.tenants.eu.listId,
        subject: 'Spring news for {{firstName}}',
        fromName: 'Demo Shop',
        html: '<p>Hello {{firstName}}, see <a href="https://shop.example.com/spring">our spring offers</a>.</p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
      },
    });
    expect(sent.status).toBe(201);
    const messageId = ((await sent.json()) as { id: string }).id;

    const mail = await waitForMail('anna.e2e@example.org', since, 30_000);
    expect(mail.subject).toBe('Spring news for Anna');
    const link = /href="(http:\/\/127\.0\.0\.1:\d+\/l\/[^"]+)"/.exec(mail.html ?? '')?.[1];
    expect(link).toBeDefined();
    for (const country of ['DE', 'US']) {
      const click = await fetch(link!, { redirect: 'manual', headers: { 'x-dev-geo': country } });
      expect(click.status, country).toBe(302);
      expect(click.headers.get('location')).toBe('https://shop.example.com/spring');
    }
    await expect
      .poll(
        async () => {
          const view = (await (await call(`/messages/${messageId}`)).json()) as {
            status: string;
            totals: { sent: number };
          };
          return [view.status, view.totals.sent];
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual(['sent', 2]);

    const replyTo = mail.replyTo?.[0]?.address ?? '';
    expect(replyTo).toMatch(/^r\+/);
    const reply = [
      'From: Anna Lindqvist <anna.e2e@example.org>',
      `To: ${replyTo}`,
      `Subject: Re: ${mail.subject}`,
      'Date: Sun, 29 Nov 2026 10:00:00 +0100',
      `Message-ID: <reply-${Date.now()}@example.org>`,
      `In-Reply-To: ${mail.messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Please delete my data.',
      '',
    ].join('\r\n');
    const posted = await fetch(
      `${worker.url}/cdn-cgi/local/email?from=anna.e2e@example.org&to=${encodeURIComponent(replyTo)}`,
      { method: 'POST', body: reply },
    );
    expect(posted.status).toBe(200);
    const requests = (await (await call('/privacy-requests')).json()) as {
      data: { kind: string; subscriberId: string | null }[];
    };
    expect(requests.data).toEqual([expect.objectContaining({ kind: 'erasure', subscriberId: annaId })]);
  });
});
