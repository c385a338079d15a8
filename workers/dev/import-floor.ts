// The floors of a bulk import, for bench/import-floor, on a local-only route: `crypto*` runs n
// times exactly the WebCrypto calls one imported row needs (no D1; timed from outside, less a
// `noop` call), `d1` writes n new rows with pre-made values (no crypto) through the import's own
// write batch (`freshStatements`) and answers its time, and `drop-index` removes the next
// secondary index of the imported tables from this bench database, to weigh what each costs.

import { and, eq } from 'drizzle-orm';
import { regional } from '../../db/regions';
import { lists } from '../../db/schema';
import { freshStatements, type FreshRows } from '../../db/subscriber-import';
import { createTenant, findTenantBySlug, tenantKeys } from '../../db/tenants';
import { blindIndex, pseudonymFor } from '../../shared/crypto/blind-index';
import {
  createSubscriberKey,
  encryptField,
  type SubscriberKey,
  type TenantKeys,
} from '../../shared/crypto/envelope';
import { masterKeyring } from '../../shared/crypto/keyring';
import { sha256Hex, toBase64, toHex } from '../../shared/encoding';
import { AppError } from '../../shared/errors';
import { newId } from '../../shared/regions';
import type { Bindings } from '../env';

/** `crypto` is a row's whole set; the others are its parts, to see which call costs what. */
const CRYPTO_OPS = ['crypto', 'crypto-hmac', 'crypto-key', 'crypto-encrypt', 'crypto-hash'] as const;
const OPS = ['noop', ...CRYPTO_OPS, 'd1', 'drop-index'] as const;
type Op = (typeof OPS)[number];

/**
 * The secondary indexes of the four tables an import writes (their primary keys stay), in the
 * order `drop-index` removes them: the ones no guarantee rests on first, the unique ones last.
 */
const IMPORT_INDEXES = [
  'subscribers_tenant_region',
  'subscribers_tenant_status',
  'subscribers_tenant_id',
  'subscriptions_tenant_list_status',
  'subscriptions_pending',
  'consent_events_tenant_time',
  'consent_events_tenant_list',
  'subscribers_tenant_email',
  'consent_events_chain',
] as const;

const isOp = (value: string): value is Op => (OPS as readonly string[]).includes(value);

// The bench's import rows: an address, one IP and user agent for both events, two events a row.
const IP = '203.0.113.9';
const USER_AGENT = 'Legacy CRM';
/** The canonical text of one consent event is about this long (ids, ciphertexts, the previous hash). */
const EVENT_TEXT = `{"country":"NL",${'"x":"0123456789abcdef",'.repeat(24)}"seq":1}`;

/** One statement of the write batch: its SQL's first words and D1's own time for it. */
type StatementTime = { sql: string; ms: number };

/** `insert into "subscribers"`, `insert into "report_counters"`: what a statement writes. */
const statementLabel = (statement: D1PreparedStatement) =>
  (statement as unknown as { statement?: string }).statement?.match(
    /^\s*(insert into "?\w+"?|\w+ \w+)/i,
  )?.[1] ?? '?';

type FloorAnswer = {
  op: Op;
  n: number;
  ms?: number;
  sqlMs?: number;
  statements?: StatementTime[];
  dropped?: string | null;
};

export async function importFloor(env: Bindings, op: string, n: number): Promise<FloorAnswer> {
  if (!isOp(op) || !Number.isInteger(n) || n < 1 || n > 20_000)
    throw new AppError('bad_request', 'op or n out of range');
  const { db, d1 } = regional(env, 'eu');
  if (op === 'drop-index') {
    const present = await d1
      .prepare(
        `select name from sqlite_master where type = 'index' and name in (select value from json_each(?))`,
      )
      .bind(JSON.stringify(IMPORT_INDEXES))
      .all<{ name: string }>();
    const names = new Set(present.results.map((r) => r.name));
    const dropped = IMPORT_INDEXES.find((name) => names.has(name)) ?? null;
    if (dropped) await d1.exec(`drop index "${dropped}"`);
    return { op, n, dropped };
  }
  const tenant =
    (await findTenantBySlug(db, 'bench-import-floor')) ??
    (await createTenant(db, await masterKeyring(env.MASTER_KEY), {
      region: 'eu',
      slug: 'bench-import-floor',
      name: 'Bench',
    }));
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  if (op === 'noop') return { op, n };
  if (op === 'd1') return { op, n, ...(await writeRows(db, d1, keys, n)) };
  const run = CRYPTO_PARTS[op];
  const email = (i: number) => `floor.${i}.${crypto.randomUUID()}@example.org`;
  for (let i = 0; i < n; i++) await run(keys, email(i));
  return { op, n };
}

type Part = (keys: TenantKeys, email: string) => Promise<unknown>;

/** The data key the `crypto-encrypt` part encrypts with, made once per tenant (not per row). */
const encryptingKeys = new Map<string, Promise<SubscriberKey>>();
function encryptingKey(keys: TenantKeys): Promise<SubscriberKey> {
  let key = encryptingKeys.get(keys.tenantId);
  if (!key) {
    key = createSubscriberKey(keys, newId('sub')).then((made) => made.key);
    encryptingKeys.set(keys.tenantId, key);
  }
  return key;
}

async function encryptRow(key: SubscriberKey, email: string) {
  await encryptField(key, 'email', email);
  await encryptField(key, 'ip', IP);
  await encryptField(key, 'user_agent', USER_AGENT);
}

const CRYPTO_PARTS: Record<(typeof CRYPTO_OPS)[number], Part> = {
  crypto: async (keys, email) => {
    // In the import's order: blind index, data key, address, pseudonym, IP, user agent, two hashes.
    await blindIndex(keys.indexKey, email);
    const id = newId('sub');
    const { key } = await createSubscriberKey(keys, id);
    await encryptField(key, 'email', email);
    await pseudonymFor(keys.pseudonymKey, id);
    await encryptField(key, 'ip', IP);
    await encryptField(key, 'user_agent', USER_AGENT);
    await sha256Hex(EVENT_TEXT);
    await sha256Hex(EVENT_TEXT);
  },
  'crypto-hmac': async (keys, email) => {
    await blindIndex(keys.indexKey, email);
    await pseudonymFor(keys.pseudonymKey, newId('sub'));
  },
  'crypto-key': (keys) => createSubscriberKey(keys, newId('sub')),
  'crypto-encrypt': async (keys, email) => encryptRow(await encryptingKey(keys), email),
  'crypto-hash': async () => {
    await sha256Hex(EVENT_TEXT);
    await sha256Hex(EVENT_TEXT);
  },
};

/** Base64 text of `bytes` random bytes, as long as a ciphertext of that many bytes. */
const fakeSealed = (bytes: number) => toBase64(crypto.getRandomValues(new Uint8Array(bytes)));
/** 64 hex digits, as a SHA-256 or HMAC-SHA-256 in hex. */
const fakeHex = () => toHex(crypto.getRandomValues(new Uint8Array(32)));

/**
 * n new people as the import builds them (a confirmed double opt-in on one list: a data key, a
 * subscriber, a subscription, two chained events), with random values of the stored lengths, and
 * the import's one write batch for them, timed around the batch.
 */
async function writeRows(
  db: ReturnType<typeof regional>['db'],
  d1: D1Database,
  keys: TenantKeys,
  n: number,
): Promise<{ ms: number; sqlMs: number; statements: StatementTime[] }> {
  const list =
    (await db.query.lists.findFirst({
      where: and(eq(lists.tenantId, keys.tenantId), eq(lists.name, 'Floor')),
    })) ??
    (
      await db
        .insert(lists)
        .values({
          id: newId('lst'),
          tenantId: keys.tenantId,
          name: 'Floor',
          purpose: 'Bench',
          doubleOptIn: true,
        })
        .returning()
    )[0]!;
  const now = new Date();
  const batchId = newId('imp');
  const notice = { id: newId('ntc'), version: 1, hash: fakeHex() };
  const rows: FreshRows = {
    subs: [],
    wrapped: [],
    subscriptionRows: [],
    events: [],
    profiles: { detail: [], aggregate: [] },
  };
  for (let i = 0; i < n; i++) {
    const id = newId('sub');
    const ev = (seq: number, kind: 'opt_in' | 'confirmation', prevHash: string | null) => ({
      id: newId('cev'),
      tenantId: keys.tenantId,
      subscriberId: id,
      seq,
      listId: list.id,
      kind,
      occurredAt: new Date('2026-11-01T10:00:00Z'),
      country: 'NL',
      geoRegion: null,
      isEu: true,
      ipCt: `f1.${fakeSealed(12 + IP.length + 16)}`,
      userAgentCt: `f1.${fakeSealed(12 + USER_AGENT.length + 16)}`,
      noticeId: notice.id,
      noticeVersion: notice.version,
      noticeHash: notice.hash,
      language: 'en',
      sourceType: 'import' as const,
      sourceId: batchId,
      sourceUrl: null,
      prevHash,
      hash: fakeHex(),
      createdAt: now,
    });
    const first = ev(1, 'opt_in', null);
    const second = ev(2, 'confirmation', first.hash);
    rows.events.push(first, second);
    rows.wrapped.push({
      subscriberId: id,
      tenantId: keys.tenantId,
      wrappedKey: `d1.${fakeSealed(12 + 32 + 16)}`,
    });
    rows.subs.push({
      id,
      tenantId: keys.tenantId,
      emailIndex: fakeHex(),
      emailCt: `f1.${fakeSealed(12 + 30 + 16)}`,
      nameCt: null,
      profileCt: null,
      pseudonym: 'anon-k7q2mx9d',
      homeRegion: 'eu',
      homeRegionSource: 'import',
      homeCountry: 'NL',
      status: 'active',
      language: 'en',
      profileAudience: null,
      consentSeq: 2,
      consentHead: second.hash,
      createdAt: now,
      updatedAt: now,
    });
    rows.subscriptionRows.push({
      tenantId: keys.tenantId,
      subscriberId: id,
      listId: list.id,
      status: 'confirmed',
      consent: 'given',
      consentEventId: second.id,
      confirmationMailedAt: null,
      createdAt: now,
      updatedAt: now,
    });
  }
  const { statements } = await freshStatements(db, d1, keys, batchId, rows);
  const started = Date.now();
  const results = await d1.batch(statements);
  return {
    ms: Date.now() - started,
    sqlMs: results.reduce((sum, r) => sum + (r.meta.duration ?? 0), 0),
    statements: statements.map((s, i) => ({ sql: statementLabel(s), ms: results[i]?.meta.duration ?? 0 })),
  };
}
