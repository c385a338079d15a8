// Measurements for bench/send, run inside workerd on a local-only route: `seed` makes a list and a
// message to it, `add` n subscribers with encrypted fields as its recipients; `send` runs the real per-recipient path (check, claim,
// decrypt, compose, send_email, record) over n recipients from `offset` in batches of 100; `load`,
// `decrypt` and `compose` do one phase for n recipients, so bench/send.ts can tell their share;
// `sample` answers one composed mail as raw MIME, the fixed message of the baseline.

import { eq } from 'drizzle-orm';
import { runBatch } from '../../db/client';
import { insertRecipients, loadRecipientRows } from '../../db/message-recipients';
import { createMessage, markSelected, startSending } from '../../db/messages';
import { regional } from '../../db/regions';
import { lists, messageRecipients, messages, subscriptions } from '../../db/schema';
import { addressIndex, decryptSubscriber, prepareSubscriber } from '../../db/subscribers';
import { createTenant, findTenantBySlug, tenantKeys } from '../../db/tenants';
import { unwrapSubscriberKey } from '../../shared/crypto/envelope';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import { linkUrl, mintLinkToken } from '../../shared/link-tokens';
import { mergeValues } from '../../shared/mail/merge-fields';
import { newId } from '../../shared/regions';
import { MESSAGE_SEND_BATCH } from '../../shared/schemas/queue';
import type { Bindings } from '../env';
import { type Composed, composeMessage, oncePerDestination } from '../sending/compose';
import { mimeMessage, systemSender } from '../mail/send';
import { sendToRecipients } from '../sending/deliver';

const OPS = ['noop', 'seed', 'add', 'send', 'load', 'decrypt', 'compose', 'sample'] as const;
type Op = (typeof OPS)[number];
const isOp = (value: string): value is Op => (OPS as readonly string[]).includes(value);

const SLUG = 'bench-send';

/** A newsletter of the usual size: merge fields, six links (two to the same page), a text part. */
export const BENCH_HTML = `<!doctype html><html><head><title>Spring</title></head><body>
<table width="600"><tr><td><h1>Spring offers for {{firstName}}</h1>
<p>Dear {{firstName}}, the new season is here. ${'Our selection of light jackets, linen shirts and shoes for warm days. '.repeat(12)}</p>
<p><a href="https://shop.example.com/spring?utm_source=mail&amp;utm_campaign=spring">Shop the collection</a></p>
<p><a href="https://shop.example.com/jackets">Jackets</a> · <a href="https://shop.example.com/shirts">Shirts</a> ·
<a href="https://shop.example.com/shoes">Shoes</a></p>
<p><a href="https://shop.example.com/spring?utm_source=mail&amp;utm_campaign=spring"><img src="https://cdn.example.com/spring.jpg" alt="Spring"></a></p>
<p><a href="https://blog.example.com/lookbook">Read the lookbook</a></p>
<p style="font-size:12px"><a href="{{preferencesUrl}}">Preferences</a> · <a href="{{unsubscribeUrl}}">Unsubscribe</a></p>
</td></tr></table></body></html>`;
export const BENCH_TEXT = `Spring offers for {{firstName}}\n\nShop the collection: https://shop.example.com/spring?utm_source=mail&utm_campaign=spring\nLookbook: https://blog.example.com/lookbook\n\nPreferences: {{preferencesUrl}}\nUnsubscribe: {{unsubscribeUrl}}`;

async function benchTenant(env: Bindings) {
  const { db } = regional(env, 'eu');
  return (
    (await findTenantBySlug(db, SLUG)) ??
    (await createTenant(db, await masterKeyring(env.MASTER_KEY), {
      region: 'eu',
      slug: SLUG,
      name: 'Bench Shop',
    }))
  );
}

/** A new list and a message to it, selected (its recipients come with `add`). */
async function seed(env: Bindings): Promise<string> {
  const { db } = regional(env, 'eu');
  const tenant = await benchTenant(env);
  const listId = newId('lst');
  await db.insert(lists).values({ id: listId, tenantId: tenant.id, name: 'Bench', purpose: 'bench' });
  const { message } = await createMessage(db, await tenantKeys(env.MASTER_KEY, tenant), {
    listId,
    subject: 'Spring offers for {{firstName}}',
    fromName: null,
    bodyHtml: BENCH_HTML,
    bodyText: BENCH_TEXT,
    sendAt: null,
    status: 'queued',
    profileFilter: null,
  });
  await startSending(db, message.id);
  await markSelected(db, message.id);
  return message.id;
}

/** n more subscribers with valid consent on the latest message's list, each a pending recipient. */
async function add(env: Bindings, n: number): Promise<void> {
  const { db, tenant, message } = await latest(env);
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const listId = message.listId;
  const ids: string[] = [];
  for (let start = 0; start < n; start += 25) {
    const statements = [];
    for (let i = start; i < Math.min(n, start + 25); i++) {
      const { email, index } = await addressIndex(
        keys,
        `reader.${i}.${crypto.randomUUID().slice(0, 8)}@example.org`,
      );
      const p = await prepareSubscriber(db, keys, {
        email,
        emailIndex: index,
        name: `Reader ${i}`,
        homeRegion: 'non_eu',
        status: 'active',
      });
      ids.push(p.id);
      statements.push(
        ...p.queries,
        db.insert(subscriptions).values({
          tenantId: tenant.id,
          subscriberId: p.id,
          listId,
          status: 'confirmed',
          consent: 'given',
        }),
      );
    }
    await runBatch(db, statements);
  }
  await insertRecipients(
    db,
    message,
    ids.map((subscriberId) => ({ subscriberId, reason: null })),
  );
}

async function latest(env: Bindings) {
  const { db } = regional(env, 'eu');
  const tenant = await benchTenant(env);
  const message = await db.query.messages.findFirst({
    where: eq(messages.tenantId, tenant.id),
    orderBy: (m, { desc }) => [desc(m.createdAt)],
  });
  if (!message?.listId) throw new AppError('not_found', 'Seed first.');
  const rows = await db
    .select({ id: messageRecipients.subscriberId })
    .from(messageRecipients)
    .where(eq(messageRecipients.messageId, message.id))
    .orderBy(messageRecipients.subscriberId);
  return { db, tenant, message: { ...message, listId: message.listId }, ids: rows.map((r) => r.id) };
}

/** Runs `op` for the recipients `offset` to `offset + n` of the latest bench message. */
export async function sendBench(
  env: Bindings,
  op: string,
  n: number,
  offset = 0,
): Promise<{ op: Op; n: number; messageId?: string; raw?: string }> {
  if (!isOp(op) || !Number.isInteger(n) || n < 1 || n > 20_000 || !(offset >= 0))
    throw new AppError('bad_request', 'op, n or offset out of range');
  if (op === 'noop') return { op, n };
  if (op === 'seed') return { op, n, messageId: await seed(env) };
  if (op === 'add') {
    await add(env, n);
    return { op, n };
  }
  const { db, tenant, message, ids: all } = await latest(env);
  const ids = all.slice(offset, offset + n);
  const batches: string[][] = [];
  for (let start = 0; start < ids.length; start += MESSAGE_SEND_BATCH)
    batches.push(ids.slice(start, start + MESSAGE_SEND_BATCH));
  if (op === 'send') {
    for (const subscriberIds of batches)
      await sendToRecipients(env, {
        type: 'message-send',
        region: 'eu',
        tenantId: tenant.id,
        messageId: message.id,
        subscriberIds,
      });
    return { op, n };
  }
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const ring = await masterKeyring(env.MASTER_KEY);
  let sample: Composed | null = null;
  for (const subscriberIds of batches) {
    const people = await loadRecipientRows(db, tenant.id, subscriberIds);
    if (op === 'load') continue;
    for (const p of people) {
      const plain = await decryptSubscriber(await unwrapSubscriberKey(keys, p.row.id, p.wrappedKey!), p.row);
      if (op === 'decrypt') continue;
      const track = oncePerDestination(async (destination) =>
        linkUrl(
          env.PUBLIC_ORIGIN,
          (
            await mintLinkToken(ring, {
              tenantId: tenant.id,
              subscriberId: p.row.id,
              listId: message.listId,
              messageId: message.id,
              destination,
            })
          ).token,
        ),
      );
      const links = {
        preferencesUrl: `${env.PUBLIC_ORIGIN}/p/x`,
        unsubscribeUrl: `${env.PUBLIC_ORIGIN}/u/x`,
      };
      sample = await composeMessage(
        { subject: message.subject, html: message.bodyHtml, text: message.bodyText },
        mergeValues(plain, links),
        track,
        new URL(env.PUBLIC_ORIGIN).origin,
      );
      if (op === 'sample') break;
    }
    if (op === 'sample' && sample) {
      // One recipient's mail as it leaves, for the baseline to send as its fixed message.
      const raw = mimeMessage(
        {
          from: { address: systemSender(env, 'news'), name: 'Bench Shop' },
          to: 'reader@example.org',
          subject: sample.subject,
          text: sample.text,
          html: sample.html ?? undefined,
          replyTo: systemSender(env, 'reply'),
          headers: {
            'List-Unsubscribe': `<${env.PUBLIC_ORIGIN}/u/x>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        },
        env.MAIL_DOMAIN,
      );
      return { op, n, raw };
    }
  }
  return { op, n };
}
