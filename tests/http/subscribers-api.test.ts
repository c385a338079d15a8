import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { callSettled, createList } from '../support/consent';
import { captureMail } from '../support/mail';
import { api, countRows, seedTenant } from '../support/seed';
import { recordBuiltSql } from '../support/built-sql';
import { recordD1 } from '../support/slow-writes';

type Err = { error: { code: string; message: string } };
const evidence = (extra: Record<string, unknown> = {}) => ({
  occurredAt: '2026-11-20T09:30:00Z',
  ip: '203.0.113.50',
  userAgent: 'Mozilla/5.0 Shop',
  country: 'FR',
  region: 'IDF',
  sourceUrl: 'https://shop.example.com/checkout',
  notice: { text: 'Oui, je veux la newsletter.', language: 'fr' },
  ...extra,
});

describe('POST /api/v1/subscribers', () => {
  it('refuses a consent-based subscription without evidence, and writes nothing', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    const res = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'a@example.org', listIds: [list] },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as Err).error).toMatchObject({
      code: 'consent_evidence_required',
      message: expect.stringContaining('evidence'),
    });
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', t.tenant.id)).toBe(0);
  });

  it('a contract-based list needs no evidence', async () => {
    const t = await seedTenant('us');
    const list = await createList(t.apiKey, { lawfulBasis: 'contract', doubleOptIn: false });
    const res = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'c@example.org', listIds: [list] },
    });
    expect(res.status).toBe(201);
  });

  it('records the client evidence with the API key as source; notice text becomes a version', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    const res = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'Zoe@Example.fr', listIds: [list], evidence: evidence() },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      subscriber: { id: string; email: string | null; pseudonym: string; homeRegion: string };
      subscriptions: { status: string }[];
    };
    expect(body.subscriber).toMatchObject({
      email: null,
      homeRegion: 'eu',
      pseudonym: expect.stringMatching(/^anon-/),
    });
    expect(body.subscriptions[0]!.status).toBe('confirmed');
    const ev = await env.DB_EU.prepare('select * from consent_events where tenant_id = ?')
      .bind(t.tenant.id)
      .first<Record<string, unknown>>();
    expect(ev).toMatchObject({
      kind: 'opt_in',
      source_type: 'api',
      source_id: t.apiKeyId,
      country: 'FR',
      is_eu: 1,
      language: 'fr',
      notice_version: 1,
      occurred_at: Date.parse('2026-11-20T09:30:00Z'),
    });
    expect(String(ev!.ip_ct)).not.toContain('203.0.113.50');
  });

  it('a notice version that does not exist is refused', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    const res = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: {
        email: 'n@example.org',
        listIds: [list],
        evidence: evidence({ notice: { key: 'newsletter', language: 'en', version: 7 } }),
      },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Err).error.message).toContain('no version 7');
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', t.tenant.id)).toBe(0);
  });

  it('bad input: malformed email, IBAN in a profile value, undefined field, unknown list', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    await api(t.apiKey, '/profile-fields', { method: 'POST', json: { key: 'note', label: 'Note' } });
    const bad = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'no at sign', listIds: [list], evidence: evidence() },
    });
    expect(bad.status).toBe(400);
    const iban = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: {
        email: 'i@example.org',
        listIds: [list],
        profile: { note: 'pay to DE89 3704 0044 0532 0130 00' },
        evidence: evidence(),
      },
    });
    expect(iban.status).toBe(422);
    expect(((await iban.json()) as Err).error.message).toContain('IBAN');
    const field = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'f@example.org', listIds: [list], profile: { shoe: '42' }, evidence: evidence() },
    });
    expect(field.status).toBe(400);
    const unknown = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'u@example.org', listIds: ['lst_x'], evidence: evidence() },
    });
    expect(unknown.status).toBe(400);
    const wrongType = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as Err).error.code).toBe('unsupported_media_type');
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', t.tenant.id)).toBe(0);
  });

  it('Idempotency-Key: a retry creates nothing twice; the same key with another body is a 409', async () => {
    const t = await seedTenant('us');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    const json = { email: 'once@example.org', listIds: [list], evidence: evidence({ country: 'US' }) };
    const first = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json,
      headers: { 'idempotency-key': 'k-1' },
    });
    const second = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json,
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect(await countRows(env.DB_US, 'consent_events', 'tenant_id = ?', t.tenant.id)).toBe(1);
    const row = await env.DB_US.prepare('select body from idempotency_keys where tenant_id = ?')
      .bind(t.tenant.id)
      .first<{ body: string }>();
    expect(row!.body).not.toContain('once@example.org');
    const other = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { ...json, email: 'twice@example.org' },
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(other.status).toBe(409);
    expect(((await other.json()) as Err).error.code).toBe('idempotency_conflict');
    const without = await api(t.apiKey, '/subscribers', { method: 'POST', json });
    expect(without.status).toBe(200);
    expect(await countRows(env.DB_US, 'consent_events', 'tenant_id = ?', t.tenant.id)).toBe(2);
    // One audit row each: the insert's own (in its write batch), the replay's, none for the 409.
    const trail = await env.DB_US.prepare(
      "select details from audit_log where tenant_id = ? and action = 'POST /subscribers' order by seq",
    )
      .bind(t.tenant.id)
      .all<{ details: string }>();
    expect(trail.results.map((r) => JSON.parse(r.details).status)).toEqual([201, 201, 200]);
  });

  it('a double opt-in list sends the confirmation mail unless the client confirmed already', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: true });
    const mail = captureMail();
    const pending = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'doi@example.org', listIds: [list], evidence: evidence() },
    });
    expect(((await pending.json()) as { subscriptions: { status: string }[] }).subscriptions[0]!.status).toBe(
      'pending',
    );
    const done = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: {
        email: 'done@example.org',
        listIds: [list],
        evidence: evidence({ confirmedAt: '2026-11-20T09:40:00Z' }),
      },
    });
    expect(((await done.json()) as { subscriptions: { status: string }[] }).subscriptions[0]!.status).toBe(
      'confirmed',
    );
    const sent = await mail.messages();
    expect(sent.map((m) => m.to)).toEqual(['doi@example.org']);
    expect(sent[0]!.parsed.subject).toContain('Merci de confirmer');
  });

  it('lists show EU and unknown-region subscribers under their pseudonym, others with their address', async () => {
    const t = await seedTenant('us');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'eu@example.org', listIds: [list], evidence: evidence({ country: 'DE' }) },
    });
    await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'us@example.org', listIds: [list], evidence: evidence({ country: 'US' }) },
    });
    await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'nowhere@example.org', listIds: [list], evidence: evidence({ country: undefined }) },
    });
    const page = (await (await api(t.apiKey, '/subscribers')).json()) as {
      data: { id: string; email: string | null; homeRegion: string }[];
    };
    const byRegion = Object.fromEntries(page.data.map((s) => [s.homeRegion, s.email]));
    expect(byRegion).toEqual({ eu: null, non_eu: 'us@example.org', unknown: null });
    expect(JSON.stringify(page)).not.toContain('eu@example.org');
    const one = await (
      await api(t.apiKey, `/subscribers/${page.data.find((s) => s.homeRegion === 'eu')!.id}`)
    ).json();
    expect(one).toMatchObject({ email: null, anonymised: true });
  });
});

describe('POST /api/v1/subscribers/import', () => {
  it('imports thousands of rows in one call, refusing erased addresses and rows without evidence per row', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    const first = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'erased@example.org', listIds: [list], evidence: evidence() },
    });
    const erasedId = ((await first.json()) as { subscriber: { id: string } }).subscriber.id;
    const idx = await env.DB_EU.prepare('select email_index from subscribers where id = ?')
      .bind(erasedId)
      .first<{ email_index: string }>();
    await env.DB_EU.batch([
      env.DB_EU.prepare(
        "insert into suppressions (tenant_id, email_index, reason) values (?, ?, 'erasure')",
      ).bind(t.tenant.id, idx!.email_index),
      env.DB_EU.prepare('delete from subscriptions where subscriber_id = ?').bind(erasedId),
      env.DB_EU.prepare('delete from consent_events where subscriber_id = ?').bind(erasedId),
      env.DB_EU.prepare('delete from subscribers where id = ?').bind(erasedId),
    ]);
    await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'known@example.org', listIds: [list], evidence: evidence() },
    });
    const rows: Record<string, unknown>[] = Array.from({ length: 2500 }, (_, i) =>
      i % 2 === 0
        ? { email: `row${i}@example.org`, evidence: evidence() }
        : { email: `row${i}@example.org`, consentUnknown: true },
    );
    rows.push(
      { email: 'erased@example.org', consentUnknown: true },
      { email: 'bare@example.org' },
      { email: 'broken' },
      { email: 'known@example.org', evidence: evidence() },
      { email: 'row0@example.org', consentUnknown: true },
    );
    const res = await api(t.apiKey, '/subscribers/import', {
      method: 'POST',
      json: { listIds: [list], rows },
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      created: number;
      updated: number;
      refused: { row: number; code: string }[];
    };
    expect(report.created).toBe(2500);
    expect(report.updated).toBe(1);
    expect(report.refused).toEqual([
      { row: 2500, code: 'suppressed', message: expect.any(String) },
      { row: 2501, code: 'consent_evidence_required', message: expect.any(String) },
      { row: 2502, code: 'validation_failed', message: expect.any(String) },
      { row: 2504, code: 'conflict', message: expect.any(String) },
    ]);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', t.tenant.id)).toBe(2501);
    expect(
      await countRows(env.DB_EU, 'subscriptions', 'tenant_id = ? and consent = ?', t.tenant.id, 'unknown'),
    ).toBe(1250);
    expect(
      await countRows(
        env.DB_EU,
        'consent_events',
        'tenant_id = ? and kind = ? and source_type = ?',
        t.tenant.id,
        'import',
        'import',
      ),
    ).toBe(1250);
    const sample = await env.DB_EU.prepare(
      'select id from subscribers where tenant_id = ? order by id limit 3',
    )
      .bind(t.tenant.id)
      .all<{ id: string }>();
    for (const { id } of sample.results)
      expect(await (await api(t.apiKey, `/subscribers/${id}/consent-chain`)).json()).toMatchObject({
        ok: true,
      });
    const raw = await env.DB_EU.prepare('select email_ct from subscribers where tenant_id = ? limit 1')
      .bind(t.tenant.id)
      .first<{ email_ct: string }>();
    expect(raw!.email_ct).not.toContain('@');
  });

  it('an import without evidence never downgrades given consent or resubscribes', async () => {
    const t = await seedTenant('us');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'given@example.org', listIds: [list], evidence: evidence({ country: 'US' }) },
    });
    await api(t.apiKey, '/subscribers/import', {
      method: 'POST',
      json: { listIds: [list], rows: [{ email: 'given@example.org', consentUnknown: true }] },
    });
    const row = await env.DB_US.prepare('select status, consent from subscriptions where tenant_id = ?')
      .bind(t.tenant.id)
      .first();
    expect(row).toEqual({ status: 'confirmed', consent: 'given' });
  });

  it('answers a subscriber shown with their address from the captured address, without reading their data key again', async () => {
    const t = await seedTenant('us');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    const insert = (
      email: string,
      notice: Record<string, unknown> = { key: 'news', language: 'en', version: 1 },
    ) =>
      callSettled('/api/v1/subscribers', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email, listIds: [list], evidence: evidence({ country: 'US', notice }) }),
      });
    expect((await insert('warm@example.com', { key: 'news', language: 'en', text: 'Yes.' })).status).toBe(
      201,
    );
    for (const [email, status] of [
      ['shown@example.com', 201],
      ['shown@example.com', 200],
    ] as const) {
      const run = await recordD1(() => insert(email), { region: 'us' });
      expect(run.result.status).toBe(status);
      // The key, the read batch, the write batch with its audit row: no read of the data key after it.
      expect(run.roundTrips).toBe(3);
      const body = (await run.result.json()) as { subscriber: { id: string; email: string | null } };
      expect(body.subscriber.email).toBe('shown@example.com');
      const again = (await (await api(t.apiKey, `/subscribers/${body.subscriber.id}`)).json()) as {
        email: string | null;
      };
      expect(again.email).toBe('shown@example.com');
    }
  });

  it('an insert with evidence is the key, one read batch and one write batch with its audit row; nothing follows when nobody listens', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: true });
    const insert = (email: string, notice: Record<string, unknown>) =>
      callSettled('/api/v1/subscribers', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          email,
          listIds: [list],
          evidence: evidence({ notice, confirmedAt: '2026-11-20T09:35:00Z' }),
        }),
      });
    const first = await insert('first@example.org', { key: 'newsletter', language: 'fr', text: 'Oui.' });
    expect(first.status).toBe(201);
    expect((await insert('warm@example.org', { key: 'newsletter', language: 'fr', version: 1 })).status).toBe(
      201,
    );
    // The capture's reads and its subscription's upsert were built by an earlier insert: this one binds its values.
    const { result: run, built } = await recordBuiltSql(() =>
      recordD1(() => insert('second@example.org', { key: 'newsletter', language: 'fr', version: 1 })),
    );
    expect(run.result.status).toBe(201);
    // (The API key's check builds its own read: workers/api/auth.ts.)
    const capture = built.filter((q) => !q.includes('from "api_keys"'));
    expect(capture.length).toBeGreaterThan(0);
    expect(
      capture.filter((q) => q.startsWith('select') || q.startsWith('insert into "subscriptions"')),
    ).toEqual([]);
    // The key; lists, the notice version and the address's state; the capture with its audit row.
    expect(run.roundTrips).toBe(3);
    // The read batch (six statements) is the one before the write batch (the key's read comes first).
    expect(run.batches.at(-2)).toBe(6);
    const unknown = await insert('third@example.org', { key: 'newsletter', language: 'fr', version: 9 });
    expect(unknown.status).toBe(400);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', t.tenant.id)).toBe(3);
    const trail = await env.DB_EU.prepare(
      "select actor_type, actor_id, action, details from audit_log where tenant_id = ? and action = 'POST /subscribers' order by seq",
    )
      .bind(t.tenant.id)
      .all<{ actor_type: string; actor_id: string; action: string; details: string }>();
    expect(trail.results.map((r) => [r.actor_type, JSON.parse(r.details)])).toEqual([
      ['api_key', { status: 201 }],
      ['api_key', { status: 201 }],
      ['api_key', { status: 201 }],
    ]);
    expect(
      await countRows(
        env.DB_EU,
        'outbox_events',
        'tenant_id = ? and (dispatched_at is null or received_at is null)',
        t.tenant.id,
      ),
    ).toBe(0);
  });
});
