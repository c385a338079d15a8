// A workspace is how people name their tenant when they sign in: `<slug>.<region>` (acme.eu),
// the way privacy addresses name it (`privacy+acme.eu@…`), so the sign-in reaches the right
// database without a global lookup. Slugs are unique per region.

import { isRegion, type Region } from './regions';

/** 1–48 characters: lower-case letters, digits and hyphens, starting with a letter or digit. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;

export function workspaceName(tenant: { slug: string; region: Region }): string {
  return `${tenant.slug}.${tenant.region}`;
}

/** `Acme.EU ` → `{ slug: 'acme', region: 'eu' }`; null for anything that is not a workspace name. */
export function parseWorkspace(text: string): { slug: string; region: Region } | null {
  const m = /^(.+)\.([a-z]{2})$/.exec(text.trim().toLowerCase());
  if (!m || !SLUG_PATTERN.test(m[1]!) || !isRegion(m[2])) return null;
  return { slug: m[1]!, region: m[2] };
}
