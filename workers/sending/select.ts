// The `message-select` queue message: one page of a message's list, in subscriber id order. Each
// subscriber gets a recipient row (pending, or skipped with the reason), the lawful ones leave in
// `message-send` messages of ids only, and the next page follows as its own queue message. Every
// step is idempotent: a redelivered page inserts nothing twice and a recipient is claimed once.

import { insertRecipients, selectRecipientPage } from '../../db/message-recipients';
import { finishIfDone, markSelected, requireMessage, startSending } from '../../db/messages';
import { regional } from '../../db/regions';
import { chunk } from '../../db/client';
import { cachedTenant } from '../../db/tenant-cache';
import { MESSAGE_SEND_BATCH, type MessageSelectMessage, type QueueMessage } from '../../shared/schemas/queue';
import type { Bindings } from '../env';
import { dispatchEvents } from '../outbox/dispatch';

/** Subscribers read per selection page (each page sends up to SELECT_PAGE / 100 queue messages). */
export const SELECT_PAGE = 1000;

/** The longest delay a queue message may be given (Cloudflare Queues: 12 hours). */
export const MAX_QUEUE_DELAY_SECONDS = 12 * 3600;

export async function selectRecipients(env: Bindings, msg: MessageSelectMessage): Promise<void> {
  const { db } = regional(env, msg.region);
  const message = await requireMessage(db, msg.tenantId, msg.messageId).catch(() => null);
  const tenant = await cachedTenant(db, msg.tenantId);
  if (!message?.listId || !tenant) return;
  const wait = Math.ceil(((message.sendAt?.getTime() ?? 0) - Date.now()) / 1000);
  if (message.status === 'queued' && wait > 0) {
    // Early (the queue's delay is at most 12 hours): back on the queue until it is due.
    await env.EVENTS.send(msg, { delaySeconds: Math.min(wait, MAX_QUEUE_DELAY_SECONDS) });
    return;
  }
  if (message.status === 'queued') await startSending(db, message.id);
  else if (message.status !== 'sending') return;
  const page = await selectRecipientPage(
    db,
    { tenantId: tenant.id, listId: message.listId, interceptMode: tenant.settings.intercept },
    msg.after,
    SELECT_PAGE,
  );
  await insertRecipients(db, message, page);
  const lawful = page.filter((v) => v.reason === null).map((v) => v.subscriberId);
  const next: QueueMessage[] = chunk(lawful, MESSAGE_SEND_BATCH).map((subscriberIds) => ({
    type: 'message-send',
    region: msg.region,
    tenantId: msg.tenantId,
    messageId: message.id,
    subscriberIds,
  }));
  const last = page[page.length - 1];
  if (page.length === SELECT_PAGE && last) next.push({ ...msg, after: last.subscriberId });
  for (const part of chunk(next, 100)) await env.EVENTS.sendBatch(part.map((body) => ({ body })));
  if (page.length < SELECT_PAGE) {
    await markSelected(db, message.id);
    const events = await finishIfDone(db, tenant.id, message.id);
    if (events) await dispatchEvents(env, msg.region, events);
  }
}
