// The recipients of a message: who may lawfully receive it (the compliance state of each
// subscription, db/subscription-state.ts, plus suppressions and the intercept rule), one row per
// subscriber of the list (pending, or skipped with its reason), the claim that lets exactly one
// consumer send to a recipient, and each recipient's outcome.

import { and, eq, lt, sql } from 'drizzle-orm';
import type { InterceptMode } from '../shared/intercept-answer';
import { type SkipReason, skipReason } from '../shared/sending/recipient-verdict';
import type { SubscriptionState } from '../shared/reports/states';
import { type Db, inJson } from './client';
import { messageRecipients, subscriberKeys, subscribers } from './schema';
import { CONSENT_VALID_SQL } from './consent-validity';
import { SUBSCRIPTION_STATE_SQL } from './subscription-state';

/** A subscriber of the list and whether they may receive the message (null reason: yes). */
export type RecipientVerdict = { subscriberId: string; reason: SkipReason | null };

type StateRow = {
  id: string;
  home_region: string;
  state: SubscriptionState;
  consent_valid: number;
  suppressed: number;
};

const verdictsOf = (rows: StateRow[], mode: InterceptMode | undefined): RecipientVerdict[] =>
  rows.map((r) => ({
    subscriberId: r.id,
    reason: skipReason(
      {
        state: r.state,
        consentValid: r.consent_valid === 1,
        suppressed: r.suppressed === 1,
        homeRegion: r.home_region,
      },
      mode,
    ),
  }));

const STATE_COLUMNS =
  sql.raw(`p.id as id, p.home_region as home_region, ${SUBSCRIPTION_STATE_SQL} as state, ${CONSENT_VALID_SQL} as consent_valid,
  exists (select 1 from suppressions x where x.tenant_id = p.tenant_id and x.email_index = p.email_index) as suppressed
  from subscriptions s
  join subscribers p on p.id = s.subscriber_id and p.tenant_id = s.tenant_id
  join lists l on l.id = s.list_id`);

/** One page of the list's subscribers (ids above `after`, in id order) with their verdicts. */
export async function selectRecipientPage(
  db: Db,
  target: { tenantId: string; listId: string; interceptMode: InterceptMode | undefined },
  after: string,
  limit: number,
): Promise<RecipientVerdict[]> {
  const rows = await db.all<StateRow>(sql`select ${STATE_COLUMNS}
    where s.tenant_id = ${target.tenantId} and s.list_id = ${target.listId} and p.id > ${after}
    order by p.id limit ${limit}`);
  return verdictsOf(rows, target.interceptMode);
}

/** The verdicts of given subscribers now (the send re-checks: someone may have left since). */
export async function recheckRecipients(
  db: Db,
  target: { tenantId: string; listId: string; interceptMode: InterceptMode | undefined },
  subscriberIds: readonly string[],
): Promise<RecipientVerdict[]> {
  const rows = await db.all<StateRow>(sql`select ${STATE_COLUMNS}
    where s.tenant_id = ${target.tenantId} and s.list_id = ${target.listId}
      and p.id in (select value from json_each(${JSON.stringify(subscriberIds)}))`);
  const found = verdictsOf(rows, target.interceptMode);
  // Gone from the list or erased since the selection: nothing to send to.
  const gone = subscriberIds
    .filter((id) => !found.some((v) => v.subscriberId === id))
    .map((id) => ({ subscriberId: id, reason: 'erased' as const }));
  return [...found, ...gone];
}

/**
 * Writes the page's recipient rows: pending for the lawful, skipped with the reason for the rest.
 * A row that exists (a redelivered page) is left as it is. One statement, the page as JSON.
 */
export async function insertRecipients(
  db: Db,
  message: { tenantId: string; id: string },
  verdicts: readonly RecipientVerdict[],
): Promise<void> {
  if (verdicts.length === 0) return;
  const rows = verdicts.map((v) => ({ s: v.subscriberId, r: v.reason }));
  await db.run(sql`insert or ignore into message_recipients (tenant_id, message_id, subscriber_id, status, skip_reason)
    select ${message.tenantId}, ${message.id}, value ->> 's',
      case when value ->> 'r' is null then 'pending' else 'skipped' end, value ->> 'r'
    from json_each(${JSON.stringify(rows)})`);
}

/** Skips recipients not yet claimed, with their reasons (the send's re-check found them unlawful). */
export async function skipRecipients(
  db: Db,
  messageId: string,
  skipped: readonly RecipientVerdict[],
): Promise<void> {
  if (skipped.length === 0) return;
  const rows = skipped.map((v) => ({ s: v.subscriberId, r: v.reason }));
  await db.run(sql`update message_recipients set status = 'skipped',
      skip_reason = (select value ->> 'r' from json_each(${JSON.stringify(rows)}) where value ->> 's' = subscriber_id)
    where message_id = ${messageId} and status = 'pending'
      and subscriber_id in (select value ->> 's' from json_each(${JSON.stringify(rows)}))`);
}

/**
 * Claims pending recipients for one consumer, while the message is being sent: one conditional
 * update, so of two consumers holding the same ids each recipient goes to exactly one. Returns
 * the claimed ids with their attempt number (1 for the first try).
 */
export async function claimRecipients(
  db: Db,
  messageId: string,
  subscriberIds: readonly string[],
  now = new Date(),
): Promise<{ subscriberId: string; attempts: number }[]> {
  if (subscriberIds.length === 0) return [];
  return db
    .update(messageRecipients)
    .set({ status: 'sending', attempts: sql`${messageRecipients.attempts} + 1`, claimedAt: now })
    .where(
      and(
        eq(messageRecipients.messageId, messageId),
        eq(messageRecipients.status, 'pending'),
        inJson(messageRecipients.subscriberId, subscriberIds),
        sql`exists (select 1 from messages m where m.id = ${messageId} and m.status = 'sending')`,
      ),
    )
    .returning({ subscriberId: messageRecipients.subscriberId, attempts: messageRecipients.attempts });
}

export type Outcome =
  | { subscriberId: string; status: 'sent'; mailMessageId: string }
  | { subscriberId: string; status: 'failed' | 'pending'; errorCode: string }
  | { subscriberId: string; status: 'skipped'; reason: SkipReason };

/** Records what happened to claimed recipients (`pending`: failed, to be tried again). */
export async function recordOutcomes(
  db: Db,
  messageId: string,
  outcomes: readonly Outcome[],
  now = new Date(),
): Promise<void> {
  if (outcomes.length === 0) return;
  const rows = outcomes.map((o) => ({
    s: o.subscriberId,
    st: o.status,
    m: o.status === 'sent' ? o.mailMessageId : null,
    e: o.status === 'failed' || o.status === 'pending' ? o.errorCode : null,
    r: o.status === 'skipped' ? o.reason : null,
  }));
  await db.run(sql`update message_recipients set
      status = o.value ->> 'st',
      mail_message_id = coalesce(o.value ->> 'm', mail_message_id),
      error_code = o.value ->> 'e',
      skip_reason = o.value ->> 'r',
      sent_at = case when o.value ->> 'st' = 'sent' then ${now.getTime()} else sent_at end
    from json_each(${JSON.stringify(rows)}) o
    where message_id = ${messageId} and subscriber_id = o.value ->> 's' and status = 'sending'`);
}

/**
 * Claims older than `before` whose consumer never recorded an outcome (it was stopped mid-send).
 * Whether the mail left is unknown, so they are recorded as failed rather than sent again.
 */
export async function failStaleClaims(
  db: Db,
  before: Date,
): Promise<{ tenantId: string; messageId: string }[]> {
  const rows = await db
    .update(messageRecipients)
    .set({ status: 'failed', errorCode: 'interrupted' })
    .where(and(eq(messageRecipients.status, 'sending'), lt(messageRecipients.claimedAt, before)))
    .returning({ tenantId: messageRecipients.tenantId, messageId: messageRecipients.messageId });
  return [...new Map(rows.map((r) => [r.messageId, r])).values()];
}

/** The rows and wrapped keys of subscribers, for composing (ciphertext only). */
export async function loadRecipientRows(db: Db, tenantId: string, subscriberIds: readonly string[]) {
  const [people, keys] = await db.batch([
    db
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.tenantId, tenantId), inJson(subscribers.id, subscriberIds))),
    db
      .select()
      .from(subscriberKeys)
      .where(and(eq(subscriberKeys.tenantId, tenantId), inJson(subscriberKeys.subscriberId, subscriberIds))),
  ]);
  const wrapped = new Map(keys.map((k) => [k.subscriberId, k.wrappedKey]));
  return people.map((p) => ({ row: p, wrappedKey: wrapped.get(p.id) ?? null }));
}

/** One page of a message's recipients, in subscriber id order, for the API. */
export function recipientPage(db: Db, tenantId: string, messageId: string, after: string, limit: number) {
  return db
    .select({
      subscriberId: messageRecipients.subscriberId,
      status: messageRecipients.status,
      skipReason: messageRecipients.skipReason,
      errorCode: messageRecipients.errorCode,
      attempts: messageRecipients.attempts,
      mailMessageId: messageRecipients.mailMessageId,
      sentAt: messageRecipients.sentAt,
      pseudonym: subscribers.pseudonym,
      homeRegion: subscribers.homeRegion,
      emailCt: subscribers.emailCt,
    })
    .from(messageRecipients)
    .leftJoin(subscribers, eq(subscribers.id, messageRecipients.subscriberId))
    .where(
      and(
        eq(messageRecipients.tenantId, tenantId),
        eq(messageRecipients.messageId, messageId),
        sql`${messageRecipients.subscriberId} > ${after}`,
      ),
    )
    .orderBy(messageRecipients.subscriberId)
    .limit(limit);
}
