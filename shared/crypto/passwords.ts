// Password hashing for admin users (PBKDF2-SHA-256; 100,000 iterations is the Workers maximum)
// and hashing of high-entropy secrets such as API keys (plain SHA-256 suffices for those).

import { fromBase64, sha256Hex, toBase64, utf8 } from '../encoding';
import { timingSafeEqual } from './timing-safe-equal';

const ITERATIONS = 100_000;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2$${ITERATIONS}$${toBase64(salt)}$${toBase64(await derive(password, salt, ITERATIONS))}`;
}

/** Whether `password` is the one `stored` was made from; false for anything not such a hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash, ...rest] = stored.split('$');
  const rounds = Number(iterations);
  if (scheme !== 'pbkdf2' || rest.length || !Number.isInteger(rounds) || rounds < 1 || rounds > ITERATIONS)
    return false;
  let saltBytes: Uint8Array<ArrayBuffer>;
  let expected: Uint8Array;
  try {
    saltBytes = fromBase64(salt ?? '');
    expected = fromBase64(hash ?? '');
  } catch {
    return false;
  }
  if (saltBytes.length === 0 || expected.length === 0) return false;
  return timingSafeEqual(await derive(password, saltBytes, rounds), expected);
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
