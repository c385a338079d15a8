// Unpadded base64url as tokens use it: every value has exactly one accepted spelling (the one the
// encoder writes), checked against every variant of the last character for each tail length.

import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../shared/encoding';

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('fromBase64Url', () => {
  it.each([1, 2, 3, 4, 5, 6, 31, 32, 33])('accepts only the encoder spelling of %i random bytes', (n) => {
    const bytes = crypto.getRandomValues(new Uint8Array(n));
    const text = toBase64Url(bytes);
    expect(fromBase64Url(text)).toEqual(bytes);
    const accepted = [...DIGITS].filter((d) => fromBase64Url(text.slice(0, -1) + d) !== null);
    // A full last group (n a multiple of 3) uses all six bits of its last digit.
    expect(accepted).toHaveLength(n % 3 === 0 ? 64 : n % 3 === 1 ? 4 : 16);
    for (const d of accepted) {
      const variant = text.slice(0, -1) + d;
      expect(toBase64Url(fromBase64Url(variant)!)).toBe(variant);
    }
  });

  it('refuses padding, standard base64 digits, a dangling digit and other text', () => {
    for (const text of ['QQ==', 'a+b/', 'QUJDR', 'QU JD', 'Q\u00e9']) expect(fromBase64Url(text)).toBeNull();
    expect(fromBase64Url('')).toEqual(new Uint8Array(0));
  });
});
