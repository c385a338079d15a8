// The consent log: append-only events, each hashed over its content and the previous event's
// hash of the same subscriber; the subscriber row keeps the head, so an edit, a deletion in the
// middle and a deletion of the newest event are all detectable by verifyConsentChain. Every
// append moves the compliance counters in its own batch.

import { and, asc, eq } from 'drizzle-orm';
import { encryptField, type SubscriberKey } from '../shared/crypto/envelope';
import { sha256Hex } from '../shared/encoding';
import type { Geo } from '../shared/geo';
import { newId } from '../shared/regions';
import { runBatch, type BatchItem, type Db } from './client';
import { countKinds, tally, touches, withCounters } from './report-counters';
import { retryOnConflict } from './retry';
import { consentEvents, subscribers } from './schema';

export type ConsentEvent = typeof consentEvents.$inferSelect;
export type ConsentKind = ConsentEvent['kind'];
export type ConsentSource = { type: ConsentEvent['sourceType']; id?: string | null; url?: string | null };

export type ConsentEvidence = {
  kind: ConsentKind;
  listId: string | null;
  occurredAt: Date;
  geo: Pick<Geo, 'country' | 'region' | 'isEU'>;
  ip: string | null;
  userAgent: string | null;
  notice: { id: string; version: number; hash: string } | null;
  language: string | null;
  source: ConsentSource;
};

/** The chain position the next event of a subscriber takes. */
export type ChainHead = { seq: number; hash: string | null };

const HASHED_FIELDS = [
  'id',
  'tenantId',
  'subscriberId',
  'seq',
  'listId',
  'kind',
  'occurredAt',
  'country',
  'geoRegion',
  'isEu',
  'ipCt',
  'userAgentCt',
  'noticeId',
  'noticeVersion',
  'noticeHash',
  'language',
  'sourceType',
  'sourceId',
  'sourceUrl',
  'prevHash',
] as const;

// canonicalJson's key order (UTF-16 code units), fixed once: the fields are known and flat.
const SORTED_FIELDS = [...HASHED_FIELDS].sort();

/**
 * The hash that chains an event: SHA-256 of the canonical JSON (shared/canonical-json.ts) of
 * every field but `hash` itself and bookkeeping, dates as epoch milliseconds. The fields are
 * flat primitives, so the text is written here in canonical order without sorting per event,
 * by concatenation (no array of parts to join).
 */
export function eventHash(event: Omit<ConsentEvent, 'hash' | 'createdAt'>): Promise<string> {
  let text = '';
  for (const f of SORTED_FIELDS) {
    const v = event[f];
    if (v === undefined) continue;
    text += `${text ? ',' : '{'}"${f}":${JSON.stringify(v instanceof Date ? v.getTime() : v)}`;
  }
  return sha256Hex(`${text || '{'}}`);
}

/**
 * The events (encrypted IP and user agent) that continue a subscriber's chain from `head`. An
 * IP or user agent repeated across the events of one call is encrypted once: its ciphertext is
 * bound to the tenant, the subscriber and the field, not to one event.
 */
export async function chainEvents(
  key: SubscriberKey,
  head: ChainHead,
  evidence: ConsentEvidence[],
  createdAt = new Date(),
): Promise<{ events: ConsentEvent[]; head: ChainHead }> {
  const sealed = new Map<string, Promise<string>>();
  const seal = (field: 'ip' | 'user_agent', value: string | null) => {
    if (!value) return null;
    const at = `${field}\u0000${value}`;
    let ct = sealed.get(at);
    if (!ct) {
      ct = encryptField(key, field, value);
      sealed.set(at, ct);
    }
    return ct;
  };
  const events: ConsentEvent[] = [];
  let { seq, hash: prevHash } = head;
  for (const e of evidence) {
    seq += 1;
    const draft = {
      id: newId('cev'),
      tenantId: key.tenantId,
      subscriberId: key.subscriberId,
      seq,
      listId: e.listId,
      kind: e.kind,
      occurredAt: e.occurredAt,
      country: e.geo.country,
      geoRegion: e.geo.region,
      isEu: e.geo.isEU,
      ipCt: await seal('ip', e.ip),
      userAgentCt: await seal('user_agent', e.userAgent),
      noticeId: e.notice?.id ?? null,
      noticeVersion: e.notice?.version ?? null,
      noticeHash: e.notice?.hash ?? null,
      language: e.language,
      sourceType: e.source.type,
      sourceId: e.source.id ?? null,
      sourceUrl: e.source.url ?? null,
      prevHash,
    };
    const hash = await eventHash(draft);
    events.push({ ...draft, hash, createdAt });
    prevHash = hash;
  }
  return { events, head: { seq, hash: prevHash } };
}

/**
 * Builds the events that continue a subscriber's chain from `head` (`chainEvents`), and the
 * statements that insert them and move the head. Put them in the same batch as the state change
 * they record.
 */
export async function prepareConsentEvents(
  db: Db,
  key: SubscriberKey,
  head: ChainHead,
  evidence: ConsentEvidence[],
): Promise<{ events: ConsentEvent[]; head: ChainHead; queries: BatchItem[] }> {
  const { events, head: next } = await chainEvents(key, head, evidence);
  if (events.length === 0) return { events, head, queries: [] };
  const queries: BatchItem[] = [
    db.insert(consentEvents).values(events),
    // Moves the head only from where we read it: a concurrent append hits the unique
    // (tenant, subscriber, seq) index and the whole batch fails rather than forking the chain.
    touches(
      db
        .update(subscribers)
        .set({ consentSeq: next.seq, consentHead: next.hash, updatedAt: new Date() })
        .where(and(eq(subscribers.tenantId, key.tenantId), eq(subscribers.id, key.subscriberId))),
      key.tenantId,
      key.subscriberId,
    ),
    tally(db, key.tenantId, 'events:', countKinds(events.map((e) => e.kind))),
  ];
  return { events, head: next, queries };
}

/** What one round of an append commits: its statements, and what the caller gets once they did. */
export type ChainAppend<T> = {
  queries: BatchItem[];
  result: T;
  /** Commits the statements; the default is one D1 batch (a privacy transition passes its own). */
  commit?: (queries: BatchItem[]) => Promise<unknown>;
};

/**
 * The one way to append to a subscriber's consent chain. `build` reads what it needs (the chain
 * head included), builds the events with `prepareConsentEvents` and returns every statement of
 * the change; they commit together, with the subscriber's compliance counters moved in the same
 * batch (db/report-counters.ts). A round that loses a race on a unique index (another writer
 * took the next seq, created the subscriber, spent the nonce) is built again from fresh reads,
 * until it commits: simultaneous writers to one chain all get through, one after another.
 */
export function appendToChain<T>(db: Db, build: (round: number) => Promise<ChainAppend<T>>): Promise<T> {
  return retryOnConflict(async (round) => {
    const { queries, result, commit } = await build(round);
    const counted = withCounters(db, queries);
    await (commit ? commit(counted) : runBatch(db, counted));
    return result;
  });
}

export type ChainVerdict =
  | { ok: true; events: number; head: string | null }
  | { ok: false; events: number; brokenAt: number; reason: 'edited' | 'missing' | 'head_mismatch' };

/** Recomputes a subscriber's chain from the first event to the head stored on the subscriber. */
export async function verifyConsentChain(
  db: Db,
  tenantId: string,
  subscriberId: string,
): Promise<ChainVerdict> {
  const [sub] = await db
    .select({ seq: subscribers.consentSeq, head: subscribers.consentHead })
    .from(subscribers)
    .where(and(eq(subscribers.tenantId, tenantId), eq(subscribers.id, subscriberId)));
  const rows = await db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.subscriberId, subscriberId)))
    .orderBy(asc(consentEvents.seq));
  let prev: string | null = null;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq || row.prevHash !== prev)
      return { ok: false, events: rows.length, brokenAt: expectedSeq, reason: 'missing' };
    const { hash, createdAt: _createdAt, ...rest } = row;
    if ((await eventHash(rest)) !== hash)
      return { ok: false, events: rows.length, brokenAt: row.seq, reason: 'edited' };
    prev = hash;
    expectedSeq++;
  }
  if (sub && (sub.seq !== rows.length || sub.head !== prev)) {
    return { ok: false, events: rows.length, brokenAt: rows.length + 1, reason: 'head_mismatch' };
  }
  return { ok: true, events: rows.length, head: prev };
}
