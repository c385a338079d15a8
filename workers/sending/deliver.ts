// The `message-send` queue message: up to 100 recipients of one message, by id. Each is checked
// again (they may have left since the selection), claimed, composed in memory (address and merge
// values decrypted here and nowhere else; a recipient outside the message's profile filter is
// skipped here) and handed to the send_email binding; the outcome is recorded per recipient. A
// failed send is tried once more through the queue, then recorded.

import { and, eq } from 'drizzle-orm';
import {
  claimRecipients,
  loadRecipientRows,
  type Outcome,
  recheckRecipients,
  recordOutcomes,
  skipRecipients,
} from '../../db/message-recipients';
import { finishIfDone, type MessageRow, profileFilterOf } from '../../db/messages';
import { regional } from '../../db/regions';
import { messages } from '../../db/schema';
import { decryptSubscriber } from '../../db/subscribers';
import { tenantKeys, type Tenant } from '../../db/tenants';
import { brandingOf } from '../../shared/branding';
import { unwrapSubscriberKey, type TenantKeys } from '../../shared/crypto/envelope';
import { type MasterKeyring, masterKeyring } from '../../shared/crypto/keyring';
import { linkUrl, mintLinkToken, mintPreferenceLink, mintUnsubscribeLink } from '../../shared/link-tokens';
import { describeError, log } from '../../shared/log';
import { mergeValues } from '../../shared/mail/merge-fields';
import { replyAddress, unsubscribeAddress } from '../../shared/reply-address';
import type { MessageSendMessage } from '../../shared/schemas/queue';
import { matchesProfileFilter, type ProfileFilter } from '../../shared/sending/profile-filter';
import type { Bindings } from '../env';
import { dispatchEvents } from '../outbox/dispatch';
import { sendMail, systemSender } from '../mail/send';
import { composeMessage, oncePerDestination } from './compose';

/** Recipients of one batch composed and sent at the same time. */
export const SEND_CONCURRENCY = 6;

/** Tries per recipient: the first send and one retry through the queue. */
export const MAX_SEND_ATTEMPTS = 2;

/** Thrown when some recipients are due another try: the queue redelivers with backoff. */
export class SendRetry extends Error {
  constructor(readonly recipients: number) {
    super(`${recipients} recipient(s) to try again`);
  }
}

type SendContext = {
  env: Bindings;
  ring: MasterKeyring;
  keys: TenantKeys;
  tenant: Tenant;
  message: MessageRow & { listId: string };
  /** The message's profile filter, decrypted once per batch (null: everyone lawful). */
  profileFilter: ProfileFilter | null;
};

/** The local part of our From address; the display name is the message's or the tenant's. */
const FROM_LOCAL = 'news';

/** The headers and links that name this recipient: minted per recipient, never stored. */
async function recipientLinks(ctx: SendContext, subscriberId: string) {
  const { env, ring, tenant, message } = ctx;
  const claims = { tenantId: tenant.id, subscriberId };
  const [preferences, unsubscribe, reply, mailto] = await Promise.all([
    mintPreferenceLink(ring, env.PUBLIC_ORIGIN, claims),
    mintUnsubscribeLink(ring, env.PUBLIC_ORIGIN, {
      ...claims,
      listId: message.listId,
      messageId: message.id,
    }),
    replyAddress(ring, env.MAIL_DOMAIN, tenant.id, subscriberId),
    unsubscribeAddress(ring, env.MAIL_DOMAIN, tenant.id, subscriberId),
  ]);
  return { preferencesUrl: preferences.url, unsubscribeUrl: unsubscribe.url, reply, mailto };
}

/** Composes and sends one recipient's copy; the outcome to record. */
async function sendOne(
  ctx: SendContext,
  recipient: { subscriberId: string; attempts: number },
  person: { row: Parameters<typeof decryptSubscriber>[1]; wrappedKey: string | null } | undefined,
): Promise<Outcome> {
  const { env, ring, keys, tenant, message } = ctx;
  const { subscriberId } = recipient;
  // Erased between the check and the claim: the data key is gone, so is the address.
  if (!person?.wrappedKey) return { subscriberId, status: 'skipped', reason: 'erased' };
  const plain = await decryptSubscriber(
    await unwrapSubscriberKey(keys, subscriberId, person.wrappedKey),
    person.row,
  );
  // Targeting by profile: decided here, on the profile in memory; nothing about it is stored.
  if (ctx.profileFilter && !matchesProfileFilter(plain.profile, ctx.profileFilter))
    return { subscriberId, status: 'skipped', reason: 'profile_mismatch' };
  const links = await recipientLinks(ctx, subscriberId);
  const track = oncePerDestination(async (destination) => {
    const claims = {
      tenantId: tenant.id,
      subscriberId,
      listId: message.listId,
      messageId: message.id,
      destination,
    };
    return linkUrl(env.PUBLIC_ORIGIN, (await mintLinkToken(ring, claims)).token);
  });
  const composed = await composeMessage(
    { subject: message.subject, html: message.bodyHtml, text: message.bodyText },
    mergeValues(plain, links),
    track,
    new URL(env.PUBLIC_ORIGIN).origin,
  );
  const mailMessageId = `<${crypto.randomUUID()}@${env.MAIL_DOMAIN}>`;
  try {
    await sendMail(
      env,
      {
        from: { address: systemSender(env, FROM_LOCAL), name: message.fromName ?? brandingOf(tenant).name },
        to: plain.email,
        subject: composed.subject,
        text: composed.text,
        html: composed.html ?? undefined,
        replyTo: links.reply,
        messageId: mailMessageId,
        headers: {
          'List-Unsubscribe': `<${links.unsubscribeUrl}>, <mailto:${links.mailto}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'List-Id': `<${message.listId}.${env.MAIL_DOMAIN}>`,
        },
      },
      'message',
    );
    return { subscriberId, status: 'sent', mailMessageId };
  } catch (err) {
    const errorCode = err instanceof Error && err.name === 'ZodError' ? 'invalid_mail' : 'send_failed';
    const final = errorCode === 'invalid_mail' || recipient.attempts >= MAX_SEND_ATTEMPTS;
    return { subscriberId, status: final ? 'failed' : 'pending', errorCode };
  }
}

async function loadContext(env: Bindings, msg: MessageSendMessage): Promise<SendContext | null> {
  const { db } = regional(env, msg.region);
  const [message, tenant] = await Promise.all([
    db.query.messages.findFirst({
      where: and(eq(messages.tenantId, msg.tenantId), eq(messages.id, msg.messageId)),
    }),
    db.query.tenants.findFirst({ where: (t, { eq }) => eq(t.id, msg.tenantId) }),
  ]);
  if (!message || !tenant || message.status !== 'sending' || !message.listId) return null;
  const ring = await masterKeyring(env.MASTER_KEY);
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  return {
    env,
    ring,
    keys,
    tenant,
    message: { ...message, listId: message.listId },
    profileFilter: await profileFilterOf(keys, message),
  };
}

/** Handles one `message-send` queue message; throws SendRetry when some recipients get another try. */
export async function sendToRecipients(env: Bindings, msg: MessageSendMessage): Promise<void> {
  const ctx = await loadContext(env, msg);
  if (!ctx) return;
  const { db } = regional(env, msg.region);
  const target = {
    tenantId: ctx.tenant.id,
    listId: ctx.message.listId,
    interceptMode: ctx.tenant.settings.intercept,
  };
  const verdicts = await recheckRecipients(db, target, msg.subscriberIds);
  await skipRecipients(
    db,
    ctx.message.id,
    verdicts.filter((v) => v.reason !== null),
  );
  const claimed = await claimRecipients(
    db,
    ctx.message.id,
    verdicts.filter((v) => v.reason === null).map((v) => v.subscriberId),
  );
  const people = new Map(
    (
      await loadRecipientRows(
        db,
        ctx.tenant.id,
        claimed.map((c) => c.subscriberId),
      )
    ).map((p) => [p.row.id, p]),
  );
  const outcomes: Outcome[] = [];
  const next = claimed.values();
  // A few recipients in flight at once: one waits on the binding while the next is composed.
  const lane = async () => {
    for (const recipient of next) {
      try {
        outcomes.push(await sendOne(ctx, recipient, people.get(recipient.subscriberId)));
      } catch (err) {
        // Composition failed (a key that does not open): recorded, never retried into the same wall.
        log('error', 'message.compose_failed', { messageId: ctx.message.id, ...describeError(err) });
        outcomes.push({
          subscriberId: recipient.subscriberId,
          status: 'failed',
          errorCode: 'compose_failed',
        });
      }
    }
  };
  await Promise.all(Array.from({ length: SEND_CONCURRENCY }, lane));
  await recordOutcomes(db, ctx.message.id, outcomes);
  log('info', 'message.batch', {
    messageId: ctx.message.id,
    claimed: claimed.length,
    sent: outcomes.filter((o) => o.status === 'sent').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
  });
  const retry = outcomes.filter((o) => o.status === 'pending').length;
  if (retry > 0) throw new SendRetry(retry);
  const events = await finishIfDone(db, ctx.tenant.id, ctx.message.id);
  if (events) await dispatchEvents(env, msg.region, events);
}
