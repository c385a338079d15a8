import { describe, expect, it } from 'vitest';
import { importMasterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import { openToken, sealToken, tokenRegion } from '../../shared/tokens';
import { toBase64 } from '../../shared/encoding';

const ring = () => importMasterKeyring(`v1:${toBase64(new Uint8Array(32).fill(9))}`);

describe('sealed tokens', () => {
  it('round-trips a payload, unreadable in the URL', async () => {
    const r = await ring();
    const token = await sealToken(r, 'eu', 'confirm', { s: 'sub_secret', t: 'ten_eu_x' }, 3600);
    expect(token).toMatch(/^e1\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('sub_secret');
    expect(tokenRegion(token)).toBe('eu');
    const opened = await openToken(r, token, 'confirm');
    expect(opened.region).toBe('eu');
    expect(opened.payload).toMatchObject({ s: 'sub_secret', t: 'ten_eu_x' });
  });

  it('refuses tampering, another purpose, a swapped region, expiry and garbage alike', async () => {
    const r = await ring();
    const token = await sealToken(r, 'us', 'link', { d: 'https://example.org' }, 60, 1_000_000);
    const flip = token.slice(0, -3) + (token.at(-3) === 'A' ? 'B' : 'A') + token.slice(-2);
    const cases = [
      flip,
      `e${token.slice(1)}`,
      token.replace(/^u1/, 'u2'),
      '',
      'x'.repeat(3000),
      '../../etc/passwd',
      `u1.${'%'.repeat(50)}`,
    ];
    for (const t of cases) await expect(openToken(r, t, 'link', 1_000_000)).rejects.toBeInstanceOf(AppError);
    await expect(openToken(r, token, 'confirm', 1_000_000)).rejects.toThrow(/not valid/);
    await expect(openToken(r, token, 'link', 1_000_000 + 61_000)).rejects.toThrow(/not valid/);
    await expect(openToken(r, token, 'link', 1_000_000 + 59_000)).resolves.toMatchObject({ region: 'us' });
  });

  it('opens tokens of an older master key version during rotation', async () => {
    const old = await ring();
    const token = await sealToken(old, 'eu', 'form', { s: 'x' }, 60);
    const rotated = await importMasterKeyring(
      `v2:${toBase64(new Uint8Array(32).fill(3))} v1:${toBase64(new Uint8Array(32).fill(9))}`,
    );
    await expect(openToken(rotated, token, 'form')).resolves.toMatchObject({ payload: { s: 'x' } });
    expect(await sealToken(rotated, 'eu', 'form', {}, 60)).toMatch(/^e2\./);
  });
});
