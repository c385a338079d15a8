import { describe, expect, it } from 'vitest';
import { importMasterKeyring } from '../../shared/crypto/keyring';
import {
  mintAddressToken,
  openAddressToken,
  parsePrivacyLocalPart,
  privacyAddress,
  replyAddress,
  splitAddress,
  unsubscribeAddress,
} from '../../shared/reply-address';

const KEY_A = 'v1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';
const KEY_B = 'v2:ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=';
const TENANT = 'ten_eu_0123456789abcdefghjk';
const SUB = 'sub_mnpqrstvwxyz01234567';

describe('reply and unsubscribe addresses', () => {
  it('mints a short, lower-case, region-marked local part that opens to tenant and subscriber', async () => {
    const ring = await importMasterKeyring(KEY_A);
    const address = await replyAddress(ring, 'privacy.example', TENANT, SUB);
    const { local, domain } = splitAddress(address)!;
    expect(domain).toBe('privacy.example');
    expect(local).toMatch(/^r\+e1[0-9a-z]{56}$/);
    expect(local.length).toBeLessThanOrEqual(64);
    expect(await openAddressToken(ring, local)).toEqual({
      kind: 'r',
      region: 'eu',
      tenantId: TENANT,
      subscriberId: SUB,
    });
    expect(await openAddressToken(ring, local.toUpperCase())).toEqual({
      kind: 'r',
      region: 'eu',
      tenantId: TENANT,
      subscriberId: SUB,
    });
  });

  it('refuses tampering, a swapped kind or region, and another master key', async () => {
    const ring = await importMasterKeyring(KEY_A);
    const local = await mintAddressToken(ring, 'r', TENANT, SUB);
    const flip = (i: number) => local.slice(0, i) + (local[i] === 'a' ? 'b' : 'a') + local.slice(i + 1);
    for (const bad of [
      flip(10),
      flip(30),
      flip(59),
      `u${local.slice(1)}`,
      `r+u${local.slice(3)}`,
      local.slice(0, -1),
      `${local}a`,
      '',
      'privacy',
    ]) {
      expect(await openAddressToken(ring, bad), bad).toBeNull();
    }
    expect(await openAddressToken(await importMasterKeyring(KEY_B), local)).toBeNull();
  });

  it('keeps opening tokens of an older master key during a rotation', async () => {
    const old = await importMasterKeyring(KEY_A);
    const rotated = await importMasterKeyring(`${KEY_B} ${KEY_A}`);
    const local = await mintAddressToken(old, 'u', TENANT, SUB);
    expect((await openAddressToken(rotated, local))?.kind).toBe('u');
    expect(await mintAddressToken(rotated, 'u', TENANT, SUB)).toMatch(/^u\+e2/);
    expect(await unsubscribeAddress(rotated, 'd.example', TENANT, SUB)).toMatch(
      /^u\+e2[0-9a-z]{56}@d\.example$/,
    );
  });

  it('refuses to mint from ids that are not tenant and subscriber ids', async () => {
    const ring = await importMasterKeyring(KEY_A);
    await expect(mintAddressToken(ring, 'r', 'ten_xx_0123456789abcdefghjk', SUB)).rejects.toThrow();
    await expect(mintAddressToken(ring, 'r', TENANT, 'sub_ILLEGAL')).rejects.toThrow();
  });

  it('names a tenant privacy address by slug and region, case-insensitively', () => {
    expect(privacyAddress({ slug: 'acme-shop', region: 'us' }, 'privacy.example')).toBe(
      'privacy+acme-shop.us@privacy.example',
    );
    expect(parsePrivacyLocalPart('PRIVACY+Acme-Shop.US')).toEqual({ slug: 'acme-shop', region: 'us' });
    for (const bad of ['privacy+acme', 'privacy+acme.de', 'privacy+.eu', 'privacy-acme.eu', 'privacy+a_b.eu'])
      expect(parsePrivacyLocalPart(bad), bad).toBeNull();
  });
});
