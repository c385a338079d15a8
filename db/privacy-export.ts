// Access and portability: everything held about one person, gathered by their subscriber id or
// blind index inside one tenant: profile, subscriptions, consent events with the notice texts
// they saw, requests with their history, clicks and messages, in the shape of
// shared/personal-export.ts (which also writes the portability archive).

import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { TenantKeys } from '../shared/crypto/envelope';
import { decryptField } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import type { PersonalExport } from '../shared/personal-export';
import type { Db } from './client';
import { storedRequester, type PrivacyRequest } from './privacy-requests';
import {
  clicks,
  consentEvents,
  consentNotices,
  lists,
  messageRecipients,
  messages,
  privacyRequestHistory,
  privacyRequests,
  subscriptions,
  suppressions,
} from './schema';
import {
  decryptSubscriber,
  findSubscriber,
  findSubscriberByBlindIndex,
  loadSubscriberKey,
} from './subscribers';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Whether an erasure request has erased the person of this blind index. */
async function erasedByRequest(db: Db, tenantId: string, index: string | null): Promise<boolean> {
  if (!index) return false;
  const row = await db.query.suppressions.findFirst({
    where: and(
      eq(suppressions.tenantId, tenantId),
      eq(suppressions.emailIndex, index),
      eq(suppressions.reason, 'erasure'),
    ),
  });
  return row !== undefined;
}

/** Everything held about the person of `request`; 410 once an erasure removed them. */
export async function buildPersonalExport(
  db: Db,
  keys: TenantKeys,
  request: PrivacyRequest,
  now = new Date(),
): Promise<PersonalExport> {
  const tenantId = keys.tenantId;
  const sub = request.subscriberId
    ? await findSubscriber(db, tenantId, request.subscriberId)
    : request.subjectIndex
      ? await findSubscriberByBlindIndex(db, tenantId, request.subjectIndex)
      : undefined;
  if (!sub && (await erasedByRequest(db, tenantId, request.subjectIndex)))
    throw new AppError('gone', 'The data of this request has been erased at the person’s request.');
  const key = sub ? await loadSubscriberKey(db, keys, sub.id) : null;
  const plain = sub && key ? await decryptSubscriber(key, sub) : null;
  const subjects: SQL[] = [];
  if (sub) subjects.push(eq(privacyRequests.subscriberId, sub.id));
  const index = sub?.emailIndex ?? request.subjectIndex;
  if (index) subjects.push(eq(privacyRequests.subjectIndex, index));
  const requests = subjects.length
    ? await db
        .select()
        .from(privacyRequests)
        .where(and(eq(privacyRequests.tenantId, tenantId), or(...subjects)))
        .orderBy(asc(privacyRequests.receivedAt))
    : [request];
  const history = await db
    .select()
    .from(privacyRequestHistory)
    .where(
      and(
        eq(privacyRequestHistory.tenantId, tenantId),
        inArray(
          privacyRequestHistory.requestId,
          requests.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(privacyRequestHistory.at));

  const base = {
    generatedAt: now.toISOString(),
    requestId: request.id,
    person: {
      email: plain?.email ?? (await storedRequester(keys, request)),
      name: plain?.name ?? null,
      profile: plain?.profile ?? {},
      subscriberId: sub?.id ?? null,
      pseudonym: sub?.pseudonym ?? null,
      status: sub?.status ?? null,
      language: sub?.language ?? null,
      homeRegion: sub?.homeRegion ?? null,
      homeCountry: sub?.homeCountry ?? null,
      createdAt: iso(sub?.createdAt ?? null),
    },
    requests: requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      channel: r.channel,
      receivedAt: iso(r.receivedAt),
      dueAt: iso(r.dueAt),
      resolvedAt: iso(r.resolvedAt),
      history: history
        .filter((h) => h.requestId === r.id)
        .map((h) => ({ at: iso(h.at), action: h.action, from: h.fromStatus, to: h.toStatus, note: h.note })),
    })),
  };
  if (!sub) return { ...base, subscriptions: [], consentEvents: [], clicks: [], messages: [] };

  const [subs, events, clickRows, received] = await Promise.all([
    db
      .select({
        s: subscriptions,
        list: { name: lists.name, purpose: lists.purpose, lawfulBasis: lists.lawfulBasis },
      })
      .from(subscriptions)
      .innerJoin(lists, eq(lists.id, subscriptions.listId))
      .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.subscriberId, sub.id))),
    db
      .select({
        e: consentEvents,
        notice: {
          key: consentNotices.key,
          language: consentNotices.language,
          version: consentNotices.version,
          text: consentNotices.text,
        },
      })
      .from(consentEvents)
      .leftJoin(
        consentNotices,
        and(eq(consentNotices.id, consentEvents.noticeId), eq(consentNotices.tenantId, tenantId)),
      )
      .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.subscriberId, sub.id)))
      .orderBy(asc(consentEvents.seq)),
    db
      .select()
      .from(clicks)
      .where(and(eq(clicks.tenantId, tenantId), eq(clicks.subscriberId, sub.id)))
      .orderBy(asc(clicks.clickedAt)),
    db
      .select({ r: messageRecipients, subject: messages.subject })
      .from(messageRecipients)
      .innerJoin(messages, eq(messages.id, messageRecipients.messageId))
      .where(and(eq(messageRecipients.tenantId, tenantId), eq(messageRecipients.subscriberId, sub.id))),
  ]);
  const open = (field: string, ct: string | null) =>
    key && ct ? decryptField(key, field, ct) : Promise.resolve(null);
  return {
    ...base,
    subscriptions: subs.map(({ s, list }) => ({
      listId: s.listId,
      list: list.name,
      purpose: list.purpose,
      lawfulBasis: list.lawfulBasis,
      status: s.status,
      consent: s.consent,
      since: iso(s.createdAt),
      updatedAt: iso(s.updatedAt),
    })),
    consentEvents: await Promise.all(
      events.map(async ({ e, notice }) => ({
        id: e.id,
        seq: e.seq,
        kind: e.kind,
        listId: e.listId,
        occurredAt: iso(e.occurredAt),
        country: e.country,
        region: e.geoRegion,
        ipAddress: await open('ip', e.ipCt),
        userAgent: await open('user_agent', e.userAgentCt),
        language: e.language,
        source: { type: e.sourceType, id: e.sourceId, url: e.sourceUrl },
        notice: notice
          ? { key: notice.key, language: notice.language, version: notice.version, text: notice.text }
          : null,
        hash: e.hash,
      })),
    ),
    clicks: clickRows.map((c) => ({
      id: c.id,
      messageId: c.messageId,
      listId: c.listId,
      clickedAt: iso(c.clickedAt),
      country: c.country,
      outcome: c.outcome,
    })),
    messages: received.map(({ r, subject }) => ({
      messageId: r.messageId,
      subject,
      status: r.status,
      sentAt: iso(r.sentAt),
    })),
  };
}
