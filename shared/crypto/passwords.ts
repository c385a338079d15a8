// Password hashing for admin users (PBKDF2-SHA-256; 100,000 iterations is the Workers maximum)
// and hashing of high-entropy secrets such as API keys (plain SHA-256 suffices for those).

import { fromBase64, sha256Hex, toBase64, utf8 } from '../encoding';
import { timingSafeEqual } from './timing-safe-equal';

const ITERATIONS = 100_000;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2$${ITERATIONS}$${toBase64(salt)}$${toBase64(await derive(password, salt, ITERATIONS))}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split('$');
  if (scheme !== 'pbkdf2' || !iterations || !salt || !hash) return false;
  return timingSafeEqual(await derive(password, fromBase64(salt), Number(iterations)), fromBase64(hash));
}

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    256,
  );
  return new Uint8Array(bits);
}

/** Hash of a random secret (API key, session id) for storage and lookup. */
export const hashSecret = sha256Hex;
