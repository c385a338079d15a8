// HKDF-SHA-256 with a fixed zero salt: every key the system derives (token and mail-address keys
// from the master key, a tenant's four keys from its secret) comes from here, told apart by `info`.

import { utf8 } from '../encoding';

export type DerivedAlgorithm = Parameters<SubtleCrypto['deriveKey']>[2];
export type KeyUse = 'encrypt' | 'decrypt' | 'sign' | 'wrapKey';

export const AES_256 = { name: 'AES-GCM', length: 256 } as const;
export const HMAC_SHA_256 = { name: 'HMAC', hash: 'SHA-256', length: 256 } as const;

/** The non-extractable key for `info` derived from an HKDF base key. */
export function hkdf(
  base: CryptoKey,
  info: string,
  algorithm: DerivedAlgorithm,
  usages: KeyUse[],
): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: utf8(info) },
    base,
    algorithm,
    false,
    usages,
  );
}
