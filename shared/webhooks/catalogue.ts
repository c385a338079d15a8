// The event catalogue: every type the outbox writes, with the subject it is about, the version
// of its payload and the zod schema of its facts (ids, codes, counts, dates; never personal data).
// `outboxInsert` accepts only these types; webhooks deliver them; the OpenAPI document's
// `webhooks` section is generated from this list. A capability that adds an event adds it here.

import { z } from 'zod';
import { CONSENT_KINDS } from '../schemas/consent-events';
import { RejectReason, RequestChannel, RequestKind, RequestStatus } from '../schemas/privacy-requests';

export const SUBJECT_TYPES = [
  'privacy_request',
  'subscriber',
  'import',
  'tenant',
  'webhook_endpoint',
  'message',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

type EventSpec = {
  /** Version of the payload schema; a change that is not a pure addition makes a new version. */
  version: number;
  subject: SubjectType;
  summary: string;
  facts: z.ZodObject;
  /** False for events sent to one endpoint on request (the test event), never fanned out. */
  fanOut: boolean;
};

const Id = z.string().min(1);
const Iso = z.iso.datetime({ offset: true });
/** Added to payloads as this version was written: events written before carry `null`. */
const SubscriberRef = Id.nullable().default(null);
const ConsentKind = z.enum(CONSENT_KINDS);

const spec = (subject: SubjectType, summary: string, facts: z.ZodObject, fanOut = true): EventSpec => ({
  version: 1,
  subject,
  summary,
  facts,
  fanOut,
});

const requestFacts = z.object({
  requestId: Id,
  subscriberId: SubscriberRef,
  kind: RequestKind,
  status: RequestStatus,
  dueAt: Iso,
  monthDueAt: Iso,
});

/** One step of a request's lifecycle (db/privacy-transitions.ts), with the facts some steps add. */
const transition = (summary: string, extra: z.ZodRawShape = {}) =>
  spec('privacy_request', summary, requestFacts.extend(extra));

export const EVENT_CATALOGUE = {
  'privacy_request.created': spec(
    'privacy_request',
    'A privacy request was filed, from any channel (API, mail, pages, link intercept).',
    requestFacts.extend({ channel: RequestChannel }),
  ),
  'privacy_request.duplicate_merged': spec(
    'privacy_request',
    'A second filing of an open request of the same kind and subject was merged into it.',
    z.object({ requestId: Id, subscriberId: SubscriberRef, kind: RequestKind, channel: RequestChannel }),
  ),
  'privacy_request.due_soon': spec(
    'privacy_request',
    'An open request is due within the tenant’s reminder days.',
    z.object({
      requestId: Id,
      subscriberId: SubscriberRef,
      kind: RequestKind,
      status: RequestStatus,
      dueAt: Iso,
      daysLeft: z.number().int(),
    }),
  ),
  'privacy_request.verified': transition('The requester confirmed their identity; the clock runs.'),
  'privacy_request.paused': transition('The request’s clock was paused.'),
  'privacy_request.resumed': transition('The request’s clock runs again; due dates moved.'),
  'privacy_request.extended': transition('The deadline was extended (Art. 12(3)).', {
    days: z.number().int().positive(),
  }),
  'privacy_request.executing': transition('An erasure, access or portability request is being carried out.'),
  'privacy_request.completed': transition('The request was fulfilled.', {
    trigger: z.enum(['confirmed', 'due', 'admin']).optional(),
    closed: z.number().int().nonnegative().optional(),
    exportExpiresAt: Iso.optional(),
  }),
  'privacy_request.rejected': transition('The request was rejected with a reason.', { reason: RejectReason }),
  'privacy_request.withdrawn': transition('The requester withdrew the request before it was carried out.'),
  'privacy_request.closed': transition('The request was closed because its subject was erased.', {
    reason: z.literal('subject_erased'),
    erasureRequestId: Id,
  }),
  'consent.recorded': spec(
    'subscriber',
    'Consent events were appended to a subscriber’s consent log (forms, API, link intercept).',
    z.object({
      subscriberId: Id,
      eventIds: z.array(Id),
      listIds: z.array(Id),
      kinds: z.array(ConsentKind),
      source: z.string(),
      awaitingConfirmation: z.array(Id).optional(),
      channel: z.string().optional(),
      messageId: Id.nullable().optional(),
      noticeVersion: z.number().int().nullable().optional(),
      requestId: Id.nullable().optional(),
    }),
  ),
  'consent.confirmed': spec(
    'subscriber',
    'A double opt-in was confirmed.',
    z.object({ subscriberId: Id, listIds: z.array(Id), eventIds: z.array(Id) }),
  ),
  'subscriber.created': spec(
    'subscriber',
    'A subscriber was created.',
    z.object({ subscriberId: Id, source: z.string() }),
  ),
  'subscriber.erased': spec(
    'privacy_request',
    'A subscriber was erased (crypto-shredded and deleted) by an erasure request.',
    z.object({ requestId: Id, subscriberId: Id.nullable(), trigger: z.enum(['confirmed', 'due', 'admin']) }),
  ),
  'subscriber.home_region_set': spec(
    'subscriber',
    'An unknown home region was filled in from a geolocation.',
    z.object({
      subscriberId: Id,
      homeRegion: z.enum(['eu', 'non_eu']),
      /** The region it replaces, when it was not `unknown` (a change by the API or a rule). */
      previousRegion: z.enum(['eu', 'non_eu']).optional(),
      country: z.string().length(2).nullable(),
      source: z.string(),
      clickId: Id.optional(),
    }),
  ),
  'subscriber.bounced': spec(
    'subscriber',
    'A hard bounce marked the subscriber undeliverable and suppressed the address.',
    z.object({ subscriberId: Id, reason: z.literal('hard_bounce'), status: z.string().nullable() }),
  ),
  'subscribers.imported': spec(
    'import',
    'A bulk import created subscribers with consent evidence.',
    z.object({ batchId: Id, subscriberIds: z.array(Id), events: z.number().int().nonnegative() }),
  ),
  'subscription.unconfirmed_purged': spec(
    'tenant',
    'Sign-ups left unconfirmed past the tenant’s days were purged.',
    z.object({ subscriberIds: z.array(Id), days: z.number().int().positive() }),
  ),
  'tenant.settings_changed': spec(
    'tenant',
    'Tenant settings or notification templates changed (names of the changed keys only).',
    z.object({ changed: z.array(z.string()) }),
  ),
  'message.created': spec(
    'message',
    'A message to a list was accepted: queued, or scheduled for `sendAt`.',
    z.object({ messageId: Id, listId: Id, sendAt: Iso.nullable() }),
  ),
  'message.cancelled': spec(
    'message',
    'A message was cancelled before it was sent; recipients not yet being sent to are skipped.',
    z.object({ messageId: Id }),
  ),
  'message.sent': spec(
    'message',
    'Every recipient of a message is settled: sent, failed after its retry, or skipped (counts by reason).',
    z.object({
      messageId: Id,
      sent: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
      skipped: z.number().int().nonnegative(),
      skippedByReason: z.record(z.string(), z.number().int().nonnegative()),
    }),
  ),
  'webhook_endpoint.disabled': spec(
    'webhook_endpoint',
    'A webhook endpoint was disabled: it answered 410 Gone, or failed every attempt for 5 days.',
    z.object({ endpointId: Id, reason: z.enum(['gone', 'failing']), failingSince: Iso.nullable() }),
  ),
  'webhook_endpoint.test': spec(
    'webhook_endpoint',
    'A test event, sent only to the endpoint it was asked for.',
    z.object({ endpointId: Id }),
    false,
  ),
} as const satisfies Record<string, EventSpec>;

export type EventType = keyof typeof EVENT_CATALOGUE;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as [EventType, ...EventType[]];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_CATALOGUE, value);
}

/** Event types a client can subscribe to (the test event comes only when asked for). */
export const SUBSCRIBABLE_TYPES = EVENT_TYPES.filter((t) => EVENT_CATALOGUE[t].fanOut);

const namespaceOf = (type: string) => type.slice(0, type.indexOf('.'));
const NAMESPACES = new Set(SUBSCRIBABLE_TYPES.map(namespaceOf));

/**
 * What an endpoint's `eventTypes` entry may be: `*` (everything), `<namespace>.*` for a namespace
 * of the catalogue (`privacy_request.*`), or one subscribable type.
 */
export function isEventFilter(entry: string): boolean {
  if (entry === '*') return true;
  if (entry.endsWith('.*')) return NAMESPACES.has(entry.slice(0, -2));
  return isEventType(entry) && EVENT_CATALOGUE[entry].fanOut;
}

/** The filter entries that select an event of `type` (none when it is never fanned out). */
export function filtersSelecting(type: EventType): string[] {
  return EVENT_CATALOGUE[type].fanOut ? ['*', type, `${namespaceOf(type)}.*`] : [];
}

/** Whether an event of `type` goes to an endpoint with these filters. */
export function matchesEventFilter(filters: readonly string[], type: EventType): boolean {
  const selecting = filtersSelecting(type);
  return filters.some((f) => selecting.includes(f));
}
