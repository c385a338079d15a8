// Double opt-in: the confirmation mail, the `/c/:token` page whose one button is the person's
// click, what scanners and forged posts can (not) do, concurrent presses, and the purge of
// sign-ups never confirmed.

import { env } from 'cloudflare:workers';
import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { masterKeyring } from '../../shared/crypto/keyring';
import { sealToken } from '../../shared/tokens';
import { handleScheduled } from '../../workers/scheduled';
import { formFixture, postForm, postJson, type FormFixture } from '../support/consent';
import { BROWSER_UA } from '../support/intercept';
import { captureMail } from '../support/mail';
import { firstMail, press, signUp } from '../support/pages';
import { api, call, countRows } from '../support/seed';
import { withSlowWrites } from '../support/slow-writes';

const SCANNER_UA = 'Mozilla/5.0 (compatible; Barracuda Sentinel)';

const confirmations = (f: FormFixture) =>
  countRows(env.DB_EU, 'consent_events', 'tenant_id = ? and kind = ?', f.tenant.id, 'confirmation');
const subscriptionState = (f: FormFixture) =>
  env.DB_EU.prepare('select status from subscriptions where tenant_id = ?').bind(f.tenant.id).first();

describe('the double opt-in mail', () => {
  it.each([
    ['en', 'Please confirm your subscription', 'press the button'],
    ['de', 'Bitte bestätigen Sie', 'Schaltfläche'],
    ['fr', 'Merci de confirmer', 'bouton'],
    ['nl', 'Bevestig uw inschrijving', 'knop'],
    ['es', 'Confirme su suscripción', 'botón'],
    ['it', 'Confermi la sua iscrizione', 'pulsante'],
  ])(
    'in %s names the lists, carries the link in text and HTML, and says the button confirms',
    async (language, subject, button) => {
      const { sent, link } = await signUp({ language });
      expect(sent.parsed.subject).toContain(subject);
      expect(sent.parsed.text).toContain('Newsletter');
      expect(sent.parsed.text).toContain(button);
      expect(sent.parsed.html).toContain(`href="https://privacy.test${link}"`);
      expect(sent.parsed.html).toContain(`<html lang="${language}">`);
    },
  );

  it('escapes what the tenant named in the HTML body', async () => {
    const f = await formFixture('eu');
    await api(f.apiKey, '/tenant/settings', { method: 'PATCH', json: { displayName: '<b>Shop</b> & Co' } });
    const mail = captureMail();
    await postJson(f.formId, { email: 'escape@example.org' });
    const sent = await firstMail(mail);
    expect(sent.parsed.html).toContain('&lt;b&gt;Shop&lt;/b&gt; &amp; Co');
    expect(sent.parsed.html).not.toContain('<b>Shop');
  });
});

describe('GET and HEAD /c/:token never confirm', () => {
  it('a mail scanner fetching the link (HEAD, GET) and a person opening it write no event', async () => {
    const { f, link } = await signUp({ language: 'de' });
    const head = await call(link, { method: 'HEAD', headers: { 'user-agent': SCANNER_UA } });
    expect(head.status).toBe(200);
    const scanned = await call(link, { headers: { 'user-agent': SCANNER_UA } });
    expect(scanned.status).toBe(200);
    const opened = await call(link, { headers: { 'user-agent': BROWSER_UA } });
    expect(opened.status).toBe(200);
    const html = await opened.text();
    expect(html).toContain('<h1>Bestätigen Sie Ihr Abonnement</h1>');
    expect(html).toMatch(
      /<form method="post">\s*<div class="actions"><button type="submit">Ja, Abonnement bestätigen<\/button>/,
    );
    expect(await confirmations(f)).toBe(0);
    expect(await subscriptionState(f)).toEqual({ status: 'pending' });
  });

  it("speaks the browser's language first, then the subscriber's", async () => {
    const { link } = await signUp({ language: 'nl' });
    expect(await (await call(link)).text()).toContain('<html lang="nl">');
    const french = await call(link, { headers: { 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.5' } });
    expect(french.headers.get('content-language')).toBe('fr');
    expect(await french.text()).toContain('<h1>Confirmez votre abonnement</h1>');
    const unknown = await call(link, { headers: { 'accept-language': 'ja' } });
    expect(await unknown.text()).toContain('<h1>Bevestig uw inschrijving</h1>');
  });
});

describe('POST /c/:token', () => {
  it("the person's press confirms with its own evidence; a second press says it is already done", async () => {
    const { f, link } = await signUp({ language: 'de' });
    const res = await press(link);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<h1>Abonnement bestätigt</h1>');
    const events = await env.DB_EU.prepare(
      'select kind, country, source_type, source_id, ip_ct from consent_events where tenant_id = ? order by seq',
    )
      .bind(f.tenant.id)
      .all<Record<string, string>>();
    expect(events.results.map((e) => e.kind)).toEqual(['opt_in', 'confirmation']);
    expect(events.results[1]).toMatchObject({
      country: 'AT',
      source_type: 'confirmation',
      source_id: f.formId,
    });
    expect(events.results[1]!.ip_ct).not.toBe(events.results[0]!.ip_ct);
    expect(events.results[1]!.ip_ct).not.toContain('192.0.2.99');
    expect(await subscriptionState(f)).toEqual({ status: 'confirmed' });
    expect(
      await countRows(env.DB_EU, 'subscribers', 'tenant_id = ? and status = ?', f.tenant.id, 'active'),
    ).toBe(1);
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        "tenant_id = ? and type = 'consent.confirmed'",
        f.tenant.id,
      ),
    ).toBe(1);

    const again = await press(link);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('<h1>Bereits bestätigt</h1>');
    expect(await confirmations(f)).toBe(1);
  });

  it.each([
    ['a mail scanner', { 'user-agent': SCANNER_UA }],
    ['a script without a user agent', { 'user-agent': '' }],
    ['a prefetch', { 'sec-purpose': 'prefetch' }],
  ])('%s that submits the form gets the page again and writes nothing', async (_name, headers) => {
    const { f, link } = await signUp();
    const res = await press(link, headers);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<h1>Confirm your subscription</h1>');
    expect(await confirmations(f)).toBe(0);
    expect(await subscriptionState(f)).toEqual({ status: 'pending' });
    // The page stays answerable for the person.
    expect((await press(link)).status).toBe(200);
    expect(await confirmations(f)).toBe(1);
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['a cross-site form without Origin', { origin: null, 'sec-fetch-site': 'cross-site' }],
  ])('a post from %s (CSRF) is refused with 403 and writes nothing', async (_name, headers) => {
    const { f, link } = await signUp();
    const res = await press(link, headers);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(`href="${link}"`);
    expect(await confirmations(f)).toBe(0);
  });

  it('ten presses at once confirm exactly once, and every one answers 200', async () => {
    const { f, link } = await signUp();
    const answers = await withSlowWrites(() => Promise.all(Array.from({ length: 10 }, () => press(link))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const pages = await Promise.all(answers.map((a) => a.text()));
    expect(pages.filter((p) => p.includes('<h1>Subscription confirmed</h1>'))).toHaveLength(1);
    expect(pages.filter((p) => p.includes('<h1>Already confirmed</h1>'))).toHaveLength(9);
    expect(await confirmations(f)).toBe(1);
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        "tenant_id = ? and type = 'consent.confirmed'",
        f.tenant.id,
      ),
    ).toBe(1);
  });

  it('a body over 16 KB is refused with a 413 page and writes nothing', async () => {
    const { f, link } = await signUp();
    const res = await press(link, {}, { body: `x=${'a'.repeat(20_000)}` });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await confirmations(f)).toBe(0);
  });
});

describe('the OpenAPI document', () => {
  it('describes the page (GET) and the confirming press (POST) of /c/{token}', async () => {
    const doc = (await (await call('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.paths['/c/{token}'] ?? {}).sort()).toEqual(['get', 'post', 'servers']);
    expect(Object.keys(doc.paths['/c/{token}']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '403', '410']),
    );
  });
});

describe('bad links', () => {
  it('tampered, malformed and other-purpose tokens get the "not valid" page and confirm nothing', async () => {
    const { f, link } = await signUp();
    const subscriberId = (await env.DB_EU.prepare('select id from subscribers where tenant_id = ?')
      .bind(f.tenant.id)
      .first<{ id: string }>())!.id;
    const ring = await masterKeyring(env.MASTER_KEY);
    const payload = { t: f.tenant.id, s: subscriberId, l: [f.doiList], f: f.formId };
    const otherPurpose = await sealToken(ring, 'eu', 'request_verify', payload, 3600);
    const tampered = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
    for (const bad of [tampered, '/c/e1.short', '/c/x', `/c/${otherPurpose}`]) {
      for (const method of ['GET', 'POST']) {
        const res = await call(bad, { method, headers: { 'user-agent': BROWSER_UA } });
        expect(res.status, `${method} ${bad}`).toBe(400);
        expect(await res.text()).toContain('<h1>This link is not valid</h1>');
      }
    }
    expect(await confirmations(f)).toBe(0);
  });

  it('a link whose sign-up was purged says it expired, with 410', async () => {
    const { f, link } = await signUp();
    await env.DB_EU.prepare('update subscriptions set updated_at = ? where tenant_id = ?')
      .bind(Date.now() - 30 * 86_400_000, f.tenant.id)
      .run();
    await handleScheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }),
      env,
      createExecutionContext(),
    );
    for (const res of [await call(link), await press(link)]) {
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('<h1>This sign-up has expired</h1>');
    }
  });
});

describe('after confirmation', () => {
  it('re-submitting a confirmed address never downgrades it and sends no second mail', async () => {
    const { f, mail, link } = await signUp({ email: 'stay@example.org' });
    await press(link);
    expect((await postForm(f.formId, { email: 'stay@example.org', consent: 'yes' })).status).toBe(303);
    expect((await postForm(f.formId, { email: 'stay@example.org' })).status).toBe(422);
    const row = await env.DB_EU.prepare('select status, consent from subscriptions where tenant_id = ?')
      .bind(f.tenant.id)
      .first();
    expect(row).toEqual({ status: 'confirmed', consent: 'given' });
    expect(
      await countRows(env.DB_EU, 'subscribers', 'tenant_id = ? and status = ?', f.tenant.id, 'active'),
    ).toBe(1);
    expect((await mail.messages()).length).toBe(1);
  });

  it('the hourly sweep purges sign-ups unconfirmed after the configured days, and keeps the rest', async () => {
    const f = await formFixture('eu', { lists: 'both' });
    await env.DB_EU.prepare('update tenants set settings = ? where id = ?')
      .bind(JSON.stringify({ unconfirmedPurgeDays: 3 }), f.tenant.id)
      .run();
    const doiOnly = await formFixture('eu');
    await env.DB_EU.prepare('update tenants set settings = ? where id = ?')
      .bind(JSON.stringify({ unconfirmedPurgeDays: 3 }), doiOnly.tenant.id)
      .run();
    captureMail();
    await postJson(f.formId, { email: 'mixed@example.org' });
    await postJson(doiOnly.formId, { email: 'never@example.org' });
    await postJson(doiOnly.formId, { email: 'recent@example.org' });
    const old = Date.now() - 4 * 86_400_000;
    await env.DB_EU.prepare(
      "update subscriptions set updated_at = ? where status = 'pending' and tenant_id in (?, ?)",
    )
      .bind(old, f.tenant.id, doiOnly.tenant.id)
      .run();
    await postJson(doiOnly.formId, { email: 'recent@example.org' });

    await handleScheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }),
      env,
      createExecutionContext(),
    );

    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', doiOnly.tenant.id)).toBe(1);
    expect(await countRows(env.DB_EU, 'subscriber_keys', 'tenant_id = ?', doiOnly.tenant.id)).toBe(1);
    expect(await countRows(env.DB_EU, 'consent_events', 'tenant_id = ?', doiOnly.tenant.id)).toBe(2);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(1);
    expect(await countRows(env.DB_EU, 'subscriptions', 'tenant_id = ?', f.tenant.id)).toBe(1);
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        'tenant_id = ? and type = ?',
        doiOnly.tenant.id,
        'subscription.unconfirmed_purged',
      ),
    ).toBe(1);
    const id = (await env.DB_EU.prepare('select id from subscribers where tenant_id = ?')
      .bind(f.tenant.id)
      .first<{ id: string }>())!.id;
    expect(await (await api(f.apiKey, `/subscribers/${id}/consent-chain`)).json()).toMatchObject({
      ok: true,
    });
  });
});
