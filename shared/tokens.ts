// Sealed URL tokens: AES-GCM under a key derived from the master key per purpose, so a token is
// authenticated, its contents are unreadable to whoever sees the URL, and a token minted for one
// purpose or region is useless for another. Shape: `<region mark><master version>.<base64url>`.

import { AppError } from './errors';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './encoding';
import { open, seal } from './crypto/aead';
import { AES_256 } from './crypto/hkdf';
import { type MasterKeyring, masterSubkey } from './crypto/keyring';
import { regionFromMark, regionMark, type Region } from './regions';

export const TOKEN_PURPOSES = [
  'link',
  'confirm',
  'answer',
  'form',
  'request_verify',
  'request_export',
  'preferences',
  'unsubscribe',
  'address_change',
  'admin_password',
  'sso_state',
] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

function tokenKey(ring: MasterKeyring, version: number, purpose: TokenPurpose): Promise<CryptoKey> {
  const key = masterSubkey(ring, version, `tm/token/${purpose}`, AES_256, ['encrypt', 'decrypt']);
  if (!key) throw new AppError('invalid_token', 'This link is not valid.');
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
