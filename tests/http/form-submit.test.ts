// POST /f/:formId and its embed script: what a website visitor's post records, what it answers
// (the same for every address), and what it refuses.

import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { regional } from '../../db/regions';
import { decryptSubscriber, loadSubscriberKey } from '../../db/subscribers';
import { tenantKeys } from '../../db/tenants';
import { agedToken, formFixture, postForm, postJson, SITE, US_CF } from '../support/consent';
import { captureMail } from '../support/mail';
import { api, call, countRows } from '../support/seed';
import { recordBuiltSql } from '../support/built-sql';
import { recordD1 } from '../support/slow-writes';
import { createEndpoint, receiverUrl } from '../support/webhooks';

/** The tenant's subscriptions whose double opt-in mail was claimed. */
function mailedSubscriptions(tenantId: string): Promise<number> {
  return countRows(
    env.DB_EU,
    'subscriptions',
    'tenant_id = ? and confirmation_mailed_at is not null',
    tenantId,
  );
}

describe('POST /f/:formId', () => {
  it('plain HTML form: 303 to the thank-you page, subscriber pending, evidence stored encrypted', async () => {
    const f = await formFixture('eu');
    captureMail();
    const res = await postForm(f.formId, { email: 'Anna@Example.org', consent: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${SITE}/thanks`);
    const ev = await env.DB_EU.prepare('select * from consent_events where tenant_id = ?')
      .bind(f.tenant.id)
      .first<Record<string, unknown>>();
    expect(ev).toMatchObject({
      kind: 'opt_in',
      list_id: f.doiList,
      country: 'DE',
      geo_region: 'Bavaria',
      is_eu: 1,
      source_type: 'form',
      source_id: f.formId,
      source_url: `${SITE}/signup`,
      language: 'en',
      notice_version: 1,
    });
    expect(String(ev!.ip_ct)).not.toContain('198.51.100.23');
    expect(String(ev!.ip_ct)).toMatch(/^f1\./);
    expect(String(ev!.user_agent_ct)).not.toContain('FormBrowser');
    expect(ev!.notice_hash).toMatch(/^[0-9a-f]{64}$/);
    const sub = await env.DB_EU.prepare('select * from subscribers where tenant_id = ?')
      .bind(f.tenant.id)
      .first<Record<string, unknown>>();
    expect(String(sub!.email_ct)).not.toContain('anna');
    expect(sub).toMatchObject({
      status: 'pending',
      home_region: 'eu',
      home_region_source: 'form_geo',
      home_country: 'DE',
    });
    expect(
      await countRows(env.DB_EU, 'subscriptions', 'tenant_id = ? and status = ?', f.tenant.id, 'pending'),
    ).toBe(1);
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        'tenant_id = ? and type = ?',
        f.tenant.id,
        'consent.recorded',
      ),
    ).toBe(1);
  });

  it('JSON from the embed script: JSON answer with CORS for the allowed origin', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    const res = await postJson(f.formId, { email: 'ben@example.org' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(await res.json()).toMatchObject({ ok: true, status: 'confirmed' });
    expect(
      await countRows(env.DB_EU, 'subscriptions', 'tenant_id = ? and status = ?', f.tenant.id, 'confirmed'),
    ).toBe(1);
    const ev = await env.DB_EU.prepare('select source_url from consent_events where tenant_id = ?')
      .bind(f.tenant.id)
      .first<{ source_url: string }>();
    expect(ev!.source_url).toBe(`${SITE}/blog/post`);
  });

  it('preflight: allowed origin gets CORS headers, another origin is refused', async () => {
    const f = await formFixture('eu');
    const ok = await call(`/f/${f.formId}`, {
      method: 'OPTIONS',
      headers: { origin: SITE, 'access-control-request-method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SITE);
    const bad = await call(`/f/${f.formId}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(bad.status).toBe(403);
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a post from a disallowed origin is refused and writes nothing', async () => {
    const f = await formFixture('eu');
    const res = await postJson(f.formId, { email: 'carl@example.org' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(0);
  });

  it('an unticked consent box subscribes nobody', async () => {
    const f = await formFixture('eu');
    const json = await postJson(f.formId, { email: 'dora@example.org', consent: false });
    expect(json.status).toBe(422);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('consent_required');
    const html = await postForm(f.formId, { email: 'dora@example.org' });
    expect(html.status).toBe(422);
    expect(await html.text()).toContain('tick the box');
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(0);
  });

  it('spam gets a normal-looking answer and writes nothing: honeypot, too fast, no token', async () => {
    const f = await formFixture('eu');
    const trap = await postJson(f.formId, { email: 'bot1@example.org', tm_hp: 'http://spam.example' });
    expect(trap.status).toBe(200);
    expect(await trap.json()).toMatchObject({ ok: true, status: 'pending' });
    const fast = await postJson(f.formId, {
      email: 'bot2@example.org',
      tm_t: await agedToken(f.formId, 'eu', 200),
    });
    expect(fast.status).toBe(200);
    const none = await call(`/f/${f.formId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SITE },
      body: JSON.stringify({ email: 'bot3@example.org', consent: true }),
    });
    expect(none.status).toBe(200);
    const htmlTrap = await postForm(f.formId, { email: 'bot4@example.org', consent: 'yes', tm_hp: 'x' });
    expect(htmlTrap.status).toBe(303);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(0);
    expect(await countRows(env.DB_EU, 'outbox_events', 'tenant_id = ?', f.tenant.id)).toBe(0);
  });

  it('bad input: 413 oversized, 415 wrong type, 400 malformed email, 404 unknown form, no write', async () => {
    const f = await formFixture('eu');
    const big = await postJson(f.formId, { email: 'e@example.org', name: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    const type = await call(`/f/${f.formId}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: SITE, accept: 'application/json' },
      body: 'email=a@b.c',
    });
    expect(type.status).toBe(415);
    const multipart = new FormData();
    multipart.set('email', 'm@example.org');
    const mp = await call(`/f/${f.formId}`, {
      method: 'POST',
      headers: { origin: SITE, accept: 'application/json' },
      body: multipart,
    });
    expect(mp.status).toBe(415);
    const bad = await postJson(f.formId, { email: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/email/i);
    const missing = await postJson(f.formId, {});
    expect(missing.status).toBe(400);
    const unknown = await call('/f/frm_e_00000000000000000000', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40b.org&consent=yes',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('does not exist');
    const junk = await call('/f/whatever', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40b.org',
    });
    expect(junk.status).toBe(404);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(0);
  });

  it('an error URL receives urlencoded failures as a 303 with the error code', async () => {
    const f = await formFixture('eu');
    await api(f.apiKey, `/forms/${f.formId}`, { method: 'PATCH', json: { errorUrl: `${SITE}/oops` } });
    const res = await postForm(f.formId, { email: 'nope', consent: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${SITE}/oops?error=validation_failed`);
  });

  it("keeps only the form's own profile fields; a card number in a value is refused", async () => {
    const f = await formFixture('us', { lists: 'single' });
    await api(f.apiKey, '/profile-fields', { method: 'POST', json: { key: 'city', label: 'City' } });
    await api(f.apiKey, '/profile-fields', { method: 'POST', json: { key: 'team', label: 'Team' } });
    await api(f.apiKey, `/forms/${f.formId}`, { method: 'PATCH', json: { fields: ['city'] } });
    const card = await postJson(
      f.formId,
      { email: 'card@example.org', fields: { city: '4111 1111 1111 1111' } },
      { region: 'us', cf: US_CF },
    );
    expect(card.status).toBe(422);
    expect(((await card.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'special_category',
      message: expect.stringContaining('payment card'),
    });
    // `team` is a field of the tenant but not of this form; `other` is no field at all.
    const ok = await postJson(
      f.formId,
      { email: 'city@example.org', fields: { city: 'Austin', team: 'Red', other: 'dropped' } },
      { region: 'us', cf: US_CF },
    );
    expect(ok.status).toBe(200);
    const rows = await env.DB_US.prepare('select * from subscribers where tenant_id = ?')
      .bind(f.tenant.id)
      .all<{ id: string; email_ct: string; name_ct: string | null; profile_ct: string | null }>();
    expect(rows.results).toHaveLength(1);
    expect(await storedPerson(f.tenant.id, rows.results[0]!, 'us')).toEqual({
      email: 'city@example.org',
      name: null,
      profile: { city: 'Austin' },
    });
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(0);
  });

  it.each([
    ['single opt-in', 'single', 'confirmed'],
    ['double opt-in', 'doi', 'pending'],
  ] as const)(
    '%s form: a new, a subscribed and an erased address get the same answer; the erased one stays erased',
    async (_name, lists, status) => {
      const f = await formFixture('eu', { lists });
      captureMail();
      await postJson(f.formId, { email: 'active@example.org' });
      await postJson(f.formId, { email: 'gone@example.org' });
      await eraseByHand(f.tenant.id, 'gone@example.org');
      const answers = [];
      for (const email of ['new@example.org', 'active@example.org', 'gone@example.org']) {
        const res = await postJson(f.formId, { email });
        answers.push({ status: res.status, body: await res.json() });
      }
      expect(answers[0]).toEqual({ status: 200, body: { ok: true, status, message: expect.any(String) } });
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      const pages = [];
      for (const email of ['new-html@example.org', 'active@example.org', 'gone@example.org']) {
        const res = await postForm(f.formId, { email, consent: 'yes' });
        pages.push({ status: res.status, location: res.headers.get('location'), body: await res.text() });
      }
      expect(pages[0]).toEqual({ status: 303, location: `${SITE}/thanks`, body: '' });
      expect(pages[1]).toEqual(pages[0]);
      expect(pages[2]).toEqual(pages[0]);
      expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(3);
      expect(await countRows(env.DB_EU, 'suppressions', 'tenant_id = ?', f.tenant.id)).toBe(1);
    },
  );

  it('an erased address does the work of a real sign-up: the same D1 round trips and crypto, nothing written', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    await postJson(f.formId, { email: 'warm@example.org' });
    await postJson(f.formId, { email: 'active@example.org' });
    await postJson(f.formId, { email: 'gone@example.org' });
    await eraseByHand(f.tenant.id, 'gone@example.org');
    const token = await agedToken(f.formId);
    const delayMs = 40;
    const methods = ['encrypt', 'sign', 'digest', 'generateKey', 'importKey', 'wrapKey'] as const;
    const measure = async (email: string) => {
      const spies = methods.map((m) => vi.spyOn(crypto.subtle, m));
      const started = Date.now();
      const run = await recordD1(() => postJson(f.formId, { email, tm_t: token }), { delayMs });
      const ms = Date.now() - started;
      const calls = spies.map((spy) => spy.mock.calls.length);
      for (const spy of spies) spy.mockRestore();
      expect(run.result.status).toBe(200);
      return { batches: run.batches, crypto: calls, ms };
    };
    const events = () => countRows(env.DB_EU, 'consent_events', 'tenant_id = ?', f.tenant.id);
    const before = await events();
    const fresh = await measure('fresh@example.org');
    const erased = await measure('gone@example.org');
    const active = await measure('active@example.org');
    // One batch of reads, then one of writes; the erased one ends in a statement that rolls it back.
    expect(fresh.batches).toHaveLength(2);
    expect(active.batches).toHaveLength(2);
    expect(erased.batches).toEqual([fresh.batches[0], fresh.batches[1]! + 1]);
    expect(erased.crypto).toEqual(fresh.crypto);
    expect(erased.ms).toBeGreaterThanOrEqual(2 * delayMs);
    expect(await events()).toBe(before + 2);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(3);
  });

  it('a burst of concurrent submissions loses none of them', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    const token = await agedToken(f.formId);
    // Forty visitors (forty keys of the rate limit), ten of them posting an address twice.
    const posts = Array.from({ length: 40 }, (_, i) =>
      postJson(
        f.formId,
        { email: `burst${i % 30}@example.org`, tm_t: token },
        { headers: { 'cf-connecting-ip': `198.51.100.${i + 1}` } },
      ),
    );
    const answers = await Promise.all(posts);
    expect(answers.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(30);
    expect(await countRows(env.DB_EU, 'consent_events', 'tenant_id = ?', f.tenant.id)).toBe(40);
    const chains = await env.DB_EU.prepare('select id from subscribers where tenant_id = ?')
      .bind(f.tenant.id)
      .all<{ id: string }>();
    for (const { id } of chains.results.slice(0, 12)) {
      const v = await api(f.apiKey, `/subscribers/${id}/consent-chain`);
      expect(await v.json()).toMatchObject({ ok: true });
    }
  });

  it("a sign-up is one read batch and one write batch; only an isolate's first post reads the form first; nothing follows the answer when nobody listens", async () => {
    const f = await formFixture('eu', { lists: 'single' });
    await api(f.apiKey, '/profile-fields', { method: 'POST', json: { key: 'city', label: 'City' } });
    const withField = await api(f.apiKey, `/forms/${f.formId}`, {
      method: 'PATCH',
      json: { fields: ['city'] },
    });
    expect(withField.status).toBe(200);
    const token = await agedToken(f.formId);
    const signUp = (email: string) =>
      recordD1(() => postJson(f.formId, { email, tm_t: token, fields: { city: 'Utrecht' } }));
    const first = await signUp('first.post@example.org');
    expect(first.result.status).toBe(200);
    // The form with its tenant, then the read batch and the write batch.
    expect(first.roundTrips).toBe(3);
    for (const email of ['two.trips@example.org', 'two.trips@example.org']) {
      const run = await signUp(email);
      expect(run.result.status).toBe(200);
      // The read batch and the write batch: the events are settled in the write batch, no hand-off.
      expect(run.roundTrips).toBe(2);
      // Form, tenant, profile fields, lists, notice, suppression, subscriber, data key, subscriptions.
      expect(run.batches[0]).toBe(9);
    }
    const { results } = await env.DB_EU.prepare(
      'select type, dispatched_at, received_at from outbox_events where tenant_id = ? and subject_type = ?',
    )
      .bind(f.tenant.id, 'subscriber')
      .all<{ type: string; dispatched_at: number | null; received_at: number | null }>();
    expect(results.map((r) => r.type).sort()).toEqual([
      'consent.recorded',
      'consent.recorded',
      'consent.recorded',
      'subscriber.created',
      'subscriber.created',
    ]);
    expect(results.every((r) => r.dispatched_at !== null && r.received_at !== null)).toBe(true);
  });

  it('a post binds its values into statements built once: after the first post, no read and no subscription statement is built again', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    const token = await agedToken(f.formId);
    expect((await postJson(f.formId, { email: 'shape.one@example.org', tm_t: token })).status).toBe(200);
    // A new address and a known one: both read the same nine statements and upsert a subscription.
    const { result: run, built } = await recordBuiltSql(() =>
      recordD1(async () => [
        await postJson(f.formId, { email: 'shape.two@example.org', tm_t: token }),
        await postJson(f.formId, { email: 'shape.one@example.org', tm_t: token }),
      ]),
    );
    expect(run.result.map((r) => r.status)).toEqual([200, 200]);
    expect(run.batches.filter((size) => size === 9)).toHaveLength(2);
    expect(built.length).toBeGreaterThan(0);
    expect(built.filter((q) => q.startsWith('select'))).toEqual([]);
    expect(built.filter((q) => q.startsWith('insert into "subscriptions"'))).toEqual([]);
    expect(built.filter((q) => q.startsWith('update "subscribers" set "status"'))).toEqual([]);
    expect(await countRows(env.DB_EU, 'subscriptions', 'tenant_id = ?', f.tenant.id)).toBe(2);
  });

  it('a double opt-in sign-up claims its mail in the write batch: two round trips, the mail after the answer, once an hour', async () => {
    const f = await formFixture('eu');
    const mail = captureMail();
    const token = await agedToken(f.formId);
    expect((await postJson(f.formId, { email: 'warm.isolate@example.org', tm_t: token })).status).toBe(200);
    const run = await recordD1(() => postJson(f.formId, { email: 'claimed@example.org', tm_t: token }));
    expect(run.result.status).toBe(200);
    expect(await run.result.json()).toMatchObject({ status: 'pending' });
    expect(run.roundTrips).toBe(2);
    const again = await recordD1(() => postJson(f.formId, { email: 'claimed@example.org', tm_t: token }));
    expect(again.roundTrips).toBe(2);
    const sent = await mail.messages();
    expect(sent.map((m) => m.to)).toEqual(['warm.isolate@example.org', 'claimed@example.org']);
    expect(await mailedSubscriptions(f.tenant.id)).toBe(2);
  });

  it('an answered post writes no access log line (its consent event is the record); spam and a refused post write one', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    const token = await agedToken(f.formId);
    const logs = vi.spyOn(console, 'log');
    try {
      const accessLines = () =>
        logs.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('"event":"http"'));
      expect((await postJson(f.formId, { email: 'quiet.one@example.org', tm_t: token })).status).toBe(200);
      expect((await postForm(f.formId, { email: 'quiet.two@example.org', consent: 'yes' })).status).toBe(303);
      expect(accessLines()).toEqual([]);
      expect((await postJson(f.formId, { email: 'spam@example.org', tm_t: token, tm_hp: 'x' })).status).toBe(
        200,
      );
      expect(accessLines()).toHaveLength(1);
      expect(
        (await postJson(f.formId, { email: 'no.tick@example.org', tm_t: token, consent: false })).status,
      ).toBe(422);
      const lines = accessLines();
      expect(lines).toHaveLength(2);
      expect(lines.join('\n')).not.toContain('example.org');
    } finally {
      logs.mockRestore();
    }
  });

  it('a double opt-in post logs no line at all once its mail is sent: the claim on the subscription records it', async () => {
    const f = await formFixture('eu');
    const mail = captureMail();
    const token = await agedToken(f.formId);
    const logs = vi.spyOn(console, 'log');
    try {
      expect((await postJson(f.formId, { email: 'silent@example.org', tm_t: token })).status).toBe(200);
      expect((await mail.messages()).map((m) => m.to)).toEqual(['silent@example.org']);
      expect(logs.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith('{"level":'))).toEqual([]);
    } finally {
      logs.mockRestore();
    }
    expect(await mailedSubscriptions(f.tenant.id)).toBe(1);
  });

  it('a tenant whose endpoint listens gets the matching events handed over after the answer, the rest settled', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    await createEndpoint(f.apiKey, { url: receiverUrl().url, eventTypes: ['subscriber.*'] });
    const token = await agedToken(f.formId);
    await postJson(f.formId, { email: 'warm.isolate@example.org', tm_t: token });
    const run = await recordD1(() => postJson(f.formId, { email: 'listened@example.org', tm_t: token }));
    expect(run.result.status).toBe(200);
    // Read batch, write batch, and after the answer the hand-off of `subscriber.created`.
    expect(run.roundTrips).toBe(3);
    const { results } = await env.DB_EU.prepare(
      'select type, dispatched_at, received_at from outbox_events where tenant_id = ? and subject_type = ?',
    )
      .bind(f.tenant.id, 'subscriber')
      .all<{ type: string; dispatched_at: number | null; received_at: number | null }>();
    const created = results.filter((r) => r.type === 'subscriber.created');
    const recorded = results.filter((r) => r.type === 'consent.recorded');
    expect(created).toHaveLength(2);
    expect(created.every((r) => r.dispatched_at !== null)).toBe(true);
    // Settled in the write batch (dispatched and received at once): nobody listens to consent.*.
    expect(recorded.every((r) => r.dispatched_at !== null && r.dispatched_at === r.received_at)).toBe(true);
    expect(created.some((r) => r.dispatched_at === r.received_at)).toBe(false);
  });

  it("a post starts from the isolate's copy of the form, and from the form as it is once it changed", async () => {
    const f = await formFixture('eu', { lists: 'single' });
    const token = await agedToken(f.formId);
    expect((await postJson(f.formId, { email: 'copy@example.org', tm_t: token })).status).toBe(200);
    const other = 'https://other.example.net';
    const moved = await api(f.apiKey, `/forms/${f.formId}`, {
      method: 'PATCH',
      json: { listIds: [f.doiList], allowedOrigins: [SITE, other] },
    });
    expect(moved.status).toBe(200);
    // The new origin is accepted at once and the sign-up goes to the form's new list.
    const res = await postJson(f.formId, { email: 'moved@example.org', tm_t: token }, { origin: other });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'pending' });
    expect(
      await countRows(
        env.DB_EU,
        'subscriptions',
        'tenant_id = ? and list_id = ? and status = ?',
        f.tenant.id,
        f.doiList,
        'pending',
      ),
    ).toBe(1);
    const narrowed = await api(f.apiKey, `/forms/${f.formId}`, {
      method: 'PATCH',
      json: { allowedOrigins: [SITE] },
    });
    expect(narrowed.status).toBe(200);
    const refused = await postJson(
      f.formId,
      { email: 'refused@example.org', tm_t: token },
      { origin: other },
    );
    expect(refused.status).toBe(403);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(2);
  });
});

describe('GET /f/:formId/embed.js', () => {
  it('serves a script with the notice, a fill token and no caching', async () => {
    const f = await formFixture('eu', { language: 'de' });
    const res = await call(`/f/${f.formId}/embed.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const js = await res.text();
    expect(js).toContain(f.noticeText);
    expect(js).toContain('Abonnieren');
    expect(js).toMatch(/"token":"e1\./);
    expect(js).not.toContain('innerHTML');
  });

  it('escapes a notice that tries to close the script', async () => {
    const f = await formFixture('eu');
    await api(f.apiKey, `/forms/${f.formId}`, {
      method: 'PATCH',
      json: { notice: { text: 'Hi </script><script>alert(1)</script>', language: 'en' } },
    });
    const js = await (await call(`/f/${f.formId}/embed.js`)).text();
    expect(js).not.toContain('</script>');
    expect(js).toContain('\\u003c/script>');
  });
});

describe('geolocation', () => {
  it('a US submission sets the home region non_eu', async () => {
    const f = await formFixture('us', { lists: 'single' });
    await postJson(f.formId, { email: 'us@example.org' }, { region: 'us', cf: US_CF });
    const sub = await env.DB_US.prepare(
      'select home_region, home_country from subscribers where tenant_id = ?',
    )
      .bind(f.tenant.id)
      .first();
    expect(sub).toEqual({ home_region: 'non_eu', home_country: 'US' });
  });
});

type StoredRow = { id: string; email_ct: string; name_ct: string | null; profile_ct: string | null };

/** A subscriber's personal data as stored, decrypted with their own key. */
async function storedPerson(tenantId: string, row: StoredRow, region: 'eu' | 'us' = 'eu') {
  const { db } = regional(env, region);
  const tenant = (await db.query.tenants.findFirst({ where: (t, { eq }) => eq(t.id, tenantId) }))!;
  const key = (await loadSubscriberKey(db, await tenantKeys(env.MASTER_KEY, tenant), row.id))!;
  return decryptSubscriber(key, { emailCt: row.email_ct, nameCt: row.name_ct, profileCt: row.profile_ct });
}

/** What an executed erasure leaves of a subscriber: the blind index in the suppression list. */
async function eraseByHand(tenantId: string, email: string) {
  const rows = await env.DB_EU.prepare('select * from subscribers where tenant_id = ?')
    .bind(tenantId)
    .all<StoredRow & { email_index: string }>();
  for (const row of rows.results) {
    if ((await storedPerson(tenantId, row)).email !== email) continue;
    await env.DB_EU.batch([
      env.DB_EU.prepare(
        "insert into suppressions (tenant_id, email_index, reason) values (?, ?, 'erasure')",
      ).bind(tenantId, row.email_index),
      env.DB_EU.prepare('delete from subscriptions where subscriber_id = ?').bind(row.id),
      env.DB_EU.prepare('delete from consent_events where subscriber_id = ?').bind(row.id),
      env.DB_EU.prepare('delete from subscriber_keys where subscriber_id = ?').bind(row.id),
      env.DB_EU.prepare('delete from subscribers where id = ?').bind(row.id),
    ]);
    return;
  }
  throw new Error(`no subscriber ${email}`);
}
