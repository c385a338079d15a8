// Email normalisation, the HMAC-SHA-256 blind index that finds a subscriber by address without
// storing it, and the stable pseudonym that stands in for an EU subscriber everywhere.

import { toHex, utf8 } from '../encoding';

const LOCAL_PART = /^[^\s@"<>()[\]\\,;:]{1,64}$/;

/**
 * The canonical form of an address: trimmed, Unicode NFC, lower-case, the domain in ASCII
 * (IDN → punycode). Returns null when the input is not an address.
 */
export function normaliseEmail(input: string): string | null {
  const value = input.normalize('NFC').trim().toLowerCase();
  if (value.length > 254) return null;
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return null;
  const local = value.slice(0, at);
  const domainInput = value.slice(at + 1).replace(/\.$/, '');
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return null;
  let domain: string;
  try {
    domain = new URL(`http://${domainInput}`).hostname;
  } catch {
    return null;
  }
  if (domain !== domainInput && domainInput.includes('%')) return null;
  if (!isDomainName(domain)) return null;
  return `${local}@${domain}`;
}

/** A host name in ASCII (IDN as punycode) with at least two labels and a top-level domain. */
export function isDomainName(host: string): boolean {
  return /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(
    host,
  );
}

async function hmacHex(key: CryptoKey, text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(text))));
}

/** Blind index of an address that is already normalised. */
export function blindIndex(indexKey: CryptoKey, normalisedEmail: string): Promise<string> {
  return hmacHex(indexKey, normalisedEmail);
}

const PSEUDONYM_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** A stable, non-reversible pseudonym such as `anon-k7q2mx9d` for one subscriber id. */
export async function pseudonymFor(pseudonymKey: CryptoKey, subscriberId: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', pseudonymKey, utf8(subscriberId)));
  let out = '';
  for (let i = 0; i < 8; i++) out += PSEUDONYM_ALPHABET[mac[i]! % PSEUDONYM_ALPHABET.length];
  return `anon-${out}`;
}
