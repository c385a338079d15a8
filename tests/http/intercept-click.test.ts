// GET /l/:token as clickers see it: who gets the consent page, who goes straight through, and
// that the direct path writes nothing before it answers.

import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { handleQueue } from '../../workers/queue/consumer';
import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { routeRequest } from '../../workers/http/app';
import { consentEvents } from '../../db/schema';
import { regional } from '../../db/regions';
import { confirmSubscriptions } from '../../db/double-opt-in';
import { tenantKeys } from '../../db/tenants';
import { formFixture, postJson } from '../support/consent';
import { captureMail } from '../support/mail';
import { eq } from 'drizzle-orm';
import { expectCountersExact, reconcileTenant } from '../support/reports';
import { api, call, countRows, seedTenant } from '../support/seed';
import {
  BROWSER_UA,
  EU_CF,
  US_CF,
  captureQueue,
  giveConsent,
  mintLink,
  rowCounts,
  seedList,
  seedSubscriber,
  waitForQueued,
} from '../support/intercept';

/**
 * How many D1 statements `run` makes on DB_EU through the env it is given, work behind a click's
 * answer included. The count sees only that env: a queue consumer or a buffer flush of another
 * test running meanwhile uses the real one and cannot land in it.
 */
async function countingStatements(run: (countedEnv: typeof env) => Promise<unknown>): Promise<number> {
  let statements = 0;
  const counted = new Proxy(env.DB_EU, {
    get(target, prop) {
      if (prop === 'prepare' || prop === 'batch' || prop === 'exec') statements++;
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  await run({ ...env, DB_EU: counted } as typeof env);
  return statements;
}

/** A click into the Worker's fetch with `withEnv`, waiting for its work behind the answer. */
async function clickWith(withEnv: typeof env, token: string, cf: Record<string, unknown>) {
  const ctx = createExecutionContext();
  const request = new Request(`https://privacy.test/l/${token}`, {
    cf,
    headers: { 'user-agent': BROWSER_UA },
    redirect: 'manual',
  } as RequestInit);
  const response = await routeRequest(request, withEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const click = (token: string, cf: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(`/l/${token}`, { cf, headers: { 'user-agent': BROWSER_UA, ...headers }, redirect: 'manual' });

async function setup(settings = {}) {
  const { tenant } = await seedTenant('eu', settings);
  const subscriber = await seedSubscriber(tenant);
  const list = await seedList(tenant, {
    en: 'Monthly offers, by email.',
    de: 'Monatliche Angebote per E-Mail.',
    fr: 'Offres mensuelles par e-mail.',
  });
  const token = await mintLink({ tenantId: tenant.id, subscriberId: subscriber.id, listId: list.id });
  return { tenant, subscriber, list, token };
}

describe('GET /l/:token', () => {
  it('shows an EU clicker without consent the consent page with the notice in their language', async () => {
    const { token } = await setup();
    const res = await click(token, EU_CF, { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Under no-referrer, browsers would post the answer with `Origin: null`, which CSRF refuses.
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('lang="de"');
    expect(html).toContain('Monatliche Angebote per E-Mail.');
    expect(html).toContain('Ja, ich möchte weiter E-Mails erhalten');
    expect(html).toContain('Nein, keine E-Mails mehr');
    expect(html).toContain(`action="/l/${token}"`);
    expect(html).toContain('shop.example.com');
  });

  it.each([
    ['fr-BE,fr;q=0.8', 'Offres mensuelles par e-mail.', 'Oui, je veux continuer à les recevoir'],
    ['nl-NL', 'Monthly offers, by email.', 'Ja, ik blijf ingeschreven'],
    ['ja-JP', 'Monthly offers, by email.', 'Yes, keep me subscribed'],
    ['', 'Monthly offers, by email.', 'Yes, keep me subscribed'],
  ])('speaks %j: notice and buttons fall back sensibly', async (acceptLanguage, noticeText, yes) => {
    const { token } = await setup();
    const res = await click(token, EU_CF, acceptLanguage ? { 'accept-language': acceptLanguage } : {});
    const html = await res.text();
    expect(html).toContain(noticeText);
    expect(html).toContain(yes);
  });

  it('writes no access log line for a direct redirect or a consent page (each is a click row), but does for a bad link', async () => {
    const { token } = await setup();
    const logs = vi.spyOn(console, 'log');
    try {
      const accessLines = () =>
        logs.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('"event":"http"'));
      expect((await click(token, US_CF)).status).toBe(302);
      expect((await click(token, EU_CF)).status).toBe(200);
      expect(accessLines()).toEqual([]);
      expect((await click(`${token.slice(0, -2)}xx`, EU_CF)).status).toBe(400);
      expect(accessLines()).toHaveLength(1);
    } finally {
      logs.mockRestore();
    }
  });

  it('sends an EU clicker with consent straight on with a 302', async () => {
    const { tenant, subscriber, list, token } = await setup();
    await giveConsent(tenant, subscriber.id, list.id);
    const res = await click(token, EU_CF);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://shop.example.com/spring?x=1');
  });

  it('asks again when the subscription says consent was withdrawn', async () => {
    const { tenant, subscriber, list, token } = await setup();
    await giveConsent(tenant, subscriber.id, list.id, 'withdrawn');
    expect((await click(token, EU_CF)).status).toBe(200);
  });

  it('sends a US clicker straight on, writing nothing before the response and queueing the click', async () => {
    const { tenant, subscriber, list, token } = await setup();
    const queued = captureQueue();
    const before = await rowCounts(tenant.id);
    const res = await click(token, US_CF);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://shop.example.com/spring?x=1');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await rowCounts(tenant.id)).toBe(before);
    expect(await waitForQueued(queued, 1)).toEqual([
      expect.objectContaining({
        type: 'click-recorded',
        region: 'eu',
        tenantId: tenant.id,
        subscriberId: subscriber.id,
        listId: list.id,
        messageId: 'msg_spring',
        country: 'US',
        isEu: false,
        outcome: 'redirect',
        automated: false,
      }),
    ]);
  });

  it('does not touch D1 at all for a repeat click on the direct path (tenant settings cached)', async () => {
    const { token } = await setup();
    await click(token, US_CF);
    const statements = await countingStatements(async (counted) => {
      expect((await clickWith(counted, token, US_CF)).status).toBe(302);
    });
    expect(statements).toBe(0);
    // The same counter sees the reads of a click that needs a consent decision.
    const control = await countingStatements(async (counted) => {
      expect((await clickWith(counted, token, EU_CF)).status).toBe(200);
    });
    expect(control).toBeGreaterThan(0);
  });

  it('fills an unknown home region from the click, with its source, once the queued click is recorded', async () => {
    const { tenant, subscriber, token } = await setup();
    const queued = captureQueue();
    await click(token, US_CF);
    await waitForQueued(queued, 1);
    const batch = createMessageBatch(
      'tm-privacy-events',
      queued.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await handleQueue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(1);
    const row = await env.DB_EU.prepare(
      'select home_region, home_region_source, home_country from subscribers where id = ?',
    )
      .bind(subscriber.id)
      .first();
    expect(row).toEqual({ home_region: 'non_eu', home_region_source: 'click_geo', home_country: 'US' });
    expect(await countRows(env.DB_EU, 'clicks', 'tenant_id = ? and outcome = ?', tenant.id, 'redirect')).toBe(
      1,
    );
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        'tenant_id = ? and type = ?',
        tenant.id,
        'subscriber.home_region_set',
      ),
    ).toBe(1);
    // Redelivery records nothing twice.
    await handleQueue(
      createMessageBatch(
        'tm-privacy-events',
        queued.map((body, i) => ({ id: `r${i}`, timestamp: new Date(), attempts: 2, body })),
      ),
      env,
      createExecutionContext(),
    );
    expect(await countRows(env.DB_EU, 'clicks', 'tenant_id = ?', tenant.id)).toBe(1);
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        'tenant_id = ? and type = ?',
        tenant.id,
        'subscriber.home_region_set',
      ),
    ).toBe(1);
  });

  it('drops the queued click of a subscriber who no longer exists', async () => {
    const { tenant, subscriber, token } = await setup();
    const queued = captureQueue();
    await click(token, US_CF);
    await waitForQueued(queued, 1);
    await env.DB_EU.batch([
      env.DB_EU.prepare('delete from subscriber_keys where subscriber_id = ?').bind(subscriber.id),
      env.DB_EU.prepare('delete from subscribers where id = ?').bind(subscriber.id),
    ]);
    const batch = createMessageBatch(
      'tm-privacy-events',
      queued.map((body, i) => ({ id: `g${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await handleQueue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(1);
    expect(await countRows(env.DB_EU, 'clicks', 'tenant_id = ?', tenant.id)).toBe(0);
    expect(await countRows(env.DB_EU, 'outbox_events', 'tenant_id = ?', tenant.id)).toBe(0);
  });

  it('never asks when the tenant switched the intercept off, even in the EU', async () => {
    const { token } = await setup({ intercept: 'off' });
    expect((await click(token, EU_CF)).status).toBe(302);
  });

  it('asks everyone, not only the EU, when the tenant says so', async () => {
    const { token } = await setup({ intercept: 'all' });
    expect((await click(token, US_CF)).status).toBe(200);
  });

  it('does not treat a clicker of unknown location as being in the EU', async () => {
    const { token } = await setup();
    expect((await click(token, {})).status).toBe(302);
  });

  it('shows a link scanner the page (it may look) but marks the click automated and never fills the home region', async () => {
    const { tenant, subscriber, token } = await setup();
    const queued = captureQueue();
    const before = await rowCounts(tenant.id);
    const scanners: Record<string, string>[] = [
      { 'sec-purpose': 'prefetch' },
      { purpose: 'prefetch' },
      { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda Sentinel)' },
    ];
    for (const headers of scanners) {
      const res = await click(token, EU_CF, headers);
      expect(res.status).toBe(200);
    }
    const head = await call(`/l/${token}`, {
      method: 'HEAD',
      cf: EU_CF,
      headers: { 'user-agent': BROWSER_UA },
      redirect: 'manual',
    });
    expect(head.status).toBe(200);
    expect(await rowCounts(tenant.id)).toBe(before);
    expect(await waitForQueued(queued, 4)).toHaveLength(4);
    expect(queued.every((m) => m.type === 'click-recorded' && m.automated)).toBe(true);
    await handleQueue(
      createMessageBatch(
        'tm-privacy-events',
        queued.map((body, i) => ({ id: `s${i}`, timestamp: new Date(), attempts: 1, body })),
      ),
      env,
      createExecutionContext(),
    );
    const row = await env.DB_EU.prepare('select home_region from subscribers where id = ?')
      .bind(subscriber.id)
      .first();
    expect(row).toEqual({ home_region: 'unknown' });
    expect(await countRows(env.DB_EU, 'consent_events', 'subscriber_id = ?', subscriber.id)).toBe(0);
    expect(await countRows(env.DB_EU, 'privacy_requests', 'subscriber_id = ?', subscriber.id)).toBe(0);
  });

  it('shows a built-in notice naming the sender and purpose when the list has no published notice', async () => {
    const { tenant, subscriber } = await setup();
    const list = await seedList(tenant, {});
    const token = await mintLink({ tenantId: tenant.id, subscriberId: subscriber.id, listId: list.id });
    const html = await (await click(token, EU_CF)).text();
    expect(html).toContain(`${tenant.name} would like to keep sending you emails about monthly offers.`);
  });

  it('records no consent and no request on a plain GET of the consent page', async () => {
    const { subscriber, token } = await setup();
    expect((await click(token, EU_CF)).status).toBe(200);
    expect(
      await regional(env, 'eu').db.$count(consentEvents, eq(consentEvents.subscriberId, subscriber.id)),
    ).toBe(0);
    expect(await countRows(env.DB_EU, 'privacy_requests', 'subscriber_id = ?', subscriber.id)).toBe(0);
  });
});

describe('click recording', () => {
  it('writes the clicks of one queue batch together, acks them all, and leaves other messages to the loop', async () => {
    const { tenant } = await seedTenant('eu');
    const subscribers = await Promise.all([1, 2, 3].map(() => seedSubscriber(tenant)));
    const list = await seedList(tenant);
    const queued = captureQueue();
    for (const s of subscribers) {
      await click(await mintLink({ tenantId: tenant.id, subscriberId: s.id, listId: list.id }), EU_CF, {
        'sec-purpose': 'prefetch',
      });
    }
    await waitForQueued(queued, 3);
    const bodies = [
      ...queued,
      { type: 'outbox-event', region: 'eu', tenantId: tenant.id, eventId: 'evt_none', eventType: 'x.y' },
      { type: 'nonsense' },
    ];
    const batch = createMessageBatch(
      'tm-privacy-events',
      bodies.map((body, i) => ({ id: `b${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await handleQueue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
    expect(
      await countRows(
        env.DB_EU,
        'clicks',
        'tenant_id = ? and automated = 1 and outcome = ?',
        tenant.id,
        'consent_page',
      ),
    ).toBe(3);
  });
});

describe('click recording of one person clicking often', () => {
  it('fills their unknown home region from their first located click and builds no fill for the rest of the batch', async () => {
    const { tenant } = await seedTenant('eu');
    const subscriber = await seedSubscriber(tenant);
    const list = await seedList(tenant);
    await reconcileTenant(tenant);
    const at = Date.now();
    const clicks = [
      { country: null, isEu: null },
      { country: 'FR', isEu: true },
      { country: 'US', isEu: false },
      { country: 'US', isEu: false },
      { country: 'DE', isEu: true },
    ].map((geo, i) => ({
      type: 'click-recorded',
      region: 'eu',
      tenantId: tenant.id,
      clickId: `clk_often${i}_${crypto.randomUUID().slice(0, 8)}`,
      subscriberId: subscriber.id,
      messageId: null,
      listId: list.id,
      clickedAt: at + i,
      ...geo,
      outcome: 'redirect',
      automated: false,
    }));
    const batch = createMessageBatch(
      'tm-privacy-events',
      clicks.map((body, i) => ({ id: `o${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    const statements = await countingStatements((counted) => handleQueue(batch, counted, ctx));
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(5);
    // Five click inserts, one fill (region tally, event, update) between its two counter deltas, one batch.
    expect(statements).toBe(5 + 5 + 1);
    expect(await countRows(env.DB_EU, 'clicks', 'tenant_id = ?', tenant.id)).toBe(5);
    const row = await env.DB_EU.prepare(
      'select home_region, home_region_source, home_country from subscribers where id = ?',
    )
      .bind(subscriber.id)
      .first();
    expect(row).toEqual({ home_region: 'eu', home_region_source: 'click_geo', home_country: 'FR' });
    const events = await env.DB_EU.prepare(
      'select payload from outbox_events where tenant_id = ? and type = ?',
    )
      .bind(tenant.id, 'subscriber.home_region_set')
      .all<{ payload: string }>();
    expect(events.results.map((e) => JSON.parse(e.payload).clickId)).toEqual([clicks[1]!.clickId]);
    await expectCountersExact(tenant);
  });
});

describe('a double opt-in sign-up is consent only once confirmed', () => {
  async function signedUp() {
    const f = await formFixture('eu');
    captureMail();
    return f;
  }
  const subscriberOf = async (tenantId: string) =>
    (await env.DB_EU.prepare('select id from subscribers where tenant_id = ?')
      .bind(tenantId)
      .first<{ id: string }>())!.id;
  const confirm = async (f: Awaited<ReturnType<typeof formFixture>>, subscriberId: string) =>
    confirmSubscriptions(
      regional(env, 'eu').db,
      await tenantKeys(env.MASTER_KEY, f.tenant),
      subscriberId,
      [f.doiList],
      {
        occurredAt: new Date(),
        geo: { country: 'DE', region: null, isEU: true },
        ip: null,
        userAgent: null,
        formId: f.formId,
      },
    );

  it('an unconfirmed sign-up is asked on the link; once the mail is confirmed it goes straight through', async () => {
    const f = await signedUp();
    expect((await postJson(f.formId, { email: 'waiting@example.org' })).status).toBe(200);
    const id = await subscriberOf(f.tenant.id);
    expect(
      await env.DB_EU.prepare('select status, consent from subscriptions where subscriber_id = ?')
        .bind(id)
        .first(),
    ).toEqual({ status: 'pending', consent: 'unknown' });
    const token = await mintLink({ tenantId: f.tenant.id, subscriberId: id, listId: f.doiList });
    expect((await click(token, EU_CF)).status).toBe(200);
    await confirm(f, id);
    expect((await click(token, EU_CF)).status).toBe(302);
  });

  it('an imported subscriber (consent unknown) who signs up again is still asked until confirmed', async () => {
    const f = await signedUp();
    const imported = await api(f.apiKey, '/subscribers/import', {
      method: 'POST',
      json: { listIds: [f.doiList], rows: [{ email: 'old@example.org', consentUnknown: true }] },
    });
    expect(imported.status).toBe(200);
    const id = await subscriberOf(f.tenant.id);
    const token = await mintLink({ tenantId: f.tenant.id, subscriberId: id, listId: f.doiList });
    expect((await click(token, EU_CF)).status).toBe(200);
    // The form writes an opt-in event, but the double opt-in click has not happened yet.
    expect((await postJson(f.formId, { email: 'old@example.org' })).status).toBe(200);
    expect(await countRows(env.DB_EU, 'consent_events', "subscriber_id = ? and kind = 'opt_in'", id)).toBe(1);
    expect((await click(token, EU_CF)).status).toBe(200);
    await confirm(f, id);
    expect((await click(token, EU_CF)).status).toBe(302);
  });
});
