// /u/:token: the unsubscribe link. GET and HEAD never unsubscribe; RFC 8058 one-click (form-encoded
// and multipart, from a mail provider: no Origin, no cookies, 200 at once) and the page's button
// (from our page, not a scanner) each write one withdrawal and one completed `unsubscribe`
// request, once however often they arrive; bad tokens and bodies change nothing.

import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { verifyConsentChain } from '../../db/consent-log';
import { regional } from '../../db/regions';
import { loadSubscriberKey } from '../../db/subscribers';
import { tenantKeys } from '../../db/tenants';
import { decryptField } from '../../shared/crypto/envelope';
import { captureQueue, mintLink, rowCounts } from '../support/intercept';
import { captureMail } from '../support/mail';
import { documentLanguage, headingsOf, press } from '../support/pages';
import { seedSubscriber } from '../support/privacy';
import { call, seedTenant } from '../support/seed';
import {
  consentEventsOf,
  eventTypesOf,
  oneClick,
  open,
  preferencePath,
  requestsOf,
  rows,
  selfService,
  unsubscribePath,
} from '../support/self-service';
import { withSlowWrites } from '../support/slow-writes';

const subscriptionOf = async (subscriberId: string, listId: string) =>
  (
    await rows<{ status: string; consent: string; consent_event_id: string }>(
      'select status, consent, consent_event_id from subscriptions where subscriber_id = ? and list_id = ?',
      subscriberId,
      listId,
    )
  )[0];

describe('GET /u/:token', () => {
  it('shows one button and a link to the preference centre, and never unsubscribes (nor does HEAD, nor a scanner)', async () => {
    captureQueue();
    const s = await selfService();
    const before = await rowCounts(s.tenant.id);
    const page = await open(s.unsubscribe);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(headingsOf(html)).toEqual(['Unsubscribe']);
    expect(html).toContain('Stop receiving “News” from Test eu?');
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toMatch(
      /<a href="https:\/\/privacy\.test\/p\/e[0-9]+\.[A-Za-z0-9_-]+">Manage all your preferences<\/a>/,
    );
    expect((await call(s.unsubscribe, { method: 'HEAD' })).status).toBe(200);
    expect((await open(s.unsubscribe, 'en', 'Mozilla/5.0 (compatible; Barracuda Sentinel)')).status).toBe(
      200,
    );
    expect(await rowCounts(s.tenant.id)).toBe(before);
    expect(await subscriptionOf(s.person.id, s.person.listId)).toMatchObject({
      status: 'confirmed',
      consent: 'given',
    });
  });

  it('speaks the browser’s language, else the subscriber’s', async () => {
    const s = await selfService({ language: 'fr' });
    const german = await (await open(s.unsubscribe, 'de-AT,de;q=0.9')).text();
    expect(documentLanguage(german)).toBe('de');
    expect(german).toContain('„News“ von Test eu nicht mehr erhalten?');
    const french = await (await call(s.unsubscribe)).text();
    expect(documentLanguage(french)).toBe('fr');
  });

  it('links to a preference centre that opens for the same person', async () => {
    const s = await selfService();
    const html = await (await open(s.unsubscribe)).text();
    const centre = new URL(/href="(https:\/\/privacy\.test\/p\/[^"]+)"/.exec(html)![1]!).pathname;
    const page = await (await open(centre)).text();
    expect(headingsOf(page)).toEqual(['Your preferences']);
    expect(page).toContain(s.person.email);
  });
});

describe('POST /u/:token, RFC 8058 one-click', () => {
  it.each(['form', 'multipart'] as const)(
    'in %s encoding unsubscribes at once: 200, no redirect, no cookie; a withdrawal and a completed request, announced',
    async (encoding) => {
      const queued = captureQueue();
      const mail = captureMail();
      const s = await selfService();
      const res = await oneClick(s.unsubscribe, { encoding });
      expect(res.status).toBe(200);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(headingsOf(await res.text())).toEqual(['You are unsubscribed']);

      const events = await consentEventsOf(s.person.id);
      const withdrawal = events.at(-1)!;
      expect(withdrawal).toMatchObject({
        kind: 'withdrawal',
        list_id: s.person.listId,
        source_type: 'unsubscribe',
        source_id: s.person.messageId,
        country: 'US',
      });
      const keys = await tenantKeys(env.MASTER_KEY, s.tenant);
      const key = (await loadSubscriberKey(regional(env, 'eu').db, keys, s.person.id))!;
      expect(await decryptField(key, 'ip', withdrawal.ip_ct as string)).toBe('203.0.113.50');
      expect(await verifyConsentChain(regional(env, 'eu').db, s.tenant.id, s.person.id)).toMatchObject({
        ok: true,
      });
      expect(await subscriptionOf(s.person.id, s.person.listId)).toEqual({
        status: 'unsubscribed',
        consent: 'withdrawn',
        consent_event_id: withdrawal.id,
      });
      const [request] = await requestsOf(s.tenant.id);
      expect(request).toMatchObject({
        kind: 'unsubscribe',
        status: 'completed',
        channel: 'unsubscribe_page',
      });
      expect(JSON.parse(request!.evidence as string)).toEqual({
        lists: [s.person.listId],
        messageId: s.person.messageId,
      });
      expect(await eventTypesOf(s.tenant.id)).toEqual([
        'consent.recorded',
        'privacy_request.completed',
        'privacy_request.created',
      ]);
      // The events this request wrote reach the queue after the answer; the requester hears it is done.
      await vi.waitFor(() => expect(queued).toHaveLength(3));
      await vi.waitFor(async () =>
        expect((await mail.messages()).map((m) => m.to)).toEqual([s.person.email]),
      );
      // The provider's location is not the person's: the home region is left as it was.
      expect((await rows('select home_region from subscribers where id = ?', s.person.id))[0]).toEqual({
        home_region: 'eu',
      });
    },
  );

  it('works from a mail provider whose user agent reads like a robot: the body is what says it is one-click', async () => {
    const s = await selfService();
    const res = await oneClick(s.unsubscribe, {
      userAgent: 'Googlebot/2.1 (+http://www.google.com/bot.html)',
    });
    expect(res.status).toBe(200);
    expect(await subscriptionOf(s.person.id, s.person.listId)).toMatchObject({ status: 'unsubscribed' });
  });

  it('the same POST 50 times at once: 200 each, one withdrawal, one request', async () => {
    captureQueue();
    const s = await selfService();
    const answers = await withSlowWrites(() =>
      Promise.all(Array.from({ length: 50 }, (_, i) => oneClick(s.unsubscribe, { ip: `198.51.100.${i}` }))),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
    const withdrawals = (await consentEventsOf(s.person.id)).filter((e) => e.kind === 'withdrawal');
    expect(withdrawals).toHaveLength(1);
    const requests = await requestsOf(s.tenant.id);
    expect(requests.map((r) => [r.kind, r.status])).toEqual([['unsubscribe', 'completed']]);
    expect(await verifyConsentChain(regional(env, 'eu').db, s.tenant.id, s.person.id)).toMatchObject({
      ok: true,
    });
    const completions = await rows(
      "select id from outbox_events where tenant_id = ? and type = 'privacy_request.completed'",
      s.tenant.id,
    );
    expect(completions).toHaveLength(1);
  });

  it('a second one-click later says so and writes nothing', async () => {
    captureQueue();
    const s = await selfService();
    expect((await oneClick(s.unsubscribe)).status).toBe(200);
    const after = await rowCounts(s.tenant.id);
    const again = await oneClick(s.unsubscribe);
    expect(again.status).toBe(200);
    expect(headingsOf(await again.text())).toEqual(['Already unsubscribed']);
    expect(await rowCounts(s.tenant.id)).toBe(after);
  });
});

describe('POST /u/:token, the page’s button', () => {
  it('from our page, by a person, unsubscribes', async () => {
    captureQueue();
    const s = await selfService();
    const res = await press(s.unsubscribe, { 'accept-language': 'nl' }, { body: 'action=unsubscribe' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(documentLanguage(html)).toBe('nl');
    expect(headingsOf(html)).toEqual(['U bent afgemeld']);
    expect(await subscriptionOf(s.person.id, s.person.listId)).toMatchObject({ status: 'unsubscribed' });
    expect((await consentEventsOf(s.person.id)).at(-1)).toMatchObject({ kind: 'withdrawal', country: 'AT' });
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }, 403],
    ['a cross-site form without Origin', { origin: null, 'sec-fetch-site': 'cross-site' }, 403],
    [
      'a scanner that submits forms',
      { 'user-agent': 'Mozilla/5.0 (compatible; Proofpoint URL Defense)' },
      200,
    ],
    ['a scripted client', { origin: null, 'user-agent': 'curl/8.5.0' }, 200],
  ])('from %s changes nothing', async (_name, headers, status) => {
    captureQueue();
    const s = await selfService();
    const before = await rowCounts(s.tenant.id);
    const res = await press(s.unsubscribe, headers as Record<string, string | null>, {
      body: 'action=unsubscribe',
    });
    expect(res.status).toBe(status);
    expect(await rowCounts(s.tenant.id)).toBe(before);
    expect(await subscriptionOf(s.person.id, s.person.listId)).toMatchObject({ status: 'confirmed' });
  });
});

describe('bad links and bodies change nothing and never answer 5xx', () => {
  async function counted<T>(tenantId: string, fn: () => Promise<T>) {
    const before = await rowCounts(tenantId);
    const result = await fn();
    expect(await rowCounts(tenantId)).toBe(before);
    return result;
  }

  it('an expired, a tampered, another purpose’s and a made-up token', async () => {
    captureQueue();
    const s = await selfService();
    const claims = { tenantId: s.tenant.id, subscriberId: s.person.id, listId: s.person.listId };
    const expired = await unsubscribePath(claims, { now: Date.now() - 366 * 86_400_000 });
    const token = s.unsubscribe.slice(3);
    const tampered = `/u/${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}${token.slice(-1)}`;
    const linkToken = await mintLink(claims);
    const preference = (await preferencePath(s.tenant.id, s.person.id)).slice(3);
    for (const path of [expired, tampered, `/u/${linkToken}`, `/u/${preference}`, '/u/e1.nothing-here']) {
      const res = await counted(s.tenant.id, () => oneClick(path));
      expect(res.status).toBe(400);
      expect(headingsOf(await res.text())).toEqual(['This link is not valid']);
      expect((await counted(s.tenant.id, () => open(path))).status).toBe(400);
    }
    // And the unsubscribe token opens neither a tracked link nor a preference centre.
    expect((await counted(s.tenant.id, () => open(`/l/${token}`))).status).toBe(400);
    expect((await counted(s.tenant.id, () => open(`/p/${token}`))).status).toBe(400);
  });

  it('a token naming another tenant’s subscriber or list finds nothing of theirs', async () => {
    captureQueue();
    const a = await selfService();
    const { tenant: b } = await seedTenant('eu');
    const bPerson = await seedSubscriber(b, { email: `b-${crypto.randomUUID().slice(0, 6)}@example.org` });
    const mixed = [
      await unsubscribePath({ tenantId: b.id, subscriberId: a.person.id, listId: a.person.listId }),
      await unsubscribePath({ tenantId: b.id, subscriberId: bPerson.id, listId: a.person.listId }),
    ];
    for (const path of mixed) {
      const res = await counted(a.tenant.id, () => oneClick(path));
      expect([404, 410]).toContain(res.status);
      expect(await res.text()).not.toContain(a.person.email);
    }
    expect(await subscriptionOf(a.person.id, a.person.listId)).toMatchObject({ status: 'confirmed' });
  });

  it('a body over 16 KB answers 413 in the person’s language', async () => {
    const s = await selfService();
    const res = await counted(s.tenant.id, () =>
      call(s.unsubscribe, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'es' },
        body: `List-Unsubscribe=One-Click&pad=${'x'.repeat(17 * 1024)}`,
      }),
    );
    expect(res.status).toBe(413);
    expect(documentLanguage(await res.text())).toBe('es');
  });
});
