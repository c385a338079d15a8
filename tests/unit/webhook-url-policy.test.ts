// Where a webhook may go: public https host names only. Every refusal below is a way to reach an
// address inside a network (or this service) that a careless check would let through.

import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, type UrlRefusal } from '../../shared/webhooks/url-policy';

const production = { ownHosts: ['privacy.tailoredmail.example'], allowDevHosts: false };
const development = { ...production, allowDevHosts: true };

const REFUSED: [string, UrlRefusal][] = [
  ['not a url', 'invalid_url'],
  ['/relative/path', 'invalid_url'],
  ['https://hooks.example.com/a b', 'invalid_url'],
  ['https://hooks.example.com/\n', 'invalid_url'],
  [`https://hooks.example.com/${'a'.repeat(2100)}`, 'invalid_url'],
  ['http://hooks.example.com/', 'not_https'],
  ['ftp://hooks.example.com/', 'not_https'],
  ['javascript:alert(1)', 'not_https'],
  ['https://user:pass@hooks.example.com/', 'credentials'],
  ['https://user@hooks.example.com/', 'credentials'],
  ['https://hooks.example.com:80/', 'port'],
  ['https://hooks.example.com:8080/', 'port'],
  ['https://hooks.example.com:22/', 'port'],
  // IPv4 literals in every spelling the URL parser turns into an address.
  ['https://127.0.0.1/', 'ip_literal'],
  ['https://10.0.0.1/', 'ip_literal'],
  ['https://172.16.5.4/', 'ip_literal'],
  ['https://192.168.1.1/', 'ip_literal'],
  ['https://169.254.169.254/latest/meta-data/', 'ip_literal'],
  ['https://169.254.1.1/', 'ip_literal'],
  ['https://100.64.0.1/', 'ip_literal'],
  ['https://224.0.0.1/', 'ip_literal'],
  ['https://0.0.0.0/', 'ip_literal'],
  ['https://255.255.255.255/', 'ip_literal'],
  ['https://8.8.8.8/', 'ip_literal'],
  ['https://2130706433/', 'ip_literal'],
  ['https://0x7f000001/', 'ip_literal'],
  ['https://0177.0.0.1/', 'ip_literal'],
  ['https://0x7f.1/', 'ip_literal'],
  ['https://127.1/', 'ip_literal'],
  ['https://3232235777/', 'ip_literal'],
  ['https://0251.0376.0251.0376/', 'ip_literal'],
  // IPv6 literals, v4-mapped and v4-compatible ones included.
  ['https://[::1]/', 'ip_literal'],
  ['https://[::]/', 'ip_literal'],
  ['https://[fe80::1]/', 'ip_literal'],
  ['https://[fc00::1]/', 'ip_literal'],
  ['https://[fd00:ec2::254]/', 'ip_literal'],
  ['https://[ff02::1]/', 'ip_literal'],
  ['https://[::ffff:127.0.0.1]/', 'ip_literal'],
  ['https://[::ffff:169.254.169.254]/', 'ip_literal'],
  ['https://[::ffff:7f00:1]/', 'ip_literal'],
  ['https://[::127.0.0.1]/', 'ip_literal'],
  ['https://[64:ff9b::a00:1]/', 'ip_literal'],
  ['https://[2606:4700::1111]/', 'ip_literal'],
  // Names that only mean something inside a network, or spell an address.
  ['https://localhost/', 'local_name'],
  ['https://LOCALHOST./', 'local_name'],
  ['https://api.localhost/', 'local_name'],
  ['https://printer.local/', 'local_name'],
  ['https://metadata.google.internal/', 'local_name'],
  ['https://intranet/', 'local_name'],
  ['https://router.home.arpa/', 'local_name'],
  ['https://1.0.0.127.in-addr.arpa/', 'local_name'],
  ['https://127.0.0.1.nip.io/', 'ip_literal'],
  ['https://10-0-0-1.sslip.io/', 'ip_literal'],
  // This service itself, and anything below its host.
  ['https://privacy.tailoredmail.example/api/v1/tenant', 'own_host'],
  ['https://PRIVACY.tailoredmail.example./', 'own_host'],
  ['https://eu.privacy.tailoredmail.example/', 'own_host'],
];

describe('webhook URL policy', () => {
  it('refuses at least 30 kinds of URL', () => {
    expect(REFUSED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(REFUSED)('refuses %s (%s)', (url, reason) => {
    const verdict = checkWebhookUrl(url, production);
    expect(verdict).toMatchObject({ ok: false, reason });
    if (!verdict.ok) expect(verdict.message.length).toBeGreaterThan(10);
  });

  it.each([
    ['https://hooks.example.com/tailoredmail', 'https://hooks.example.com/tailoredmail'],
    ['https://hooks.example.com:443/x?y=1', 'https://hooks.example.com/x?y=1'],
    ['https://hooks.example.com:8443/x', 'https://hooks.example.com:8443/x'],
    ['https://HOOKS.Example.com/x', 'https://hooks.example.com/x'],
    ['https://xn--mnchen-3ya.example/', 'https://xn--mnchen-3ya.example/'],
    ['https://münchen.example/', 'https://xn--mnchen-3ya.example/'],
  ])('accepts %s as %s', (url, stored) => {
    expect(checkWebhookUrl(url, production)).toEqual({ ok: true, url: stored });
  });

  it('allows http://127.0.0.1:<port> only where development hosts are allowed', () => {
    expect(checkWebhookUrl('http://127.0.0.1:8787/hook', production)).toMatchObject({ ok: false });
    expect(checkWebhookUrl('http://127.0.0.1:8787/hook', development)).toMatchObject({ ok: true });
    // Not any other loopback form, nor without a port, even in development.
    expect(checkWebhookUrl('http://127.0.0.1/hook', development)).toMatchObject({ ok: false });
    expect(checkWebhookUrl('http://localhost:8787/hook', development)).toMatchObject({ ok: false });
    expect(checkWebhookUrl('http://[::1]:8787/hook', development)).toMatchObject({ ok: false });
  });
});
