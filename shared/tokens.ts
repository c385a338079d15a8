// Sealed URL tokens: AES-GCM under a key derived from the master key per purpose, so a token is
// authenticated, its contents are unreadable to whoever sees the URL, and a token minted for one
// purpose or region is useless for another. Shape: `<region mark><master version>.<base64url>`.

import { AppError } from './errors';
import { fromBase64Url, toBase64Url, utf8, fromUtf8 } from './encoding';
import type { MasterKeyring } from './crypto/keyring';
import { open, seal } from './crypto/aead';
import { regionFromMark, regionMark, type Region } from './regions';

export const TOKEN_PURPOSES = [
  'link',
  'confirm',
  'answer',
  'form',
  'request_verify',
  'request_export',
] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

const keyCache = new WeakMap<MasterKeyring, Map<string, Promise<CryptoKey>>>();

function tokenKey(ring: MasterKeyring, version: number, purpose: TokenPurpose): Promise<CryptoKey> {
  let perRing = keyCache.get(ring);
  if (!perRing) {
    perRing = new Map();
    keyCache.set(ring, perRing);
  }
  const id = `${version}/${purpose}`;
  let key = perRing.get(id);
  if (!key) {
    const base = ring.derivation.get(version);
    if (!base) throw new AppError('invalid_token', 'This link is not valid.');
    key = crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: utf8(`tm/token/${purpose}`) },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
    perRing.set(id, key);
  }
  return key;
}

const aadFor = (purpose: TokenPurpose, region: Region) => `tm/token/${purpose}/${region}`;

/** Seals `payload` with an expiry (`exp`, epoch seconds) into a URL-safe token. */
export async function sealToken(
  ring: MasterKeyring,
  region: Region,
  purpose: TokenPurpose,
  payload: Record<string, unknown>,
  ttlSeconds: number,
  now = Date.now(),
): Promise<string> {
  const body = JSON.stringify({ ...payload, exp: Math.floor(now / 1000) + ttlSeconds });
  const key = await tokenKey(ring, ring.current, purpose);
  const sealed = await seal(key, utf8(body), aadFor(purpose, region));
  return `${regionMark(region)}${ring.current}.${toBase64Url(sealed)}`;
}

const TOKEN_SHAPE = /^([eu])(\d{1,4})\.([A-Za-z0-9_-]{38,2048})$/;

/** The region a token claims, read without opening it (for routing); null when malformed. */
export function tokenRegion(token: string): Region | null {
  const m = TOKEN_SHAPE.exec(token);
  return m ? regionFromMark(m[1]!) : null;
}

/**
 * Opens a token of the given purpose. Throws AppError `invalid_token` for anything malformed,
 * tampered, of another purpose or region, or expired, without saying which (no oracle).
 */
export async function openToken(
  ring: MasterKeyring,
  token: string,
  purpose: TokenPurpose,
  now = Date.now(),
): Promise<{ region: Region; payload: Record<string, unknown> & { exp: number } }> {
  const invalid = () => new AppError('invalid_token', 'This link is not valid or has expired.');
  const m = TOKEN_SHAPE.exec(token);
  if (!m) throw invalid();
  const region = regionFromMark(m[1]!)!;
  const version = Number(m[2]);
  const sealed = fromBase64Url(m[3]!);
  if (!sealed || !ring.derivation.has(version)) throw invalid();
  let payload: unknown;
  try {
    const key = await tokenKey(ring, version, purpose);
    payload = JSON.parse(fromUtf8(await open(key, sealed, aadFor(purpose, region))));
  } catch {
    throw invalid();
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw invalid();
  const exp = (payload as { exp?: unknown }).exp;
  if (typeof exp !== 'number' || exp * 1000 < now) throw invalid();
  return { region, payload: payload as Record<string, unknown> & { exp: number } };
}
