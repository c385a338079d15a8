// The one Crockford base32 (ids, reply addresses, packed id bodies) and the constant-time
// comparison. Pinned vectors were minted before these modules shared the encoder: addresses and
// links already sent keep working.

import { describe, expect, it, vi } from 'vitest';
import { importMasterKeyring } from '../../shared/crypto/keyring';
import { timingSafeEqual } from '../../shared/crypto/timing-safe-equal';
import { fromBase32, isBase32, toBase32 } from '../../shared/encoding';
import { packIdBodies, unpackIdBodies } from '../../shared/id-packing';
import { mintAddressToken, openAddressToken } from '../../shared/reply-address';
import { isIdBody, newId, parseTenantId, randomIdBody } from '../../shared/regions';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('Crockford base32', () => {
  it.each([
    ['nothing', bytes(), ''],
    ['one zero byte: two digits, the second padded', bytes(0), '00'],
    ['0x66 = 01100 110(00)', bytes(0x66), 'cr'],
    ['five bytes make eight digits exactly', bytes(0xff, 0xff, 0xff, 0xff, 0xff), 'zzzzzzzz'],
    ['the digits skip i, l, o and u', bytes(0x8c, 0xa7, 0x4a, 0xda, 0xf8), 'hjkmnpqr'],
  ])('encodes %s', (_name, input, text) => {
    expect(toBase32(input)).toBe(text);
  });

  it.each([
    ['eight digits are five bytes', 'zzzzzzzz', bytes(0xff, 0xff, 0xff, 0xff, 0xff)],
    ['a partial last byte is padded with zero bits', 'z', bytes(0xf8)],
    ['twenty digits (100 bits) take 13 bytes', `${'0'.repeat(19)}1`, bytes(...Array(12).fill(0), 0x10)],
  ])('decodes %s', (_name, text, expected) => {
    expect(fromBase32(text)).toEqual(expected);
  });

  it.each(['i', 'l', 'o', 'u', 'A', '-', ' ', '0=', 'é'])('refuses %j', (text) => {
    expect(isBase32(text)).toBe(false);
    expect(fromBase32(text)).toBeNull();
  });

  it('round-trips random bytes whose bit length is a multiple of five', () => {
    for (let n = 0; n < 50; n++) {
      const input = crypto.getRandomValues(new Uint8Array(5 * (n % 7)));
      expect(fromBase32(toBase32(input))).toEqual(input);
    }
  });

  it('id bodies draw their random bytes in bulk: one getRandomValues call serves hundreds, no byte twice', () => {
    const random = vi.spyOn(crypto, 'getRandomValues');
    const bodies = Array.from({ length: 1_000 }, randomIdBody);
    const calls = random.mock.calls.length;
    random.mockRestore();
    // A bulk import makes three ids a row: not one call of the random source for each.
    expect(calls).toBeLessThanOrEqual(5);
    expect(new Set(bodies).size).toBe(1_000);
    for (const body of bodies) expect(isIdBody(body)).toBe(true);
  });

  it('id bodies: 20 base32 digits, random, and nothing else', () => {
    const seen = new Set(Array.from({ length: 200 }, randomIdBody));
    expect(seen.size).toBe(200);
    for (const body of seen) expect(isIdBody(body)).toBe(true);
    expect(newId('sub')).toMatch(/^sub_[0-9a-hjkmnp-tv-z]{20}$/);
    for (const bad of [
      '0123456789abcdefghj',
      '0123456789abcdefghjkm',
      '0123456789abcdefghji',
      'O123456789abcdefghjk',
    ])
      expect(isIdBody(bad)).toBe(false);
    expect(parseTenantId('ten_eu_0123456789abcdefghjk')).toEqual({
      region: 'eu',
      id: 'ten_eu_0123456789abcdefghjk',
    });
    expect(parseTenantId('ten_eu_0123456789abcdefghji')).toBeNull();
  });
});

describe('encodings minted before, read now', () => {
  const BODIES = ['0123456789abcdefghjk', 'mnpqrstvwxyz0123456z', 'zzzzzzzzzzzzzzzzzzzz'];

  it('packs id bodies to the same bytes, and back', () => {
    const three = 'AEQyFMdCVLY1z4RlOlbXxnW-d98ARDIU3_________________A';
    expect(packIdBodies(BODIES)).toBe(three);
    expect(unpackIdBodies(three, 3)).toEqual(BODIES);
    const four = 'AEQyFMdCVLY1z4RlOlbXxnW-d98ARDIU3_________________AAAAAAAAAAAAAAAAE';
    expect(packIdBodies([...BODIES, '00000000000000000001'])).toBe(four);
    expect(unpackIdBodies(four, 4)).toEqual([...BODIES, '00000000000000000001']);
    expect(unpackIdBodies(three, 4)).toBeNull();
  });

  it('mints and opens the same reply address under master key version 7', async () => {
    const ring = await importMasterKeyring(
      `v1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY= v7:${btoa('\x07'.repeat(32))}`,
    );
    const minted = 'r+e70123456789abcdefghjkmnpqrstvwxyz01234567xy13kbw8nkte7n68';
    const ids = { tenantId: 'ten_eu_0123456789abcdefghjk', subscriberId: 'sub_mnpqrstvwxyz01234567' };
    expect(await mintAddressToken(ring, 'r', ids.tenantId, ids.subscriberId)).toBe(minted);
    expect(await openAddressToken(ring, minted)).toEqual({ kind: 'r', region: 'eu', ...ids });
    expect(await openAddressToken(ring, minted.replace(/8$/, '9'))).toBeNull();
  });
});

describe('timingSafeEqual', () => {
  it.each([
    ['the same bytes', bytes(1, 2, 3), bytes(1, 2, 3), true],
    ['one bit apart', bytes(1, 2, 3), bytes(1, 2, 2), false],
    ['a prefix', bytes(1, 2), bytes(1, 2, 3), false],
    ['both empty', bytes(), bytes(), true],
  ])('%s', (_name, a, b, equal) => {
    expect(timingSafeEqual(a, b)).toBe(equal);
  });
});
