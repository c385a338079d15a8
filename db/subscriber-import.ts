// Bulk import of existing lists: thousands of rows per call. Each row carries evidence or is
// marked "consent unknown"; erased addresses are refused per row. Existing and erased addresses
// are looked up in one round trip; new subscribers are written 5,000 to a D1 batch through
// json_each inserts (one bound parameter per statement), with their compliance counters computed
// in SQL in the same batch; rows that match an existing subscriber continue its consent chain one
// capture at a time.

import { and, eq } from 'drizzle-orm';
import type { TenantKeys } from '../shared/crypto/envelope';
import { blindIndex, normaliseEmail } from '../shared/crypto/blind-index';
import { AppError } from '../shared/errors';
import { assertAllowedValues } from '../shared/privacy/special-categories';
import { newId } from '../shared/regions';
import type { ImportInput, ImportReport, ImportRow } from '../shared/schemas/subscribers';
import { bulkInsert, runStatements, statementOf } from './bulk-insert';
import { chunk, inJson, type Db } from './client';
import {
  type CaptureSettings,
  captureConsent,
  decideSubscription,
  type SubscriptionRow,
} from './consent-capture';
import { chainEvents, type ConsentEvent } from './consent-log';
import { claimConfirmationMail } from './double-opt-in';
import { evidenceGeo, resolveEvidenceNotice } from './evidence';
import { requireLists, type ListRow } from './lists';
import type { Notice } from './notices';
import { outboxInsert, type OutboxRef } from './outbox';
import {
  consentEvents,
  profileFields,
  subscriberKeys,
  subscribers,
  subscriptions,
  suppressions,
} from './schema';
import { profileCount, profileCounting, type ProfileAudience, type ProfileValues } from './profile-counters';
import { cellDelta, countKinds, subscribersScope, tally } from './report-counters';
import { isUniqueConflict } from './retry';
import { initialHomeRegion, newSubscriberRow, type Subscriber } from './subscribers';

/**
 * New subscribers per D1 batch (one transaction); bulkInsert splits each table's JSON by size.
 * Fewer, larger batches write the B-tree pages that random keys touch fewer times.
 */
const ROWS_PER_BATCH = 5_000;
/**
 * How often a chunk that lost addresses to another writer is written again without them; after
 * that (or when no address was lost), its rows are captured one by one.
 */
const MAX_CHUNK_ROUNDS = 3;
/** Blind indexes (64 hex digits) per lookup statement, in its one JSON parameter (about 165 KB). */
const LOOKUP_CHUNK = 2_500;

type Refusal = ImportReport['refused'][number];
type Ready = {
  index: number;
  row: ImportRow;
  email: string;
  emailIndex: string;
  lists: ListRow[];
  notice: Notice | null;
};

export type ImportOutcome = ImportReport & {
  /** The double opt-in mails this import claimed (at most one an hour per address and list). */
  awaitingConfirmation: { subscriberId: string; listIds: string[]; language: string | null }[];
  /** The outbox events the import wrote, for the route to hand to the queue. */
  outbox: OutboxRef[];
};

/** `d1` is the same database as `db`, for the json_each bulk statements. */
export async function importSubscribers(
  db: Db,
  d1: D1Database,
  keys: TenantKeys,
  input: ImportInput,
  settings: CaptureSettings,
): Promise<ImportOutcome> {
  const batchId = newId('imp');
  const allListIds = [...new Set([...input.listIds, ...input.rows.flatMap((r) => r.listIds ?? [])])];
  const lists = new Map((await requireLists(db, keys.tenantId, allListIds)).map((l) => [l.id, l]));
  const fieldKeys = new Set(
    (
      await db
        .select({ key: profileFields.key })
        .from(profileFields)
        .where(eq(profileFields.tenantId, keys.tenantId))
    ).map((f) => f.key),
  );
  const refused: Refusal[] = [];
  const notices = new Map<string, Promise<Notice>>();
  const valid: Omit<Ready, 'notice'>[] = [];
  const seen = new Set<string>();
  for (const [index, row] of input.rows.entries()) {
    try {
      const r = await validateRow(keys, row, { lists, fieldKeys, defaults: input.listIds });
      if (seen.has(r.emailIndex))
        throw new AppError('conflict', 'The same address appears earlier in this import.');
      seen.add(r.emailIndex);
      valid.push({ index, row, ...r });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused.push({ row: index, code: err.code, message: err.message });
    }
  }
  const { existing, suppressed } = await lookup(
    db,
    keys.tenantId,
    valid.map((r) => r.emailIndex),
  );
  const fresh: Ready[] = [];
  const known: Ready[] = [];
  for (const r of valid) {
    try {
      if (suppressed.has(r.emailIndex)) throw new AppError('suppressed', suppressedRefusal().message);
      const notice = await rowNotice(db, keys, r.row, notices);
      (existing.has(r.emailIndex) ? known : fresh).push({ ...r, notice });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused.push({ row: r.index, code: err.code, message: err.message });
    }
  }
  const awaiting: ImportOutcome['awaitingConfirmation'] = [];
  const outbox: OutboxRef[] = [];
  let created = 0;
  for (const first of chunk(fresh, ROWS_PER_BATCH)) {
    let part = first;
    for (let round = 1; part.length; round++) {
      const built = await buildFresh(keys, part, { batchId, settings });
      try {
        outbox.push(await writeFresh(db, d1, keys, batchId, built));
        // Only a chunk that committed has confirmation mails to claim.
        awaiting.push(...built.awaiting);
        created += part.length;
        break;
      } catch (err) {
        if (!isUniqueConflict(err)) throw err;
        // Another writer added (or an erasure suppressed) some of these addresses meanwhile: those
        // take the known rows' way, one capture each, and the rest are written in bulk again.
        const now = await lookup(
          db,
          keys.tenantId,
          part.map((r) => r.emailIndex),
        );
        const taken = (r: Ready) => now.existing.has(r.emailIndex) || now.suppressed.has(r.emailIndex);
        if (!part.some(taken) || round === MAX_CHUNK_ROUNDS) {
          known.push(...part);
          break;
        }
        for (const r of part.filter(taken)) {
          if (now.suppressed.has(r.emailIndex)) refused.push({ row: r.index, ...suppressedRefusal() });
          else known.push(r);
        }
        part = part.filter((r) => !taken(r));
      }
    }
  }
  let updated = 0;
  for (const r of known) {
    try {
      const res = await captureConsent(db, keys, { ...captureInput(r, batchId), settings });
      outbox.push(...res.outbox);
      const due = await claimConfirmationMail(db, keys.tenantId, res.subscriber.id, res.awaitingConfirmation);
      if (due.length)
        awaiting.push({ subscriberId: res.subscriber.id, listIds: due, language: res.subscriber.language });
      if (res.created) created++;
      else updated++;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused.push({ row: r.index, code: err.code, message: err.message });
    }
  }
  refused.sort((a, b) => a.row - b.row);
  return {
    batchId,
    received: input.rows.length,
    created,
    updated,
    refused,
    awaitingConfirmation: awaiting,
    outbox,
  };
}

async function validateRow(
  keys: TenantKeys,
  row: ImportRow,
  ctx: { lists: Map<string, ListRow>; fieldKeys: Set<string>; defaults: string[] },
) {
  const email = normaliseEmail(row.email);
  if (!email) throw new AppError('validation_failed', 'The email address is not valid.');
  const lists = [...new Set(row.listIds?.length ? row.listIds : ctx.defaults)].map(
    (id) => ctx.lists.get(id)!,
  );
  if (!row.evidence && !row.consentUnknown && lists.some((l) => l.lawfulBasis === 'consent')) {
    throw new AppError(
      'consent_evidence_required',
      'The row has no evidence: send "evidence" or mark it "consentUnknown": true.',
    );
  }
  const unknownField = Object.keys(row.profile ?? {}).find((k) => !ctx.fieldKeys.has(k));
  if (unknownField)
    throw new AppError('validation_failed', `Profile field "${unknownField}" is not defined.`);
  assertAllowedValues(row.profile);
  return { email, emailIndex: await blindIndex(keys.indexKey, email), lists };
}

/** The row's notice, published (once per distinct notice in the import) only for an accepted row. */
async function rowNotice(
  db: Db,
  keys: TenantKeys,
  row: ImportRow,
  notices: Map<string, Promise<Notice>>,
): Promise<Notice | null> {
  if (!row.evidence) return null;
  const spec = JSON.stringify(row.evidence.notice);
  let pending = notices.get(spec);
  if (!pending) {
    pending = resolveEvidenceNotice(db, keys, row.evidence.notice);
    pending.catch(() => undefined);
    notices.set(spec, pending);
  }
  return pending;
}

const suppressedRefusal = () => ({
  code: 'suppressed' as const,
  message: "This address was erased at its owner's request and is not re-imported.",
});

/** Which indexes are subscribers or suppressed already: one round trip, LOOKUP_CHUNK indexes a statement. */
async function lookup(db: Db, tenantId: string, indexes: string[]) {
  const existing = new Set<string>();
  const suppressed = new Set<string>();
  const statements = chunk(indexes, LOOKUP_CHUNK).flatMap((part) => [
    db
      .select({ i: subscribers.emailIndex })
      .from(subscribers)
      .where(and(eq(subscribers.tenantId, tenantId), inJson(subscribers.emailIndex, part))),
    db
      .select({ i: suppressions.emailIndex })
      .from(suppressions)
      .where(and(eq(suppressions.tenantId, tenantId), inJson(suppressions.emailIndex, part))),
  ]);
  if (statements.length === 0) return { existing, suppressed };
  const found = await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  found.forEach((rows, i) => {
    for (const r of rows) (i % 2 === 0 ? existing : suppressed).add(r.i);
  });
  return { existing, suppressed };
}

function captureInput(r: Ready, batchId: string) {
  const ev = r.row.evidence;
  return {
    email: r.email,
    name: r.row.name,
    language: r.row.language ?? r.notice?.language ?? null,
    profile: r.row.profile,
    lists: r.lists,
    occurredAt: ev ? new Date(ev.occurredAt) : new Date(),
    geo: evidenceGeo(ev),
    ip: ev?.ip ?? null,
    userAgent: ev?.userAgent ?? null,
    notice: r.notice,
    source: { type: 'import' as const, id: batchId, url: ev?.sourceUrl ?? null },
    homeRegionSource: 'import' as const,
    confirmedAt: ev?.confirmedAt ? new Date(ev.confirmedAt) : null,
    consentUnknown: !ev && Boolean(r.row.consentUnknown),
  };
}

/** Every row one chunk of new subscribers inserts, built in memory (the chunk's crypto is done). */
export type FreshRows = {
  subs: Subscriber[];
  wrapped: (typeof subscriberKeys.$inferInsert)[];
  subscriptionRows: SubscriptionRow[];
  events: ConsentEvent[];
  profiles: Record<ProfileAudience, ProfileValues[]>;
};

/** Writes one built chunk of new subscribers in one batch (`freshStatements`). */
async function writeFresh(
  db: Db,
  d1: D1Database,
  keys: TenantKeys,
  batchId: string,
  built: FreshRows,
): Promise<OutboxRef> {
  const { statements, announce } = await freshStatements(db, d1, keys, batchId, built);
  await runStatements(d1, statements);
  return announce;
}

/**
 * A chunk's rows: each person's data key, encrypted fields, pseudonym, consent events (hash
 * chain) and subscriptions, built without drizzle (no statement per row).
 */
async function buildFresh(
  keys: TenantKeys,
  rows: Ready[],
  run: { batchId: string; settings: CaptureSettings },
): Promise<FreshRows & { awaiting: ImportOutcome['awaitingConfirmation'] }> {
  const { batchId, settings } = run;
  const subs: Subscriber[] = [];
  const wrapped: (typeof subscriberKeys.$inferInsert)[] = [];
  const subscriptionRows: SubscriptionRow[] = [];
  const events: ConsentEvent[] = [];
  const profiles: Record<ProfileAudience, ProfileValues[]> = { detail: [], aggregate: [] };
  const awaiting: ImportOutcome['awaitingConfirmation'] = [];
  const now = new Date();
  for (const r of rows) {
    const input = captureInput(r, batchId);
    const geo = input.geo;
    const home = initialHomeRegion(geo, 'import', settings.homeRegionRules, r.email);
    const counting = profileCounting(settings, home.homeRegion, input.profile);
    if (counting) profiles[counting.audience].push(counting.profile);
    // One creation time for the chunk's rows and events: bound once, not repeated in each row's JSON.
    const made = await newSubscriberRow(
      keys,
      {
        email: r.email,
        emailIndex: r.emailIndex,
        name: input.name,
        profile: input.profile,
        language: input.language,
        ...home,
        profileAudience: counting?.audience ?? null,
      },
      now,
    );
    const notice = r.notice ? { id: r.notice.id, version: r.notice.version, hash: r.notice.textHash } : null;
    const base = {
      occurredAt: input.occurredAt,
      geo,
      ip: input.ip,
      userAgent: input.userAgent,
      language: input.language,
      source: input.source,
      notice,
    };
    const evidence = r.lists.flatMap((l) => [
      { ...base, kind: input.consentUnknown ? ('import' as const) : ('opt_in' as const), listId: l.id },
      ...(input.confirmedAt && l.lawfulBasis === 'consent' && l.doubleOptIn
        ? [{ ...base, kind: 'confirmation' as const, listId: l.id, occurredAt: input.confirmedAt }]
        : []),
    ]);
    const chain = await chainEvents(made.key, { seq: 0, hash: null }, evidence, now);
    events.push(...chain.events);
    const waiting: string[] = [];
    let active = false;
    for (const l of r.lists) {
      const d = decideSubscription(l, undefined, {
        consentUnknown: input.consentUnknown,
        confirmed: Boolean(input.confirmedAt),
      });
      if (d.awaits) waiting.push(l.id);
      if (d.status === 'confirmed') active = true;
      subscriptionRows.push({
        tenantId: keys.tenantId,
        subscriberId: made.id,
        listId: l.id,
        status: d.status,
        consent: d.consent,
        consentEventId: chain.events.findLast((e) => e.listId === l.id)!.id,
        // A new sign-up's confirmation mail is claimed with the row (the queue sends it).
        confirmationMailedAt: d.awaits ? now : null,
        createdAt: now,
        updatedAt: now,
      });
    }
    subs.push({
      ...made.row,
      status: active ? 'active' : 'pending',
      consentSeq: chain.head.seq,
      consentHead: chain.head.hash,
    });
    wrapped.push({ subscriberId: made.id, tenantId: keys.tenantId, wrappedKey: made.wrappedKey });
    if (waiting.length) awaiting.push({ subscriberId: made.id, listIds: waiting, language: input.language });
  }
  return { subs, wrapped, subscriptionRows, events, profiles, awaiting };
}

/**
 * The one write batch of a built chunk: json_each inserts of its four tables, the compliance
 * counters computed in SQL from the rows just written, the consent events and profile values
 * tallied, and the import's event (whose reference is returned for the route to hand over).
 */
export async function freshStatements(
  db: Db,
  d1: D1Database,
  keys: TenantKeys,
  batchId: string,
  rows: FreshRows,
): Promise<{ statements: D1PreparedStatement[]; announce: OutboxRef }> {
  const { subs, wrapped, subscriptionRows, events, profiles } = rows;
  const announce = outboxInsert(db, {
    tenantId: keys.tenantId,
    type: 'subscribers.imported',
    subjectType: 'import',
    subjectId: batchId,
    payload: { batchId, subscriberIds: subs.map((x) => x.id), events: events.length },
  });
  const counters: Parameters<typeof statementOf>[1][] = [
    cellDelta(
      db,
      subscribersScope(
        keys.tenantId,
        subs.map((x) => x.id),
      ),
      1,
    ),
    tally(db, keys.tenantId, 'events:', countKinds(events.map((e) => e.kind))),
  ];
  for (const audience of ['detail', 'aggregate'] as const) {
    counters.push(...(await profileCount(db, keys, audience, profiles[audience], 1)));
  }
  return {
    statements: [
      ...bulkInsert(d1, subscriberKeys, wrapped),
      ...bulkInsert(d1, subscribers, subs),
      ...bulkInsert(d1, subscriptions, subscriptionRows),
      ...bulkInsert(d1, consentEvents, events),
      ...counters.map((q) => statementOf(d1, q)),
      statementOf(d1, announce),
    ],
    announce: announce.outboxRef,
  };
}
