// A message's audience by profile values: `{"<field>": value | [values]}`, every named field must
// hold one of its values (fields AND, values OR). Values compare as text, Unicode-normalised (NFKC:
// full-width and composed forms alike), trimmed and case-folded (upper then lower case, so "ß"
// meets "SS" and a final "ς" meets "Σ"), so "Zürich" typed either way and "5" against 5 match. Pure: the
// consumer matches it against a recipient's profile decrypted in memory (workers/sending/deliver.ts).

import { z } from 'zod';
import { FieldKey } from '../schemas/lists';

const Value = z.union([z.string().max(500), z.number(), z.boolean()]);

/** Most fields and values per field a filter may name. */
export const MAX_FILTER_FIELDS = 10;
export const MAX_FILTER_VALUES = 50;

export const ProfileFilter = z
  .record(FieldKey, z.union([Value, z.array(Value).min(1).max(MAX_FILTER_VALUES)]))
  .refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= MAX_FILTER_FIELDS, {
    message: `name between 1 and ${MAX_FILTER_FIELDS} profile fields`,
  })
  .meta({
    id: 'ProfileFilter',
    description:
      'Only recipients whose profile holds, for every field named, one of its values (compared as text, case and Unicode form ignored). Fields must be profile fields of the tenant.',
    example: { department: ['Sales', 'Support'], city: 'Lisboa' },
  });
export type ProfileFilter = z.infer<typeof ProfileFilter>;

const canonical = (v: unknown) =>
  String(v).normalize('NFKC').trim().toUpperCase().toLowerCase().normalize('NFC');

/** Whether a recipient's profile values pass the filter. */
export function matchesProfileFilter(profile: Record<string, unknown>, filter: ProfileFilter): boolean {
  return Object.entries(filter).every(([field, wanted]) => {
    const held = profile[field];
    if (held === undefined || held === null) return false;
    const have = canonical(held);
    return (Array.isArray(wanted) ? wanted : [wanted]).some((w) => canonical(w) === have);
  });
}
