// Packs the 20-character base32 bodies of ids (`sub_…`, 100 bits each) into bytes and back, so
// tokens that carry several ids stay short: four ids take 50 bytes instead of 96 characters.

import { fromBase64Url, toBase64Url } from './encoding';
import { isIdBody } from './regions';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const BODY_CHARS = 20;
const BODY_BITS = BODY_CHARS * 5;

/** base64url of the packed bodies; throws on anything that is not an id body. */
export function packIdBodies(bodies: readonly string[]): string {
  const bytes = new Uint8Array(Math.ceil((bodies.length * BODY_BITS) / 8));
  let bit = 0;
  for (const body of bodies) {
    if (!isIdBody(body)) throw new Error('not an id body');
    for (const ch of body) {
      const v = ALPHABET.indexOf(ch);
      for (let i = 4; i >= 0; i--, bit++) if ((v >> i) & 1) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
    }
  }
  return toBase64Url(bytes);
}

/** The bodies packed by `packIdBodies`, or null when `packed` cannot hold exactly `count` of them. */
export function unpackIdBodies(packed: string, count: number): string[] | null {
  const bytes = fromBase64Url(packed);
  if (!bytes || bytes.length !== Math.ceil((count * BODY_BITS) / 8)) return null;
  const out: string[] = [];
  let bit = 0;
  for (let n = 0; n < count; n++) {
    let body = '';
    for (let c = 0; c < BODY_CHARS; c++) {
      let v = 0;
      for (let i = 0; i < 5; i++, bit++) v = (v << 1) | ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1);
      body += ALPHABET[v];
    }
    out.push(body);
  }
  return out;
}
