// Contracts of lists (what a person subscribes to, why, and on which lawful basis), profile
// fields (what a tenant may collect) and versioned consent notices.

import { z } from 'zod';

export const LawfulBasis = z.enum(['consent', 'contract', 'legitimate_interest']).meta({ id: 'LawfulBasis' });

export const ListInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    purpose: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .meta({ description: 'What the list is used for, as told to subscribers' }),
    lawfulBasis: LawfulBasis.default('consent'),
    doubleOptIn: z
      .boolean()
      .default(true)
      .meta({ description: 'Sign-ups stay pending until the confirmation link is clicked' }),
    retentionDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .meta({ id: 'ListInput' });
export type ListInput = z.infer<typeof ListInput>;

/**
 * Only what is sent changes (no defaults: a patch never resets a field it does not name); an
 * unknown key or an empty patch is a 400.
 */
export const ListPatch = ListInput.extend({ lawfulBasis: LawfulBasis, doubleOptIn: z.boolean() })
  .strict()
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'Name at least one field to change.')
  .meta({ id: 'ListPatch' });
export type ListPatch = z.infer<typeof ListPatch>;

export const List = z
  .object({
    id: z.string(),
    name: z.string(),
    purpose: z.string(),
    lawfulBasis: LawfulBasis,
    doubleOptIn: z.boolean(),
    retentionDays: z.number().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'List' });
export type List = z.infer<typeof List>;

export const FieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter');

export const ProfileFieldInput = z
  .object({
    key: FieldKey,
    label: z.string().trim().min(1).max(200),
    description: z.string().trim().max(1000).nullable().optional(),
    type: z.enum(['text', 'number', 'date', 'choice', 'boolean']).default('text'),
  })
  .meta({ id: 'ProfileFieldInput' });
export type ProfileFieldInput = z.infer<typeof ProfileFieldInput>;

export const ProfileField = z
  .object({
    id: z.string(),
    key: z.string(),
    label: z.string(),
    description: z.string().nullable(),
    type: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ProfileField' });
export type ProfileField = z.infer<typeof ProfileField>;

export const Language = z
  .string()
  .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'an ISO 639-1 language code such as "en" or "de-AT"')
  .meta({ example: 'en' });

export const NoticeInput = z
  .object({
    key: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,59}$/)
      .meta({ description: 'Names the notice across versions and languages' }),
    language: Language,
    text: z.string().trim().min(1).max(20_000),
  })
  .meta({ id: 'NoticeInput' });
export type NoticeInput = z.infer<typeof NoticeInput>;

export const Notice = z
  .object({
    id: z.string(),
    key: z.string(),
    language: z.string(),
    version: z.number().int(),
    text: z.string(),
    textHash: z.string().meta({ description: 'SHA-256 (hex) of the exact text' }),
    createdAt: z.string(),
  })
  .meta({ id: 'Notice' });
export type Notice = z.infer<typeof Notice>;

export const NoticeQuery = z.object({ key: z.string().max(60).optional(), language: Language.optional() });
