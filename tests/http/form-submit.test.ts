import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { agedToken, EU_CF, formFixture, postForm, postJson, SITE, US_CF } from '../support/consent';
import { captureMail } from '../support/mail';
import { api, call, countRows } from '../support/seed';

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

  it("only the form's own profile fields are kept; a card number in a value is refused", async () => {
    const f = await formFixture('us', { lists: 'single' });
    await api(f.apiKey, '/profile-fields', { method: 'POST', json: { key: 'city', label: 'City' } });
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
    const ok = await postJson(
      f.formId,
      { email: 'city@example.org', fields: { city: 'Austin', other: 'dropped' } },
      { region: 'us', cf: US_CF },
    );
    expect(ok.status).toBe(200);
    expect(await countRows(env.DB_US, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(1);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(0);
  });

  it('an erased (suppressed) address is answered normally and not re-subscribed', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    await postJson(f.formId, { email: 'gone@example.org' });
    const sub = await env.DB_EU.prepare('select id, email_index from subscribers where tenant_id = ?')
      .bind(f.tenant.id)
      .first<{ id: string; email_index: string }>();
    await env.DB_EU.batch([
      env.DB_EU.prepare(
        "insert into suppressions (tenant_id, email_index, reason) values (?, ?, 'erasure')",
      ).bind(f.tenant.id, sub!.email_index),
      env.DB_EU.prepare('delete from subscriptions where subscriber_id = ?').bind(sub!.id),
      env.DB_EU.prepare('delete from consent_events where subscriber_id = ?').bind(sub!.id),
      env.DB_EU.prepare('delete from subscribers where id = ?').bind(sub!.id),
    ]);
    const again = await postJson(f.formId, { email: 'GONE@example.org' });
    expect(again.status).toBe(200);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(0);
  });

  it('a burst of concurrent submissions loses none of them', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    const token = await agedToken(f.formId);
    const posts = Array.from({ length: 40 }, (_, i) =>
      postJson(f.formId, { email: `burst${i % 30}@example.org`, tm_t: token }),
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
    expect(EU_CF.country).toBe('DE');
  });
});
