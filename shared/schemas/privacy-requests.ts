// Contracts of the privacy-request API: the request as the client sees it, filing, listing and
// the actions on one request, the requester-notification templates and the privacy settings.

import { z } from 'zod';
import { MAX_EXTENSION_DAYS } from '../due-dates';
import { NOTICE_STAGES, OPTIONAL_STAGES } from '../privacy-notices';
import { REJECT_REASON_CODES, REQUEST_CHANNELS, REQUEST_KINDS, REQUEST_STATUSES } from '../request-lifecycle';
import { IsoDate, ListOf, PageQuery } from './common';

export const RequestKind = z.enum(REQUEST_KINDS).meta({ id: 'PrivacyRequestKind' });
export const RequestStatus = z.enum(REQUEST_STATUSES).meta({ id: 'PrivacyRequestStatus' });
export const RequestChannel = z.enum(REQUEST_CHANNELS).meta({ id: 'PrivacyRequestChannel' });
export const RejectReason = z
  .enum(REJECT_REASON_CODES)
  .meta({ id: 'RejectReason', description: 'Art. 17(3)(a)–(e), or Art. 12(5) / 12(6)' });

export const HistoryEntry = z
  .object({
    at: IsoDate,
    action: z.string(),
    from: RequestStatus.nullable(),
    to: RequestStatus,
    actor: z.string(),
    note: z.string().nullable(),
  })
  .meta({ id: 'PrivacyRequestHistoryEntry' });

export const PrivacyRequest = z
  .object({
    id: z.string(),
    kind: RequestKind,
    status: RequestStatus,
    channel: RequestChannel,
    subscriberId: z.string().nullable(),
    language: z.string().nullable(),
    evidence: z.record(z.string(), z.unknown()),
    receivedAt: IsoDate,
    dueAt: IsoDate.meta({
      description:
        "The product's due date (45 days by default, per tenant and kind, plus an extension's days): an erasure still open then is executed by the erasure clock",
    }),
    monthDueAt: IsoDate.meta({
      description:
        'GDPR Art. 12(3): one calendar month after receipt (three once extended), moved by pauses and by the wait for identity confirmation. Mails tell the requester the earlier of dueAt and monthDueAt',
    }),
    verifiedAt: IsoDate.nullable(),
    pausedAt: IsoDate.nullable(),
    extendedAt: IsoDate.nullable(),
    extensionReason: z.string().nullable(),
    rejectReason: RejectReason.nullable(),
    rejectNote: z.string().nullable(),
    resolvedAt: IsoDate.nullable(),
    history: z.array(HistoryEntry).optional(),
  })
  .meta({ id: 'PrivacyRequest' });
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

export const PrivacyRequestList = ListOf(PrivacyRequest, 'PrivacyRequestList');

export const CreatePrivacyRequest = z
  .object({
    kind: RequestKind,
    subscriberId: z.string().min(1).max(64).optional(),
    email: z.string().min(3).max(254).optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/)
      .optional(),
    verified: z
      .boolean()
      .default(true)
      .meta({ description: 'false: the requester must confirm by a link mailed to them (Art. 12(6))' }),
    evidence: z
      .record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean()]))
      .refine((e) => Object.keys(e).length <= 20, 'at most 20 entries')
      .optional(),
  })
  .refine((b) => (b.subscriberId === undefined) !== (b.email === undefined), {
    message: 'give exactly one of subscriberId and email',
  })
  .meta({ id: 'CreatePrivacyRequest' });

export const ListPrivacyRequestsQuery = PageQuery.extend({
  status: RequestStatus.optional(),
  kind: RequestKind.optional(),
  channel: RequestChannel.optional(),
  dueBefore: IsoDate.optional(),
});

export const RequestIdParam = z.object({ id: z.string().min(1).max(64) });

export const NoteBody = z
  .object({ note: z.string().max(1000).optional() })
  .meta({ id: 'PrivacyRequestNote' });
export const RejectBody = z
  .object({ reason: RejectReason, text: z.string().max(2000).optional() })
  .meta({ id: 'RejectPrivacyRequest' });
export const ExtendBody = z
  .object({
    days: z.number().int().min(1).max(MAX_EXTENSION_DAYS),
    reason: z.string().trim().min(3).max(1000),
  })
  .meta({ id: 'ExtendPrivacyRequest' });

export const Confirmation = z
  .object({
    request: PrivacyRequest,
    export: z.object({ url: z.string(), expiresAt: IsoDate }).optional(),
    erased: z.record(z.string(), z.number()).optional(),
  })
  .meta({ id: 'PrivacyRequestConfirmation' });

export const NoticeStage = z.enum(NOTICE_STAGES).meta({ id: 'PrivacyNoticeStage' });
export const TemplateParams = z.object({
  stage: NoticeStage,
  language: z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/),
});
export const TemplateBody = z
  .object({
    subject: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\r\n]*$/, 'one line'),
    body: z.string().trim().min(1).max(10_000),
  })
  .meta({ id: 'PrivacyNoticeTemplateBody' });
export const Template = TemplateBody.extend({
  stage: NoticeStage,
  language: z.string(),
  updatedAt: IsoDate,
}).meta({ id: 'PrivacyNoticeTemplate' });

export const PrivacySettings = z
  .object({
    dueDays: z
      .partialRecord(z.union([RequestKind, z.literal('default')]), z.number().int().min(1).max(90))
      .optional(),
    reminderDays: z.number().int().min(0).max(30).optional(),
    notify: z.partialRecord(z.enum(OPTIONAL_STAGES), z.boolean()).optional(),
  })
  .meta({ id: 'PrivacySettings' });

/** A change of the privacy settings: at least one value, or there is nothing to change. */
export const PrivacySettingsChange = PrivacySettings.refine(
  (b) =>
    b.reminderDays !== undefined ||
    Object.keys(b.dueDays ?? {}).length + Object.keys(b.notify ?? {}).length > 0,
  { message: 'nothing to change: give reminderDays, dueDays or notify' },
).meta({ id: 'PrivacySettingsChange' });
