// The one way to choose a language for a person: the page's Accept-Language (q-values and
// regions, RFC 9110 §12.5.4 with RFC 4647 lookup), then the language we already know for them
// (the request's, the notice's, the subscriber's), then English. Every page and mail uses it.

/** Tags an Accept-Language header asks for, best first: lower-case, `q=0` and malformed dropped. */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  const ranked: { tag: string; q: number; at: number }[] = [];
  header
    .slice(0, 1024)
    .split(',')
    .forEach((part, at) => {
      const [range, ...params] = part.trim().split(';');
      const tag = (range ?? '').trim().toLowerCase().replace(/_/g, '-');
      if (!/^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/.test(tag)) return;
      let q = 1;
      for (const p of params) {
        if (!/^\s*q\s*=/i.test(p)) continue;
        const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
        q = m ? Number(m[1]) : -1;
      }
      if (q > 0 && q <= 1) ranked.push({ tag, q, at });
    });
  ranked.sort((a, b) => b.q - a.q || a.at - b.at);
  return [...new Set(ranked.map((r) => r.tag))];
}

/** `de-AT` → `de`; `pt_BR` → `pt`; nothing usable → ''. */
export function baseLanguage(tag: string | null | undefined): string {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,8}$/.test(base) ? base : '';
}

/**
 * The one of `available` that fits a tag: the exact tag (`de-at`), then its shorter prefixes
 * (`de`), then the first available variant of the same language (`de` asked, `de-ch` offered).
 */
function lookup<T extends string>(tag: string, available: readonly T[]): T | undefined {
  const wanted = tag.toLowerCase().replace(/_/g, '-');
  const byTag = new Map(available.map((a) => [a.toLowerCase(), a] as const));
  const parts = wanted.split('-');
  for (let n = parts.length; n > 0; n--) {
    const hit = byTag.get(parts.slice(0, n).join('-'));
    if (hit) return hit;
  }
  const base = baseLanguage(wanted);
  return base ? available.find((a) => baseLanguage(a) === base) : undefined;
}

export type LanguageHints = {
  /** The Accept-Language header of the request a page answers, when there is one. */
  acceptLanguage?: string | null;
  /** What we know of the person, best first: the request's, the notice's, the subscriber's. */
  known?: readonly (string | null | undefined)[];
};

/**
 * The language to speak to a person in, from `available`: the best accepted language of the
 * browser, then the first known language we have, then English (or the first available).
 */
export function negotiateLanguage<T extends string>(available: readonly T[], hints: LanguageHints = {}): T {
  for (const tag of acceptedLanguages(hints.acceptLanguage)) {
    const hit = lookup(tag, available);
    if (hit) return hit;
  }
  for (const known of hints.known ?? []) {
    if (!known) continue;
    const hit = lookup(known, available);
    if (hit) return hit;
  }
  return lookup('en', available) ?? (available[0] as T);
}

/** A date as people of a language write it ("29 November 2026", "29. November 2026"), in UTC. */
export function formatDate(at: Date, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
}
