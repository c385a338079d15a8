// Row → API shapes for the consent resources. Dates become ISO strings; subscribers are shown
// through an Identity (pseudonym, and the address only outside the EU).

import type { ConsentEvent } from '../../db/consent-log';
import type { Identity } from '../../db/consent-queries';
import type { SubscriptionRow } from '../../db/consent-capture';
import type { FormRow } from '../../db/forms';
import type { ListRow, ProfileFieldRow } from '../../db/lists';
import type { Notice as NoticeRow } from '../../db/notices';
import type { Subscriber } from '../../db/subscribers';
import type { ConsentEventView } from '../../shared/schemas/consent-events';
import type { Form } from '../../shared/schemas/forms';
import type { List, Notice, ProfileField } from '../../shared/schemas/lists';
import type { SubscriberView, SubscriptionView } from '../../shared/schemas/subscribers';

export const listView = (l: ListRow): List => ({
  id: l.id,
  name: l.name,
  purpose: l.purpose,
  lawfulBasis: l.lawfulBasis,
  doubleOptIn: l.doubleOptIn,
  retentionDays: l.retentionDays,
  createdAt: l.createdAt.toISOString(),
});

export const fieldView = (f: ProfileFieldRow): ProfileField => ({
  id: f.id,
  key: f.key,
  label: f.label,
  description: f.description,
  type: f.type,
  createdAt: f.createdAt.toISOString(),
});

export const noticeView = (n: NoticeRow): Notice => ({
  id: n.id,
  key: n.key,
  language: n.language,
  version: n.version,
  text: n.text,
  textHash: n.textHash,
  createdAt: n.createdAt.toISOString(),
});

export const formView = (f: FormRow, notice: NoticeRow, origin: string): Form => ({
  id: f.id,
  name: f.name,
  listIds: f.listIds,
  fields: f.fields,
  notice: noticeView(notice),
  thankYouUrl: f.thankYouUrl,
  errorUrl: f.errorUrl,
  allowedOrigins: f.allowedOrigins,
  actionUrl: `${origin}/f/${f.id}`,
  embedUrl: `${origin}/f/${f.id}/embed.js`,
  createdAt: f.createdAt.toISOString(),
});

export const subscriberView = (s: Subscriber, who: Identity): SubscriberView => ({
  id: s.id,
  pseudonym: s.pseudonym,
  email: who.email,
  anonymised: who.anonymised,
  homeRegion: s.homeRegion,
  homeRegionSource: s.homeRegionSource,
  status: s.status,
  language: s.language,
  createdAt: s.createdAt.toISOString(),
});

export const subscriptionView = (s: SubscriptionRow, list?: ListRow): SubscriptionView => ({
  listId: s.listId,
  listName: list?.name,
  status: s.status,
  consent: s.consent,
  lawfulBasis: list?.lawfulBasis,
  lastEventId: s.consentEventId,
  updatedAt: s.updatedAt.toISOString(),
});

export const eventView = (e: ConsentEvent, who: Identity): ConsentEventView => ({
  id: e.id,
  subscriber: { id: who.id, pseudonym: who.pseudonym, email: who.email },
  seq: e.seq,
  kind: e.kind,
  listId: e.listId,
  occurredAt: e.occurredAt.toISOString(),
  geo: { country: e.country, region: e.geoRegion, isEu: e.isEu },
  evidence: { ipRecorded: e.ipCt !== null, userAgentRecorded: e.userAgentCt !== null },
  notice:
    e.noticeId && e.noticeVersion !== null && e.noticeHash
      ? { id: e.noticeId, version: e.noticeVersion, hash: e.noticeHash }
      : null,
  language: e.language,
  source: { type: e.sourceType, id: e.sourceId, url: e.sourceUrl },
  prevHash: e.prevHash,
  hash: e.hash,
});
