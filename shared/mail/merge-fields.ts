// Merge fields of a message template: `{{firstName}}`, the tenant's profile keys,
// `{{preferencesUrl}}` and `{{unsubscribeUrl}}`. The fields a template names are checked when the
// message is created (an unknown one is refused); values go in per recipient at composition,
// HTML-escaped in the HTML body, as they are in the text body and the subject.

/** A merge field: `{{ name }}` with a name of letters, digits and `_`. */
const FIELD = /\{\{\s*([A-Za-z][A-Za-z0-9_]{0,63})\s*\}\}/g;

/** The fields every message may use whatever the tenant's profile fields are. */
export const BUILT_IN_FIELDS = ['firstName', 'preferencesUrl', 'unsubscribeUrl'] as const;

/** The distinct field names a template uses, in order of first use. */
export function mergeFieldsOf(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(FIELD), (m) => m[1]!))];
}

/** The fields of the templates that are neither built in nor one of the profile keys. */
export function unknownMergeFields(templates: readonly string[], profileKeys: readonly string[]): string[] {
  const known = new Set<string>([...BUILT_IN_FIELDS, ...profileKeys]);
  return [...new Set(templates.flatMap(mergeFieldsOf))].filter((f) => !known.has(f));
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and quoted attribute values. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);

export type MergeValues = Readonly<Record<string, string>>;

/** The template with every field replaced by its value (empty when the recipient has none). */
export function fillMergeFields(
  template: string,
  values: MergeValues,
  encode: (value: string) => string = (v) => v,
): string {
  return template.replace(FIELD, (_, name: string) => encode(values[name] ?? ''));
}

/**
 * One recipient's values: the built-in fields and their profile values as text. `firstName` is
 * their profile's `firstName` when it has one, else the first word of their name.
 */
export function mergeValues(
  person: { name: string | null; profile: Record<string, unknown> },
  links: { preferencesUrl: string; unsubscribeUrl: string },
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(person.profile)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      values[key] = String(value);
  }
  const profileFirst = person.profile.firstName;
  values.firstName =
    typeof profileFirst === 'string' ? profileFirst : (person.name?.trim().split(/\s+/)[0] ?? '');
  values.preferencesUrl = links.preferencesUrl;
  values.unsubscribeUrl = links.unsubscribeUrl;
  return values;
}
