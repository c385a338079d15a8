// Creating a message: everything is checked before anything is written or queued (the list is
// the tenant's, every merge field and profile-filter field exists, the bodies fit in 1 MB,
// `sendAt` is ahead), then the row and its event are written in one batch and the first
// selection page goes on the queue, delayed until `sendAt` when that is within the queue's reach;
// later ones wait for the sweep.

import { findList } from '../../db/lists';
import { createMessage, definedProfileKeys, type MessageRow } from '../../db/messages';
import type { OutboxRef } from '../../db/outbox';
import type { RegionalStore } from '../../db/regions';
import type { TenantKeys } from '../../shared/crypto/envelope';
import { utf8 } from '../../shared/encoding';
import { AppError } from '../../shared/errors';
import { describeError, log } from '../../shared/log';
import { BUILT_IN_FIELDS, mergeFieldsOf, unknownMergeFields } from '../../shared/mail/merge-fields';
import { type CreateMessage, MAX_BODY_BYTES, MAX_SCHEDULE_DAYS } from '../../shared/schemas/messages';
import type { Bindings } from '../env';
import { MAX_QUEUE_DELAY_SECONDS } from './select';

/** A `sendAt` this close to now (or earlier) means now: clocks differ a little. */
const NOW_TOLERANCE_MS = 60_000;

function checkBodies(input: CreateMessage): void {
  const bytes = utf8(input.html ?? '').length + utf8(input.text ?? '').length;
  if (bytes > MAX_BODY_BYTES)
    throw new AppError(
      'payload_too_large',
      `The bodies of a message may hold at most ${MAX_BODY_BYTES} bytes together.`,
    );
}

/**
 * Every merge field is built in or a profile field of the tenant, and so is every field the
 * profile filter names: one look at the tenant's profile fields for both.
 */
async function checkFields(store: RegionalStore, tenantId: string, input: CreateMessage): Promise<void> {
  const templates = [input.subject, input.html ?? '', input.text ?? ''];
  const builtIn = new Set<string>(BUILT_IN_FIELDS);
  const merged = [...new Set(templates.flatMap(mergeFieldsOf))].filter((f) => !builtIn.has(f));
  const filtered = Object.keys(input.profile ?? {});
  const defined = await definedProfileKeys(store.db, tenantId, [...new Set([...merged, ...filtered])]);
  const unknown = unknownMergeFields(templates, defined);
  if (unknown.length > 0)
    throw new AppError(
      'validation_failed',
      `Unknown merge field${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `{{${f}}}`).join(', ')}: use ${BUILT_IN_FIELDS.map((f) => `{{${f}}}`).join(', ')} or the key of a profile field.`,
      { fields: unknown },
    );
  const known = new Set(defined);
  const unnamed = filtered.filter((f) => !known.has(f));
  if (unnamed.length > 0)
    throw new AppError(
      'validation_failed',
      `\`profile\` names ${unnamed.length > 1 ? 'fields that are not profile fields' : 'a field that is not a profile field'} of this tenant: ${unnamed.join(', ')}.`,
      { fields: unnamed },
    );
}

function sendTime(input: CreateMessage, now: number): Date | null {
  if (!input.sendAt) return null;
  const at = new Date(input.sendAt);
  if (at.getTime() < now - NOW_TOLERANCE_MS)
    throw new AppError('validation_failed', '`sendAt` is in the past. Leave it out to send at once.');
  if (at.getTime() > now + MAX_SCHEDULE_DAYS * 86_400_000)
    throw new AppError('validation_failed', `\`sendAt\` may be at most ${MAX_SCHEDULE_DAYS} days ahead.`);
  return at.getTime() <= now + NOW_TOLERANCE_MS ? null : at;
}

/** Puts the first selection page of a queued message on the queue, delayed until it is due. */
export async function queueSelection(
  env: Bindings,
  region: RegionalStore['region'],
  message: MessageRow,
  now = Date.now(),
): Promise<void> {
  const wait = Math.ceil(((message.sendAt?.getTime() ?? 0) - now) / 1000);
  await env.EVENTS.send(
    { type: 'message-select', region, tenantId: message.tenantId, messageId: message.id, after: '' },
    wait > 0 ? { delaySeconds: Math.min(wait, MAX_QUEUE_DELAY_SECONDS) } : undefined,
  );
}

export async function createListMessage(
  env: Bindings,
  store: RegionalStore,
  keys: TenantKeys,
  input: CreateMessage,
  now = Date.now(),
): Promise<{ message: MessageRow; events: OutboxRef[] }> {
  const tenantId = keys.tenantId;
  checkBodies(input);
  const sendAt = sendTime(input, now);
  await findList(store.db, tenantId, input.listId);
  await checkFields(store, tenantId, input);
  const soon = sendAt === null || sendAt.getTime() - now <= MAX_QUEUE_DELAY_SECONDS * 1000;
  const created = await createMessage(store.db, keys, {
    listId: input.listId,
    subject: input.subject,
    fromName: input.fromName ?? null,
    bodyHtml: input.html ?? null,
    bodyText: input.text ?? null,
    sendAt,
    status: soon ? 'queued' : 'scheduled',
    profileFilter: input.profile ?? null,
  });
  if (soon) {
    // The row is written: should the queue refuse now, the sweep finds the message stranded.
    await queueSelection(env, store.region, created.message, now).catch((err) =>
      log('warn', 'message.queue_failed', { messageId: created.message.id, ...describeError(err) }),
    );
  }
  return created;
}
