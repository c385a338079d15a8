// Where a webhook may be sent: public `https` hosts by name only, on port 443 or 8443, without
// credentials, never our own host. The URL is read by the WHATWG parser, the one `fetch` uses, so
// decimal, octal and hex IPv4 forms arrive here as the dotted address they mean. Names that
// resolve to private addresses cannot be caught without DNS (docs/webhooks.md says so).

export type UrlRefusal =
  | 'invalid_url'
  | 'not_https'
  | 'credentials'
  | 'port'
  | 'ip_literal'
  | 'local_name'
  | 'own_host';

export type UrlVerdict = { ok: true; url: string } | { ok: false; reason: UrlRefusal; message: string };

export type UrlPolicy = {
  /** Hosts of our own (PUBLIC_ORIGIN's); a webhook to them or below them is refused. */
  ownHosts: readonly string[];
  /** Local development and tests only: `http(s)://127.0.0.1:<port>` is allowed. */
  allowDevHosts: boolean;
};

const MAX_URL_LENGTH = 2048;
const PORTS = new Set(['', '8443']);
/** Names that only mean something inside a network (RFC 6761, RFC 6762, RFC 8375, common use). */
const LOCAL_SUFFIXES = [
  'localhost',
  'local',
  'internal',
  'intranet',
  'lan',
  'home.arpa',
  'arpa',
  'invalid',
  'test',
  'onion',
];
const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** A dotted quad inside a name (`127.0.0.1.nip.io`): such names resolve to the address they spell. */
const EMBEDDED_QUAD = /(^|[.-])\d{1,3}[.-]\d{1,3}[.-]\d{1,3}[.-]\d{1,3}([.-]|$)/;

const refuse = (reason: UrlRefusal, message: string): UrlVerdict => ({ ok: false, reason, message });

export function checkWebhookUrl(input: string, policy: UrlPolicy): UrlVerdict {
  if (input.length > MAX_URL_LENGTH)
    return refuse('invalid_url', `The URL is longer than ${MAX_URL_LENGTH} characters.`);
  if (/\s/.test(input) || [...input].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f))
    return refuse('invalid_url', 'The URL contains spaces or control characters.');
  const url = URL.parse(input);
  if (!url) return refuse('invalid_url', 'The URL is not a valid absolute URL.');
  if (url.username || url.password)
    return refuse('credentials', 'The URL must not contain a user name or password.');
  if (
    policy.allowDevHosts &&
    url.hostname === '127.0.0.1' &&
    url.port &&
    ['http:', 'https:'].includes(url.protocol)
  )
    return { ok: true, url: url.href };
  if (url.protocol !== 'https:') return refuse('not_https', 'Webhooks are sent over https only.');
  if (!PORTS.has(url.port)) return refuse('port', 'The URL may use port 443 (the default) or 8443 only.');
  const host = url.hostname.replace(/\.$/, '');
  if (host.startsWith('['))
    return refuse(
      'ip_literal',
      `IP addresses are refused (${ipv6Category(host.slice(1, -1))}): use a public host name.`,
    );
  const quad = DOTTED_QUAD.exec(host);
  if (quad)
    return refuse(
      'ip_literal',
      `IP addresses are refused (${ipv4Category(quad.slice(1).map(Number))}): use a public host name.`,
    );
  if (!host.includes('.'))
    return refuse('local_name', 'The host must be a public name with a domain, not a single label.');
  if (LOCAL_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`)))
    return refuse('local_name', 'The host is a local or reserved name, not a public one.');
  if (EMBEDDED_QUAD.test(host))
    return refuse('ip_literal', 'The host name spells an IP address; use a public host name.');
  if (policy.ownHosts.some((own) => host === own || host.endsWith(`.${own}`)))
    return refuse('own_host', 'Webhooks cannot be sent to this service itself.');
  return { ok: true, url: url.href };
}

/** What kind of IPv4 address this is, for the refusal's message (every IP literal is refused). */
function ipv4Category([a, b, c]: number[]): string {
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return c === 169 ? 'metadata or link-local' : 'link-local';
  if (a === 100 && b! >= 64 && b! <= 127) return 'shared address space (CGNAT)';
  if (a! >= 224 && a! <= 239) return 'multicast';
  if (a! >= 240) return 'reserved or broadcast';
  if ((a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19 || b === 51)) || (a === 203 && b === 0))
    return 'reserved for special use';
  return 'public';
}

/** The 8 groups of an IPv6 address as the URL parser writes it (compressed, lower case, hex only). */
function ipv6Groups(text: string): number[] {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const parse = (part: string | null | undefined) =>
    part ? part.split(':').map((g) => Number.parseInt(g, 16)) : [];
  const left = parse(head);
  const right = parse(tail);
  return tail === null ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function ipv6Category(text: string): string {
  const g = ipv6Groups(text);
  const v4 = [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255];
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (g.every((x) => x === 0)) return 'unspecified';
  if (zeroTo(7) && g[7] === 1) return 'loopback';
  if (zeroTo(5) && g[5] === 0xffff) return `IPv4-mapped, ${ipv4Category(v4)}`;
  if (zeroTo(6)) return `IPv4-compatible, ${ipv4Category(v4)}`;
  if (g[0] === 0x64 && g[1] === 0xff9b) return `NAT64, ${ipv4Category(v4)}`;
  if (g[0] === 0xfd00 && g[1] === 0xec2 && g[7] === 0x254 && g.slice(2, 7).every((x) => x === 0))
    return 'metadata';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'unique local (private)';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'documentation';
  return 'public';
}
