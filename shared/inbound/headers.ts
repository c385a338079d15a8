// Header lookup over postal-mime's header list (lower-case keys, document order, duplicates
// kept) and the small text clean-ups every inbound module needs.

export type MailHeader = { key: string; value: string };

/** The first (topmost) value of a header, trimmed; null when absent. */
export function header(headers: readonly MailHeader[], name: string): string | null {
  const key = name.toLowerCase();
  const found = headers.find((h) => h.key === key);
  return found ? found.value.trim() : null;
}

/** The trimmed values of every header with that name, top first (postal-mime keys are lower case). */
export function headerValues(headers: readonly MailHeader[], name: string): string[] {
  const key = name.toLowerCase();
  return headers.filter((h) => h.key === key).map((h) => h.value.trim());
}

/** Lower case, no diacritics, single spaces: the form subject rules are written against. */
export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/ħ/g, 'h')
    .replace(/œ/g, 'oe')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A header value made safe to reuse in a header we write: control characters (a CR/LF smuggled
 * in through an encoded word is a header injection attempt) become spaces, length is capped.
 */
export function singleLine(value: string, max = 200): string {
  const flat = value
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The domain of an address, lower-cased, without a trailing dot; null when there is none. */
export function domainOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const at = address.lastIndexOf('@');
  if (at < 0 || at === address.length - 1) return null;
  return (
    address
      .slice(at + 1)
      .trim()
      .toLowerCase()
      .replace(/\.$/, '')
      .replace(/>$/, '') || null
  );
}
