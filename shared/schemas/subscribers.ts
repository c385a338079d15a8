// Contracts of subscribers inserted by client systems: the subscriber, the consent evidence the
// client collected, bulk import rows and their report, and what listings show (EU: pseudonym).

import { z } from 'zod';
import { EU_COUNTRIES } from '../geo';
import { IsoDate } from './common';
import { Language } from './lists';

const ProfileValues = z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean()]));

export const EvidenceInput = z
  .object({
    occurredAt: IsoDate.meta({ description: 'When the person gave consent' }),
    ip: z.union([z.ipv4(), z.ipv6()]).optional(),
    userAgent: z.string().max(1000).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional()
      .meta({ description: 'ISO 3166-1 alpha-2 where the person was' }),
    region: z.string().max(100).optional(),
    sourceUrl: z
      .string()
      .url()
      .max(2000)
      .optional()
      .meta({ description: 'The page where consent was collected' }),
    notice: z
      .union([
        z.object({ key: z.string().max(60), language: Language, version: z.number().int().min(1) }),
        z.object({
          text: z.string().trim().min(1).max(20_000),
          language: Language,
          key: z.string().max(60).optional(),
        }),
      ])
      .meta({
        description: 'A published notice version, or the exact text shown (published as a version if new)',
      }),
    confirmedAt: IsoDate.optional().meta({
      description: 'When the client ran double opt-in itself; otherwise we send the confirmation mail',
    }),
  })
  .meta({ id: 'ConsentEvidenceInput' });
export type EvidenceInput = z.infer<typeof EvidenceInput>;

export const SubscriberInput = z
  .object({
    email: z.string().trim().min(3).max(254),
    name: z.string().trim().max(200).optional(),
    language: Language.optional(),
    profile: ProfileValues.optional(),
    listIds: z.array(z.string().max(40)).min(1).max(20),
    evidence: EvidenceInput.optional().meta({ description: 'Mandatory when a list is consent-based' }),
  })
  .meta({ id: 'SubscriberInput' });
export type SubscriberInput = z.infer<typeof SubscriberInput>;

export const ImportRow = z.object({
  email: z.string().max(254),
  name: z.string().max(200).optional(),
  language: Language.optional(),
  profile: ProfileValues.optional(),
  listIds: z.array(z.string().max(40)).max(20).optional(),
  evidence: EvidenceInput.optional(),
  consentUnknown: z
    .boolean()
    .optional()
    .meta({ description: 'No evidence exists: the link intercept recaptures consent later' }),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportInput = z
  .object({
    listIds: z
      .array(z.string().max(40))
      .min(1)
      .max(20)
      .meta({ description: 'Lists for rows that name none' }),
    rows: z.array(ImportRow).min(1).max(10_000),
  })
  .meta({ id: 'ImportInput' });
export type ImportInput = z.infer<typeof ImportInput>;

export const ImportReport = z
  .object({
    batchId: z.string(),
    received: z.number(),
    created: z.number(),
    updated: z.number(),
    refused: z.array(
      z.object({
        row: z.number().meta({ description: 'Zero-based row index' }),
        code: z.string(),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;

export const SubscriptionView = z
  .object({
    listId: z.string(),
    listName: z.string().optional(),
    status: z.enum(['pending', 'confirmed', 'unsubscribed']),
    consent: z.enum(['given', 'unknown', 'withdrawn', 'refused']),
    lawfulBasis: z.string().optional(),
    lastEventId: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Subscription' });
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const SubscriberView = z
  .object({
    id: z.string(),
    pseudonym: z.string(),
    email: z
      .string()
      .nullable()
      .meta({ description: 'null for subscribers shown under their pseudonym (EU or unknown region)' }),
    anonymised: z.boolean(),
    homeRegion: z.enum(['eu', 'non_eu', 'unknown']),
    homeRegionSource: z
      .string()
      .nullable()
      .meta({ description: 'form_geo, click_geo, api, import, rule, …; null while unknown' }),
    status: z.string(),
    language: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Subscriber' });
export type SubscriberView = z.infer<typeof SubscriberView>;

export const SubscriberCreated = z
  .object({
    subscriber: SubscriberView,
    created: z.boolean(),
    subscriptions: z.array(SubscriptionView),
    eventIds: z.array(z.string()),
  })
  .meta({ id: 'SubscriberCreated' });
export type SubscriberCreated = z.infer<typeof SubscriberCreated>;

export const HomeRegionPatch = z
  .strictObject({
    homeRegion: z
      .enum(['eu', 'non_eu'])
      .meta({ description: 'Where the person lives, as the client knows it' }),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code, e.g. NL.')
      .optional()
      .meta({ description: 'ISO 3166-1 alpha-2; must lie in the region named' }),
  })
  .refine((p) => p.country === undefined || EU_COUNTRIES.has(p.country) === (p.homeRegion === 'eu'), {
    message: 'The country does not lie in the region named.',
    path: ['country'],
  })
  .meta({ id: 'HomeRegionPatch' });

export const RuleEvaluationInput = z
  .strictObject({
    after: z.string().max(40).optional().meta({ description: 'The `next` of the previous call' }),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .meta({ id: 'RuleEvaluationInput' });

export const RuleEvaluationReport = z
  .object({
    evaluated: z.number(),
    changed: z.object({ eu: z.number(), non_eu: z.number() }),
    next: z.string().nullable().meta({ description: 'Call again with `after` set to this; null when done' }),
  })
  .meta({ id: 'RuleEvaluationReport' });
