import { describe, expect, it } from 'vitest';
import { aligned, parseAuthenticationResults, senderTrust } from '../../shared/inbound/auth-results';

const OURS = ['mx.cloudflare.net'];
const ar = (value: string) => ({ key: 'authentication-results', value });
const arc = (value: string) => ({ key: 'arc-authentication-results', value });

describe('Authentication-Results', () => {
  it('parses methods, results and properties, ignoring comments and quoted semicolons', () => {
    const parsed = parseAuthenticationResults(
      'mx.cloudflare.net (edge; v1);\r\n dkim=pass (2048-bit key) header.d=example.org header.s=s1 header.b="ab;cd";\r\n spf=softfail smtp.mailfrom="bounce@Example.org"; dmarc=pass (p=reject) header.from=example.org',
    );
    expect(parsed?.authservId).toBe('mx.cloudflare.net');
    expect(parsed?.results).toEqual([
      {
        method: 'dkim',
        result: 'pass',
        props: { 'header.d': 'example.org', 'header.s': 's1', 'header.b': 'ab;cd' },
      },
      { method: 'spf', result: 'softfail', props: { 'smtp.mailfrom': 'bounce@Example.org' } },
      { method: 'dmarc', result: 'pass', props: { 'header.from': 'example.org' } },
    ]);
    expect(parseAuthenticationResults('i=1; mx.cloudflare.net; arc=none')?.authservId).toBe(
      'mx.cloudflare.net',
    );
    expect(parseAuthenticationResults('mx.example; none')?.results).toEqual([]);
    expect(parseAuthenticationResults('')).toBeNull();
  });

  it.each([
    [
      'DMARC pass for the From domain',
      [ar('mx.cloudflare.net; dmarc=pass header.from=example.org')],
      'a@example.org',
      true,
      'dmarc',
    ],
    [
      'DMARC pass for another domain',
      [ar('mx.cloudflare.net; dmarc=pass header.from=evil.example')],
      'a@example.org',
      false,
      'no-pass',
    ],
    [
      'DKIM pass, d= is the From domain',
      [ar('mx.cloudflare.net; dkim=pass header.d=example.org')],
      'a@example.org',
      true,
      'dkim',
    ],
    [
      'DKIM pass, d= is the parent of the From domain',
      [ar('mx.cloudflare.net; dkim=pass header.d=example.org')],
      'a@mail.example.org',
      true,
      'dkim',
    ],
    [
      'DKIM pass for an unrelated d=',
      [ar('mx.cloudflare.net; dkim=pass header.d=mailer.example')],
      'a@example.org',
      false,
      'no-pass',
    ],
    [
      'DKIM pass for a public suffix',
      [ar('mx.cloudflare.net; dkim=pass header.d=co.uk')],
      'a@shop.co.uk',
      false,
      'no-pass',
    ],
    [
      'SPF pass for an aligned MAIL FROM',
      [ar('mx.cloudflare.net; spf=pass smtp.mailfrom=bounce@example.org')],
      'a@example.org',
      true,
      'spf',
    ],
    [
      'SPF pass for a foreign MAIL FROM',
      [ar('mx.cloudflare.net; spf=pass smtp.mailfrom=bounce@esp.example')],
      'a@example.org',
      false,
      'no-pass',
    ],
    [
      'all fail',
      [ar('mx.cloudflare.net; dkim=fail header.d=example.org; spf=fail; dmarc=fail header.from=example.org')],
      'a@example.org',
      false,
      'no-pass',
    ],
    [
      'a pass stamped by someone else',
      [ar('mx.evil.example; dmarc=pass header.from=example.org')],
      'a@example.org',
      false,
      'untrusted-stamp',
    ],
    [
      'a forged pass below our failing stamp',
      [
        ar('mx.cloudflare.net; dmarc=fail header.from=example.org'),
        ar('mx.cloudflare.net; dmarc=pass header.from=example.org'),
      ],
      'a@example.org',
      false,
      'no-pass',
    ],
    [
      'our ARC stamp',
      [arc('i=1; mx.cloudflare.net; dmarc=pass header.from=example.org')],
      'a@example.org',
      true,
      'dmarc',
    ],
    ['no results at all', [], 'a@example.org', false, 'no-results'],
  ] as const)('%s', (_label, headers, from, trusted, via) => {
    expect(senderTrust(headers, from, OURS)).toEqual({ trusted, via });
  });

  it('aligns relaxed in the parent direction only', () => {
    expect(aligned('example.org', 'example.org')).toBe(true);
    expect(aligned('example.org', 'news.example.org')).toBe(true);
    expect(aligned('news.example.org', 'example.org')).toBe(false);
    expect(aligned('org', 'example.org')).toBe(false);
    expect(aligned('ample.org', 'example.org')).toBe(false);
  });
});
