// Fixtures for link-intercept tests: a subscriber, a list with a published notice, consent on a
// list, minted links, a recorder standing in for the EVENTS queue, and a count of every row in
// both databases (to show that a request wrote nothing).

import { env } from 'cloudflare:workers';
import { afterEach, expect, vi } from 'vitest';
import { runBatch } from '../../db/client';
import { publishNotice } from '../../db/notices';
import { regional } from '../../db/regions';
import { lists, subscriptions } from '../../db/schema';
import { addressIndex, prepareSubscriber, type HomeRegion } from '../../db/subscribers';
import { tenantKeys, type Tenant } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { mintLinkToken } from '../../shared/link-tokens';
import { newId } from '../../shared/regions';
import type { QueueMessage } from '../../shared/schemas/queue';

export async function seedSubscriber(tenant: Tenant, opts: { homeRegion?: HomeRegion; email?: string } = {}) {
  const { db } = regional(env, tenant.region);
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const { email, index } = await addressIndex(
    keys,
    opts.email ?? `p${crypto.randomUUID().slice(0, 8)}@example.org`,
  );
  const prepared = await prepareSubscriber(db, keys, {
    email,
    emailIndex: index,
    homeRegion: opts.homeRegion ?? 'unknown',
    status: 'active',
  });
  await runBatch(db, prepared.queries);
  return prepared.row;
}

/** A list with a notice published in the given languages (text per language). */
export async function seedList(
  tenant: Tenant,
  notices: Record<string, string> = { en: 'We send you our spring offers once a month.' },
) {
  const { db } = regional(env, tenant.region);
  const id = newId('lst');
  const noticeKey = `news-${id.slice(-6)}`;
  await db
    .insert(lists)
    .values({ id, tenantId: tenant.id, name: 'Newsletter', purpose: 'monthly offers', noticeKey });
  for (const [language, text] of Object.entries(notices))
    await publishNotice(db, tenant.id, noticeKey, language, text);
  return { id, noticeKey };
}

export async function giveConsent(
  tenant: Tenant,
  subscriberId: string,
  listId: string,
  consent: 'given' | 'withdrawn' | 'unknown' = 'given',
) {
  await regional(env, tenant.region)
    .db.insert(subscriptions)
    .values({
      tenantId: tenant.id,
      subscriberId,
      listId,
      status: consent === 'given' ? 'confirmed' : 'pending',
      consent,
    });
}

export async function mintLink(
  claims: {
    tenantId: string;
    subscriberId: string;
    listId: string;
    messageId?: string | null;
    destination?: string;
  },
  opts: { expiresAt?: number; now?: number } = {},
): Promise<string> {
  const ring = await masterKeyring(env.MASTER_KEY);
  const { token } = await mintLinkToken(
    ring,
    {
      messageId: 'msg_spring',
      destination: 'https://shop.example.com/spring?x=1',
      ...claims,
      expiresAt: opts.expiresAt,
    },
    opts.now,
  );
  return token;
}

/** Replaces the EVENTS queue with a recorder until the end of the test. */
export function captureQueue(): QueueMessage[] {
  const original = env.EVENTS;
  const sent: QueueMessage[] = [];
  const recorder = {
    async send(body: QueueMessage) {
      sent.push(body);
    },
    async sendBatch(batch: Iterable<{ body: QueueMessage }>) {
      for (const m of batch) sent.push(m.body);
    },
  };
  (env as { EVENTS: unknown }).EVENTS = recorder;
  afterEach(() => {
    (env as { EVENTS: unknown }).EVENTS = original;
  });
  return sent;
}

/** Waits until the clicks of the last few requests have left the click buffer (a short window). */
export async function waitForQueued(queued: QueueMessage[], count: number): Promise<QueueMessage[]> {
  await vi.waitFor(() => expect(queued.length).toBeGreaterThanOrEqual(count), {
    timeout: 3000,
    interval: 20,
  });
  return queued;
}

const TABLES = [
  'tenants',
  'subscribers',
  'subscriber_keys',
  'lists',
  'subscriptions',
  'consent_notices',
  'consent_events',
  'privacy_requests',
  'privacy_request_history',
  'clicks',
  'outbox_events',
  'used_nonces',
  'audit_log',
];

/** Row counts of a tenant in every table of both databases, as one comparable string. */
export async function rowCounts(tenantId: string): Promise<string> {
  const out: string[] = [];
  for (const d1 of [env.DB_EU, env.DB_US]) {
    for (const t of TABLES) {
      const column = t === 'tenants' ? 'id' : 'tenant_id';
      const row = await d1
        .prepare(`select count(*) as n from ${t} where ${column} = ?`)
        .bind(tenantId)
        .first<{ n: number }>();
      out.push(`${t}=${row?.n ?? 0}`);
    }
  }
  return out.join(' ');
}

export const EU_CF = { country: 'DE', isEUCountry: '1', region: 'Bavaria' };
export const US_CF = { country: 'US', region: 'California' };
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/** The hidden answer token of a consent page. */
export function answerTokenOf(html: string): string {
  const m = /name="answer_token" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no answer token on the page');
  return m[1]!;
}
