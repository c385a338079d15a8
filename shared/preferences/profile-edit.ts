// A person's correction of their own profile in the preference centre, checked before anything
// is written, with the validators of every other channel: only the tenant's defined fields, each
// value of its field's type and size, no value for a field whose definition names a special
// category (GDPR Art. 9), and no payment data (card numbers, IBANs) in any value. Pure.

import { forbiddenValues, specialCategoryOf } from '../privacy/special-categories';
import { PROFILE_INPUT_PREFIX } from '../schemas/preferences';

/** The longest value a profile field keeps (as on the API), and the longest name. */
export const MAX_VALUE_LENGTH = 500;
export const MAX_NAME_LENGTH = 200;

export type EditableField = {
  key: string;
  label: string;
  description: string | null;
  type: 'text' | 'number' | 'date' | 'choice' | 'boolean';
};

export type ProfileValue = string | number | boolean;

export type ProfileEditProblem = {
  /** The field's key, or `name`. */
  field: string;
  /** The label a person knows the field by. */
  label: string;
  problem: 'too_long' | 'not_a_number' | 'not_a_date' | 'payment_data' | 'special_category';
};

export type ProfileEdit =
  | { ok: true; name: string | null; values: Record<string, ProfileValue | null> }
  | { ok: false; problem: ProfileEditProblem };

/** Fields a person edits as text in the profile form (booleans are interests, shown apart). */
export const isProfileText = (f: EditableField) => f.type !== 'boolean';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function typedValue(field: EditableField, raw: string): ProfileValue | ProfileEditProblem['problem'] {
  if (raw.length > MAX_VALUE_LENGTH) return 'too_long';
  if (field.type === 'number') {
    const n = Number(raw.replace(',', '.'));
    return raw !== '' && Number.isFinite(n) ? n : 'not_a_number';
  }
  if (field.type === 'date') {
    const at = new Date(`${raw}T00:00:00Z`);
    return DATE.test(raw) && !Number.isNaN(at.getTime()) && at.toISOString().startsWith(raw)
      ? raw
      : 'not_a_date';
  }
  return raw;
}

/**
 * The edit a profile form asks for: `name`, and `f_<key>` for each text-like field (an empty
 * value removes it). Inputs naming no defined field are ignored; a value that is refused makes
 * the whole edit refused, naming the first field at fault.
 */
export function parseProfileEdit(
  fields: readonly EditableField[],
  form: Record<string, unknown>,
): ProfileEdit {
  const values: Record<string, ProfileValue | null> = {};
  const nameRaw = typeof form.name === 'string' ? form.name.trim() : '';
  if (nameRaw.length > MAX_NAME_LENGTH)
    return { ok: false, problem: { field: 'name', label: 'name', problem: 'too_long' } };
  const texts: Record<string, string> = { name: nameRaw };
  for (const field of fields.filter(isProfileText)) {
    const raw = form[`${PROFILE_INPUT_PREFIX}${field.key}`];
    if (typeof raw !== 'string') continue;
    const trimmed = raw.trim();
    const refuse = (problem: ProfileEditProblem['problem']): ProfileEdit => ({
      ok: false,
      problem: { field: field.key, label: field.label, problem },
    });
    if (trimmed === '') {
      values[field.key] = null;
      continue;
    }
    if (specialCategoryOf(field.key, field.label, field.description)) return refuse('special_category');
    const value = typedValue(field, trimmed);
    if (value === 'too_long' || value === 'not_a_number' || value === 'not_a_date') return refuse(value);
    values[field.key] = value;
    if (typeof value === 'string') texts[field.key] = value;
  }
  const label = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
  const payment = forbiddenValues(texts)[0];
  if (payment)
    return {
      ok: false,
      problem: { field: payment.field, label: label(payment.field), problem: 'payment_data' },
    };
  return { ok: true, name: nameRaw === '' ? null : nameRaw, values };
}

/** `base` with `edit` applied (null removes a value), and the keys whose value changed. */
export function applyProfileEdit(
  base: Record<string, unknown>,
  edit: Record<string, ProfileValue | null>,
): { profile: Record<string, unknown>; changed: string[] } {
  const profile = { ...base };
  const changed: string[] = [];
  for (const [key, value] of Object.entries(edit)) {
    if (value === null) {
      if (key in profile) {
        delete profile[key];
        changed.push(key);
      }
    } else if (profile[key] !== value) {
      profile[key] = value;
      changed.push(key);
    }
  }
  return { profile, changed };
}
