// POST /l/:token: the answer on the consent page. YES and NO with their evidence and events, the
// NO carried out at once in the page's language, CSRF and replay protection, double and
// simultaneous submits, and scanners that submit forms.

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
import { withSlowWrites } from '../support/slow-writes';
import { captureMail } from '../support/mail';
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

  it('NO unsubscribes at once: the request is filed completed, the refusal recorded, a done mail sent', async () => {
    const mail = captureMail();
    const { tenant, subscriber, list, token, answerToken } = await openPage();
    const res = await answer(token, { answer: 'no', answer_token: answerToken });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://shop.example.com/spring?x=1');
    const request = await env.DB_EU.prepare(
      'select id, kind, channel, status, subscriber_id, language, resolved_at is not null as resolved from privacy_requests where tenant_id = ?',
    )
      .bind(tenant.id)
      .first<Record<string, unknown>>();
    expect(request).toEqual({
      id: expect.any(String),
      kind: 'unsubscribe',
      channel: 'link_intercept',
      status: 'completed',
      subscriber_id: subscriber.id,
      language: 'nl',
      resolved: 1,
    });
    const history = await env.DB_EU.prepare(
      'select action, to_status from privacy_request_history where request_id = ? order by at, id',
    )
      .bind(request!.id)
      .all();
    expect(history.results).toEqual([
      { action: 'created', to_status: 'open' },
      { action: 'complete', to_status: 'completed' },
    ]);
    const [event] = await eventsOf(subscriber.id);
    expect(event).toMatchObject({ kind: 'refusal', list_id: list.id, source_type: 'link' });
    const sub = await env.DB_EU.prepare('select status, consent from subscriptions where subscriber_id = ?')
      .bind(subscriber.id)
      .first();
    expect(sub).toEqual({ status: 'unsubscribed', consent: 'refused' });
    const types = await env.DB_EU.prepare('select type from outbox_events where tenant_id = ? order by type')
      .bind(tenant.id)
      .all<{ type: string }>();
    expect(types.results.map((r) => r.type)).toEqual([
      'consent.recorded',
      'privacy_request.completed',
      'privacy_request.created',
      'subscriber.home_region_set',
    ]);
    const sent = await mail.messages();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.parsed.headers.find((h) => h.key === 'content-language')?.value).toBe('nl');
  });

  it('the NO of a French page is a French request, answered in French, even with an English notice', async () => {
    const mail = captureMail();
    captureQueue();
    const { tenant } = await seedTenant('eu');
    const subscriber = await seedSubscriber(tenant);
    const list = await seedList(tenant, { en: 'Offers every month.' });
    const token = await mintLink({ tenantId: tenant.id, subscriberId: subscriber.id, listId: list.id });
    const page = await call(`/l/${token}`, {
      cf: EU_CF,
      headers: { 'user-agent': BROWSER_UA, 'accept-language': 'fr-FR,fr;q=0.9' },
    });
    expect(await page.clone().text()).toContain('lang="fr"');
    const res = await answer(
      token,
      { answer: 'no', answer_token: answerTokenOf(await page.text()) },
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(303);
    const request = await env.DB_EU.prepare(
      'select language, status from privacy_requests where tenant_id = ?',
    )
      .bind(tenant.id)
      .first();
    expect(request).toEqual({ language: 'fr', status: 'completed' });
    // The event records the language of the notice text the person read.
    expect((await eventsOf(subscriber.id))[0]).toMatchObject({ kind: 'refusal', language: 'en' });
    const [sent] = await mail.messages();
    expect(sent!.parsed.headers.find((h) => h.key === 'content-language')?.value).toBe('fr');
  });

  it('NO files an objection when the tenant chose objection: the mail stops at once, the request stays open for the client', async () => {
    const { tenant, subscriber, token, answerToken } = await openPage({ interceptNoAction: 'objection' });
    expect((await answer(token, { answer: 'no', answer_token: answerToken })).status).toBe(303);
    const request = await env.DB_EU.prepare('select kind, status from privacy_requests where tenant_id = ?')
      .bind(tenant.id)
      .first();
    expect(request).toEqual({ kind: 'objection', status: 'open' });
    expect((await eventsOf(subscriber.id))[0]).toMatchObject({ kind: 'objection' });
    const sub = await env.DB_EU.prepare('select status, consent from subscriptions where subscriber_id = ?')
      .bind(subscriber.id)
      .first();
    expect(sub).toEqual({ status: 'unsubscribed', consent: 'refused' });
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

  it('records three simultaneous submits of one page once, all read before any commits', async () => {
    const { subscriber, token, answerToken } = await openPage();
    const results = await withSlowWrites(() =>
      Promise.all([1, 2, 3].map(() => answer(token, { answer: 'yes', answer_token: answerToken }))),
    );
    expect(results.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(await eventsOf(subscriber.id)).toHaveLength(1);
    expect(
      await countRows(
        env.DB_EU,
        'used_nonces',
        'tenant_id = (select tenant_id from subscribers where id = ?)',
        subscriber.id,
      ),
    ).toBe(1);
  });

  it('files and completes one request for three simultaneous NO submits, from one page or from three', async () => {
    const { tenant, subscriber, token, answerToken } = await openPage();
    const same = await withSlowWrites(() =>
      Promise.all([1, 2, 3].map(() => answer(token, { answer: 'no', answer_token: answerToken }))),
    );
    expect(same.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(
      await countRows(
        env.DB_EU,
        'privacy_requests',
        "tenant_id = ? and subscriber_id = ? and status = 'completed'",
        tenant.id,
        subscriber.id,
      ),
    ).toBe(1);
    expect(await countRows(env.DB_EU, 'privacy_requests', 'tenant_id = ?', tenant.id)).toBe(1);
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
        'privacy_requests',
        "tenant_id = ? and status <> 'completed'",
        other.tenant.id,
      ),
    ).toBe(0);
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
      { clickId: 'clk_x', notice, language: 'en', pageLanguage: 'en' },
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
