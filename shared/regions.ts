// Regions and the ids that carry them: every id the outside sees names its home region, so the
// edge can pick the right database without a global lookup.

import { isBase32, toBase32 } from './encoding';

export const REGIONS = ['eu', 'us'] as const;
export type Region = (typeof REGIONS)[number];

export function isRegion(value: unknown): value is Region {
  return value === 'eu' || value === 'us';
}

const ID_BODY_LENGTH = 20;

const ID_BODY_BYTES = 13;
/** Random bytes fetched at once: one `getRandomValues` call serves 315 ids, each byte used once. */
const POOL_BYTES = 315 * ID_BODY_BYTES;
let pool = new Uint8Array(0);
let drawn = 0;

/** A random 20-character body (100 bits) in Crockford's lower-case base32. */
export function randomIdBody(): string {
  if (drawn + ID_BODY_BYTES > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    drawn = 0;
  }
  const bytes = pool.subarray(drawn, drawn + ID_BODY_BYTES);
  drawn += ID_BODY_BYTES;
  return toBase32(bytes).slice(0, ID_BODY_LENGTH);
}

/** An opaque id with a type prefix, e.g. `sub_…`; region-free ids live inside one tenant. */
export function newId(prefix: string): string {
  return `${prefix}_${randomIdBody()}`;
}

/** Tenant ids look like `ten_eu_<20 chars>`: the region is part of the id. */
export function newTenantId(region: Region): string {
  return `ten_${region}_${randomIdBody()}`;
}

const TENANT_ID = /^ten_(eu|us)_(.{20})$/;

export function parseTenantId(value: string): { region: Region; id: string } | null {
  const m = TENANT_ID.exec(value);
  if (!m || !isIdBody(m[2]!)) return null;
  return { region: m[1] as Region, id: value };
}

export function isIdBody(value: string): boolean {
  return value.length === ID_BODY_LENGTH && isBase32(value);
}

/** The one-letter region mark that prefixes tokens and API keys. */
export function regionMark(region: Region): 'e' | 'u' {
  return region === 'eu' ? 'e' : 'u';
}

export function regionFromMark(mark: string): Region | null {
  if (mark === 'e') return 'eu';
  if (mark === 'u') return 'us';
  return null;
}
