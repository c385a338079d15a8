// Sender authentication from `Authentication-Results` (RFC 8601) and the first ARC set's
// `ARC-Authentication-Results` (RFC 8617). Only the topmost header of each kind counts, and only
// when our own receiving edge stamped it (its authserv-id is trusted): anything below it was
// written by whoever sent the message. The From domain is trusted when DMARC passed for it, or
// DKIM passed with an aligned d=, or SPF passed for an aligned MAIL FROM domain.

import { domainOf, header, type MailHeader } from './headers';

export type AuthResult = { method: string; result: string; props: Record<string, string> };
export type AuthResults = { authservId: string; results: AuthResult[] };

export type SenderTrust = {
  trusted: boolean;
  /** The mechanism that established it (`dmarc`, `dkim`, `spf`), or why not (`untrusted-stamp`, `no-pass`). */
  via: 'dmarc' | 'dkim' | 'spf' | 'no-results' | 'untrusted-stamp' | 'no-pass';
};

/** Removes RFC 5322 comments `( … )`, nested ones included, outside quoted strings. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      if (depth === 0) out += ch + value[i + 1];
      i++;
    } else if (ch === '"' && depth === 0) {
      quoted = !quoted;
      out += ch;
    } else if (ch === '(' && !quoted) depth++;
    else if (ch === ')' && !quoted && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

/** Splits on `;` outside quotes. */
function segments(value: string): string[] {
  return value
    .split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses one header value; null when it has no authserv-id. */
export function parseAuthenticationResults(value: string): AuthResults | null {
  const parts = segments(stripComments(value.replace(/\r?\n[ \t]*/g, ' ')));
  if (parts[0] && /^i\s*=\s*\d+$/i.test(parts[0])) parts.shift();
  const authservId = parts.shift()?.split(/\s+/)[0]?.toLowerCase();
  if (!authservId || authservId.includes('=')) return null;
  const results: AuthResult[] = [];
  for (const part of parts) {
    const tokens = part.match(/[^\s=]+\s*=\s*(?:"[^"]*"|[^\s]+)|[^\s]+/g) ?? [];
    const first = tokens.shift()?.split('=');
    if (first?.length !== 2) continue;
    const props: Record<string, string> = {};
    for (const token of tokens) {
      const eq = token.indexOf('=');
      if (eq > 0)
        props[token.slice(0, eq).trim().toLowerCase()] = token
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, '');
    }
    results.push({
      method: first[0]!.trim().toLowerCase().split('/')[0]!,
      result: first[1]!.trim().toLowerCase(),
      props,
    });
  }
  return { authservId, results };
}

/** Relaxed alignment without a public-suffix list: equal, or `from` is a subdomain of a registrable-looking `d`. */
export function aligned(authDomain: string | null | undefined, fromDomain: string): boolean {
  const d = authDomain?.toLowerCase().replace(/^@/, '').replace(/\.$/, '');
  if (!d) return false;
  if (d === fromDomain) return true;
  return (
    d.split('.').length >= 2 &&
    !/^(co|com|org|net|gov|ac|edu)\.[a-z]{2}$/.test(d) &&
    fromDomain.endsWith(`.${d}`)
  );
}

function passes(results: AuthResults, fromDomain: string): SenderTrust['via'] | null {
  const pass = (method: string) => results.results.filter((r) => r.method === method && r.result === 'pass');
  if (
    pass('dmarc').some((r) => !r.props['header.from'] || r.props['header.from'].toLowerCase() === fromDomain)
  )
    return 'dmarc';
  if (pass('dkim').some((r) => aligned(r.props['header.d'] ?? domainOf(r.props['header.i']), fromDomain)))
    return 'dkim';
  if (
    pass('spf').some((r) =>
      aligned(domainOf(r.props['smtp.mailfrom']) ?? r.props['smtp.mailfrom'], fromDomain),
    )
  )
    return 'spf';
  return null;
}

/**
 * Whether the From domain is authenticated, judged only from the topmost `Authentication-Results`
 * and `ARC-Authentication-Results` headers, and only if stamped by one of `trustedAuthservIds`.
 */
export function senderTrust(
  headers: readonly MailHeader[],
  fromAddress: string | null,
  trustedAuthservIds: readonly string[],
): SenderTrust {
  const fromDomain = domainOf(fromAddress);
  const stamps = ['authentication-results', 'arc-authentication-results']
    .map((name) => header(headers, name))
    .filter((v): v is string => v !== null)
    .map(parseAuthenticationResults)
    .filter((r): r is AuthResults => r !== null);
  if (!fromDomain || stamps.length === 0) return { trusted: false, via: 'no-results' };
  const trusted = new Set(trustedAuthservIds.map((id) => id.toLowerCase()));
  const ours = stamps.filter((s) => trusted.has(s.authservId));
  if (ours.length === 0) return { trusted: false, via: 'untrusted-stamp' };
  for (const stamp of ours) {
    const via = passes(stamp, fromDomain);
    if (via) return { trusted: true, via };
  }
  return { trusted: false, via: 'no-pass' };
}
