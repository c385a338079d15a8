// The audit log: one hash chain per tenant. An append chains its rows after the head (the one this
// isolate last wrote, else read) and commits them with the change they record (one batch) behind a
// guard that the head is still the chain's last row; a writer whose head was not re-reads it and
// rebuilds. Search, CSV export, verification and the redaction that erasure applies (the chain
// keeps verifying: shared/audit-chain.ts).

import { and, asc, desc, eq, gt, gte, lt, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type AuditFacts, auditCommitment, auditHash, hashedTargetId } from '../shared/audit-chain';
import { decryptTenantField, encryptTenantField, type TenantKeys } from '../shared/crypto/envelope';
import { toBase64Url } from '../shared/encoding';
import { newId } from '../shared/regions';
import type { BatchItem, Db } from './client';
import { CONFLICT_BUDGET_MS, retryOnConflict, tooManyChanges } from './retry';
import { auditHeads, auditLog } from './schema';

export type AuditRow = typeof auditLog.$inferSelect;
export type AuditActor = { type: AuditRow['actorType']; id: string };

/** Who acted and from where: what every audit row of one request shares. */
export type AuditOrigin = { actor: AuditActor; country?: string | null; ip?: string | null };

/** One thing that happened, as a caller describes it. */
export type AuditEntry = {
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string | null } | null;
  /** The subscriber the action is about (redacted when they are erased). */
  subjectId?: string | null;
  /** Ids, names of changed settings, before/after values; never an address or a message. */
  details?: Record<string, unknown>;
  /** Where the actor was: country from geolocation, IP (stored encrypted). */
  country?: string | null;
  ip?: string | null;
  at?: Date;
};

type Prepared = Omit<AuditRow, 'seq' | 'prevHash' | 'hash'>;

async function prepare(keys: TenantKeys, entry: AuditEntry): Promise<Prepared> {
  const id = newId('aud');
  const targetType = entry.target?.type ?? null;
  const targetId = entry.target?.id ?? null;
  const subjectId = entry.subjectId ?? (targetType === 'subscriber' ? targetId : null);
  const details = entry.details ?? {};
  const salt = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  return {
    id,
    tenantId: keys.tenantId,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    action: entry.action,
    targetType,
    targetId,
    subjectId,
    details,
    at: entry.at ?? new Date(),
    country: entry.country ?? null,
    ipCt: entry.ip ? await encryptTenantField(keys, id, 'ip', entry.ip) : null,
    salt,
    commitment: await auditCommitment(salt, {
      subjectId,
      subscriberTarget: targetType === 'subscriber' ? targetId : null,
      details,
    }),
    redactedBy: null,
  };
}

const factsOf = (row: Omit<AuditRow, 'prevHash' | 'hash'>): AuditFacts => ({
  id: row.id,
  tenantId: row.tenantId,
  seq: row.seq,
  at: row.at,
  actorType: row.actorType,
  actorId: row.actorId,
  action: row.action,
  targetType: row.targetType,
  targetId: hashedTargetId(row.targetType, row.targetId),
  country: row.country,
  ipCt: row.ipCt,
});

type Head = { seq: number; hash: string | null };

/** The newest row of the chain (legacy rows without a hash count for their seq). */
async function chainHead(db: Db, tenantId: string): Promise<Head> {
  const [row] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.tenantId, tenantId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row ?? { seq: 0, hash: null };
}

/**
 * A statement that fails the batch unless `head` is a row of the chain (seq 0: none to check):
 * it inserts a head with a null hash (a NOT NULL column) when the row at `head.seq` with that hash
 * (null for a legacy row, as `chainHead` reads it) is not there. Together with the unique
 * (tenant, seq) index, which refuses a head that is behind, the rows go after the chain's last row
 * only, even when a kept head is ahead of it (a restore, a repair, a tenant moved).
 */
function headGuard(db: Db, tenantId: string, head: Head): BatchItem {
  return db.insert(auditHeads).select(
    sql`select ${tenantId}, ${head.seq}, null where ${head.seq} > 0 and not exists (select 1 from ${auditLog}
      where tenant_id = ${tenantId} and seq = ${head.seq} and hash is ${head.hash})`,
  );
}

/** The chained rows after `head`, the statements that insert them (behind the guard) and move the head, and the new head. */
async function chained(
  db: Db,
  tenantId: string,
  head: Head,
  prepared: Prepared[],
): Promise<{ statements: BatchItem[]; head: Head }> {
  let { seq, hash: prevHash } = head;
  const rows: AuditRow[] = [];
  for (const p of prepared) {
    seq += 1;
    const withSeq = { ...p, seq };
    const hash = await auditHash(factsOf(withSeq), p.commitment!, prevHash);
    rows.push({ ...withSeq, prevHash, hash });
    prevHash = hash;
  }
  return {
    statements: [
      headGuard(db, tenantId, head),
      db.insert(auditLog).values(rows),
      db
        .insert(auditHeads)
        .values({ tenantId, seq, hash: prevHash! })
        .onConflictDoUpdate({ target: auditHeads.tenantId, set: { seq, hash: prevHash! } }),
    ],
    head: { seq, hash: prevHash },
  };
}

/** How many tenants' heads an isolate keeps (the least recently written go first). */
const AUDIT_HEADS_KEPT = 1_000;
const keptHeads = new Map<string, Head>();

/**
 * The head this isolate last committed for the tenant, taken out of the map while an append uses
 * it: a commit puts its new head back, a batch refused for another reason the old one, a refused
 * head none (the append reads it). A kept head that another isolate moved past is refused by the
 * unique (tenant, seq) index; one ahead of the chain (rows gone by a restore or a repair) by the
 * head guard.
 */
function takeKeptHead(tenantId: string): Head | undefined {
  const head = keptHeads.get(tenantId);
  keptHeads.delete(tenantId);
  return head;
}

function keepHead(tenantId: string, head: Head): void {
  keptHeads.set(tenantId, head);
  if (keptHeads.size > AUDIT_HEADS_KEPT) keptHeads.delete(keptHeads.keys().next().value!);
}

/**
 * The head the rows were chained on is not the chain's last row: the unique (tenant, seq) index
 * refused the insert (another writer took the next seq first) or the head guard did (no such row).
 */
function lostSeqRace(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (/audit_log\.tenant_id, audit_log\.seq|NOT NULL constraint failed: audit_heads\.hash/.test(e.message))
      return true;
  }
  return false;
}

/** Before and after of the settings a change names (null: not set, the built-in default). */
export function settingsChange(
  before: Record<string, unknown>,
  patch: Record<string, unknown>,
): { changed: string[]; before: Record<string, unknown>; after: Record<string, unknown> } {
  const changed = Object.keys(patch).sort();
  return {
    changed,
    before: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(changed.map((k) => [k, patch[k] ?? null])),
  };
}

/**
 * Appends `entries` to the tenant's chain, in one batch with `statements` (the change they
 * record, if any), and answers what D1 answered for `statements`, in order. The rows go after
 * the head this isolate last wrote without reading it, else after the head read. A refused kept
 * head (another isolate wrote last) is dropped and the head read at once: a stale copy is not
 * contention. A refused head just read means a writer raced this one: the next round pauses,
 * re-reads and rebuilds. Any other failure (a unique index of the change itself) is the caller's.
 */
export async function appendAudit(
  db: Db,
  keys: TenantKeys,
  entries: AuditEntry[],
  statements: BatchItem[] = [],
): Promise<unknown[]> {
  if (entries.length === 0)
    return statements.length ? db.batch(statements as [BatchItem, ...BatchItem[]]) : [];
  const prepared = await Promise.all(entries.map((e) => prepare(keys, e)));
  const tenantId = keys.tenantId;
  const commitOn = async (head: Head): Promise<unknown[]> => {
    const chain = await chained(db, tenantId, head, prepared);
    let answers: unknown[];
    try {
      answers = await db.batch([...statements, ...chain.statements] as [BatchItem, ...BatchItem[]]);
    } catch (err) {
      // Refused for the change's own reason: the chain is still at `head` (or past it, if the
      // batch committed unanswered, which the guard or the unique seq then refuses), so it stays the start.
      if (!lostSeqRace(err)) keepHead(tenantId, head);
      throw err;
    }
    keepHead(tenantId, chain.head);
    return answers.slice(0, statements.length);
  };
  const done = await takeTurn(tenantId);
  try {
    return await retryOnConflict(
      async () => {
        const kept = takeKeptHead(tenantId);
        if (kept) {
          try {
            return await commitOn(kept);
          } catch (err) {
            if (!lostSeqRace(err)) throw err;
          }
        }
        return commitOn(await chainHead(db, tenantId));
      },
      undefined,
      lostSeqRace,
    );
  } finally {
    done();
  }
}

/** How long one append may hold its tenant's turn, and how often a waiting append looks again. */
const AUDIT_TURN_LEASE_MS = 5_000;
const AUDIT_TURN_POLL_MS = 2;
const turns = new Map<string, { until: number }>();

/**
 * One tenant's appends from this isolate take turns: among themselves they could only race for
 * the same seq, and every lost race costs a read, a batch and a pause. A turn is a lease, so an
 * append whose request was cancelled holds the others for AUDIT_TURN_LEASE_MS at most; waiting is
 * a timer in the waiter's own request. Appends of other isolates still race, and
 * `retryOnConflict` settles those as before: the turn saves work, the unique seq keeps the chain.
 */
async function takeTurn(tenantId: string): Promise<() => void> {
  const started = Date.now();
  for (;;) {
    const held = turns.get(tenantId);
    if (!held || held.until <= Date.now()) {
      const mine = { until: Date.now() + AUDIT_TURN_LEASE_MS };
      turns.set(tenantId, mine);
      return () => {
        if (turns.get(tenantId) === mine) turns.delete(tenantId);
      };
    }
    // A crowd longer than a racing writer's budget gets the same 503, not an endless wait.
    if (Date.now() - started > CONFLICT_BUDGET_MS) throw tooManyChanges();
    await new Promise((r) => setTimeout(r, AUDIT_TURN_POLL_MS));
  }
}

/**
 * Erasure: the rows about the subscribers keep that something happened, not to whom, each marked
 * with the request that erased its person. One statement for all of them (the pairs as one JSON
 * parameter); rows found by subject and by target, each through its own index (an `or` of the
 * two reads all the tenant's rows).
 */
export function redactAuditSubjects(
  db: Db,
  tenantId: string,
  erased: readonly { subscriberId: string; requestId: string }[],
) {
  const pairs = JSON.stringify(erased.map((e) => [e.subscriberId, e.requestId]));
  const ids = sql`(select json_extract(value, '$[0]') from json_each(${pairs}))`;
  const erasedBy = (column: SQLWrapper) =>
    sql`(select json_extract(value, '$[1]') from json_each(${pairs}) where json_extract(value, '$[0]') = ${column})`;
  return db
    .update(auditLog)
    .set({
      subjectId: null,
      targetId: sql`case when ${auditLog.targetType} = 'subscriber' then null else ${auditLog.targetId} end`,
      details: {},
      salt: null,
      redactedBy: sql`coalesce(${erasedBy(auditLog.subjectId)}, ${erasedBy(auditLog.targetId)})`,
    })
    .where(
      sql`${auditLog.id} in (select id from audit_log where tenant_id = ${tenantId} and subject_id in ${ids}
        union all select id from audit_log where tenant_id = ${tenantId} and target_type = 'subscriber' and target_id in ${ids})`,
    );
}

export type AuditQuery = {
  actorType?: AuditRow['actorType'];
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Rows before this seq (the cursor of the previous page). */
  beforeSeq?: number;
  limit: number;
};

function conditions(tenantId: string, q: Omit<AuditQuery, 'limit'>): SQL {
  const parts: (SQL | undefined)[] = [
    eq(auditLog.tenantId, tenantId),
    q.actorType ? eq(auditLog.actorType, q.actorType) : undefined,
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.targetType ? eq(auditLog.targetType, q.targetType) : undefined,
    q.targetId ? or(eq(auditLog.targetId, q.targetId), eq(auditLog.subjectId, q.targetId)) : undefined,
    q.from ? gte(auditLog.at, q.from) : undefined,
    q.to ? lt(auditLog.at, q.to) : undefined,
    q.beforeSeq !== undefined ? lt(auditLog.seq, q.beforeSeq) : undefined,
  ];
  return and(...parts)!;
}

/** Rows matching `q`, newest first, one page. */
export async function searchAudit(db: Db, tenantId: string, q: AuditQuery): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(conditions(tenantId, q)).orderBy(desc(auditLog.seq)).limit(q.limit);
}

/** Rows matching `q` in chain order, `pageSize` at a time (for exports). */
export async function* auditRowsInOrder(
  db: Db,
  tenantId: string,
  q: Omit<AuditQuery, 'limit' | 'beforeSeq'>,
  pageSize = 500,
): AsyncGenerator<AuditRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(conditions(tenantId, q), gt(auditLog.seq, after)))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.seq;
  }
}

/** The actor's IP address of a row, decrypted (null when none was recorded or it does not open). */
export async function auditIp(keys: TenantKeys, row: Pick<AuditRow, 'id' | 'ipCt'>): Promise<string | null> {
  if (!row.ipCt) return null;
  return decryptTenantField(keys, row.id, 'ip', row.ipCt).catch(() => null);
}

export type AuditVerdict = {
  ok: boolean;
  /** Rows checked, rows written before the chain existed, rows redacted by an erasure. */
  rows: number;
  unchained: number;
  redacted: number;
  head: { seq: number; hash: string | null };
  brokenAt?: number;
  reason?: 'edited' | 'missing' | 'reordered' | 'head_mismatch';
};

/**
 * Recomputes the tenant's whole chain: every row's commitment (unless redacted) and hash, each
 * link to the row before, no gap in seq, and the last row against the stored head.
 */
export async function verifyAuditChain(db: Db, tenantId: string): Promise<AuditVerdict> {
  const verdict: AuditVerdict = {
    ok: true,
    rows: 0,
    unchained: 0,
    redacted: 0,
    head: { seq: 0, hash: null },
  };
  const fail = (at: number, reason: NonNullable<AuditVerdict['reason']>): AuditVerdict => ({
    ...verdict,
    ok: false,
    brokenAt: at,
    reason,
  });
  let expectedSeq = 1;
  let prev: string | null = null;
  let chainStarted = false;
  for await (const rows of auditRowsInOrder(db, tenantId, {})) {
    for (const row of rows) {
      verdict.rows++;
      if (row.seq !== expectedSeq) return fail(expectedSeq, 'missing');
      expectedSeq++;
      if (row.hash === null) {
        // Rows from before the chain come first, all of them.
        if (chainStarted) return fail(row.seq, 'edited');
        verdict.unchained++;
        continue;
      }
      chainStarted = true;
      if (row.prevHash !== prev) return fail(row.seq, 'reordered');
      if (row.redactedBy) verdict.redacted++;
      else {
        const again = await auditCommitment(row.salt ?? '', {
          subjectId: row.subjectId,
          subscriberTarget: row.targetType === 'subscriber' ? row.targetId : null,
          details: row.details,
        });
        if (again !== row.commitment) return fail(row.seq, 'edited');
      }
      if ((await auditHash(factsOf(row), row.commitment ?? '', row.prevHash)) !== row.hash)
        return fail(row.seq, 'edited');
      prev = row.hash;
      verdict.head = { seq: row.seq, hash: row.hash };
    }
  }
  const [stored] = await db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId));
  if (stored && (stored.seq !== verdict.head.seq || stored.hash !== verdict.head.hash))
    return fail(verdict.head.seq + 1, 'head_mismatch');
  if (!stored && chainStarted) return fail(1, 'head_mismatch');
  return verdict;
}
