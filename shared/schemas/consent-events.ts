// Contracts of the consent log: events as the API shows them, the query filters, the chain
// verdict, and the ISO/IEC TS 27560-shaped consent record.

import { z } from 'zod';
import { IsoDate } from './common';

export const CONSENT_KINDS = [
  'opt_in',
  'confirmation',
  'withdrawal',
  'preference_change',
  'refusal',
  'import',
  'objection',
] as const;

export const ConsentEventView = z
  .object({
    id: z.string(),
    subscriber: z.object({ id: z.string(), pseudonym: z.string(), email: z.string().nullable() }),
    seq: z.number(),
    kind: z.enum(CONSENT_KINDS),
    listId: z.string().nullable(),
    occurredAt: z.string(),
    geo: z.object({
      country: z.string().nullable(),
      region: z.string().nullable(),
      isEu: z.boolean().nullable(),
    }),
    evidence: z
      .object({ ipRecorded: z.boolean(), userAgentRecorded: z.boolean() })
      .meta({ description: 'IP and user agent are stored encrypted and never listed' }),
    notice: z.object({ id: z.string(), version: z.number(), hash: z.string() }).nullable(),
    language: z.string().nullable(),
    source: z.object({ type: z.string(), id: z.string().nullable(), url: z.string().nullable() }),
    prevHash: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: 'ConsentEvent' });
export type ConsentEventView = z.infer<typeof ConsentEventView>;

export const ConsentEventQuery = z.object({
  subscriberId: z.string().max(40).optional(),
  listId: z.string().max(40).optional(),
  kind: z.enum(CONSENT_KINDS).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  region: z
    .enum(['eu', 'non_eu', 'unknown'])
    .optional()
    .meta({ description: 'Where the event was recorded: in the EU, outside, or unknown' }),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});
export type ConsentEventQuery = z.infer<typeof ConsentEventQuery>;

export const SubscriberLookupInput = z
  .object({ email: z.string().trim().min(3).max(320).meta({ description: 'The address to look for' }) })
  .meta({ id: 'SubscriberLookup' });

export const SubscriberRefView = z
  .object({ id: z.string(), pseudonym: z.string() })
  .meta({ id: 'SubscriberRef', description: 'A subscriber by id and pseudonym: no address' });

export const ChainVerdictView = z
  .object({
    ok: z.boolean(),
    events: z.number(),
    head: z.string().nullable().optional(),
    brokenAt: z.number().optional(),
    reason: z.enum(['edited', 'missing', 'head_mismatch']).optional(),
  })
  .meta({ id: 'ConsentChainVerdict' });
export type ChainVerdictView = z.infer<typeof ChainVerdictView>;

/** JSON-LD in the DPV vocabulary of ISO/IEC TS 27560 (`dpv:ConsentRecord`), one per list. */
export const ConsentRecordView = z
  .object({ '@context': z.record(z.string(), z.string()), '@id': z.string(), '@type': z.string() })
  .catchall(z.unknown())
  .meta({ id: 'ConsentRecord' });
export type ConsentRecordView = z.infer<typeof ConsentRecordView>;
