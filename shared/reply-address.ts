// The addresses inbound mail arrives at, on MAIL_DOMAIN: reply addresses `r+<token>` and mailto
// unsubscribe addresses `u+<token>` that name a tenant and a subscriber, and a tenant's privacy
// address `privacy+<slug>.<region>`. Tokens use lower-case base32 only (MTAs may fold the case of
// local parts), carry the region mark first, and end in a truncated HMAC so they cannot be forged.

import { HMAC_SHA_256 } from './crypto/hkdf';
import { type MasterKeyring, masterSubkey } from './crypto/keyring';
import { timingSafeEqual } from './crypto/timing-safe-equal';
import { BASE32_DIGITS, fromBase32, isBase32, toBase32, utf8 } from './encoding';
import { isIdBody, isRegion, regionFromMark, regionMark, type Region } from './regions';
import { parseWorkspace, workspaceName } from './workspace';

const MAC_BYTES = 10;
/** Master key versions 0–31 fit the one base32 digit an address token gives them. */
const MAX_VERSION = 31;

/** `r`: replies to a message we sent; `u`: the RFC 2369 mailto unsubscribe address. */
export type AddressKind = 'r' | 'u';

export type AddressToken = { kind: AddressKind; region: Region; tenantId: string; subscriberId: string };

// kind, region mark, then 57 base32 digits: master version (1), tenant (20), subscriber (20), MAC (16).
const TOKEN = /^([ru])\+([eu])([0-9a-z]{57})$/;

const macKey = (ring: MasterKeyring, version: number) =>
  masterSubkey(ring, version, 'tm/mail-address', HMAC_SHA_256, ['sign']);

async function mac(key: CryptoKey, t: AddressToken): Promise<Uint8Array> {
  const sig = await crypto.subtle.sign(
    'HMAC',
    key,
    utf8(`${t.kind}|${t.region}|${t.tenantId}|${t.subscriberId}`),
  );
  return new Uint8Array(sig).subarray(0, MAC_BYTES);
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
  if (ring.current > MAX_VERSION)
    throw new Error('reply address: master key versions above 31 do not fit one base32 digit');
  const sig = await mac((await macKey(ring, ring.current))!, {
    kind,
    region: ids.region,
    tenantId,
    subscriberId,
  });
  const version = BASE32_DIGITS[ring.current];
  return `${kind}+${regionMark(ids.region)}${version}${ids.tenant}${ids.subscriber}${toBase32(sig)}`;
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
  if (!m || !isBase32(m[3]!)) return null;
  const digits = m[3]!;
  const region = regionFromMark(m[2]!)!;
  const key = macKey(ring, BASE32_DIGITS.indexOf(digits[0]!));
  if (!key) return null;
  const token: AddressToken = {
    kind: m[1] as AddressKind,
    region,
    tenantId: `ten_${region}_${digits.slice(1, 21)}`,
    subscriberId: `sub_${digits.slice(21, 41)}`,
  };
  return timingSafeEqual(await mac(await key, token), fromBase32(digits.slice(41))!) ? token : null;
}

/** A tenant's privacy address: `privacy+<workspace>@<domain>` (the region routes it). */
export function privacyAddress(tenant: { slug: string; region: Region }, domain: string): string {
  return `privacy+${workspaceName({ ...tenant, slug: tenant.slug.toLowerCase() })}@${domain}`;
}

/** The slug and region a privacy-address local part names; null for anything else. */
export function parsePrivacyLocalPart(localPart: string): { slug: string; region: Region } | null {
  const m = /^privacy\+(.+)$/.exec(localPart.toLowerCase());
  return m ? parseWorkspace(m[1]!) : null;
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
