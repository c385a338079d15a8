// Link tokens: round trip, size, opacity, and every way a token must fail to open.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { masterKeyring } from '../../shared/crypto/keyring';
import { mintLinkToken, parseDestination, readLinkToken } from '../../shared/link-tokens';
import { openToken } from '../../shared/tokens';

const claims = {
  tenantId: 'ten_eu_abcdefghjkmnpqrstvwx',
  subscriberId: 'sub_0123456789abcdefghjk',
  listId: 'lst_0123456789abcdefghjk',
  messageId: 'msg_0123456789abcdefghjk',
  destination: 'https://shop.example.com/spring-sale?utm_source=newsletter&utm_medium=email',
};

describe('link tokens', () => {
  it('round-trips every claim and stays short enough for an email', async () => {
    const ring = await masterKeyring(env.MASTER_KEY);
    const { token, region, expiresAt } = await mintLinkToken(ring, claims);
    expect(region).toBe('eu');
    expect(token[0]).toBe('e');
    // Four ids, the expiry, IV and tag cost under 180 characters beyond the destination itself.
    expect(token.length - (claims.destination.length - 'https://'.length) * (4 / 3)).toBeLessThan(180);
    expect(await readLinkToken(ring, token)).toEqual({ ...claims, region: 'eu', expiresAt });
  });

  it.each([
    ['list of another shape', { listId: 'list-7' }],
    ['message of another shape', { messageId: 'campaign:2026/spring' }],
    ['no message', { messageId: null }],
    ['plain http destination', { destination: 'http://example.org/a' }],
  ])('round-trips a %s', async (_name, change) => {
    const ring = await masterKeyring(env.MASTER_KEY);
    const { token, expiresAt } = await mintLinkToken(ring, { ...claims, ...change });
    expect(await readLinkToken(ring, token)).toEqual({ ...claims, ...change, region: 'eu', expiresAt });
  });

  it('keeps ids of other shapes intact and leaves out an absent message', async () => {
    const ring = await masterKeyring(env.MASTER_KEY);
    const odd = {
      ...claims,
      tenantId: 'ten_us_abcdefghjkmnpqrstvwx',
      subscriberId: 'legacy-42',
      messageId: null,
    };
    const { token } = await mintLinkToken(ring, odd);
    expect(token[0]).toBe('u');
    expect(await readLinkToken(ring, token)).toMatchObject({ ...odd, region: 'us' });
  });

  it('reveals nothing of its contents', async () => {
    const ring = await masterKeyring(env.MASTER_KEY);
    const { token } = await mintLinkToken(ring, claims);
    const decoded = atob(
      token
        .slice(3)
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil((token.length - 3) / 4) * 4, '='),
    );
    for (const secret of ['0123456789', 'abcdefghjk', 'shop.example', 'spring']) {
      expect(token).not.toContain(secret);
      expect(decoded).not.toContain(secret);
    }
  });

  it('refuses expired, other-purpose and re-marked tokens', async () => {
    const ring = await masterKeyring(env.MASTER_KEY);
    const then = Date.now() - 30 * 86_400_000;
    const { token: old } = await mintLinkToken(ring, { ...claims, expiresAt: then + 86_400_000 }, then);
    await expect(readLinkToken(ring, old)).rejects.toMatchObject({ code: 'invalid_token' });
    const { token } = await mintLinkToken(ring, claims);
    await expect(openToken(ring, token, 'confirm')).rejects.toMatchObject({ code: 'invalid_token' });
    await expect(readLinkToken(ring, `u${token.slice(1)}`)).rejects.toMatchObject({ code: 'invalid_token' });
  });

  it('refuses to mint what it would never redirect to', async () => {
    const ring = await masterKeyring(env.MASTER_KEY);
    await expect(
      mintLinkToken(ring, { ...claims, destination: 'javascript:alert(1)' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(mintLinkToken(ring, { ...claims, tenantId: 'tenant-1' })).rejects.toMatchObject({
      code: 'unknown_tenant',
    });
    await expect(mintLinkToken(ring, { ...claims, expiresAt: Date.now() - 1000 })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it.each([
    ['https://example.com', 'https://example.com/'],
    ['HTTP://Example.COM/a?b=c#d', 'http://example.com/a?b=c#d'],
    ['https://例え.jp/パス', 'https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9'],
    ['https://[::1]:8443/x', 'https://[::1]:8443/x'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['data:text/html;base64,PHNjcmlwdD4=', null],
    ['file:///etc/passwd', null],
    ['ftp://example.com/', null],
    ['//example.com/', null],
    ['/relative', null],
    ['https://user:pw@example.com/', null],
    ['https://bank.example@evil.example/', null],
    ['http://evil.example\\@good.example', null],
    ['https:\\\\evil.example\\@good.example/', null],
    ['https://good.example/profile/@me', 'https://good.example/profile/@me'],
    ['https://good.example/a\\b?mail=a@b.example', 'https://good.example/a/b?mail=a@b.example'],
    ['', null],
    ['not a url', null],
    [`https://example.com/${'x'.repeat(2100)}`, null],
  ])('parseDestination(%j) = %j', (input, expected) => {
    expect(parseDestination(input)).toBe(expected);
  });
});
