import { describe, expect, it } from 'vitest';
import {
  aligned,
  fromMailboxCount,
  parseAuthenticationResults,
  senderTrust,
  type SenderTrust,
} from '../../shared/inbound/auth-results';
import type { MailHeader } from '../../shared/inbound/headers';
import { parseInbound } from '../../shared/inbound/parse';

const OURS = ['mx.cloudflare.net'];
const FROM = 'a@example.org';
const ar = (value: string): MailHeader => ({ key: 'authentication-results', value });
const arc = (value: string): MailHeader => ({ key: 'arc-authentication-results', value });
const from = (value: string): MailHeader => ({ key: 'from', value });
/** A header block with one From mailbox and the given authentication headers. */
const block = (...headers: MailHeader[]) => [from(`Anna <${FROM}>`), ...headers];

describe('Authentication-Results parsing', () => {
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
    expect(parseAuthenticationResults('mx.example; none')?.results).toEqual([]);
    expect(parseAuthenticationResults('MX.Cloudflare.NET. 1; dmarc=pass')?.authservId).toBe(
      'mx.cloudflare.net',
    );
    expect(parseAuthenticationResults('DMARC = PASS header.from = example.org')?.authservId).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['an ARC-style instance prefix: not an authserv-id', 'i=1; mx.cloudflare.net; dmarc=pass'],
    ['a result where the authserv-id belongs', 'dmarc=pass header.from=example.org'],
    ['only a comment', '(mx.cloudflare.net)'],
    ['a result with spaces where the authserv-id belongs', 'DMARC = PASS header.from = example.org'],
    ['two words before the first ";"', 'mx.cloudflare.net evil.example; dmarc=pass'],
  ])('has no authserv-id: %s', (_, value) => {
    expect(parseAuthenticationResults(value)).toBeNull();
  });
});

describe('senderTrust: only the topmost stamp of our own edge counts', () => {
  const cases: [string, MailHeader[], SenderTrust['via']][] = [
    [
      'DMARC pass for the From domain',
      block(ar('mx.cloudflare.net; dmarc=pass header.from=example.org')),
      'dmarc',
    ],
    [
      'upper case and spaces around "="',
      block(ar('MX.CLOUDFLARE.NET; DMARC = PASS header.from = EXAMPLE.ORG')),
      'dmarc',
    ],
    [
      'our authserv-id with a version and a trailing dot',
      block(ar('mx.cloudflare.net. 1; dmarc=pass header.from=example.org')),
      'dmarc',
    ],
    [
      'DMARC pass for another domain than the From address',
      block(ar('mx.cloudflare.net; dmarc=pass header.from=evil.example')),
      'no-pass',
    ],
    ['DMARC pass that names no domain', block(ar('mx.cloudflare.net; dmarc=pass')), 'no-pass'],
    [
      'DMARC pass for a look-alike of the From domain',
      block(ar('mx.cloudflare.net; dmarc=pass header.from=example.org.evil.example')),
      'no-pass',
    ],
    [
      'DMARC fail wins over an aligned DKIM pass',
      block(ar('mx.cloudflare.net; dkim=pass header.d=example.org; dmarc=fail header.from=example.org')),
      'dmarc-fail',
    ],
    [
      'DMARC none leaves an aligned DKIM pass to decide',
      block(ar('mx.cloudflare.net; dkim=pass header.d=example.org; dmarc=none header.from=example.org')),
      'dkim',
    ],
    [
      'a "dmarc=pass" hidden in a comment',
      block(
        ar('mx.cloudflare.net; dmarc=fail (dmarc=pass; header.from=example.org) header.from=example.org'),
      ),
      'dmarc-fail',
    ],
    [
      'a "dmarc=pass" hidden in a quoted value',
      block(ar('mx.cloudflare.net; dkim=fail header.b="x; dmarc=pass header.from=example.org"')),
      'no-pass',
    ],
    [
      'our id only inside a comment of a foreign stamp',
      block(ar('(mx.cloudflare.net) relay.evil.example; dmarc=pass header.from=example.org')),
      'untrusted-stamp',
    ],
    [
      'DKIM pass, d= is the From domain',
      block(ar('mx.cloudflare.net; dkim=pass header.d=example.org')),
      'dkim',
    ],
    [
      'DKIM pass, d= is a parent of the From domain (strict alignment only)',
      [from('a@mail.example.org'), ar('mx.cloudflare.net; dkim=pass header.d=example.org')],
      'no-pass',
    ],
    [
      'DKIM pass, d= is a subdomain of the From domain',
      block(ar('mx.cloudflare.net; dkim=pass header.d=mail.example.org')),
      'no-pass',
    ],
    [
      'DKIM pass for a public suffix',
      [from('a@shop.co.uk'), ar('mx.cloudflare.net; dkim=pass header.d=co.uk')],
      'no-pass',
    ],
    [
      'DKIM pass for an unrelated d=',
      block(ar('mx.cloudflare.net; dkim=pass header.d=mailer.example')),
      'no-pass',
    ],
    [
      'DKIM pass whose i= claims the From domain but d= is another',
      block(ar('mx.cloudflare.net; dkim=pass header.d=evil.example header.i=@example.org')),
      'no-pass',
    ],
    [
      'SPF pass for an aligned MAIL FROM',
      block(ar('mx.cloudflare.net; spf=pass smtp.mailfrom=bounce@example.org')),
      'spf',
    ],
    ['SPF pass for a bare domain', block(ar('mx.cloudflare.net; spf=pass smtp.mailfrom=example.org')), 'spf'],
    [
      'SPF pass for a foreign MAIL FROM',
      block(ar('mx.cloudflare.net; spf=pass smtp.mailfrom=bounce@esp.example')),
      'no-pass',
    ],
    [
      'all fail',
      block(
        ar('mx.cloudflare.net; dkim=fail header.d=example.org; spf=fail; dmarc=fail header.from=example.org'),
      ),
      'dmarc-fail',
    ],
    [
      'a pass stamped by someone else',
      block(ar('mx.evil.example; dmarc=pass header.from=example.org')),
      'untrusted-stamp',
    ],
    [
      'a forged pass with our id below our own failing stamp',
      block(
        ar('mx.cloudflare.net; dmarc=fail header.from=example.org'),
        ar('mx.cloudflare.net; dmarc=pass header.from=example.org'),
      ),
      'dmarc-fail',
    ],
    [
      'a forged pass with our id below our own stamp that has no verdict',
      block(ar('mx.cloudflare.net; none'), ar('mx.cloudflare.net; dmarc=pass header.from=example.org')),
      'no-pass',
    ],
    [
      'an ARC "dmarc=pass" in our name over our failing stamp',
      block(
        arc('i=1; mx.cloudflare.net; dmarc=pass header.from=example.org'),
        ar('mx.cloudflare.net; dmarc=fail header.from=example.org'),
      ),
      'dmarc-fail',
    ],
    [
      'an ARC "dmarc=pass" in our name and no stamp of ours',
      block(arc('i=1; mx.cloudflare.net; dmarc=pass header.from=example.org')),
      'no-results',
    ],
    [
      'an ARC-style header written as Authentication-Results',
      block(ar('i=1; mx.cloudflare.net; dmarc=pass header.from=example.org')),
      'no-results',
    ],
    [
      'two From mailboxes',
      [from(`${FROM}, b@evil.example`), ar('mx.cloudflare.net; dmarc=pass header.from=example.org')],
      'multiple-from',
    ],
    [
      'two From headers',
      [from(FROM), from('b@evil.example'), ar('mx.cloudflare.net; dmarc=pass header.from=example.org')],
      'multiple-from',
    ],
    [
      'a From group of two',
      [from(`Us: ${FROM}, b@evil.example;`), ar('mx.cloudflare.net; dmarc=pass header.from=example.org')],
      'multiple-from',
    ],
    ['no results at all', block(), 'no-results'],
  ];
  it.each(cases)('%s', (_label, headers, via) => {
    const trusted = via === 'dmarc' || via === 'dkim' || via === 'spf';
    const address = /[^\s<]+@[^\s>,]+/.exec(headers.find((h) => h.key === 'from')?.value ?? '')?.[0] ?? null;
    expect(senderTrust(headers, address, OURS)).toEqual({ trusted, via, arc: false });
  });

  it('notes an ARC chain only where our own stamp reports arc=pass, and never trusts for it', () => {
    expect(
      senderTrust(block(ar('mx.cloudflare.net; dmarc=fail header.from=example.org; arc=pass')), FROM, OURS),
    ).toEqual({ trusted: false, via: 'dmarc-fail', arc: true });
    expect(senderTrust(block(ar('mx.cloudflare.net; arc=pass')), FROM, OURS)).toEqual({
      trusted: false,
      via: 'no-pass',
      arc: true,
    });
    expect(
      senderTrust(
        block(
          ar('mx.cloudflare.net; arc=fail'),
          ar('mx.cloudflare.net; arc=pass dmarc=pass header.from=example.org'),
        ),
        FROM,
        OURS,
      ),
    ).toEqual({ trusted: false, via: 'no-pass', arc: false });
    expect(
      senderTrust(
        block(ar('mx.evil.example; arc=pass'), arc('i=1; mx.cloudflare.net; arc=pass')),
        FROM,
        OURS,
      ),
    ).toEqual({ trusted: false, via: 'untrusted-stamp', arc: false });
  });

  it('reads header names in any case and spacing as the parser hands them over', async () => {
    const mail = await parseInbound(
      [
        'AUTHENTICATION-RESULTS : mx.cloudflare.net;',
        '\tdmarc=fail header.from=example.org',
        'arc-authentication-results: i=1; mx.cloudflare.net; dmarc=pass header.from=example.org',
        'authentication-results: mx.cloudflare.net; dmarc=pass header.from=example.org',
        `From: Anna <${FROM}>`,
        'Subject: x',
        '',
        'Please delete my data.',
      ].join('\r\n'),
    );
    expect(senderTrust(mail.headers, FROM, OURS)).toEqual({ trusted: false, via: 'dmarc-fail', arc: false });
  });

  it('counts From mailboxes across headers and groups', () => {
    expect(fromMailboxCount([from('Anna <a@example.org>')])).toBe(1);
    expect(fromMailboxCount([from('"Berg, Anna" <a@example.org>')])).toBe(1);
    expect(fromMailboxCount([from('a@example.org, b@example.org')])).toBe(2);
    expect(fromMailboxCount([from('a@example.org'), from('b@example.org')])).toBe(2);
    expect(fromMailboxCount([])).toBe(0);
  });

  it('aligns strictly: the authenticated domain is the From domain', () => {
    expect(aligned('example.org', 'example.org')).toBe(true);
    expect(aligned('Example.ORG.', 'example.org')).toBe(true);
    expect(aligned('example.org', 'news.example.org')).toBe(false);
    expect(aligned('news.example.org', 'example.org')).toBe(false);
    expect(aligned('org', 'example.org')).toBe(false);
    expect(aligned('ample.org', 'example.org')).toBe(false);
    expect(aligned(undefined, 'example.org')).toBe(false);
  });
});
