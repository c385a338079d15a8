// Byte encodings used by ids, crypto, tokens and hashes: base64, base64url, Crockford base32, hex,
// UTF-8.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export const utf8 = (s: string): Uint8Array<ArrayBuffer> => encoder.encode(s) as Uint8Array<ArrayBuffer>;
export const fromUtf8 = (b: Uint8Array): string => decoder.decode(b);

/** `Uint8Array.prototype.toBase64` where the runtime has it (workerd does; Node 22 does not). */
const nativeToBase64 = (Uint8Array.prototype as { toBase64?: (this: Uint8Array) => string }).toBase64;

export function toBase64(bytes: Uint8Array): string {
  if (nativeToBase64) return nativeToBase64.call(bytes);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** Decodes standard base64; throws on anything else. */
export function fromBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const B64URL = /^[A-Za-z0-9_-]*$/;
const B64URL_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Decodes unpadded base64url; returns null for anything that is not, and for a non-canonical
 * spelling: the unused low bits of the last character must be zero, so one value has exactly
 * one text (a token cannot be varied into 4 or 16 spellings that all open).
 */
export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> | null {
  const tail = s.length % 4;
  if (!B64URL.test(s) || tail === 1) return null;
  // The last character of 2 (3) trailing characters carries 4 (2) bits beyond the last byte.
  if (tail > 0 && B64URL_DIGITS.indexOf(s[s.length - 1]!) & (tail === 2 ? 0x0f : 0x03)) return null;
  return fromBase64(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4));
}

/** Crockford's base32 in lower case (no i, l, o, u): ids, reply addresses, packed id bodies. */
export const BASE32_DIGITS = '0123456789abcdefghjkmnpqrstvwxyz';
const BASE32_TEXT = /^[0-9a-hjkmnp-tv-z]*$/;

export const isBase32 = (text: string): boolean => BASE32_TEXT.test(text);

/** Base32 of `bytes`, most significant bit first; a last partial digit is padded with zero bits. */
export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_DIGITS[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_DIGITS[(value << (5 - bits)) & 31];
  return out;
}

/**
 * The bits of base32 `text`, most significant first, in bytes; a last partial byte is padded with
 * zero bits (20 digits, 100 bits, take 13 bytes). Null when `text` is not lower-case base32.
 */
export function fromBase32(text: string): Uint8Array<ArrayBuffer> | null {
  if (!isBase32(text)) return null;
  const out = new Uint8Array(Math.ceil((text.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of text) {
    value = ((value << 5) | BASE32_DIGITS.indexOf(ch)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out[at++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  if (bits > 0) out[at] = (value << (8 - bits)) & 0xff;
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))));
}
