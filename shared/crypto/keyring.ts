// The master keyring: the Worker secret MASTER_KEY holds one or more versioned 256-bit keys.
// The highest version wraps new tenant keys; older versions stay readable until rotation has
// re-wrapped every tenant key (see rewrapTenantKey). Keys derived from it are derived once per
// keyring (`masterSubkey`), and so are tenants' keys, for a while (`tenantKeysOf` in envelope.ts).

import { fromBase64 } from '../encoding';
import type { TenantKeys } from './envelope';
import { type DerivedAlgorithm, hkdf, type KeyUse } from './hkdf';

export type MasterKeyring = {
  current: number;
  /** AES-GCM keys that wrap tenant secrets, by version. */
  wrapping: Map<number, CryptoKey>;
  /** HKDF base keys for deriving token keys, by version. */
  derivation: Map<number, CryptoKey>;
  /** Keys derived so far, by `<version>/<info>` (see masterSubkey). */
  derived: Map<string, Promise<CryptoKey>>;
  /** Tenants' unwrapped keys by tenant id, with the wrapped key and time they came from (see tenantKeysOf). */
  tenants: Map<string, { wrapped: string; at: number; keys: Promise<TenantKeys> }>;
};

const ENTRY = /^(?:v?(\d{1,4}):)?([A-Za-z0-9+/]{43}=)$/;

/**
 * Parses `MASTER_KEY`: either one base64 key (version 1) or entries `v<N>:<base64>` separated by
 * spaces or commas. Throws (without echoing the secret) when the secret is malformed.
 */
export async function importMasterKeyring(secret: string | undefined): Promise<MasterKeyring> {
  if (!secret) throw new Error('MASTER_KEY is not set');
  const wrapping = new Map<number, CryptoKey>();
  const derivation = new Map<number, CryptoKey>();
  for (const entry of secret.trim().split(/[\s,]+/)) {
    const m = ENTRY.exec(entry);
    if (!m) throw new Error('MASTER_KEY is malformed: expected base64 of 32 bytes, optionally as v<N>:<key>');
    const version = m[1] ? Number(m[1]) : 1;
    const raw = fromBase64(m[2]!);
    if (raw.length !== 32) throw new Error('MASTER_KEY entries must be 32 bytes');
    if (wrapping.has(version)) throw new Error(`MASTER_KEY has version ${version} twice`);
    wrapping.set(
      version,
      await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']),
    );
    derivation.set(
      version,
      await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey', 'deriveBits']),
    );
  }
  return {
    current: Math.max(...wrapping.keys()),
    wrapping,
    derivation,
    derived: new Map(),
    tenants: new Map(),
  };
}

/**
 * The key for `info` derived from master key `version`, derived once per keyring; null when
 * MASTER_KEY holds no such version. One `info` always names one algorithm and usage.
 */
export function masterSubkey(
  ring: MasterKeyring,
  version: number,
  info: string,
  algorithm: DerivedAlgorithm,
  usages: KeyUse[],
): Promise<CryptoKey> | null {
  const base = ring.derivation.get(version);
  if (!base) return null;
  const id = `${version}/${info}`;
  let key = ring.derived.get(id);
  if (!key) {
    key = hkdf(base, info, algorithm, usages);
    ring.derived.set(id, key);
  }
  return key;
}

const cache = new Map<string, Promise<MasterKeyring>>();

/** The keyring for a secret value, imported once per isolate. */
export function masterKeyring(secret: string | undefined): Promise<MasterKeyring> {
  const key = secret ?? '';
  let ring = cache.get(key);
  if (!ring) {
    ring = importMasterKeyring(secret);
    ring.catch(() => cache.delete(key));
    cache.set(key, ring);
  }
  return ring;
}
