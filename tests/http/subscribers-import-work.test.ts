// What a bulk import costs: its D1 round trips do not grow with the rows (one lookup, one write
// batch per 5,000 new rows), a row's evidence encrypts its IP and user agent once for all of its
// events, the counters stay exact across write batches, and the counters' SQL finds a person's
// subscriptions by key instead of walking the tenant's.

import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bulkInsert, MAX_JSON_CHARS } from '../../db/bulk-insert';
import { dbFor } from '../../db/client';
import { eventHash } from '../../db/consent-log';
import { cellDelta, subscriberScope } from '../../db/report-counters';
import { consentEvents, subscriberKeys } from '../../db/schema';
import { canonicalJson } from '../../shared/canonical-json';
import { decryptField, unwrapSubscriberKey } from '../../shared/crypto/envelope';
import { sha256Hex } from '../../shared/encoding';
import { tenantKeys } from '../../db/tenants';
import { callSettled, createList } from '../support/consent';
import { cell, expectCountersExact } from '../support/reports';
import { api, countRows, seedTenant } from '../support/seed';
import { recordD1, withSlowWrites } from '../support/slow-writes';

const evidence = {
  occurredAt: '2026-10-02T08:00:00Z',
  ip: '192.0.2.77',
  userAgent: 'Kundenliste Export 3.1',
  country: 'AT',
  notice: { text: 'Ja, ich möchte den Newsletter.', language: 'de' },
  confirmedAt: '2026-10-02T08:04:00Z',
};
const rowsOf = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ email: `${prefix}${i}@beispiel.at`, evidence }));

afterEach(() => vi.restoreAllMocks());

/** The tenant's `subscribers.imported` events: how many, and the subscriber ids they announce. */
async function announcedImports(tenantId: string) {
  const announced = await env.DB_EU.prepare(
    "select payload from outbox_events where tenant_id = ? and type = 'subscribers.imported'",
  )
    .bind(tenantId)
    .all<{ payload: string }>();
  const ids = announced.results.flatMap(
    (r) => (JSON.parse(r.payload) as { subscriberIds: string[] }).subscriberIds,
  );
  return { events: announced.results.length, ids };
}

describe('bulk import work', () => {
  it('takes the same D1 round trips for 300 and 5,100 new rows: one lookup, a write batch per 5,000', {
    timeout: 120_000,
  }, async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: true });
    const run = (prefix: string, n: number) =>
      recordD1(async () => {
        // Into the Worker with the test's env, so that recordD1 sees its database.
        const res = await callSettled('/api/v1/subscribers/import', {
          method: 'POST',
          headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ listIds: [list], rows: rowsOf(prefix, n) }),
        });
        return { status: res.status, report: (await res.json()) as { created: number } };
      });
    // The notice is published by the first import that shows it: not part of what is compared.
    await run('w', 1);
    const small = await run('s', 300);
    const large = await run('l', 5_100);
    expect(small.result).toMatchObject({ status: 200, report: { created: 300 } });
    expect(large.result).toMatchObject({ status: 200, report: { created: 5_100 } });
    // 5,100 rows: the same work as 300, plus one more write batch (5,000 + 100).
    expect(large.roundTrips).toBe(small.roundTrips + 1);
    const writes = large.batches.filter((size) => size >= 7);
    expect(writes).toHaveLength(2);
    // One lookup batch: existing subscribers and suppressions, 2,500 addresses a statement (3 × 2).
    expect(large.batches).toContain(6);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', t.tenant.id)).toBe(5_401);
    expect(await countRows(env.DB_EU, 'consent_events', 'tenant_id = ?', t.tenant.id)).toBe(10_802);
    const { events, ids } = await announcedImports(t.tenant.id);
    expect(events).toBe(4);
    expect(new Set(ids).size).toBe(5_401);
    const cells = await expectCountersExact(t.tenant);
    expect(cell(cells, list, 'eu', 'valid')).toBe(5_401);
  });

  it('encrypts a row’s IP and user agent once for both of its events, each a ciphertext that opens', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: true });
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt');
    const wrapKey = vi.spyOn(crypto.subtle, 'wrapKey');
    const res = await api(t.apiKey, '/subscribers/import', {
      method: 'POST',
      json: { listIds: [list], rows: rowsOf('e', 50) },
    });
    expect(res.status).toBe(200);
    const calls = encrypt.mock.calls.length;
    const wraps = wrapKey.mock.calls.length;
    encrypt.mockRestore();
    wrapKey.mockRestore();
    // Per row: the address, the IP, the user agent (the notice: once); its data key is wrapped.
    expect(calls).toBe(3 * 50);
    expect(wraps).toBe(50);
    const events = await env.DB_EU.prepare(
      'select subscriber_id, kind, ip_ct, user_agent_ct from consent_events where tenant_id = ? order by subscriber_id, seq',
    )
      .bind(t.tenant.id)
      .all<{ subscriber_id: string; kind: string; ip_ct: string; user_agent_ct: string }>();
    expect(events.results).toHaveLength(100);
    const [first, second] = events.results;
    expect([first!.kind, second!.kind]).toEqual(['opt_in', 'confirmation']);
    expect(second!.ip_ct).toBe(first!.ip_ct);
    expect(second!.user_agent_ct).toBe(first!.user_agent_ct);
    expect(first!.ip_ct).not.toContain('192.0.2.77');
    const chain = await api(t.apiKey, `/subscribers/${first!.subscriber_id}/consent-chain`);
    expect(await chain.json()).toMatchObject({ ok: true, events: 2 });
    const record = await api(t.apiKey, `/subscribers/${first!.subscriber_id}/consent-record`);
    expect(record.status).toBe(200);
  });

  it('gives every new person a data key of their own without importing a key per row', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: true });
    // The tenant's keys and the notice are made once, before the rows are counted.
    await api(t.apiKey, '/subscribers/import', {
      method: 'POST',
      json: { listIds: [list], rows: rowsOf('k', 1) },
    });
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const generateKey = vi.spyOn(crypto.subtle, 'generateKey');
    const res = await api(t.apiKey, '/subscribers/import', {
      method: 'POST',
      json: { listIds: [list], rows: rowsOf('n', 40) },
    });
    const imports = importKey.mock.calls.length;
    const generated = generateKey.mock.calls.length;
    importKey.mockRestore();
    generateKey.mockRestore();
    expect(await res.json()).toMatchObject({ created: 40 });
    expect(imports).toBe(0);
    expect(generated).toBe(40);
    // Forty different wrapped keys, each opening its own person's address only.
    const keys = await env.DB_EU.prepare(
      'select k.subscriber_id, k.wrapped_key, s.email_ct from subscriber_keys k join subscribers s on s.id = k.subscriber_id where k.tenant_id = ? order by k.subscriber_id',
    )
      .bind(t.tenant.id)
      .all<{ subscriber_id: string; wrapped_key: string; email_ct: string }>();
    expect(keys.results).toHaveLength(41);
    expect(new Set(keys.results.map((k) => k.wrapped_key)).size).toBe(41);
    const tenantKeysNow = await tenantKeys(env.MASTER_KEY, t.tenant);
    const [a, b] = keys.results;
    const keyA = await unwrapSubscriberKey(tenantKeysNow, a!.subscriber_id, a!.wrapped_key);
    expect(await decryptField(keyA, 'email', a!.email_ct)).toMatch(/^[kn]\d+@beispiel\.at$/);
    await expect(
      decryptField({ ...keyA, subscriberId: b!.subscriber_id }, 'email', b!.email_ct),
    ).rejects.toThrow();
  });

  it('an event hash is the SHA-256 of the canonical JSON of its fields, as stored chains were hashed', async () => {
    const event = {
      id: 'cev_0123456789abcdefghjkmnpq',
      tenantId: 'ten_1',
      subscriberId: 'sub_1',
      seq: 2,
      listId: null,
      kind: 'confirmation' as const,
      occurredAt: new Date('2026-10-02T08:04:00Z'),
      country: 'AT',
      geoRegion: null,
      isEu: true,
      ipCt: 'f1.abc',
      userAgentCt: null,
      noticeId: 'not_1',
      noticeVersion: 3,
      noticeHash: 'e'.repeat(64),
      language: 'de',
      sourceType: 'import' as const,
      sourceId: 'imp_1',
      sourceUrl: 'https://shop.example.com/ü?a="b"',
      prevHash: 'a'.repeat(64),
    };
    const { occurredAt, ...rest } = event;
    expect(await eventHash(event)).toBe(
      await sha256Hex(canonicalJson({ ...rest, occurredAt: occurredAt.getTime() })),
    );
  });

  it('splits one table’s rows into several statements only when their JSON outgrows one D1 value', async () => {
    const t = await seedTenant('eu');
    const wide = 'k'.repeat(200_000);
    const rows = Array.from({ length: 7 }, (_, i) => ({
      subscriberId: `sub_split${i}`,
      tenantId: t.tenant.id,
      wrappedKey: `${i}${wide}`,
    }));
    const statements = bulkInsert(env.DB_EU, subscriberKeys, rows);
    // Two rows of 200,000 characters fit in MAX_JSON_CHARS, three do not.
    expect(2 * 200_030 < MAX_JSON_CHARS && 3 * 200_001 > MAX_JSON_CHARS).toBe(true);
    expect(statements).toHaveLength(4);
    expect(bulkInsert(env.DB_EU, subscriberKeys, rows.slice(0, 2))).toHaveLength(1);
    expect(bulkInsert(env.DB_EU, consentEvents, [])).toHaveLength(0);
    await env.DB_EU.batch(statements);
    const stored = await env.DB_EU.prepare(
      'select subscriber_id, tenant_id, length(wrapped_key) as n, substr(wrapped_key, 1, 1) as head from subscriber_keys where tenant_id = ? order by subscriber_id',
    )
      .bind(t.tenant.id)
      .all();
    expect(stored.results).toEqual(
      rows.map((r, i) => ({
        subscriber_id: r.subscriberId,
        tenant_id: t.tenant.id,
        n: 200_001,
        head: `${i}`,
      })),
    );
  });

  it('binds a value every row shares once, and keeps each row’s own values and nulls', async () => {
    const t = await seedTenant('eu');
    const rows = ['a', 'b', 'c'].map((x) => ({
      subscriberId: `sub_shared_${x}`,
      tenantId: t.tenant.id,
      wrappedKey: 'same',
    }));
    const [statement] = bulkInsert(env.DB_EU, subscriberKeys, rows);
    await env.DB_EU.batch([statement!]);
    const stored = await env.DB_EU.prepare(
      'select subscriber_id, tenant_id, wrapped_key from subscriber_keys where tenant_id = ? order by subscriber_id',
    )
      .bind(t.tenant.id)
      .all();
    expect(stored.results).toEqual(
      rows.map((r) => ({ subscriber_id: r.subscriberId, tenant_id: t.tenant.id, wrapped_key: 'same' })),
    );
    const events = ['x', 'y'].map((x, i) => ({
      id: `cev_shared_${x}`,
      tenantId: t.tenant.id,
      subscriberId: 'sub_shared_a',
      seq: i + 1,
      listId: i === 0 ? null : 'lst_1',
      kind: 'import' as const,
      occurredAt: new Date('2026-10-02T08:00:00Z'),
      isEu: i === 0,
      sourceType: 'import' as const,
      hash: `h${x}`,
    }));
    await env.DB_EU.batch(bulkInsert(env.DB_EU, consentEvents, events));
    const read = await env.DB_EU.prepare(
      'select seq, list_id, is_eu, occurred_at, kind from consent_events where tenant_id = ? order by seq',
    )
      .bind(t.tenant.id)
      .all();
    expect(read.results).toEqual([
      { seq: 1, list_id: null, is_eu: 1, occurred_at: Date.parse('2026-10-02T08:00:00Z'), kind: 'import' },
      { seq: 2, list_id: 'lst_1', is_eu: 0, occurred_at: Date.parse('2026-10-02T08:00:00Z'), kind: 'import' },
    ]);
  });

  it('the counters find one person’s subscriptions by key, not by walking the tenant’s', async () => {
    const t = await seedTenant('eu');
    const query = cellDelta(dbFor(env.DB_EU), subscriberScope(t.tenant.id, 'sub_x'), 1).toSQL();
    const plan = await env.DB_EU.prepare(`explain query plan ${query.sql}`)
      .bind(...query.params)
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail);
    expect(details.some((d) => /SEARCH s USING .*\(subscriber_id=\?\)/.test(d))).toBe(true);
    expect(details.filter((d) => /\bs USING (COVERING )?INDEX subscriptions_/.test(d))).toEqual([]);
  });

  it('claims confirmation mails only for a chunk that committed: a chunk lost to a concurrent import claims none', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: true });
    const sent = vi.spyOn(env.EVENTS, 'sendBatch');
    const { confirmedAt: _, ...unconfirmed } = evidence;
    const row = { email: 'gleichzeitig@beispiel.at', evidence: unconfirmed };
    // Both imports look the address up before either writes; one chunk loses on the unique index.
    const answers = await withSlowWrites(() =>
      Promise.all(
        [0, 1].map(() =>
          callSettled('/api/v1/subscribers/import', {
            method: 'POST',
            headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ listIds: [list], rows: [row] }),
          }),
        ),
      ),
    );
    const reports = await Promise.all(
      answers.map((a) => a.json() as Promise<{ created: number; updated: number }>),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(reports.map((r) => r.created + r.updated)).toEqual([1, 1]);
    const people = await env.DB_EU.prepare('select id from subscribers where tenant_id = ?')
      .bind(t.tenant.id)
      .all<{ id: string }>();
    expect(people.results).toHaveLength(1);
    const mailed = sent.mock.calls
      .flatMap(([messages]) => [...messages].map((m) => m.body as { type: string; subscriberId?: string }))
      .filter((b) => b.type === 'confirmation-mail')
      .map((b) => b.subscriberId);
    // One confirmation mail, for the person who exists; none for the losing chunk's unwritten row.
    expect(mailed).toEqual([people.results[0]!.id]);
  });

  it('a chunk that lost one address to a concurrent import writes its other rows in bulk again', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    const shared = { email: 'geteilt@beispiel.at', evidence };
    const importOf = (rows: unknown[]) =>
      callSettled('/api/v1/subscribers/import', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ listIds: [list], rows }),
      });
    // Both look the shared address up before either writes; the one-row import writes first.
    const answers = await withSlowWrites(() =>
      Promise.all([importOf([shared]), importOf([shared, ...rowsOf('eigen', 30)])]),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const [small, large] = (await Promise.all(answers.map((a) => a.json()))) as {
      created: number;
      updated: number;
      refused: unknown[];
    }[];
    expect(small!.created + large!.created).toBe(31);
    expect(small!.updated + large!.updated).toBe(1);
    expect([...small!.refused, ...large!.refused]).toEqual([]);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', t.tenant.id)).toBe(31);
    // Every new person is announced by a bulk write's event: none of the 30 went one by one.
    const { ids } = await announcedImports(t.tenant.id);
    expect(new Set(ids).size).toBe(31);
  });
});
