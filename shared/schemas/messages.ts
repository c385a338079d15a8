// Contracts of the messages API (`/api/v1/messages`): a message to one list with merge fields,
// its view with recipient totals, and the recipients' outcomes (EU recipients by pseudonym).

import { z } from 'zod';
import { BUILT_IN_FIELDS } from '../mail/merge-fields';
import { ProfileFilter } from '../sending/profile-filter';
import { IsoDate } from './common';

/** Largest HTML plus text body, in UTF-8 bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** How far ahead a message may be scheduled. */
export const MAX_SCHEDULE_DAYS = 365;

const OneLine = z.string().regex(/^[^\r\n]*$/, 'must not contain line breaks');

export const CreateMessage = z
  .object({
    listId: z.string().min(1).max(40).meta({ description: 'The list (of the calling tenant) to send to' }),
    subject: OneLine.trim().min(1).max(300).meta({ example: 'Spring offers for you, {{firstName}}' }),
    fromName: OneLine.trim().min(1).max(100).optional().meta({
      description: 'Display name of the sender (the address is ours); default the tenant display name',
    }),
    html: z.string().min(1).max(MAX_BODY_BYTES).optional(),
    text: z.string().min(1).max(MAX_BODY_BYTES).optional(),
    sendAt: IsoDate.optional().meta({ description: 'When to send; default at once' }),
    profile: ProfileFilter.optional().meta({
      description:
        'Alpha: only recipients whose profile matches (decrypted while their copy is composed); the others are skipped as `profile_mismatch`',
    }),
  })
  .refine((m) => m.html !== undefined || m.text !== undefined, {
    message: 'give `html`, `text` or both',
    path: ['html'],
  })
  .meta({
    id: 'CreateMessage',
    description: `Bodies and subject may use the merge fields ${BUILT_IN_FIELDS.map((f) => `{{${f}}}`).join(', ')} and {{<profile field key>}}; every http(s) link becomes a tracked intercept link per recipient.`,
  });
export type CreateMessage = z.infer<typeof CreateMessage>;

export const MessageTotals = z
  .object({
    recipients: z.number().int(),
    queued: z.number().int().meta({ description: 'Waiting to be sent or being sent' }),
    sent: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    skippedByReason: z.record(z.string(), z.number().int()).meta({
      description:
        'unknown, pending_confirmation, withdrawn, refused, bounced, erasure_pending, suppressed, consent_required (the intercept would ask), erased, cancelled, profile_mismatch (outside the profile filter of the message)',
    }),
  })
  .meta({ id: 'MessageTotals' });

export const MessageView = z
  .object({
    id: z.string(),
    listId: z.string().nullable(),
    subject: z.string(),
    fromName: z.string().nullable(),
    status: z.enum(['draft', 'scheduled', 'queued', 'sending', 'sent', 'cancelled']),
    sendAt: IsoDate.nullable(),
    createdAt: IsoDate,
    cancelledAt: IsoDate.nullable(),
    finishedAt: IsoDate.nullable(),
    selectionComplete: z.boolean().meta({ description: 'Every subscriber of the list has a recipient row' }),
    totals: MessageTotals,
    html: z.string().nullable().optional(),
    text: z.string().nullable().optional(),
    profile: ProfileFilter.nullable()
      .optional()
      .meta({ description: 'The profile filter, when the message has one' }),
  })
  .meta({ id: 'Message' });
export type MessageView = z.infer<typeof MessageView>;

export const RecipientView = z
  .object({
    subscriberId: z.string(),
    pseudonym: z.string().nullable().meta({ description: 'Null once the subscriber is erased' }),
    email: z.string().nullable().meta({ description: 'Only for subscribers known to live outside the EU' }),
    status: z.enum(['pending', 'sending', 'sent', 'failed', 'skipped']),
    skipReason: z.string().nullable(),
    errorCode: z.string().nullable(),
    attempts: z.number().int(),
    mailMessageId: z.string().nullable().meta({ description: 'The Message-ID header of the mail sent' }),
    sentAt: IsoDate.nullable(),
  })
  .meta({ id: 'MessageRecipient' });
export type RecipientView = z.infer<typeof RecipientView>;
