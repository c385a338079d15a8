// Contracts of edge forms: the definition a client makes through the API, and the submission
// a website (plain HTML form or the embed script) posts to `POST /f/:formId`.

import { z } from 'zod';
import { MAX_DESTINATION_LENGTH, parseDestination } from '../link-tokens';
import { FieldKey, Language, Notice } from './lists';

/** A page a form sends visitors to: checked and normalised like a link destination. */
const PageUrl = z
  .string()
  .max(MAX_DESTINATION_LENGTH)
  .refine((v) => parseDestination(v) !== null, {
    message: 'must be an absolute http(s) URL with a host and no credentials',
  })
  .overwrite((v) => parseDestination(v) ?? v)
  .meta({ description: 'Stored and used in its normalised form', example: 'https://www.example.com/thanks' });
const Origin = z
  .string()
  .max(300)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v;
    } catch {
      return false;
    }
  }, 'an origin such as "https://www.example.com" (scheme, host and port only)');

const FormFields = {
  name: z.string().trim().min(1).max(200),
  listIds: z.array(z.string().max(40)).min(1).max(20),
  fields: z
    .array(FieldKey)
    .max(30)
    .default([])
    .meta({ description: 'Keys of profile fields the form collects' }),
  notice: z.object({
    text: z
      .string()
      .trim()
      .min(1)
      .max(20_000)
      .meta({ description: 'The exact consent text shown next to the box' }),
    language: Language,
    key: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,59}$/)
      .optional()
      .meta({ description: 'Defaults to one notice per form' }),
  }),
  thankYouUrl: PageUrl,
  errorUrl: PageUrl.nullable().optional(),
  allowedOrigins: z.array(Origin).max(20).default([]),
};

export const FormInput = z.object(FormFields).meta({ id: 'FormInput' });
export type FormInput = z.infer<typeof FormInput>;

/**
 * Only what is sent changes (no defaults: a patch never resets a field it does not name); an
 * unknown key or an empty patch is a 400.
 */
export const FormPatch = z
  .strictObject({ ...FormFields, fields: z.array(FieldKey).max(30), allowedOrigins: z.array(Origin).max(20) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'Name at least one field to change.')
  .meta({ id: 'FormPatch' });
export type FormPatch = z.infer<typeof FormPatch>;

export const Form = z
  .object({
    id: z.string().meta({ description: 'Carries the region mark: frm_e_… (EU) or frm_u_… (US)' }),
    name: z.string(),
    listIds: z.array(z.string()),
    fields: z.array(z.string()),
    notice: Notice,
    thankYouUrl: z.string(),
    errorUrl: z.string().nullable(),
    allowedOrigins: z.array(z.string()),
    actionUrl: z.string().meta({ description: 'Where a plain HTML form posts' }),
    embedUrl: z.string().meta({ description: 'The script to paste into a page' }),
    createdAt: z.string(),
  })
  .meta({ id: 'Form' });
export type Form = z.infer<typeof Form>;

const Ticked = z
  .union([z.boolean(), z.enum(['on', 'yes', 'true', '1', 'off', 'no', 'false', '0', ''])])
  .transform((v) => v === true || ['on', 'yes', 'true', '1'].includes(String(v)));

/** What a website posts. Profile values arrive under `fields` (JSON) or as top-level keys (HTML form). */
export const FormSubmission = z.object({
  email: z.string().trim().min(3, 'the email address is missing').max(254),
  name: z.string().trim().max(200).optional(),
  consent: Ticked.optional().transform((v) => v === true),
  fields: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
  /** Honeypot: a field people never see; bots fill it. */
  tm_hp: z.string().max(500).optional(),
  /** Fill-time token handed out with the rendered form. */
  tm_t: z.string().max(600).optional(),
  pageUrl: z.string().max(2000).optional(),
});
export type FormSubmission = z.infer<typeof FormSubmission>;

export const FormAnswer = z.object({
  ok: z.literal(true),
  status: z.enum(['pending', 'confirmed']),
  message: z.string(),
});
export type FormAnswer = z.infer<typeof FormAnswer>;
