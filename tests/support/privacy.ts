// Fixtures for privacy-request tests: a subscriber with a full footprint (profile, list,
// subscription, consent events with a notice, a click, a message) built with the db helpers.

import { env } from 'cloudflare:workers';
import { runBatch } from '../../db/client';
import { prepareConsentEvents } from '../../db/consent-log';
import { publishNotice } from '../../db/notices';
import { regional } from '../../db/regions';
import { withCounters } from '../../db/report-counters';
import { clicks, lists, messageRecipients, messages, subscriptions } from '../../db/schema';
import { addressIndex, prepareSubscriber } from '../../db/subscribers';
import { tenantKeys, type Tenant } from '../../db/tenants';
import { newId } from '../../shared/regions';

export type SeededSubscriber = {
  id: string;
  email: string;
  listId: string;
  messageId: string;
  noticeText: string;
};

export async function seedSubscriber(
  tenant: Tenant,
  opts: {
    email: string;
    name?: string;
    language?: string;
    homeRegion?: 'eu' | 'non_eu' | 'unknown';
    ip?: string;
    userAgent?: string;
  },
): Promise<SeededSubscriber> {
  const { db } = regional(env, tenant.region);
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const { email, index } = await addressIndex(keys, opts.email);
  const sub = await prepareSubscriber(db, keys, {
    email,
    emailIndex: index,
    name: opts.name ?? 'Anna Example',
    profile: { city: 'Utrecht', plan: 'pro' },
    homeRegion: opts.homeRegion ?? 'eu',
    homeRegionSource: 'form_geo',
    homeCountry: 'NL',
    status: 'active',
    language: opts.language ?? 'en',
  });
  const noticeText = `Newsletter notice ${crypto.randomUUID()}`;
  const notice = await publishNotice(db, tenant.id, 'newsletter', 'en', noticeText);
  const listId = newId('lst');
  const messageId = newId('msg');
  const chain = await prepareConsentEvents(db, sub.key, { seq: 0, hash: null }, [
    {
      kind: 'opt_in',
      listId,
      occurredAt: new Date(Date.now() - 86_400_000),
      geo: { country: 'NL', region: 'Utrecht', isEU: true },
      ip: opts.ip ?? '203.0.113.7',
      userAgent: opts.userAgent ?? 'Mozilla/5.0 Test',
      notice: { id: notice.id, version: notice.version, hash: notice.textHash },
      language: 'en',
      source: { type: 'form', id: 'frm_test' },
    },
    {
      kind: 'confirmation',
      listId,
      occurredAt: new Date(),
      geo: { country: 'NL', region: 'Utrecht', isEU: true },
      ip: opts.ip ?? '203.0.113.7',
      userAgent: opts.userAgent ?? 'Mozilla/5.0 Test',
      notice: null,
      language: 'en',
      source: { type: 'confirmation' },
    },
  ]);
  // Through the compliance counters, as every real path writes a subscriber.
  await runBatch(
    db,
    withCounters(db, [
      db.insert(lists).values({
        id: listId,
        tenantId: tenant.id,
        name: 'News',
        purpose: 'Monthly news',
        noticeKey: 'newsletter',
      }),
      ...sub.queries,
      ...chain.queries,
      db.insert(subscriptions).values({
        tenantId: tenant.id,
        subscriberId: sub.id,
        listId,
        status: 'confirmed',
        consent: 'given',
        consentEventId: chain.events[0]!.id,
      }),
      db
        .insert(messages)
        .values({ id: messageId, tenantId: tenant.id, listId, subject: 'November news', status: 'sent' }),
      db
        .insert(messageRecipients)
        .values({ tenantId: tenant.id, messageId, subscriberId: sub.id, status: 'sent', sentAt: new Date() }),
      db.insert(clicks).values({
        id: newId('clk'),
        tenantId: tenant.id,
        subscriberId: sub.id,
        messageId,
        listId,
        clickedAt: new Date(),
        country: 'NL',
        isEu: true,
        outcome: 'redirect',
      }),
    ]),
  );
  return { id: sub.id, email, listId, messageId, noticeText };
}

export type Json = Record<string, unknown> & { error?: { code: string; message: string } };

export async function body(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}
