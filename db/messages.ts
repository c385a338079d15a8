// Messages of the sending work: creating one (with its `message.created` event in the same
// batch), reading them with their recipient totals, cancelling before they are sent, and the
// transitions the fan-out makes (queued → sending → sent). The row keeps the template only.

import { and, desc, eq, inArray, isNull, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import { decryptTenantField, encryptTenantField, type TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import { newId } from '../shared/regions';
import type { ProfileFilter } from '../shared/sending/profile-filter';
import { pageByCreated } from './lists';
import { type Db, inJson } from './client';
import { type OutboxRef, outboxInsert, outboxRefs } from './outbox';
import { messageRecipients, messages, profileFields } from './schema';

export type MessageRow = typeof messages.$inferSelect;

/** Statuses from which a message can still be cancelled: nothing, or not everything, went out. */
export const CANCELLABLE = ['scheduled', 'queued', 'sending'] as const;

export type NewMessage = {
  listId: string;
  subject: string;
  fromName: string | null;
  bodyHtml: string | null;
  bodyText: string | null;
  /** Null: to go out at once. */
  sendAt: Date | null;
  /** `queued` goes to the queue now; `scheduled` waits for the sweep that queues it when due. */
  status: 'queued' | 'scheduled';
  /** Only recipients whose profile matches (stored encrypted with the tenant key). */
  profileFilter: ProfileFilter | null;
};

const FILTER_FIELD = 'profile_filter';
const filterOwner = (messageId: string) => `message:${messageId}`;

/** The message's profile filter, decrypted (null: none). */
export async function profileFilterOf(
  keys: TenantKeys,
  message: Pick<MessageRow, 'id' | 'profileFilterCt'>,
): Promise<ProfileFilter | null> {
  if (!message.profileFilterCt) return null;
  return JSON.parse(
    await decryptTenantField(keys, filterOwner(message.id), FILTER_FIELD, message.profileFilterCt),
  ) as ProfileFilter;
}

export async function createMessage(
  db: Db,
  keys: TenantKeys,
  input: NewMessage,
): Promise<{ message: MessageRow; events: OutboxRef[] }> {
  const tenantId = keys.tenantId;
  const id = newId('msg');
  const { profileFilter, ...fields } = input;
  const profileFilterCt = profileFilter
    ? await encryptTenantField(keys, filterOwner(id), FILTER_FIELD, JSON.stringify(profileFilter))
    : null;
  const insert = db
    .insert(messages)
    .values({ id, tenantId, ...fields, profileFilterCt })
    .returning();
  const event = outboxInsert(db, {
    tenantId,
    type: 'message.created',
    subjectType: 'message',
    subjectId: id,
    payload: { messageId: id, listId: input.listId, sendAt: input.sendAt?.toISOString() ?? null },
  });
  const [rows] = await db.batch([insert, event]);
  return { message: rows[0]!, events: outboxRefs([event]) };
}

/** Which of `keys` are profile fields of the tenant. */
export async function definedProfileKeys(
  db: Db,
  tenantId: string,
  keys: readonly string[],
): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .select({ key: profileFields.key })
    .from(profileFields)
    .where(and(eq(profileFields.tenantId, tenantId), inJson(profileFields.key, keys)));
  return rows.map((r) => r.key);
}

export async function requireMessage(db: Db, tenantId: string, id: string): Promise<MessageRow> {
  const row = await db.query.messages.findFirst({
    where: and(eq(messages.tenantId, tenantId), eq(messages.id, id)),
  });
  if (!row) throw new AppError('not_found', `Message ${id} does not exist.`);
  return row;
}

export function listMessages(db: Db, tenantId: string, cursor: string | undefined, limit: number) {
  return pageByCreated(
    (after, n) =>
      db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.tenantId, tenantId),
            after
              ? or(
                  lt(messages.createdAt, new Date(after.k)),
                  and(eq(messages.createdAt, new Date(after.k)), lt(messages.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(n),
    cursor,
    limit,
  );
}

export type MessageTotals = {
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  skippedByReason: Record<string, number>;
};

/** Recipient counts of messages by status, and the skipped ones by reason. */
export async function messageTotals(
  db: Db,
  tenantId: string,
  messageIds: readonly string[],
): Promise<Map<string, MessageTotals>> {
  const out = new Map<string, MessageTotals>();
  for (const id of messageIds)
    out.set(id, { recipients: 0, queued: 0, sent: 0, failed: 0, skipped: 0, skippedByReason: {} });
  if (messageIds.length === 0) return out;
  const rows = await db
    .select({
      messageId: messageRecipients.messageId,
      status: messageRecipients.status,
      reason: messageRecipients.skipReason,
      n: sql<number>`count(*)`,
    })
    .from(messageRecipients)
    .where(and(eq(messageRecipients.tenantId, tenantId), inJson(messageRecipients.messageId, messageIds)))
    .groupBy(messageRecipients.messageId, messageRecipients.status, messageRecipients.skipReason);
  for (const r of rows) {
    const t = out.get(r.messageId)!;
    t.recipients += r.n;
    if (r.status === 'pending' || r.status === 'sending') t.queued += r.n;
    else if (r.status === 'sent') t.sent += r.n;
    else if (r.status === 'failed') t.failed += r.n;
    else {
      t.skipped += r.n;
      const reason = r.reason ?? 'unknown';
      t.skippedByReason[reason] = (t.skippedByReason[reason] ?? 0) + r.n;
    }
  }
  return out;
}

/**
 * A statement that fails the whole batch unless the message is in one of `statuses`: it sets the
 * NOT NULL subject to null on the opposite condition (the same guard as db/privacy-transitions.ts).
 */
function guardStatus(db: Db, id: string, statuses: readonly MessageRow['status'][]) {
  return db
    .update(messages)
    .set({ subject: sql`null` })
    .where(and(eq(messages.id, id), notInArray(messages.status, [...statuses])));
}

const isGuardFailure = (err: unknown) =>
  err instanceof Error &&
  /NOT NULL constraint failed: messages\.subject/.test(`${err.message} ${String(err.cause ?? '')}`);

/**
 * Cancels a message that is not sent yet: its status and every recipient not yet claimed
 * (skipped, reason `cancelled`) with the `message.cancelled` event, in one batch. A recipient
 * already claimed by a consumer may still receive it; nobody else does.
 */
export async function cancelMessage(
  db: Db,
  tenantId: string,
  id: string,
  now = new Date(),
): Promise<{ message: MessageRow; events: OutboxRef[] }> {
  const current = await requireMessage(db, tenantId, id);
  const refuse = (status: string) =>
    new AppError('illegal_transition', `A message that is ${status} cannot be cancelled.`);
  if (!(CANCELLABLE as readonly string[]).includes(current.status)) throw refuse(current.status);
  const event = outboxInsert(db, {
    tenantId,
    type: 'message.cancelled',
    subjectType: 'message',
    subjectId: id,
    payload: { messageId: id },
    occurredAt: now,
  });
  try {
    const [, updated] = await db.batch([
      guardStatus(db, id, CANCELLABLE),
      db
        .update(messages)
        .set({ status: 'cancelled', cancelledAt: now })
        .where(eq(messages.id, id))
        .returning(),
      db
        .update(messageRecipients)
        .set({ status: 'skipped', skipReason: 'cancelled' })
        .where(and(eq(messageRecipients.messageId, id), eq(messageRecipients.status, 'pending'))),
      event,
    ]);
    return { message: updated[0]!, events: outboxRefs([event]) };
  } catch (err) {
    if (!isGuardFailure(err)) throw err;
    throw refuse((await requireMessage(db, tenantId, id)).status);
  }
}

/** Moves a message from `from` to `to`; false when it is not in `from` any more. */
async function moveStatus(
  db: Db,
  id: string,
  from: MessageRow['status'],
  to: MessageRow['status'],
): Promise<boolean> {
  const rows = await db
    .update(messages)
    .set({ status: to })
    .where(and(eq(messages.id, id), eq(messages.status, from)))
    .returning({ id: messages.id });
  return rows.length > 0;
}

/** Marks a queued message as being selected and sent; false when it is not queued any more. */
export const startSending = (db: Db, id: string) => moveStatus(db, id, 'queued', 'sending');

/** Records that every page of recipients has been selected. */
export async function markSelected(db: Db, id: string, now = new Date()): Promise<void> {
  await db
    .update(messages)
    .set({ selectedAt: now })
    .where(and(eq(messages.id, id), isNull(messages.selectedAt)));
}

/**
 * Marks a message `sent` once all its recipients are selected and none is pending or being
 * sent, with the `message.sent` event and its totals, in one batch; null when it is not done
 * (or another consumer finished it first).
 */
export async function finishIfDone(
  db: Db,
  tenantId: string,
  id: string,
  now = new Date(),
): Promise<OutboxRef[] | null> {
  const message = await requireMessage(db, tenantId, id);
  if (message.status !== 'sending' || !message.selectedAt) return null;
  // The cheap indexed look first: while recipients are open (every batch but the last), stop here.
  const open = await db
    .select({ n: sql<number>`1` })
    .from(messageRecipients)
    .where(
      and(eq(messageRecipients.messageId, id), inArray(messageRecipients.status, ['pending', 'sending'])),
    )
    .limit(1);
  if (open.length > 0) return null;
  const totals = (await messageTotals(db, tenantId, [id])).get(id)!;
  if (totals.queued > 0) return null;
  const event = outboxInsert(db, {
    tenantId,
    type: 'message.sent',
    subjectType: 'message',
    subjectId: id,
    payload: {
      messageId: id,
      sent: totals.sent,
      failed: totals.failed,
      skipped: totals.skipped,
      skippedByReason: totals.skippedByReason,
    },
    occurredAt: now,
  });
  const openRecipients = sql`exists (select 1 from message_recipients r where r.message_id = ${id} and r.status in ('pending', 'sending'))`;
  try {
    await db.batch([
      guardStatus(db, id, ['sending']),
      // A recipient put back to pending between the count and this batch keeps it sending.
      db
        .update(messages)
        .set({ subject: sql`case when ${openRecipients} then null else ${messages.subject} end` })
        .where(eq(messages.id, id)),
      db.update(messages).set({ status: 'sent', finishedAt: now }).where(eq(messages.id, id)),
      event,
    ]);
    return outboxRefs([event]);
  } catch (err) {
    if (isGuardFailure(err)) return null;
    throw err;
  }
}

/** Scheduled messages due before `horizon`, oldest first: the sweep queues them. */
export function dueScheduled(db: Db, horizon: Date, limit = 100) {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.status, 'scheduled'), lte(messages.sendAt, horizon)))
    .orderBy(messages.sendAt)
    .limit(limit);
}

/** Moves a scheduled message to `queued`; false when another sweep or a cancel came first. */
export const queueScheduled = (db: Db, id: string) => moveStatus(db, id, 'scheduled', 'queued');

/**
 * Queued messages whose selection has not started although they were due before `before`: their
 * queue message was lost (the send to the queue failed after the row was written). Sent again.
 */
export function strandedQueued(db: Db, before: Date, limit = 100) {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.status, 'queued'),
        or(lte(messages.sendAt, before), and(isNull(messages.sendAt), lte(messages.createdAt, before))),
      ),
    )
    .limit(limit);
}
