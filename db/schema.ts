// The data model of one region's database (DB_EU and DB_US share it). Personal fields are
// ciphertext columns named `*Ct`; lookups by address go through `emailIndex` (a blind index).
// This file is long because it is the whole model in one place: one table, one block.

import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type {
  Controller,
  EuRepresentative,
  HomeRegionRules,
  PrivacyOfficer,
  SubProcessor,
} from '../shared/schemas/tenant-settings';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);
const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();

export type TenantSettings = {
  /** Days before an unanswered request is due, per kind; default 45. */
  dueDays?: Partial<Record<string, number>>;
  /** Days before the due time when a reminder event is emitted. */
  reminderDays?: number;
  /** Link intercept: off, EU clickers only, or everyone. */
  intercept?: 'off' | 'eu' | 'all';
  /** What a NO on the intercept page files: an objection or an unsubscribe. */
  interceptNoAction?: 'objection' | 'unsubscribe';
  /** Days after which unconfirmed double opt-in sign-ups are purged. */
  unconfirmedPurgeDays?: number;
  /** Requester notifications by stage. */
  notify?: Partial<Record<'received' | 'verified' | 'extended' | 'completed' | 'rejected', boolean>>;
  /** Inbound mail: confidence needed to act without human review, and where unclear mail goes. */
  inboundAutoThreshold?: number;
  inboundForwardTo?: string;
  acknowledgeInbound?: boolean;
  /** k-anonymity threshold for aggregate cells (default 5, at least 2). */
  minAggregate?: number;
  /** Alpha: profile reports by value (non-EU in detail, EU and unknown only in cells of at least k). */
  pseudonymisedProfiles?: boolean;
  /** Rules that set an unknown home region from the address's domain (source `rule`). */
  homeRegionRules?: HomeRegionRules;
  /** The tenant's own processors and recipients, listed in the record of processing activities. */
  subProcessors?: SubProcessor[];
  /** Controller identity shown on pages and in consent records. */
  controller?: Controller;
  /** Branding of the pages a subscriber sees (shared/branding.ts reads them). */
  displayName?: string;
  logoUrl?: string;
  accentColor?: string;
  privacyPolicyUrl?: string;
  privacyOfficer?: PrivacyOfficer;
  euRepresentative?: EuRepresentative;
};

export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  region: text('region', { enum: ['eu', 'us'] }).notNull(),
  /** Tenant secret wrapped by the master key (`t<version>.…`). */
  wrappedKey: text('wrapped_key').notNull(),
  settings: json<TenantSettings>('settings').notNull().default({}),
  privacyAddress: text('privacy_address'),
  createdAt: createdAt(),
});

export const adminUsers = sqliteTable(
  'admin_users',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    emailIndex: text('email_index').notNull(),
    emailCt: text('email_ct').notNull(),
    /** The roles of shared/access.ts (ROLES). */
    role: text('role', { enum: ['owner', 'privacy_officer', 'marketer', 'analyst', 'auditor'] }).notNull(),
    passwordHash: text('password_hash'),
    /** When the current password was set; its age against the tenant's maximum decides expiry. */
    passwordChangedAt: integer('password_changed_at', { mode: 'timestamp_ms' }),
    /** Hashes of the last passwords, newest first (the current one included): none may come back. */
    passwordHistory: json<string[]>('password_history').notNull().default([]),
    /** The OIDC `sub` of this user at the tenant's issuer, bound at the first SSO sign-in. */
    ssoSubject: text('sso_subject'),
    lastLoginAt: integer('last_login_at', { mode: 'timestamp_ms' }),
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('admin_users_tenant_email').on(t.tenantId, t.emailIndex),
    uniqueIndex('admin_users_tenant_subject')
      .on(t.tenantId, t.ssoSubject)
      .where(sql`sso_subject is not null`),
  ],
);

/**
 * Dashboard sessions: only the SHA-256 of the random session id is stored. `expiresAt` is the
 * absolute end (24 h after sign-in); `lastSeenAt` + 8 h the idle end. The CSRF token is derived
 * from the session id, so it is not stored either.
 */
export const adminSessions = sqliteTable(
  'admin_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: text('user_id')
      .notNull()
      .references(() => adminUsers.id),
    method: text('method', { enum: ['password', 'sso'] }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('admin_sessions_user').on(t.userId)],
);

/** Failed sign-ins per address (blind index), known user or not: ten in 15 minutes lock it. */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    emailIndex: text('email_index').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sign_in_failures_address').on(t.tenantId, t.emailIndex, t.at)],
);

/** How a tenant's people sign in: password rules and the tenant's OIDC provider (secret encrypted). */
export const signInPolicies = sqliteTable('sign_in_policies', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  passwordMaxAgeDays: integer('password_max_age_days').notNull().default(90),
  passwordsAllowed: integer('passwords_allowed', { mode: 'boolean' }).notNull().default(true),
  oidcIssuer: text('oidc_issuer'),
  oidcClientId: text('oidc_client_id'),
  /** Encrypted with the tenant data key (owner: the tenant id). */
  oidcClientSecretCt: text('oidc_client_secret_ct'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** SHA-256 of the whole key; the key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull().unique(),
    scopes: json<string[]>('scopes').notNull().default([]),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('api_keys_tenant').on(t.tenantId)],
);

export const subscribers = sqliteTable(
  'subscribers',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    emailIndex: text('email_index').notNull(),
    emailCt: text('email_ct').notNull(),
    nameCt: text('name_ct'),
    /** Profile values as one encrypted JSON object (for pseudonymised EU subscribers: a segment key). */
    profileCt: text('profile_ct'),
    pseudonym: text('pseudonym').notNull(),
    homeRegion: text('home_region', { enum: ['eu', 'non_eu', 'unknown'] })
      .notNull()
      .default('unknown'),
    homeRegionSource: text('home_region_source', {
      enum: ['form_geo', 'click_geo', 'api', 'import', 'admin', 'inbound', 'rule'],
    }),
    homeCountry: text('home_country'),
    /**
     * Where this person's profile values are counted for profile reports: `detail` (non-EU when
     * counted) or `aggregate` (EU or unknown: shown only in cells of at least k); null: not counted.
     */
    profileAudience: text('profile_audience', { enum: ['detail', 'aggregate'] }),
    status: text('status', { enum: ['pending', 'active', 'unsubscribed', 'bounced', 'flagged'] })
      .notNull()
      .default('pending'),
    language: text('language'),
    /** Head of this subscriber's consent chain, so that deleting the newest event is detectable too. */
    consentSeq: integer('consent_seq').notNull().default(0),
    consentHead: text('consent_head'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex('subscribers_tenant_email').on(t.tenantId, t.emailIndex),
    index('subscribers_tenant_region').on(t.tenantId, t.homeRegion),
    index('subscribers_tenant_status').on(t.tenantId, t.status),
    /** A tenant's people in id order, chunk by chunk (profile backfill and reconciliation). */
    index('subscribers_tenant_id').on(t.tenantId, t.id),
  ],
);

/** One data key per subscriber, wrapped by the tenant key; deleting the row crypto-shreds them. */
export const subscriberKeys = sqliteTable('subscriber_keys', {
  subscriberId: text('subscriber_id').primaryKey(),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.id),
  wrappedKey: text('wrapped_key').notNull(),
  createdAt: createdAt(),
});

export const profileFields = sqliteTable(
  'profile_fields',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key').notNull(),
    label: text('label').notNull(),
    description: text('description'),
    type: text('type', { enum: ['text', 'number', 'date', 'choice', 'boolean'] })
      .notNull()
      .default('text'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('profile_fields_tenant_key').on(t.tenantId, t.key)],
);

export const lists = sqliteTable(
  'lists',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    purpose: text('purpose').notNull(),
    lawfulBasis: text('lawful_basis', { enum: ['consent', 'contract', 'legitimate_interest'] })
      .notNull()
      .default('consent'),
    doubleOptIn: integer('double_opt_in', { mode: 'boolean' }).notNull().default(true),
    noticeKey: text('notice_key'),
    retentionDays: integer('retention_days'),
    createdAt: createdAt(),
  },
  (t) => [index('lists_tenant').on(t.tenantId)],
);

export const subscriptions = sqliteTable(
  'subscriptions',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    subscriberId: text('subscriber_id')
      .notNull()
      .references(() => subscribers.id),
    listId: text('list_id')
      .notNull()
      .references(() => lists.id),
    status: text('status', { enum: ['pending', 'confirmed', 'unsubscribed'] }).notNull(),
    consent: text('consent', { enum: ['given', 'unknown', 'withdrawn', 'refused'] }).notNull(),
    consentEventId: text('consent_event_id'),
    /** When the double opt-in mail for this subscription was last sent: at most one an hour. */
    confirmationMailedAt: integer('confirmation_mailed_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.listId] }),
    index('subscriptions_tenant_list_status').on(t.tenantId, t.listId, t.status),
    index('subscriptions_pending').on(t.tenantId, t.status, t.createdAt),
  ],
);

/** Versioned notice texts: a change of text is a new version; events keep the one they saw. */
export const consentNotices = sqliteTable(
  'consent_notices',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key').notNull(),
    language: text('language').notNull(),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    textHash: text('text_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('consent_notices_version').on(t.tenantId, t.key, t.language, t.version)],
);

export const forms = sqliteTable(
  'forms',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    listIds: json<string[]>('list_ids').notNull(),
    fields: json<string[]>('fields').notNull().default([]),
    noticeKey: text('notice_key').notNull(),
    language: text('language').notNull(),
    thankYouUrl: text('thank_you_url').notNull(),
    errorUrl: text('error_url'),
    allowedOrigins: json<string[]>('allowed_origins').notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('forms_tenant').on(t.tenantId)],
);

/**
 * Append-only consent log. `hash` covers the event's content and `prevHash`, the hash of the
 * previous event of the same subscriber, so an edit or deletion in the middle is detectable.
 */
export const consentEvents = sqliteTable(
  'consent_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    subscriberId: text('subscriber_id').notNull(),
    seq: integer('seq').notNull(),
    listId: text('list_id'),
    kind: text('kind', {
      enum: ['opt_in', 'confirmation', 'withdrawal', 'preference_change', 'refusal', 'import', 'objection'],
    }).notNull(),
    occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull(),
    country: text('country'),
    geoRegion: text('geo_region'),
    isEu: integer('is_eu', { mode: 'boolean' }),
    ipCt: text('ip_ct'),
    userAgentCt: text('user_agent_ct'),
    noticeId: text('notice_id'),
    noticeVersion: integer('notice_version'),
    noticeHash: text('notice_hash'),
    language: text('language'),
    sourceType: text('source_type', {
      enum: [
        'form',
        'api',
        'import',
        'link',
        'preference_centre',
        'unsubscribe',
        'email',
        'admin',
        'confirmation',
      ],
    }).notNull(),
    sourceId: text('source_id'),
    sourceUrl: text('source_url'),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('consent_events_chain').on(t.tenantId, t.subscriberId, t.seq),
    index('consent_events_tenant_time').on(t.tenantId, t.occurredAt),
    index('consent_events_tenant_list').on(t.tenantId, t.listId, t.occurredAt),
  ],
);

export const privacyRequests = sqliteTable(
  'privacy_requests',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    subscriberId: text('subscriber_id'),
    /** Blind index of the requester's address: survives erasure, never reveals it. */
    subjectIndex: text('subject_index'),
    kind: text('kind', {
      enum: ['erasure', 'access', 'portability', 'rectification', 'objection', 'unsubscribe', 'review'],
    }).notNull(),
    status: text('status', {
      enum: ['awaiting_verification', 'open', 'paused', 'executing', 'completed', 'rejected', 'withdrawn'],
    }).notNull(),
    channel: text('channel', {
      enum: ['preference_centre', 'unsubscribe_page', 'link_intercept', 'email', 'api', 'admin'],
    }).notNull(),
    evidence: json<Record<string, unknown>>('evidence').notNull().default({}),
    language: text('language'),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    monthDueAt: integer('month_due_at', { mode: 'timestamp_ms' }).notNull(),
    verifiedAt: integer('verified_at', { mode: 'timestamp_ms' }),
    pausedAt: integer('paused_at', { mode: 'timestamp_ms' }),
    extendedAt: integer('extended_at', { mode: 'timestamp_ms' }),
    extensionReason: text('extension_reason'),
    rejectReason: text('reject_reason'),
    rejectNote: text('reject_note'),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    reminderSentAt: integer('reminder_sent_at', { mode: 'timestamp_ms' }),
    /** Total time the request's clock stood still (paused, or waiting for identity confirmation). */
    pausedMs: integer('paused_ms').notNull().default(0),
    /**
     * The requester's address, encrypted with the tenant data key (owner: the request id), kept only
     * while the request is open and only when no subscriber row holds it; wiped on resolution.
     */
    requesterCt: text('requester_ct'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('privacy_requests_tenant_status_due').on(t.tenantId, t.status, t.dueAt),
    index('privacy_requests_subject').on(t.tenantId, t.subjectIndex, t.kind, t.status),
    index('privacy_requests_subscriber').on(t.tenantId, t.subscriberId),
    index('privacy_requests_received').on(t.tenantId, t.receivedAt),
    index('privacy_requests_reminder').on(t.status, t.reminderSentAt, t.dueAt),
    index('privacy_requests_tenant_kind_status').on(t.tenantId, t.kind, t.status),
    index('privacy_requests_resolved').on(t.tenantId, t.resolvedAt),
    // At most one open request per subject and kind, even when two are filed at the same moment
    // (the statuses are OPEN_STATUSES of shared/request-lifecycle.ts); a resolved one leaves the index.
    uniqueIndex('privacy_requests_open_subscriber')
      .on(t.tenantId, t.kind, t.subscriberId)
      .where(
        sql`subscriber_id is not null and status in ('awaiting_verification', 'open', 'paused', 'executing')`,
      ),
    uniqueIndex('privacy_requests_open_subject')
      .on(t.tenantId, t.kind, t.subjectIndex)
      .where(
        sql`subject_index is not null and status in ('awaiting_verification', 'open', 'paused', 'executing')`,
      ),
  ],
);

export const privacyRequestHistory = sqliteTable(
  'privacy_request_history',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    requestId: text('request_id')
      .notNull()
      .references(() => privacyRequests.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    note: text('note'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('privacy_request_history_request').on(t.requestId, t.at)],
);

/** Blind indexes of erased addresses: a re-import or sign-up cannot bring them back. */
export const suppressions = sqliteTable(
  'suppressions',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    emailIndex: text('email_index').notNull(),
    reason: text('reason', { enum: ['erasure', 'hard_bounce', 'complaint', 'admin'] }).notNull(),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.emailIndex] })],
);

export const erasureRecords = sqliteTable(
  'erasure_records',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    requestId: text('request_id').notNull().unique(),
    requestedAt: integer('requested_at', { mode: 'timestamp_ms' }).notNull(),
    executedAt: integer('executed_at', { mode: 'timestamp_ms' }).notNull(),
    trigger: text('trigger', { enum: ['confirmed', 'due', 'admin'] }).notNull(),
    counts: json<Record<string, number>>('counts').notNull(),
  },
  (t) => [index('erasure_records_tenant').on(t.tenantId, t.executedAt)],
);

export const clicks = sqliteTable(
  'clicks',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    subscriberId: text('subscriber_id').notNull(),
    messageId: text('message_id'),
    listId: text('list_id'),
    clickedAt: integer('clicked_at', { mode: 'timestamp_ms' }).notNull(),
    country: text('country'),
    isEu: integer('is_eu', { mode: 'boolean' }),
    outcome: text('outcome', { enum: ['redirect', 'consent_page', 'consent_yes', 'consent_no'] }).notNull(),
    /** A prefetch, HEAD or link scanner rather than a person: counted apart, never sets a home region. */
    automated: integer('automated', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('clicks_tenant_subscriber').on(t.tenantId, t.subscriberId),
    index('clicks_tenant_message').on(t.tenantId, t.messageId),
  ],
);

/**
 * A message to one list. It keeps the template only (subject, bodies with their merge fields):
 * personal values are put in while composing, in the queue consumer's memory, never stored.
 */
export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    listId: text('list_id').references(() => lists.id),
    subject: text('subject').notNull(),
    fromName: text('from_name'),
    bodyHtml: text('body_html'),
    bodyText: text('body_text'),
    /**
     * Optional audience by profile values (`{"<field>": [values]}`), encrypted with the tenant key:
     * the consumer that composes a mail matches it against the recipient's decrypted profile.
     */
    profileFilterCt: text('profile_filter_ct'),
    status: text('status', {
      enum: ['draft', 'scheduled', 'queued', 'sending', 'sent', 'cancelled'],
    })
      .notNull()
      .default('draft'),
    /** When it is to go out; null: at once. */
    sendAt: integer('send_at', { mode: 'timestamp_ms' }),
    /** When the last page of recipients was selected: from then on the totals are complete. */
    selectedAt: integer('selected_at', { mode: 'timestamp_ms' }),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('messages_tenant').on(t.tenantId, t.createdAt), index('messages_due').on(t.status, t.sendAt)],
);

/**
 * One row per subscriber of the list when the message was selected: `pending` (lawful, to send),
 * `skipped` (with the reason), then `sending` (claimed by one consumer: the row is claimed
 * before the mail leaves, so nobody gets it twice), `sent` (with our Message-ID) or `failed`.
 */
export const messageRecipients = sqliteTable(
  'message_recipients',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id),
    subscriberId: text('subscriber_id').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    skipReason: text('skip_reason'),
    /** Send attempts so far (a failed attempt puts the row back to `pending` until the last). */
    attempts: integer('attempts').notNull().default(0),
    errorCode: text('error_code'),
    /** The Message-ID header of the mail we sent, on MAIL_DOMAIN. */
    mailMessageId: text('mail_message_id'),
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.subscriberId] }),
    index('message_recipients_subscriber').on(t.tenantId, t.subscriberId),
    index('message_recipients_status').on(t.messageId, t.status),
  ],
);

/**
 * A client system's webhook receiver. The signing secret (`whsec_…`) is encrypted with the tenant
 * data key (owner: the endpoint id); during a rotation the previous one signs too until it expires.
 */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    url: text('url').notNull(),
    description: text('description'),
    secretCt: text('secret_ct').notNull(),
    previousSecretCt: text('previous_secret_ct'),
    previousSecretExpiresAt: integer('previous_secret_expires_at', { mode: 'timestamp_ms' }),
    /** Event types (`*`, `privacy_request.*` or exact types) this endpoint receives. */
    eventTypes: json<string[]>('event_types').notNull().default([]),
    /** Adds a non-EU subscriber's address to events about them (never an EU subscriber's). */
    includeSubscriberEmail: integer('include_subscriber_email', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    disabledReason: text('disabled_reason', { enum: ['gone', 'failing'] }),
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
    /** Start of the current run of failed attempts (none since the last success). */
    failingSince: integer('failing_since', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('webhook_endpoints_tenant').on(t.tenantId)],
);

/**
 * One event for one endpoint. `round` grows with every replay, so a queue message of an earlier
 * round is recognised as stale; `claimedUntil` is the lease of the attempt in flight.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    eventId: text('event_id').notNull(),
    status: text('status', { enum: ['pending', 'retrying', 'delivered', 'failed', 'dead'] })
      .notNull()
      .default('pending'),
    /** Attempts in the current round. */
    attempts: integer('attempts').notNull().default(0),
    round: integer('round').notNull().default(1),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event').on(t.endpointId, t.eventId),
    index('webhook_deliveries_tenant_status').on(t.tenantId, t.status, t.createdAt),
    index('webhook_deliveries_tenant_endpoint').on(t.tenantId, t.endpointId, t.createdAt),
  ],
);

/** Every attempt of a delivery: when, how long, the answer's status or the error; never the body. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    round: integer('round').notNull(),
    attempt: integer('attempt').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    statusCode: integer('status_code'),
    outcome: text('outcome', { enum: ['delivered', 'failed'] }).notNull(),
    errorCode: text('error_code'),
    error: text('error'),
  },
  (t) => [index('webhook_attempts_delivery').on(t.deliveryId, t.at)],
);

/**
 * Transactional outbox: a domain event written in the same batch as the state change it
 * announces. `dispatchedAt` is set when handed to the queue, `receivedAt` by the consumer, which
 * fans it out to the tenant's webhook endpoints.
 * Payloads carry ids and facts, never personal data.
 */
export const outboxEvents = sqliteTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    type: text('type').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    payload: json<Record<string, unknown>>('payload').notNull(),
    occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull(),
    dispatchedAt: integer('dispatched_at', { mode: 'timestamp_ms' }),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }),
    /**
     * Position among the events of the same subject (1, 2, …), assigned in the inserting
     * statement itself, so a client can order what it receives. Events written before the
     * column existed have none.
     */
    seq: integer('seq'),
  },
  (t) => [
    index('outbox_events_undispatched').on(t.dispatchedAt, t.occurredAt),
    index('outbox_events_tenant_time').on(t.tenantId, t.occurredAt),
    uniqueIndex('outbox_events_subject_seq').on(t.tenantId, t.subjectType, t.subjectId, t.seq),
  ],
);

/**
 * The audit log: append-only, one hash chain per tenant (`seq`, `prevHash`, `hash`). What may name
 * a subscriber (`subjectId`, a subscriber target, `details`) is hashed through `commitment`, a
 * salted hash, so erasure can redact it (`redactedBy`) and the chain still verifies
 * (db/audit-log.ts, shared/audit-chain.ts).
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    seq: integer('seq').notNull().default(0),
    actorType: text('actor_type', {
      enum: ['admin', 'api_key', 'system', 'subscriber', 'platform'],
    }).notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** The subscriber the row is about, if any: redacted when they are erased. */
    subjectId: text('subject_id'),
    details: json<Record<string, unknown>>('details').notNull().default({}),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    country: text('country'),
    /** The actor's IP address, encrypted with the tenant data key (owner: the row id). */
    ipCt: text('ip_ct'),
    salt: text('salt'),
    commitment: text('commitment'),
    redactedBy: text('redacted_by'),
    prevHash: text('prev_hash'),
    /** Null only for rows written before the chain existed (they keep their seq, first). */
    hash: text('hash'),
  },
  (t) => [
    index('audit_log_tenant_time').on(t.tenantId, t.at),
    uniqueIndex('audit_log_chain').on(t.tenantId, t.seq),
    index('audit_log_action').on(t.tenantId, t.action, t.seq),
    index('audit_log_subject').on(t.tenantId, t.subjectId),
    // An erasure redacts the entries about the person by target as well (db/audit-log.ts).
    index('audit_log_target').on(t.tenantId, t.targetType, t.targetId),
  ],
);

/** The newest row of each tenant's audit chain, so a deletion of the newest rows is detectable. */
export const auditHeads = sqliteTable('audit_heads', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
});

/** Request ids already answered for an Idempotency-Key, with the stored answer. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

/** One-time values already spent (answered consent pages, used confirmation links). */
export const usedNonces = sqliteTable(
  'used_nonces',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    nonce: text('nonce').notNull(),
    purpose: text('purpose').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.nonce] }), index('used_nonces_expiry').on(t.expiresAt)],
);

/** A tenant's own wording of a requester notification, per stage and language (else the built-in text). */
export const privacyNoticeTemplates = sqliteTable(
  'privacy_notice_templates',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    stage: text('stage', {
      enum: ['verify', 'received', 'verified', 'extended', 'completed', 'rejected', 'export_ready'],
    }).notNull(),
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.stage, t.language] })],
);

/**
 * The real-time compliance inventory: one row per cell, moved by a delta in the same D1 batch as
 * every state change (db/report-counters.ts) and recounted by the hourly reconciliation.
 * `listId` '' holds the tenant-wide cells (people, event and erasure totals); `region` '' those
 * without a region. States: db/subscription-state.ts.
 */
export const reportCounters = sqliteTable(
  'report_counters',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    listId: text('list_id').notNull(),
    region: text('region').notNull(),
    state: text('state').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.listId, t.region, t.state] })],
);

/** Unknown home regions resolved, per ISO week (its Monday), source and resulting region. */
export const regionResolutions = sqliteTable(
  'region_resolutions',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    week: text('week').notNull(),
    source: text('source').notNull(),
    region: text('region').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.week, t.source, t.region] })],
);

/** The inventory of each tenant once a day (chart data), kept 400 days. */
export const reportSnapshots = sqliteTable(
  'report_snapshots',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    day: text('day').notNull(),
    data: json<Record<string, unknown>>('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day] })],
);

/** Where the hourly reconciliation of counters stopped: it goes on from here next hour. */
export const reportReconcileCursor = sqliteTable('report_reconcile_cursor', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  chunk: text('chunk').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Alpha, pseudonymised profiles: how many people hold each profile value, per audience
 * (`detail`: non-EU; `aggregate`: EU and unknown region). `token` is a keyed hash of field and
 * value; the value itself is kept only encrypted with the tenant key. No row names a person.
 */
export const profileCounters = sqliteTable(
  'profile_counters',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    audience: text('audience', { enum: ['detail', 'aggregate'] }).notNull(),
    field: text('field').notNull(),
    token: text('token').notNull(),
    valueCt: text('value_ct').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.audience, t.field, t.token] })],
);

/**
 * Alpha, pseudonymised profiles: where counting stands per tenant. `backfillAfter` is the cursor
 * (subscriber id) of the backfill that counts people who were there before the setting was turned
 * on (null: nothing left to count); `writes` grows with every batch that moves profile_counters,
 * so a reconciliation pass (`reconcileAfter`, begun at `reconcileWrites`) knows whether its
 * recount still describes the counters it is about to repair.
 */
export const profileCountingState = sqliteTable('profile_counting', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  backfillAfter: text('backfill_after'),
  backfillStartedAt: integer('backfill_started_at', { mode: 'timestamp_ms' }),
  backfillDoneAt: integer('backfill_done_at', { mode: 'timestamp_ms' }),
  writes: integer('writes').notNull().default(0),
  reconcileAfter: text('reconcile_after'),
  reconcileWrites: integer('reconcile_writes'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});

/** A reconciliation pass's running recount of profile_counters (same cells), built chunk by chunk. */
export const profileRecountCells = sqliteTable(
  'profile_recount',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    audience: text('audience', { enum: ['detail', 'aggregate'] }).notNull(),
    field: text('field').notNull(),
    token: text('token').notNull(),
    valueCt: text('value_ct').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.audience, t.field, t.token] })],
);
