// The addresses inbound mail arrives at, on MAIL_DOMAIN: reply addresses `r+<token>` and mailto
// unsubscribe addresses `u+<token>` that name a tenant and a subscriber, and a tenant's privacy
// address `privacy+<slug>.<region>`. Tokens use lower-case base32 only (MTAs may fold the case of
// local parts), carry the region mark first, and end in a truncated HMAC so they cannot be forged.

import type { MasterKeyring } from './crypto/keyring';
import { timingSafeEqual, utf8 } from './encoding';
import { isIdBody, isRegion, regionFromMark, regionMark, type Region } from './regions';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const MAC_BYTES = 10;

/** `r`: replies to a message we sent; `u`: the RFC 2369 mailto unsubscribe address. */
export type AddressKind = 'r' | 'u';

export type AddressToken = { kind: AddressKind; region: Region; tenantId: string; subscriberId: string };

const TOKEN =
  /^([ru])\+([eu])([0-9a-hjkmnp-tv-z])([0-9a-hjkmnp-tv-z]{20})([0-9a-hjkmnp-tv-z]{20})([0-9a-hjkmnp-tv-z]{16})$/;
const PRIVACY = /^privacy\+([a-z0-9][a-z0-9-]{0,47})\.(eu|us)$/;

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

const keyCache = new WeakMap<MasterKeyring, Map<number, Promise<CryptoKey>>>();

function macKey(ring: MasterKeyring, version: number): Promise<CryptoKey> | null {
  const base = ring.derivation.get(version);
  if (!base) return null;
  let perRing = keyCache.get(ring);
  if (!perRing) {
    perRing = new Map();
    keyCache.set(ring, perRing);
  }
  let key = perRing.get(version);
  if (!key) {
    key = crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: utf8('tm/mail-address') },
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign'],
    );
    perRing.set(version, key);
  }
  return key;
}

async function mac(key: CryptoKey, t: AddressToken): Promise<string> {
  const sig = await crypto.subtle.sign(
    'HMAC',
    key,
    utf8(`${t.kind}|${t.region}|${t.tenantId}|${t.subscriberId}`),
  );
  return base32(new Uint8Array(sig).subarray(0, MAC_BYTES));
}

function idBodies(
  tenantId: string,
  subscriberId: string,
): { region: Region; tenant: string; subscriber: string } {
  const t = /^ten_(eu|us)_([0-9a-z]{20})$/.exec(tenantId);
  const s = /^sub_([0-9a-z]{20})$/.exec(subscriberId);
  if (!t || !s || !isRegion(t[1]) || !isIdBody(t[2]!) || !isIdBody(s[1]!))
    throw new Error('reply address: malformed tenant or subscriber id');
  return { region: t[1], tenant: t[2]!, subscriber: s[1]! };
}

/** The local part `r+…` / `u+…` (60 characters) naming one subscriber of one tenant. */
export async function mintAddressToken(
  ring: MasterKeyring,
  kind: AddressKind,
  tenantId: string,
  subscriberId: string,
): Promise<string> {
  const ids = idBodies(tenantId, subscriberId);
  if (ring.current > 31)
    throw new Error('reply address: master key versions above 31 do not fit one base32 digit');
  const key = await macKey(ring, ring.current)!;
  const sig = await mac(key, { kind, region: ids.region, tenantId, subscriberId });
  return `${kind}+${regionMark(ids.region)}${ALPHABET[ring.current]}${ids.tenant}${ids.subscriber}${sig}`;
}

/** The reply address for a message to one subscriber: `r+<token>@<domain>`. */
export async function replyAddress(
  ring: MasterKeyring,
  domain: string,
  tenantId: string,
  subscriberId: string,
): Promise<string> {
  return `${await mintAddressToken(ring, 'r', tenantId, subscriberId)}@${domain}`;
}

/** The mailto unsubscribe address for `List-Unsubscribe`: `u+<token>@<domain>`. */
export async function unsubscribeAddress(
  ring: MasterKeyring,
  domain: string,
  tenantId: string,
  subscriberId: string,
): Promise<string> {
  return `${await mintAddressToken(ring, 'u', tenantId, subscriberId)}@${domain}`;
}

/** Opens a token local part (any letter case); null when it is malformed or forged. */
export async function openAddressToken(ring: MasterKeyring, localPart: string): Promise<AddressToken | null> {
  const m = TOKEN.exec(localPart.toLowerCase());
  if (!m) return null;
  const region = regionFromMark(m[2]!)!;
  const key = macKey(ring, ALPHABET.indexOf(m[3]!));
  if (!key) return null;
  const token: AddressToken = {
    kind: m[1] as AddressKind,
    region,
    tenantId: `ten_${region}_${m[4]}`,
    subscriberId: `sub_${m[5]}`,
  };
  return timingSafeEqual(await mac(await key, token), m[6]!) ? token : null;
}

/** A tenant's privacy address: `privacy+<slug>.<region>@<domain>` (the region routes it). */
export function privacyAddress(tenant: { slug: string; region: Region }, domain: string): string {
  return `privacy+${tenant.slug.toLowerCase()}.${tenant.region}@${domain}`;
}

/** The slug and region a privacy-address local part names; null for anything else. */
export function parsePrivacyLocalPart(localPart: string): { slug: string; region: Region } | null {
  const m = PRIVACY.exec(localPart.toLowerCase());
  return m ? { slug: m[1]!, region: m[2] as Region } : null;
}

/** Splits a recipient into local part and domain (lower-cased domain); null when not an address. */
export function splitAddress(address: string): { local: string; domain: string } | null {
  const at = address.trim().lastIndexOf('@');
  if (at <= 0 || at === address.trim().length - 1) return null;
  const value = address.trim();
  return {
    local: value.slice(0, at),
    domain: value
      .slice(at + 1)
      .toLowerCase()
      .replace(/\.$/, ''),
  };
}
