// Clicks on tracked links: what the intercept decision reads (in one round trip), and the
// recording of a click after the redirect (queue consumer), which also fills an unknown home
// region from a person's click.

import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ClickRecordedMessage } from '../shared/schemas/queue';
import { bound, builtOnce } from './built-statements';
import { statementOf } from './bulk-insert';
import { dbFor, type Db } from './client';
import { consentValidityQuery, isConsentValid, type SubscriptionState } from './consent-validity';
import { consentNotices, lists, subscribers } from './schema';
import { counted, subscriberScope } from './report-counters';
import { homeRegionFill } from './subscribers';

export type InterceptSubscriber = Pick<
  typeof subscribers.$inferSelect,
  'id' | 'tenantId' | 'homeRegion' | 'consentSeq' | 'consentHead'
>;
export type InterceptList = Pick<typeof lists.$inferSelect, 'id' | 'name' | 'purpose' | 'noticeKey'>;
export type InterceptNotice = Pick<
  typeof consentNotices.$inferSelect,
  'id' | 'language' | 'version' | 'text' | 'textHash'
>;

export type InterceptContext = {
  subscriber: InterceptSubscriber;
  list: InterceptList;
  consentValid: boolean;
  /** The newest version of the list's notice in each language it is published in. */
  notices: InterceptNotice[];
};

const MAX_NOTICE_ROWS = 200;

type Ids = { tenantId: string; subscriberId: string; listId: string };
const ID = {
  tenantId: sql.placeholder('tenantId'),
  subscriberId: sql.placeholder('subscriberId'),
  listId: sql.placeholder('listId'),
};

/** The four reads of `loadInterceptContext`, with placeholders for the ids. */
function interceptReads(db: Db) {
  const { tenantId, subscriberId, listId } = ID;
  return [
    db
      .select({
        id: subscribers.id,
        tenantId: subscribers.tenantId,
        homeRegion: subscribers.homeRegion,
        consentSeq: subscribers.consentSeq,
        consentHead: subscribers.consentHead,
      })
      .from(subscribers)
      .where(and(eq(subscribers.tenantId, tenantId), eq(subscribers.id, subscriberId)))
      .limit(1),
    db
      .select({ id: lists.id, name: lists.name, purpose: lists.purpose, noticeKey: lists.noticeKey })
      .from(lists)
      .where(and(eq(lists.tenantId, tenantId), eq(lists.id, listId)))
      .limit(1),
    consentValidityQuery(db, tenantId, subscriberId, listId),
    db
      .select({
        id: consentNotices.id,
        language: consentNotices.language,
        version: consentNotices.version,
        text: consentNotices.text,
        textHash: consentNotices.textHash,
      })
      .from(consentNotices)
      .where(
        and(
          eq(consentNotices.tenantId, tenantId),
          inArray(
            consentNotices.key,
            db
              .select({ key: lists.noticeKey })
              .from(lists)
              .where(and(eq(lists.tenantId, tenantId), eq(lists.id, listId))),
          ),
        ),
      )
      .orderBy(desc(consentNotices.version))
      .limit(MAX_NOTICE_ROWS),
  ] as const;
}

// Their SQL, built once per isolate: a click's reads only bind its ids (no query building per click).
const builtReads = builtOnce(interceptReads);

type Row = Record<string, unknown>;
/** A raw row's value of a schema column: renaming the column in db/schema.ts follows here. */
const col = (row: Row, column: { name: string }) => row[column.name];

/**
 * Everything the consent decision and page need, in one D1 batch: the subscriber and list
 * (both scoped to the tenant), the consent verdict, and the list's notice texts. Undefined when
 * the subscriber or list is not (or no longer) in this tenant.
 */
export async function loadInterceptContext(d1: D1Database, ids: Ids): Promise<InterceptContext | undefined> {
  const values = { tenantId: ids.tenantId, subscriberId: ids.subscriberId, listId: ids.listId };
  const [subs, listRows, subscription, noticeRows] = (
    await d1.batch<Row>(builtReads(dbFor(d1)).map((q) => bound(d1, q, values)))
  ).map((r) => r.results);
  const s = subs?.[0];
  const l = listRows?.[0];
  if (!s || !l) return undefined;
  const newest = new Map<string, InterceptNotice>();
  for (const n of noticeRows ?? []) {
    const language = col(n, consentNotices.language) as string;
    if (!newest.has(language))
      newest.set(language, {
        id: col(n, consentNotices.id) as string,
        language,
        version: col(n, consentNotices.version) as number,
        text: col(n, consentNotices.text) as string,
        textHash: col(n, consentNotices.textHash) as string,
      });
  }
  return {
    subscriber: {
      id: col(s, subscribers.id) as string,
      tenantId: col(s, subscribers.tenantId) as string,
      homeRegion: col(s, subscribers.homeRegion) as InterceptSubscriber['homeRegion'],
      consentSeq: col(s, subscribers.consentSeq) as number,
      consentHead: col(s, subscribers.consentHead) as string | null,
    },
    list: {
      id: col(l, lists.id) as string,
      name: col(l, lists.name) as string,
      purpose: col(l, lists.purpose) as string,
      noticeKey: col(l, lists.noticeKey) as string | null,
    },
    consentValid: isConsentValid(subscription?.[0] as SubscriptionState | undefined),
    notices: [...newest.values()],
  };
}

/**
 * Records clicks from the queue in one D1 batch (one transaction, one round trip), idempotently
 * (the click id is the key), and only while the subscriber still exists (clicks of an erased
 * subscriber are dropped). A person's click (not a scanner's) fills an unknown home region from
 * its geolocation through `homeRegionFill`, conditional in SQL, so a redelivery changes nothing,
 * with the subscriber's compliance counters moved around it. One fill per person and batch (their
 * first located click): the later ones would find the region known and change nothing.
 * The click insert is plain SQL on the D1 binding, because insert-if-exists has no query-builder
 * form. Returns how many click rows were written.
 */
export async function recordClicks(
  d1: D1Database,
  messages: readonly ClickRecordedMessage[],
): Promise<number> {
  const db = dbFor(d1);
  const statements: D1PreparedStatement[] = [];
  const inserts: number[] = [];
  const filled = new Set<string>();
  for (const msg of messages) {
    inserts.push(statements.length);
    statements.push(
      d1
        .prepare(INSERT_CLICK)
        .bind(
          msg.clickId,
          msg.tenantId,
          msg.subscriberId,
          msg.messageId,
          msg.listId,
          msg.clickedAt,
          msg.country,
          msg.isEu === null ? null : Number(msg.isEu),
          msg.outcome,
          Number(msg.automated),
          msg.tenantId,
          msg.subscriberId,
        ),
    );
    // A person's home region is filled once: after the first fill of a batch, the guarded fills of
    // their later clicks in it would change nothing, so they are not built or sent.
    const person = `${msg.tenantId}/${msg.subscriberId}`;
    if (msg.automated || msg.isEu === null || filled.has(person)) continue;
    filled.add(person);
    const fill = homeRegionFill(
      db,
      { tenantId: msg.tenantId, id: msg.subscriberId },
      { country: msg.country, isEU: msg.isEu },
      'click_geo',
      new Date(msg.clickedAt),
      { clickId: msg.clickId },
    );
    if (fill.length === 0) continue;
    const scope = subscriberScope(msg.tenantId, msg.subscriberId);
    for (const q of counted(db, scope, fill)) statements.push(statementOf(d1, q));
  }
  if (statements.length === 0) return 0;
  const results = await d1.batch(statements);
  return inserts.reduce((n, i) => n + ((results[i]?.meta.changes ?? 0) > 0 ? 1 : 0), 0);
}

const INSERT_CLICK = `insert into clicks (id, tenant_id, subscriber_id, message_id, list_id, clicked_at, country, is_eu, outcome, automated)
  select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
  where exists (select 1 from subscribers where tenant_id = ? and id = ?)
  on conflict (id) do nothing`;
