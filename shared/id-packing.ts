// Packs the 20-character base32 bodies of ids (`sub_…`, 100 bits each) into bytes and back, so
// tokens that carry several ids stay short: four ids take 50 bytes instead of 96 characters.

import { fromBase32, fromBase64Url, toBase32, toBase64Url } from './encoding';
import { isIdBody } from './regions';

const BODY_CHARS = 20;

/** base64url of the packed bodies; throws on anything that is not an id body. */
export function packIdBodies(bodies: readonly string[]): string {
  if (!bodies.every(isIdBody)) throw new Error('not an id body');
  return toBase64Url(fromBase32(bodies.join(''))!);
}

/** The bodies packed by `packIdBodies`, or null when `packed` cannot hold exactly `count` of them. */
export function unpackIdBodies(packed: string, count: number): string[] | null {
  const bytes = fromBase64Url(packed);
  if (!bytes || bytes.length !== Math.ceil((count * BODY_CHARS * 5) / 8)) return null;
  const text = toBase32(bytes);
  return Array.from({ length: count }, (_, n) => text.slice(n * BODY_CHARS, (n + 1) * BODY_CHARS));
}
