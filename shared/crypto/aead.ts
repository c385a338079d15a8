// AES-256-GCM with a random 96-bit IV and additional data, in the compact form
// `<tag><version>.<base64(iv || ciphertext+tag)>` that every stored ciphertext uses.

import { concatBytes, fromBase64, fromUtf8, toBase64, utf8 } from '../encoding';

const IV_BYTES = 12;

export class DecryptError extends Error {
  constructor(message = 'ciphertext does not decrypt') {
    super(message);
    this.name = 'DecryptError';
  }
}

/** `iv || result` of `op` run with a fresh IV and `aad` as AES-GCM's parameters. */
async function withFreshIv(
  aad: string,
  op: (params: SubtleCryptoEncryptAlgorithm) => Promise<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = await op({ name: 'AES-GCM', iv, additionalData: utf8(aad) });
  return concatBytes(iv, new Uint8Array(ct));
}

export function seal(key: CryptoKey, plaintext: Uint8Array, aad: string): Promise<Uint8Array<ArrayBuffer>> {
  return withFreshIv(aad, (params) =>
    crypto.subtle.encrypt(params, key, plaintext as Uint8Array<ArrayBuffer>),
  );
}

/**
 * An extractable key's raw bytes sealed like `seal` does (`iv || ciphertext+tag`), by `wrapKey`
 * with `key`, so that `open` returns the raw bytes again.
 */
export function sealKey(key: CryptoKey, sealedKey: CryptoKey, aad: string): Promise<Uint8Array<ArrayBuffer>> {
  return withFreshIv(aad, (params) => crypto.subtle.wrapKey('raw', sealedKey, key, params));
}

export async function open(
  key: CryptoKey,
  sealed: Uint8Array,
  aad: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (sealed.length < IV_BYTES + 16) throw new DecryptError('ciphertext too short');
  try {
    const pt = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.subarray(0, IV_BYTES), additionalData: utf8(aad) },
      key,
      sealed.subarray(IV_BYTES),
    );
    return new Uint8Array(pt);
  } catch {
    throw new DecryptError();
  }
}

const ENVELOPE = /^([a-z])(\d{1,4})\.([A-Za-z0-9+/]+={0,2})$/;

export function formatEnvelope(tag: string, version: number, sealed: Uint8Array): string {
  return `${tag}${version}.${toBase64(sealed)}`;
}

export function parseEnvelope(
  value: string,
  tag: string,
): { version: number; sealed: Uint8Array<ArrayBuffer> } {
  const m = ENVELOPE.exec(value);
  if (!m || m[1] !== tag) throw new DecryptError('not a ciphertext of the expected kind');
  return { version: Number(m[2]), sealed: fromBase64(m[3]!) };
}

export const sealText = (key: CryptoKey, text: string, aad: string) => seal(key, utf8(text), aad);
export const openText = async (key: CryptoKey, sealed: Uint8Array, aad: string) =>
  fromUtf8(await open(key, sealed, aad));
