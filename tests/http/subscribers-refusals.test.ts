import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { addressIndex } from '../../db/subscribers';
import { findTenant, tenantKeys } from '../../db/tenants';
import { createList } from '../support/consent';
import { api, countRows, seedTenant, type SeededTenant } from '../support/seed';

type Err = { error: { code: string; message: string } };
const evidence = (text: string) => ({
  occurredAt: '2026-11-20T09:30:00Z',
  country: 'NL',
  notice: { key: 'shop', text, language: 'nl' },
});

/** Row counts of every application table of a database. */
async function snapshot(d1: D1Database): Promise<Record<string, number>> {
  const { results } = await d1
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name not like 'd1_%'",
    )
    .all<{ name: string }>();
  const counts: Record<string, number> = {};
  // The audit log records every call on personal data, refused rows included: checked on its own.
  for (const { name } of results)
    if (!name.startsWith('audit_')) counts[name] = await countRows(d1, `"${name}"`);
  return counts;
}

async function suppress(t: SeededTenant, email: string) {
  const tenant = await findTenant(regional(env, 'eu').db, t.tenant.id);
  const { index } = await addressIndex(await tenantKeys(env.MASTER_KEY, tenant!), email);
  await env.DB_EU.prepare(
    "insert into suppressions (tenant_id, email_index, reason) values (?, ?, 'erasure')",
  )
    .bind(t.tenant.id, index)
    .run();
}

async function setup() {
  const t = await seedTenant('eu');
  const list = await createList(t.apiKey, { doubleOptIn: false });
  await api(t.apiKey, '/profile-fields', { method: 'POST', json: { key: 'note', label: 'Note' } });
  await suppress(t, 'gone@example.nl');
  return { t, list };
}

const refusals: [string, Record<string, unknown>, string][] = [
  ['an erased address', { email: 'Gone@Example.nl' }, 'suppressed'],
  [
    'a payment card number',
    { email: 'card@example.nl', profile: { note: '4111 1111 1111 1111' } },
    'special_category',
  ],
  ['an IBAN', { email: 'iban@example.nl', profile: { note: 'NL91ABNA0417164300' } }, 'special_category'],
];

describe('refused insertions change nothing, not even the notice versions', () => {
  it.each(refusals)('POST /subscribers with %s', async (_what, body, code) => {
    const { t, list } = await setup();
    const before = await snapshot(env.DB_EU);
    const res = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { listIds: [list], evidence: evidence(`Nieuwe tekst voor ${code}`), ...body },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as Err).error.code).toBe(code);
    expect(await countRows(env.DB_EU, 'consent_notices', 'tenant_id = ?', t.tenant.id)).toBe(0);
    expect(await snapshot(env.DB_EU)).toEqual(before);
  });

  it('an import whose every row is refused publishes no notice and writes nothing', async () => {
    const { t, list } = await setup();
    const before = await snapshot(env.DB_EU);
    const rows = refusals.map(([, body]) => ({
      ...body,
      evidence: evidence('Tekst die niemand accepteerde'),
    }));
    const res = await api(t.apiKey, '/subscribers/import', {
      method: 'POST',
      json: { listIds: [list], rows },
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      created: number;
      updated: number;
      refused: { code: string; message: string }[];
    };
    expect(report).toMatchObject({ created: 0, updated: 0 });
    expect(report.refused.map((r) => r.code)).toEqual(refusals.map(([, , code]) => code));
    const single = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { listIds: [list], ...refusals[2]![1], evidence: evidence('x') },
    });
    expect(report.refused[2]!.message).toBe(((await single.json()) as Err).error.message);
    expect(await snapshot(env.DB_EU)).toEqual(before);
    const audited = await env.DB_EU.prepare(
      "select action from audit_log where tenant_id = ? and action like 'POST /subscribers%'",
    )
      .bind(t.tenant.id)
      .all<{ action: string }>();
    expect(audited.results.map((r) => r.action)).toEqual(['POST /subscribers/import']);
  });

  it('an import publishes the notice of its accepted rows only', async () => {
    const { t, list } = await setup();
    const rows = [
      { email: 'gone@example.nl', evidence: evidence('Alleen geweigerd') },
      { email: 'welkom@example.nl', evidence: evidence('Wel geaccepteerd') },
    ];
    const res = await api(t.apiKey, '/subscribers/import', {
      method: 'POST',
      json: { listIds: [list], rows },
    });
    expect(((await res.json()) as { created: number }).created).toBe(1);
    const notices = await env.DB_EU.prepare('select text, version from consent_notices where tenant_id = ?')
      .bind(t.tenant.id)
      .all();
    expect(notices.results).toEqual([{ text: 'Wel geaccepteerd', version: 1 }]);
  });
});

describe('a burst of insertions carrying the same new notice text', () => {
  it('all succeed and share exactly one new version', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: { email: 'first@example.nl', listIds: [list], evidence: evidence('Versie een') },
    });
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api(t.apiKey, '/subscribers', {
          method: 'POST',
          json: { email: `p${i}@example.nl`, listIds: [list], evidence: evidence('Versie twee') },
        }),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(201));
    const notices = await env.DB_EU.prepare(
      'select version, text from consent_notices where tenant_id = ? order by version',
    )
      .bind(t.tenant.id)
      .all();
    expect(notices.results).toEqual([
      { version: 1, text: 'Versie een' },
      { version: 2, text: 'Versie twee' },
    ]);
    expect(
      await countRows(env.DB_EU, 'consent_events', 'tenant_id = ? and notice_version = 2', t.tenant.id),
    ).toBe(10);
  });

  it('two different new texts at once each get their own version', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    const burst = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api(t.apiKey, '/subscribers', {
          method: 'POST',
          json: {
            email: `q${i}@example.nl`,
            listIds: [list],
            evidence: evidence(i % 2 ? 'Tekst A' : 'Tekst B'),
          },
        }),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(6).fill(201));
    const notices = await env.DB_EU.prepare(
      'select version, text from consent_notices where tenant_id = ? order by version',
    )
      .bind(t.tenant.id)
      .all<{ version: number; text: string }>();
    expect(notices.results.map((n) => n.version)).toEqual([1, 2]);
    expect(new Set(notices.results.map((n) => n.text))).toEqual(new Set(['Tekst A', 'Tekst B']));
  });

  it('evidence naming an earlier text points at that version instead of publishing it again', async () => {
    const t = await seedTenant('eu');
    const list = await createList(t.apiKey, { doubleOptIn: false });
    const post = (i: number, text: string) =>
      api(t.apiKey, '/subscribers', {
        method: 'POST',
        json: { email: `r${i}@example.nl`, listIds: [list], evidence: evidence(text) },
      });
    for (const [i, text] of ['Tekst A', 'Tekst B', 'Tekst A'].entries())
      expect((await post(i, text)).status).toBe(201);
    const versions = await env.DB_EU.prepare(
      'select e.notice_version as v from consent_events e where e.tenant_id = ? order by e.seq, e.created_at',
    )
      .bind(t.tenant.id)
      .all<{ v: number }>();
    const notices = await env.DB_EU.prepare(
      'select version, text from consent_notices where tenant_id = ? order by version',
    )
      .bind(t.tenant.id)
      .all<{ version: number; text: string }>();
    expect(notices.results).toEqual([
      { version: 1, text: 'Tekst A' },
      { version: 2, text: 'Tekst B' },
    ]);
    expect(versions.results.map((r) => r.v).sort()).toEqual([1, 1, 2]);
  });
});
