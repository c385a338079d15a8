// Sender authentication from what our own receiving edge stamped: the topmost
// `Authentication-Results` header (RFC 8601) whose authserv-id is ours. Everything else in the
// header block was written by whoever sent or relayed the message, `ARC-Authentication-Results`
// (RFC 8617) included, so it never authenticates; an ARC chain is only noted, as a hint, where
// our edge reports `arc=pass`.

import { addressParser } from 'postal-mime';
import { domainOf, headerValues, type MailHeader } from './headers';

export type AuthResult = { method: string; result: string; props: Record<string, string> };
export type AuthResults = { authservId: string; results: AuthResult[] };

export type SenderTrust = {
  trusted: boolean;
  /** The mechanism that established it (`dmarc`, `dkim`, `spf`), or why not. */
  via:
    | 'dmarc'
    | 'dkim'
    | 'spf'
    | 'no-results'
    | 'untrusted-stamp'
    | 'no-pass'
    | 'dmarc-fail'
    | 'multiple-from';
  /** Our edge validated an ARC chain (`arc=pass`): recorded for a reviewer, never verification. */
  arc: boolean;
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

/** An authserv-id compared as a domain: lower case, no trailing dot. */
const normaliseId = (id: string) => id.trim().toLowerCase().replace(/\.$/, '');

/**
 * Parses one `Authentication-Results` value; null when it does not open with an authserv-id
 * (an ARC-style `i=1;` prefix included: that header is not ours to read).
 */
export function parseAuthenticationResults(value: string): AuthResults | null {
  const parts = segments(stripComments(value.replace(/\r?\n[ \t]*/g, ' ')));
  // authserv-id, then at most a version number, then ";" (RFC 8601 §2.2).
  const first = /^([^\s=]+)(?:\s+\d+)?$/.exec(parts.shift() ?? '')?.[1];
  if (!first) return null;
  const results: AuthResult[] = [];
  for (const part of parts) {
    const tokens = part.match(/[^\s=]+\s*=\s*(?:"[^"]*"|[^\s]+)|[^\s]+/g) ?? [];
    const head = tokens.shift()?.split('=');
    if (head?.length !== 2) continue;
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
      method: head[0]!.trim().toLowerCase().split('/')[0]!,
      result: head[1]!.trim().toLowerCase(),
      props,
    });
  }
  return { authservId: normaliseId(first), results };
}

/**
 * Strict alignment: the authenticated domain is the From domain itself. The relaxed kind (a
 * parent or sibling domain) needs the public-suffix list to be safe, and the domain owner's
 * own choice of it already shows in our edge's DMARC verdict.
 */
export function aligned(authDomain: string | null | undefined, fromDomain: string): boolean {
  const d = authDomain?.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
  return Boolean(d) && d === fromDomain;
}

/** How many mailboxes the From header(s) name; DMARC is only defined for exactly one. */
export function fromMailboxCount(headers: readonly MailHeader[]): number {
  return headerValues(headers, 'from').reduce(
    (n, value) =>
      n + addressParser(value, { flatten: true }).filter((a) => 'address' in a && a.address).length,
    0,
  );
}

function verdict(stamp: AuthResults, fromDomain: string): SenderTrust['via'] {
  const about = (method: string, prop: string) =>
    stamp.results.filter((r) => r.method === method && aligned(r.props[prop], fromDomain));
  const dmarc = about('dmarc', 'header.from');
  // Our edge's DMARC verdict on the From domain is final: a fail is a forged From, whatever
  // else passed; none/temperror/permerror leave the aligned DKIM and SPF results to decide.
  if (dmarc.some((r) => r.result === 'fail')) return 'dmarc-fail';
  if (dmarc.some((r) => r.result === 'pass')) return 'dmarc';
  if (about('dkim', 'header.d').some((r) => r.result === 'pass')) return 'dkim';
  const spf = stamp.results.filter(
    (r) =>
      r.method === 'spf' &&
      r.result === 'pass' &&
      aligned(domainOf(r.props['smtp.mailfrom']) ?? r.props['smtp.mailfrom'], fromDomain),
  );
  return spf.length > 0 ? 'spf' : 'no-pass';
}

/**
 * Whether the From domain is authenticated, judged only from the topmost
 * `Authentication-Results` header stamped by one of `trustedAuthservIds` (ours sits above
 * anything a sender wrote; a copy of our id further down is a sender's).
 */
export function senderTrust(
  headers: readonly MailHeader[],
  fromAddress: string | null,
  trustedAuthservIds: readonly string[],
): SenderTrust {
  const fromDomain = domainOf(fromAddress);
  const stamps = headerValues(headers, 'authentication-results')
    .map(parseAuthenticationResults)
    .filter((r): r is AuthResults => r !== null);
  if (!fromDomain || stamps.length === 0) return { trusted: false, via: 'no-results', arc: false };
  const ours = new Set(trustedAuthservIds.map(normaliseId));
  const stamp = stamps.find((s) => ours.has(s.authservId));
  if (!stamp) return { trusted: false, via: 'untrusted-stamp', arc: false };
  const arc = stamp.results.some((r) => r.method === 'arc' && r.result === 'pass');
  if (fromMailboxCount(headers) !== 1) return { trusted: false, via: 'multiple-from', arc };
  const via = verdict(stamp, fromDomain);
  return { trusted: via === 'dmarc' || via === 'dkim' || via === 'spf', via, arc };
}
