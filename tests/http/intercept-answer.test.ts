// POST /l/:token: the answer on the consent page. YES and NO with their evidence and events,
// CSRF and replay protection, double submit, and scanners that submit forms.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { verifyConsentChain } from '../../db/consent-log';
import { regional } from '../../db/regions';
import { loadSubscriberKey } from '../../db/subscribers';
import { tenantKeys } from '../../db/tenants';
import { decryptField } from '../../shared/crypto/envelope';
import { masterKeyring } from '../../shared/crypto/keyring';
import { sealAnswerToken } from '../../shared/intercept-answer';
import { call, countRows, seedTenant } from '../support/seed';
import {
  BROWSER_UA,
  EU_CF,
  answerTokenOf,
  captureQueue,
  mintLink,
  rowCounts,
  seedList,
  seedSubscriber,
} from '../support/intercept';

const ORIGIN = 'https://privacy.test';

async function openPage(settings = {}, acceptLanguage = 'nl-BE,nl;q=0.9') {
  // Clicks and events stay in a recorder: a background consumer would change the row counts.
  captureQueue();
  const { tenant } = await seedTenant('eu', settings);
  const subscriber = await seedSubscriber(tenant);
  const list = await seedList(tenant, { en: 'Offers every month.', nl: 'Elke maand aanbiedingen.' });
  const token = await mintLink({ tenantId: tenant.id, subscriberId: subscriber.id, listId: list.id });
  const page = await call(`/l/${token}`, {
    cf: EU_CF,
    headers: { 'user-agent': BROWSER_UA, 'accept-language': acceptLanguage },
  });
  expect(page.status).toBe(200);
  return { tenant, subscriber, list, token, answerToken: answerTokenOf(await page.text()) };
}

function answer(token: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return call(`/l/${token}`, {
    method: 'POST',
    cf: EU_CF,
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
      'user-agent': BROWSER_UA,
      'cf-connecting-ip': '198.51.100.7',
      'accept-language': 'nl',
      ...headers,
    },
    body: new URLSearchParams(form).toString(),
  });
}

const eventsOf = (subscriberId: string) =>
  env.DB_EU.prepare('select * from consent_events where subscriber_id = ? order by seq')
    .bind(subscriberId)
    .all<Record<string, unknown>>()
    .then((r) => r.results);

/**
 * Runs `fn` while every D1 batch on DB_EU waits a moment before it commits: simultaneous submits
 * then all read the database before any of them writes, the race two real requests can run.
 */
async function withSlowWrites<T>(fn: () => Promise<T>): Promise<T> {
  const original = env.DB_EU;
  const slow = new Proxy(original, {
    get(target, prop) {
      if (prop === 'batch')
        return async (statements: D1PreparedStatement[]) => {
          await new Promise((resolve) => setTimeout(resolve, 150));
          return target.batch(statements);
        };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  Object.assign(env, { DB_EU: slow });
  try {
    return await fn();
  } finally {
    Object.assign(env, { DB_EU: original });
  }
}

describe('POST /l/:token', () => {
  it('YES records an opt-in with full evidence, sets consent given and the home region, then 303s to the destination', async () => {
    const { tenant, subscriber, list, token, answerToken } = await openPage();
    const res = await answer(token, { answer: 'yes', answer_token: answerToken });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://shop.example.com/spring?x=1');

    const [event] = await eventsOf(subscriber.id);
    const notice = await env.DB_EU.prepare(
      "select id, version, text_hash from consent_notices where tenant_id = ? and language = 'nl'",
    )
      .bind(tenant.id)
      .first();
    expect(event).toMatchObject({
      kind: 'opt_in',
      list_id: list.id,
      country: 'DE',
      geo_region: 'Bavaria',
      is_eu: 1,
      language: 'nl',
      notice_id: notice!.id,
      notice_version: notice!.version,
      notice_hash: notice!.text_hash,
      source_type: 'link',
      source_id: 'msg_spring',
      source_url: 'https://shop.example.com/spring?x=1',
    });
    const key = (await loadSubscriberKey(
      regional(env, 'eu').db,
      await tenantKeys(env.MASTER_KEY, tenant),
      subscriber.id,
    ))!;
    expect(event!.ip_ct).not.toContain('198.51.100.7');
    expect(await decryptField(key, 'ip', event!.ip_ct as string)).toBe('198.51.100.7');
    expect(await decryptField(key, 'user_agent', event!.user_agent_ct as string)).toBe(BROWSER_UA);
    expect(await verifyConsentChain(regional(env, 'eu').db, tenant.id, subscriber.id)).toMatchObject({
      ok: true,
      events: 1,
    });

    const sub = await env.DB_EU.prepare(
      'select consent, status, consent_event_id from subscriptions where subscriber_id = ? and list_id = ?',
    )
      .bind(subscriber.id, list.id)
      .first();
    expect(sub).toEqual({ consent: 'given', status: 'confirmed', consent_event_id: event!.id });
    const row = await env.DB_EU.prepare(
      'select home_region, home_region_source, home_country from subscribers where id = ?',
    )
      .bind(subscriber.id)
      .first();
    expect(row).toEqual({ home_region: 'eu', home_region_source: 'click_geo', home_country: 'DE' });
    const types = await env.DB_EU.prepare('select type from outbox_events where tenant_id = ? order by type')
      .bind(tenant.id)
      .all<{ type: string }>();
    expect(types.results.map((r) => r.type)).toEqual(['consent.recorded', 'subscriber.home_region_set']);
    expect(
      await countRows(env.DB_EU, 'clicks', 'tenant_id = ? and outcome = ?', tenant.id, 'consent_yes'),
    ).toBe(1);
    expect(await countRows(env.DB_EU, 'privacy_requests', 'tenant_id = ?', tenant.id)).toBe(0);

    // Now that consent is given, the next click goes straight through.
    const again = await call(`/l/${token}`, {
      cf: EU_CF,
      headers: { 'user-agent': BROWSER_UA },
      redirect: 'manual',
    });
    expect(again.status).toBe(302);
  });

  it('NO 303s to the destination too, files an unsubscribe request and records a refusal', async () => {
    const { tenant, subscriber, list, token, answerToken } = await openPage();
    const res = await answer(token, { answer: 'no', answer_token: answerToken });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://shop.example.com/spring?x=1');
    const request = await env.DB_EU.prepare(
      'select kind, channel, status, subscriber_id from privacy_requests where tenant_id = ?',
    )
      .bind(tenant.id)
      .first();
    expect(request).toEqual({
      kind: 'unsubscribe',
      channel: 'link_intercept',
      status: 'open',
      subscriber_id: subscriber.id,
    });
    const [event] = await eventsOf(subscriber.id);
    expect(event).toMatchObject({ kind: 'refusal', list_id: list.id, source_type: 'link' });
    const sub = await env.DB_EU.prepare('select consent from subscriptions where subscriber_id = ?')
      .bind(subscriber.id)
      .first();
    expect(sub).toEqual({ consent: 'refused' });
    const types = await env.DB_EU.prepare('select type from outbox_events where tenant_id = ? order by type')
      .bind(tenant.id)
      .all<{ type: string }>();
    expect(types.results.map((r) => r.type)).toEqual([
      'consent.recorded',
      'privacy_request.created',
      'subscriber.home_region_set',
    ]);
  });

  it('NO files an objection when the tenant chose objection', async () => {
    const { tenant, subscriber, token, answerToken } = await openPage({ interceptNoAction: 'objection' });
    expect((await answer(token, { answer: 'no', answer_token: answerToken })).status).toBe(303);
    const request = await env.DB_EU.prepare('select kind from privacy_requests where tenant_id = ?')
      .bind(tenant.id)
      .first();
    expect(request).toEqual({ kind: 'objection' });
    expect((await eventsOf(subscriber.id))[0]).toMatchObject({ kind: 'objection' });
  });

  it('records a double submit once and still redirects the second time', async () => {
    const { tenant, subscriber, token, answerToken } = await openPage();
    expect((await answer(token, { answer: 'no', answer_token: answerToken })).status).toBe(303);
    const after = await rowCounts(tenant.id);
    const second = await answer(token, { answer: 'no', answer_token: answerToken });
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe('https://shop.example.com/spring?x=1');
    expect(await rowCounts(tenant.id)).toBe(after);
    // A replay that flips the answer changes nothing either.
    expect((await answer(token, { answer: 'yes', answer_token: answerToken })).status).toBe(303);
    expect(await rowCounts(tenant.id)).toBe(after);
    expect(await eventsOf(subscriber.id)).toHaveLength(1);
  });

  it('records two concurrent submits of one page once', async () => {
    const { subscriber, token, answerToken } = await openPage();
    const results = await Promise.all(
      [1, 2, 3].map(() => answer(token, { answer: 'yes', answer_token: answerToken })),
    );
    expect(results.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(await eventsOf(subscriber.id)).toHaveLength(1);
  });

  it('files one privacy request for three concurrent NO submits, from one page or from three', async () => {
    const { tenant, subscriber, token, answerToken } = await openPage();
    const same = await withSlowWrites(() =>
      Promise.all([1, 2, 3].map(() => answer(token, { answer: 'no', answer_token: answerToken }))),
    );
    expect(same.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(
      await countRows(
        env.DB_EU,
        'privacy_requests',
        'tenant_id = ? and subscriber_id = ?',
        tenant.id,
        subscriber.id,
      ),
    ).toBe(1);
    expect(await eventsOf(subscriber.id)).toHaveLength(1);

    const other = await openPage();
    const pages = await Promise.all(
      [1, 2].map(async () => {
        const page = await call(`/l/${other.token}`, { cf: EU_CF, headers: { 'user-agent': BROWSER_UA } });
        return answerTokenOf(await page.text());
      }),
    );
    const answers = await withSlowWrites(() =>
      Promise.all(
        [other.answerToken, ...pages].map((t) => answer(other.token, { answer: 'no', answer_token: t })),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(await countRows(env.DB_EU, 'privacy_requests', 'tenant_id = ?', other.tenant.id)).toBe(1);
    expect(
      await countRows(
        env.DB_EU,
        'privacy_request_history',
        "tenant_id = ? and action = 'duplicate_merged'",
        other.tenant.id,
      ),
    ).toBe(2);
    // Each page is a separate answer: three refusals, chained one after another.
    expect(await eventsOf(other.subscriber.id)).toHaveLength(3);
  });

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['an opaque Origin', { origin: 'null' }],
    ['a cross-site fetch without Origin', { origin: '', 'sec-fetch-site': 'cross-site' }],
  ])('refuses %s (CSRF) with 403 and records nothing', async (_name, headers) => {
    const { tenant, token, answerToken } = await openPage();
    const before = await rowCounts(tenant.id);
    const cleaned = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ''));
    const res = await call(`/l/${token}`, {
      method: 'POST',
      cf: EU_CF,
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': BROWSER_UA, ...cleaned },
      body: new URLSearchParams({ answer: 'yes', answer_token: answerToken }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('Open the link again');
    expect(await rowCounts(tenant.id)).toBe(before);
  });

  it('refuses a POST without a page: missing, forged, expired or other-link answer tokens', async () => {
    const { tenant, subscriber, list, token, answerToken } = await openPage();
    const other = await mintLink({
      tenantId: tenant.id,
      subscriberId: subscriber.id,
      listId: list.id,
      destination: 'https://other.example/',
    });
    const ring = await masterKeyring(env.MASTER_KEY);
    const notice = { id: 'ntc_x', version: 1, hash: 'h' };
    const expired = await sealAnswerToken(
      ring,
      'eu',
      token,
      { clickId: 'clk_x', notice, language: 'en' },
      Date.now() - 2 * 86_400_000,
    );
    const before = await rowCounts(tenant.id);
    const cases: [string, Record<string, string>][] = [
      [token, { answer: 'yes' }],
      [token, { answer: 'yes', answer_token: `e1.${'A'.repeat(80)}` }],
      [token, { answer: 'yes', answer_token: expired }],
      [token, { answer: 'maybe', answer_token: answerToken }],
      [other, { answer: 'yes', answer_token: answerToken }],
    ];
    for (const [link, form] of cases) {
      const res = await answer(link, form);
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
    expect(await rowCounts(tenant.id)).toBe(before);
  });

  it('sends a scanner that submits the form on, recording nothing and leaving the page answerable', async () => {
    const { tenant, subscriber, token, answerToken } = await openPage();
    const before = await rowCounts(tenant.id);
    const scanners: Record<string, string>[] = [
      { 'user-agent': 'Mimecast-URL-Protect/1.0' },
      { 'sec-purpose': 'prefetch' },
      { 'user-agent': '' },
    ];
    for (const headers of scanners) {
      const res = await answer(token, { answer: 'no', answer_token: answerToken }, headers);
      expect(res.status).toBe(303);
    }
    expect(await rowCounts(tenant.id)).toBe(before);
    // The person answers afterwards, and that counts.
    expect((await answer(token, { answer: 'yes', answer_token: answerToken })).status).toBe(303);
    expect((await eventsOf(subscriber.id)).map((e) => e.kind)).toEqual(['opt_in']);
  });
});
