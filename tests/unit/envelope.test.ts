// Envelope encryption, unit by unit: field round trips, binding of a ciphertext to its tenant,
// owner and field, rotation of the master key, and what crypto-shredding leaves unreadable.

import { describe, expect, it, vi } from 'vitest';
import { DecryptError, seal } from '../../shared/crypto/aead';
import {
  createSubscriberKey,
  createTenantKey,
  decryptField,
  decryptTenantField,
  encryptField,
  rewrapTenantKey,
  TENANT_KEYS_TTL_MS,
  tenantKeysOf,
  tenantKeyVersion,
  unwrapSubscriberKey,
  unwrapTenantKey,
} from '../../shared/crypto/envelope';
import { importMasterKeyring } from '../../shared/crypto/keyring';
import { fromBase64, toBase64 } from '../../shared/encoding';

const K1 = toBase64(new Uint8Array(32).fill(1));
const K2 = toBase64(new Uint8Array(32).fill(2));

async function setup() {
  const ring = await importMasterKeyring(`v1:${K1}`);
  const wrapped = await createTenantKey(ring, 'ten_eu_a');
  const tenant = await unwrapTenantKey(ring, 'ten_eu_a', wrapped);
  const { key, wrapped: dek } = await createSubscriberKey(tenant, 'sub_1');
  return { ring, wrapped, tenant, key, dek };
}

function flipBit(ct: string): string {
  const [prefix, b64] = ct.split('.') as [string, string];
  const bytes = fromBase64(b64);
  bytes[bytes.length - 5]! ^= 0x01;
  return `${prefix}.${toBase64(bytes)}`;
}

describe('envelope encryption', () => {
  it('round-trips a field, with a version prefix and a fresh IV each time', async () => {
    const { key } = await setup();
    const a = await encryptField(key, 'email', 'anna@example.org');
    const b = await encryptField(key, 'email', 'anna@example.org');
    expect(a).toMatch(/^f1\./);
    expect(a).not.toBe(b);
    expect(await decryptField(key, 'email', a)).toBe('anna@example.org');
    expect(await decryptField(key, 'name', await encryptField(key, 'name', ''))).toBe('');
    expect(await decryptField(key, 'name', await encryptField(key, 'name', 'Zoë Ñúñez 🌍'))).toBe(
      'Zoë Ñúñez 🌍',
    );
  });

  it('detects a flipped bit', async () => {
    const { key } = await setup();
    const ct = await encryptField(key, 'email', 'anna@example.org');
    await expect(decryptField(key, 'email', flipBit(ct))).rejects.toBeInstanceOf(DecryptError);
  });

  it('refuses a ciphertext moved to another field', async () => {
    const { key } = await setup();
    const ct = await encryptField(key, 'email', 'anna@example.org');
    await expect(decryptField(key, 'name', ct)).rejects.toBeInstanceOf(DecryptError);
  });

  it('refuses a ciphertext moved to another subscriber, even with that subscriber key', async () => {
    const { tenant, key } = await setup();
    const ct = await encryptField(key, 'email', 'anna@example.org');
    const other = await createSubscriberKey(tenant, 'sub_2');
    await expect(decryptField(other.key, 'email', ct)).rejects.toBeInstanceOf(DecryptError);
    // Even the right key material under another subscriber id fails: the id is in the additional data.
    await expect(decryptField({ ...key, subscriberId: 'sub_2' }, 'email', ct)).rejects.toBeInstanceOf(
      DecryptError,
    );
  });

  it('refuses a data key or tenant key unwrapped under the wrong tenant', async () => {
    const { ring, wrapped, dek } = await setup();
    await expect(unwrapTenantKey(ring, 'ten_eu_b', wrapped)).rejects.toBeInstanceOf(DecryptError);
    const otherTenant = await unwrapTenantKey(ring, 'ten_eu_b', await createTenantKey(ring, 'ten_eu_b'));
    await expect(unwrapSubscriberKey(otherTenant, 'sub_1', dek)).rejects.toBeInstanceOf(DecryptError);
  });

  it('rotates the master key by re-wrapping tenant keys, leaving subscriber data readable', async () => {
    const { wrapped, tenant, dek } = await setup();
    const original = await unwrapSubscriberKey(tenant, 'sub_1', dek);
    const ct = await encryptField(original, 'email', 'anna@example.org');

    const both = await importMasterKeyring(`v2:${K2} v1:${K1}`);
    expect(both.current).toBe(2);
    const rewrapped = await rewrapTenantKey(both, 'ten_eu_a', wrapped);
    expect(tenantKeyVersion(wrapped)).toBe(1);
    expect(tenantKeyVersion(rewrapped)).toBe(2);

    const onlyNew = await importMasterKeyring(`v2:${K2}`);
    await expect(unwrapTenantKey(onlyNew, 'ten_eu_a', wrapped)).rejects.toBeInstanceOf(DecryptError);
    const tenantAfter = await unwrapTenantKey(onlyNew, 'ten_eu_a', rewrapped);
    const keyAfter = await unwrapSubscriberKey(tenantAfter, 'sub_1', dek);
    expect(await decryptField(keyAfter, 'email', ct)).toBe('anna@example.org');
  });

  it('makes a data key without importing it, and opens data keys wrapped before as well as new ones', async () => {
    const { tenant, key, dek } = await setup();
    // A new key: generated and wrapped in place; its envelope holds the IV and 32 sealed bytes.
    expect(dek).toMatch(/^d1\./);
    expect(fromBase64(dek.slice(3))).toHaveLength(12 + 32 + 16);
    const ct = await encryptField(key, 'email', 'anna@example.org');
    expect(await decryptField(await unwrapSubscriberKey(tenant, 'sub_1', dek), 'email', ct)).toBe(
      'anna@example.org',
    );
    // A key stored by the earlier code: random bytes sealed by the KEK, the field key imported from them.
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const stored = `d1.${toBase64(await seal(tenant.kek, raw, 'tm/data-key/ten_eu_a/sub_old'))}`;
    const imported = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    const old = await encryptField(
      { tenantId: 'ten_eu_a', subscriberId: 'sub_old', key: imported },
      'email',
      'ben@example.org',
    );
    expect(await decryptField(await unwrapSubscriberKey(tenant, 'sub_old', stored), 'email', old)).toBe(
      'ben@example.org',
    );
    // Bound to its subscriber: another subscriber's id does not unwrap it.
    await expect(unwrapSubscriberKey(tenant, 'sub_2', dek)).rejects.toBeInstanceOf(DecryptError);
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    try {
      await createSubscriberKey(tenant, 'sub_3');
      expect(importKey).not.toHaveBeenCalled();
    } finally {
      importKey.mockRestore();
    }
  });

  it('shreds: once the wrapped data key is deleted, no key the tenant keeps opens the fields', async () => {
    const { ring, wrapped, tenant, key, dek } = await setup();
    const ct = await encryptField(key, 'email', 'anna@example.org');
    // While the wrapped data key exists, the tenant key recovers it and the field opens.
    const recovered = await unwrapSubscriberKey(tenant, 'sub_1', dek);
    expect(await decryptField(recovered, 'email', ct)).toBe('anna@example.org');
    // What stays after an erasure deletes `subscriber_keys`: the master key, the tenant's keys
    // (re-derived from its wrapped secret) and the ciphertext, in a backup say. None of them opens it.
    const again = await unwrapTenantKey(ring, 'ten_eu_a', wrapped);
    for (const kept of [again.kek, again.dataKey, tenant.kek, tenant.dataKey]) {
      await expect(
        decryptField({ tenantId: 'ten_eu_a', subscriberId: 'sub_1', key: kept }, 'email', ct),
      ).rejects.toBeInstanceOf(DecryptError);
    }
    await expect(decryptTenantField(again, 'sub_1', 'email', ct)).rejects.toBeInstanceOf(DecryptError);
  });

  it('rejects malformed master keys without echoing them', async () => {
    await expect(importMasterKeyring(undefined)).rejects.toThrow('MASTER_KEY is not set');
    await expect(importMasterKeyring('short')).rejects.toThrow(/malformed/);
    await expect(importMasterKeyring(`v1:${K1} v1:${K2}`)).rejects.toThrow(/twice/);
    await expect(importMasterKeyring('secret-value-123')).rejects.not.toThrow(/secret-value-123/);
  });
});

describe('tenant keys kept by the keyring', () => {
  it('unwraps once per TTL, again after it, and anew when the wrapped key changes (rotation)', async () => {
    const { ring, wrapped, tenant } = await setup();
    const at = 1_000_000;
    const first = tenantKeysOf(ring, 'ten_eu_a', wrapped, at);
    expect(tenantKeysOf(ring, 'ten_eu_a', wrapped, at + TENANT_KEYS_TTL_MS - 1)).toBe(first);
    const later = tenantKeysOf(ring, 'ten_eu_a', wrapped, at + TENANT_KEYS_TTL_MS);
    expect(later).not.toBe(first);
    const field = await encryptField((await createSubscriberKey(await later, 'sub_2')).key, 'email', 'x@y.z');
    expect(field).toMatch(/^f1\./);
    const rewrapped = await rewrapTenantKey(ring, 'ten_eu_a', wrapped);
    const rotated = tenantKeysOf(ring, 'ten_eu_a', rewrapped, at + TENANT_KEYS_TTL_MS);
    expect(rotated).not.toBe(later);
    expect(ring.tenants.size).toBe(1);
    // The same secret under another wrapping: the same index key, so the blind index still finds people.
    const mac = async (k: CryptoKey) =>
      toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', k, new Uint8Array(4))));
    expect(await mac((await rotated).indexKey)).toBe(await mac(tenant.indexKey));
  });

  it("never serves one tenant's keys for another, not even for that tenant's wrapped key", async () => {
    const { ring, wrapped, tenant } = await setup();
    const mine = await tenantKeysOf(ring, 'ten_eu_a', wrapped);
    expect(mine.tenantId).toBe('ten_eu_a');
    // Tenant b's row holding tenant a's wrapped key (a forged or mixed-up row) does not unwrap.
    await expect(tenantKeysOf(ring, 'ten_eu_b', wrapped)).rejects.toBeInstanceOf(DecryptError);
    const theirs = await tenantKeysOf(ring, 'ten_eu_b', await createTenantKey(ring, 'ten_eu_b'));
    expect(theirs.tenantId).toBe('ten_eu_b');
    const mac = async (k: CryptoKey) =>
      toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', k, new Uint8Array(4))));
    expect(await mac(theirs.indexKey)).not.toBe(await mac(tenant.indexKey));
    expect(await tenantKeysOf(ring, 'ten_eu_a', wrapped)).toBe(mine);
    expect(ring.tenants.size).toBe(2);
  });

  it('forgets a wrapped key that does not unwrap', async () => {
    const { ring } = await setup();
    const other = await createTenantKey(await importMasterKeyring(`v1:${K2}`), 'ten_eu_a');
    await expect(tenantKeysOf(ring, 'ten_eu_a', other)).rejects.toBeInstanceOf(DecryptError);
    expect(ring.tenants.has('ten_eu_a')).toBe(false);
  });
});
