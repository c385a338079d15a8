// Envelope encryption: master key → per-tenant secret → per-subscriber data key → fields.
// Every ciphertext is bound through AES-GCM additional data to its tenant, its owner and its
// field, so a ciphertext copied to another row, owner or field does not decrypt.

import { DecryptError, formatEnvelope, open, openText, parseEnvelope, seal, sealKey, sealText } from './aead';
import { AES_256, HMAC_SHA_256, hkdf } from './hkdf';
import type { MasterKeyring } from './keyring';

/** Keys derived from one tenant's secret. */
export type TenantKeys = {
  tenantId: string;
  /** Wraps subscriber data keys (AES-GCM: `encrypt`/`wrapKey` to wrap, `decrypt` to unwrap). */
  kek: CryptoKey;
  /** Encrypts tenant-owned personal data that belongs to no subscriber (admin emails, webhook secrets). */
  dataKey: CryptoKey;
  /** HMAC key of the email blind index. */
  indexKey: CryptoKey;
  /** HMAC key of EU subscribers' pseudonyms. */
  pseudonymKey: CryptoKey;
};

/** A subscriber's own data key, unwrapped. */
export type SubscriberKey = { tenantId: string; subscriberId: string; key: CryptoKey };

const TENANT_TAG = 't';
const DEK_TAG = 'd';
const FIELD_TAG = 'f';
const DEK_VERSION = 1;
const FIELD_VERSION = 1;

const tenantAad = (tenantId: string) => `tm/tenant-key/${tenantId}`;
const dekAad = (tenantId: string, subscriberId: string) => `tm/data-key/${tenantId}/${subscriberId}`;
const fieldAad = (tenantId: string, ownerId: string, field: string) =>
  `tm/field/${tenantId}/${ownerId}/${field}`;

/** A new tenant secret, wrapped by the current master key version. */
export async function createTenantKey(ring: MasterKeyring, tenantId: string): Promise<string> {
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const wrapping = ring.wrapping.get(ring.current)!;
  return formatEnvelope(TENANT_TAG, ring.current, await seal(wrapping, secret, tenantAad(tenantId)));
}

async function unwrapTenantSecret(ring: MasterKeyring, tenantId: string, wrapped: string) {
  const { version, sealed } = parseEnvelope(wrapped, TENANT_TAG);
  const wrapping = ring.wrapping.get(version);
  if (!wrapping) throw new DecryptError(`master key version ${version} is not in MASTER_KEY`);
  return open(wrapping, sealed, tenantAad(tenantId));
}

export async function unwrapTenantKey(
  ring: MasterKeyring,
  tenantId: string,
  wrapped: string,
): Promise<TenantKeys> {
  const secret = await unwrapTenantSecret(ring, tenantId, wrapped);
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  const [kek, dataKey, indexKey, pseudonymKey] = await Promise.all([
    hkdf(base, 'tm/kek', AES_256, ['encrypt', 'decrypt', 'wrapKey']),
    hkdf(base, 'tm/tenant-data', AES_256, ['encrypt', 'decrypt']),
    hkdf(base, 'tm/blind-index', HMAC_SHA_256, ['sign']),
    hkdf(base, 'tm/pseudonym', HMAC_SHA_256, ['sign']),
  ]);
  return { tenantId, kek, dataKey, indexKey, pseudonymKey };
}

/** How long an isolate keeps a tenant's unwrapped keys, and for how many tenants at most. */
export const TENANT_KEYS_TTL_MS = 10 * 60_000;
const TENANT_KEYS_MAX = 1_000;

/**
 * A tenant's keys, unwrapped (four HKDF derivations) once per keyring and TTL: the keyring's
 * cache holds one entry per tenant, replaced when its wrapped key changes (rotation), the oldest
 * dropped beyond TENANT_KEYS_MAX. A failed unwrap is not remembered.
 */
export function tenantKeysOf(
  ring: MasterKeyring,
  tenantId: string,
  wrapped: string,
  now = Date.now(),
): Promise<TenantKeys> {
  const hit = ring.tenants.get(tenantId);
  if (hit && hit.wrapped === wrapped && now - hit.at < TENANT_KEYS_TTL_MS) return hit.keys;
  const keys = unwrapTenantKey(ring, tenantId, wrapped);
  keys.catch(() => {
    if (ring.tenants.get(tenantId)?.keys === keys) ring.tenants.delete(tenantId);
  });
  ring.tenants.delete(tenantId);
  if (ring.tenants.size >= TENANT_KEYS_MAX) ring.tenants.delete(ring.tenants.keys().next().value!);
  ring.tenants.set(tenantId, { wrapped, at: now, keys });
  return keys;
}

/** Master-key version that wrapped a tenant key. */
export function tenantKeyVersion(wrapped: string): number {
  return parseEnvelope(wrapped, TENANT_TAG).version;
}

/**
 * Rotation: re-wraps a tenant secret under the current master key version. Subscriber data
 * keys and field ciphertexts are untouched, because the tenant secret itself does not change.
 */
export async function rewrapTenantKey(
  ring: MasterKeyring,
  tenantId: string,
  wrapped: string,
): Promise<string> {
  const secret = await unwrapTenantSecret(ring, tenantId, wrapped);
  const wrapping = ring.wrapping.get(ring.current)!;
  return formatEnvelope(TENANT_TAG, ring.current, await seal(wrapping, secret, tenantAad(tenantId)));
}

/**
 * A new data key for one subscriber: the key itself and its wrapped form for storage. The key is
 * generated in place and wrapped by the KEK with AES-GCM (`iv || ciphertext+tag` of its 32 raw
 * bytes, as `seal` writes), so it needs no import; `unwrapSubscriberKey` opens either way.
 */
export async function createSubscriberKey(
  tenant: TenantKeys,
  subscriberId: string,
): Promise<{ key: SubscriberKey; wrapped: string }> {
  const key = (await crypto.subtle.generateKey(AES_256, true, ['encrypt', 'decrypt'])) as CryptoKey;
  const wrapped = formatEnvelope(
    DEK_TAG,
    DEK_VERSION,
    await sealKey(tenant.kek, key, dekAad(tenant.tenantId, subscriberId)),
  );
  return { key: { tenantId: tenant.tenantId, subscriberId, key }, wrapped };
}

export async function unwrapSubscriberKey(
  tenant: TenantKeys,
  subscriberId: string,
  wrapped: string,
): Promise<SubscriberKey> {
  const { sealed } = parseEnvelope(wrapped, DEK_TAG);
  const raw = await open(tenant.kek, sealed, dekAad(tenant.tenantId, subscriberId));
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { tenantId: tenant.tenantId, subscriberId, key };
}

/** Encrypts one personal field of a subscriber. */
export async function encryptField(key: SubscriberKey, field: string, plaintext: string): Promise<string> {
  const aad = fieldAad(key.tenantId, key.subscriberId, field);
  return formatEnvelope(FIELD_TAG, FIELD_VERSION, await sealText(key.key, plaintext, aad));
}

/** Decrypts one personal field; throws DecryptError when it was moved, altered or shredded. */
export async function decryptField(key: SubscriberKey, field: string, ciphertext: string): Promise<string> {
  const { sealed } = parseEnvelope(ciphertext, FIELD_TAG);
  return openText(key.key, sealed, fieldAad(key.tenantId, key.subscriberId, field));
}

/** Encrypts personal data the tenant holds outside any subscriber (owner: an admin id, an endpoint id). */
export async function encryptTenantField(
  tenant: TenantKeys,
  ownerId: string,
  field: string,
  plaintext: string,
) {
  const aad = fieldAad(tenant.tenantId, ownerId, field);
  return formatEnvelope(FIELD_TAG, FIELD_VERSION, await sealText(tenant.dataKey, plaintext, aad));
}

export async function decryptTenantField(
  tenant: TenantKeys,
  ownerId: string,
  field: string,
  ciphertext: string,
) {
  const { sealed } = parseEnvelope(ciphertext, FIELD_TAG);
  return openText(tenant.dataKey, sealed, fieldAad(tenant.tenantId, ownerId, field));
}
