// The languages of every page a person sees, and the one way a page picks its language:
// the browser's Accept-Language first, then what we know of the person, then English.

import { negotiateLanguage } from '../i18n/language';

export const PAGE_LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** The page language for a request (`Accept-Language`) and what we know (the request's, the subscriber's language). */
export function pageLanguage(
  acceptLanguage: string | null | undefined,
  ...known: (string | null | undefined)[]
): PageLanguage {
  return negotiateLanguage(PAGE_LANGUAGES, { acceptLanguage, known });
}
