// The tokens of the links in our mails. Tracked links: who clicked (tenant, subscriber), in which
// message, for which list's purpose, where to, until when (purpose `link`; the destination can
// only come from a token we minted). Preference-centre links (`preferences`: tenant, subscriber)
// and unsubscribe links (`unsubscribe`: tenant, subscriber, list, message). All sealed, so a URL
// reveals nothing; the API, the pages and the send pipeline mint them here.

import { AppError } from './errors';
import type { MasterKeyring } from './crypto/keyring';
import { packIdBodies, unpackIdBodies } from './id-packing';
import { isIdBody, parseTenantId, type Region } from './regions';
import { openToken, sealToken } from './tokens';

export type LinkClaims = {
  tenantId: string;
  subscriberId: string;
  listId: string;
  messageId: string | null;
  destination: string;
  /** Epoch milliseconds. */
  expiresAt: number;
};

/** The claims of an opened token, with the region its mark named. */
export type OpenedLinkClaims = LinkClaims & { region: Region };

/** Longest destination URL we sign: links must stay short enough for an email. */
export const MAX_DESTINATION_LENGTH = 2048;
/** Longest lifetime of a tracked link, and the default when the caller gives none. */
export const MAX_LINK_TTL_DAYS = 400;
export const DEFAULT_LINK_TTL_DAYS = 180;

/** An authority holding `@` or `\`: credentials, or a host that parsers disagree about. */
const AMBIGUOUS_AUTHORITY = /^\s*[a-z][a-z0-9+.-]*:[\\/]*[^/?#]*[@\\]/i;

/**
 * The destination in canonical form, or null unless it is an absolute http(s) URL with a host
 * and without embedded credentials (`https://bank@evil.example` is a phishing classic). An
 * authority with a backslash is refused too: `http://evil.example\@good.example` opens
 * evil.example in a browser but reads as good.example to a person or another parser.
 */
export function parseDestination(value: string): string | null {
  if (value.length > MAX_DESTINATION_LENGTH || AMBIGUOUS_AUTHORITY.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname || url.username || url.password) return null;
  return url.href;
}

// Compact payload. When every id has its usual shape (`<prefix>_<20-char body>` with the prefixes
// below) the bodies travel packed as bytes in `i` (tenant, subscriber, list[, message]);
// otherwise each id travels whole under its own key. `d` drops a leading `https://`.
type Packed = { i?: string; t?: string; s?: string; l?: string; m?: string; d: string };

const PREFIX = { subscriber: 'sub_', list: 'lst_', message: 'msg_' } as const;

function bodyOf(id: string | null, prefix: string): string | null {
  if (!id?.startsWith(prefix)) return null;
  const body = id.slice(prefix.length);
  return isIdBody(body) ? body : null;
}

type ListIds = Pick<LinkClaims, 'subscriberId' | 'listId' | 'messageId'>;

function packIds(tenantBody: string, claims: ListIds): Omit<Packed, 'd'> {
  const s = bodyOf(claims.subscriberId, PREFIX.subscriber);
  const l = bodyOf(claims.listId, PREFIX.list);
  const m = bodyOf(claims.messageId, PREFIX.message);
  if (s && l) {
    const packed: Omit<Packed, 'd'> = { i: packIdBodies(m ? [tenantBody, s, l, m] : [tenantBody, s, l]) };
    if (claims.messageId && !m) packed.m = claims.messageId;
    return packed;
  }
  const loose: Omit<Packed, 'd'> = { t: tenantBody, s: claims.subscriberId, l: claims.listId };
  if (claims.messageId) loose.m = claims.messageId;
  return loose;
}

function packClaims(tenantBody: string, claims: ListIds & Pick<LinkClaims, 'destination'>): Packed {
  const d = claims.destination.startsWith('https://')
    ? claims.destination.slice('https://'.length)
    : claims.destination;
  return { ...packIds(tenantBody, claims), d };
}

const isText = (v: unknown, max = 256): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;

function unpackIds(p: Partial<Packed>): { t: string; s: string; l: string; m: string | null } | null {
  if (p.m !== undefined && !isText(p.m)) return null;
  if (p.i !== undefined) {
    if (typeof p.i !== 'string') return null;
    const bodies = unpackIdBodies(p.i, 4) ?? unpackIdBodies(p.i, 3);
    if (!bodies) return null;
    const [t, s, l, m] = bodies as [string, string, string, string?];
    return { t, s: PREFIX.subscriber + s, l: PREFIX.list + l, m: m ? PREFIX.message + m : (p.m ?? null) };
  }
  if (!isText(p.t) || !isText(p.s) || !isText(p.l)) return null;
  return { t: p.t, s: p.s, l: p.l, m: p.m ?? null };
}

/** Mints a link token; throws `validation_failed` for a destination we would never redirect to. */
export async function mintLinkToken(
  ring: MasterKeyring,
  claims: Omit<LinkClaims, 'expiresAt'> & { expiresAt?: number },
  now = Date.now(),
): Promise<{ token: string; region: Region; expiresAt: number }> {
  const tenant = parseTenantId(claims.tenantId);
  if (!tenant) throw new AppError('unknown_tenant', 'Unknown tenant.');
  const destination = parseDestination(claims.destination);
  if (!destination)
    throw new AppError('validation_failed', 'The destination must be an absolute http(s) URL with a host.');
  const expiresAt = claims.expiresAt ?? now + DEFAULT_LINK_TTL_DAYS * 86_400_000;
  const ttlSeconds = Math.ceil((expiresAt - now) / 1000);
  if (ttlSeconds <= 0 || ttlSeconds > MAX_LINK_TTL_DAYS * 86_400) {
    throw new AppError(
      'validation_failed',
      `The expiry must be in the future and at most ${MAX_LINK_TTL_DAYS} days away.`,
    );
  }
  const payload = packClaims(tenant.id.slice(-20), {
    ...claims,
    messageId: claims.messageId ?? null,
    destination,
  });
  const token = await sealToken(ring, tenant.region, 'link', payload, ttlSeconds, now);
  return { token, region: tenant.region, expiresAt: (Math.floor(now / 1000) + ttlSeconds) * 1000 };
}

/**
 * Opens a link token. Throws `invalid_token` for anything malformed, tampered, expired, of another
 * purpose or region, or whose destination would not pass minting today.
 */
export async function readLinkToken(
  ring: MasterKeyring,
  token: string,
  now = Date.now(),
): Promise<OpenedLinkClaims> {
  const { region, payload } = await openToken(ring, token, 'link', now);
  const p = payload as Partial<Packed> & { exp: number };
  const ids = unpackIds(p);
  const raw = isText(p.d, MAX_DESTINATION_LENGTH)
    ? p.d.startsWith('http://')
      ? p.d
      : `https://${p.d}`
    : null;
  const destination = raw ? parseDestination(raw) : null;
  const tenantId = ids ? `ten_${region}_${ids.t}` : '';
  if (!ids || !destination || !parseTenantId(tenantId))
    throw new AppError('invalid_token', 'This link is not valid or has expired.');
  return {
    region,
    tenantId,
    subscriberId: ids.s,
    listId: ids.l,
    messageId: ids.m,
    destination,
    expiresAt: p.exp * 1000,
  };
}

/** The public URL of a link token. */
export const linkUrl = (publicOrigin: string, token: string) =>
  `${publicOrigin.replace(/\/+$/, '')}/l/${token}`;

/** Lifetime of a preference-centre link in a mail, and of an unsubscribe link (both at most MAX_LINK_TTL_DAYS). */
export const DEFAULT_PREFERENCE_TTL_DAYS = 90;
export const DEFAULT_UNSUBSCRIBE_TTL_DAYS = 365;

export type PreferenceClaims = { tenantId: string; subscriberId: string };
export type UnsubscribeClaims = PreferenceClaims & { listId: string; messageId: string | null };
/** A minted self-service link: its URL, its token and when it stops opening (epoch ms). */
export type MintedLink = { url: string; token: string; expiresAt: number };
type MintOptions = { ttlDays?: number; now?: number };

const invalidToken = () => new AppError('invalid_token', 'This link is not valid or has expired.');

function tenantOf(tenantId: string) {
  const tenant = parseTenantId(tenantId);
  if (!tenant) throw new AppError('unknown_tenant', 'Unknown tenant.');
  return tenant;
}

function ttlSecondsOf(days: number): number {
  if (!(days > 0) || days > MAX_LINK_TTL_DAYS)
    throw new AppError(
      'validation_failed',
      `A link lives more than 0 and at most ${MAX_LINK_TTL_DAYS} days.`,
    );
  return Math.ceil(days * 86_400);
}

async function mintSelfService(
  ring: MasterKeyring,
  publicOrigin: string,
  kind: { purpose: 'preferences' | 'unsubscribe'; path: 'p' | 'u'; defaultDays: number },
  tenantId: string,
  payload: Record<string, unknown>,
  opts: MintOptions,
): Promise<MintedLink> {
  const now = opts.now ?? Date.now();
  const ttlSeconds = ttlSecondsOf(opts.ttlDays ?? kind.defaultDays);
  const { region } = tenantOf(tenantId);
  const token = await sealToken(ring, region, kind.purpose, payload, ttlSeconds, now);
  return {
    url: `${publicOrigin.replace(/\/+$/, '')}/${kind.path}/${token}`,
    token,
    expiresAt: (Math.floor(now / 1000) + ttlSeconds) * 1000,
  };
}

/** The preference-centre link of one subscriber (`/p/<token>`), for every mail we send them. */
export function mintPreferenceLink(
  ring: MasterKeyring,
  publicOrigin: string,
  claims: PreferenceClaims,
  opts: MintOptions = {},
): Promise<MintedLink> {
  const tenantBody = tenantOf(claims.tenantId).id.slice(-20);
  const s = bodyOf(claims.subscriberId, PREFIX.subscriber);
  const payload = s ? { i: packIdBodies([tenantBody, s]) } : { t: tenantBody, s: claims.subscriberId };
  const kind = { purpose: 'preferences', path: 'p', defaultDays: DEFAULT_PREFERENCE_TTL_DAYS } as const;
  return mintSelfService(ring, publicOrigin, kind, claims.tenantId, payload, opts);
}

/** The unsubscribe link of one message to one subscriber for one list (`/u/<token>`, RFC 8058). */
export function mintUnsubscribeLink(
  ring: MasterKeyring,
  publicOrigin: string,
  claims: UnsubscribeClaims,
  opts: MintOptions = {},
): Promise<MintedLink> {
  const payload = packIds(tenantOf(claims.tenantId).id.slice(-20), claims);
  const kind = { purpose: 'unsubscribe', path: 'u', defaultDays: DEFAULT_UNSUBSCRIBE_TTL_DAYS } as const;
  return mintSelfService(ring, publicOrigin, kind, claims.tenantId, payload, opts);
}

/** Opens a preference-centre token; `invalid_token` for anything malformed, tampered, expired or of another purpose. */
export async function readPreferenceToken(
  ring: MasterKeyring,
  token: string,
  now = Date.now(),
): Promise<PreferenceClaims & { region: Region; expiresAt: number }> {
  const { region, payload } = await openToken(ring, token, 'preferences', now);
  const p = payload as { i?: unknown; t?: unknown; s?: unknown; exp: number };
  let ids: [string, string] | null = null;
  if (typeof p.i === 'string') {
    const bodies = unpackIdBodies(p.i, 2);
    if (bodies) ids = [bodies[0]!, PREFIX.subscriber + bodies[1]!];
  } else if (isText(p.t) && isText(p.s)) ids = [p.t, p.s];
  const tenantId = ids ? `ten_${region}_${ids[0]}` : '';
  if (!ids || !parseTenantId(tenantId)) throw invalidToken();
  return { region, tenantId, subscriberId: ids[1], expiresAt: p.exp * 1000 };
}

/** Opens an unsubscribe token; `invalid_token` for anything malformed, tampered, expired or of another purpose. */
export async function readUnsubscribeToken(
  ring: MasterKeyring,
  token: string,
  now = Date.now(),
): Promise<UnsubscribeClaims & { region: Region; expiresAt: number }> {
  const { region, payload } = await openToken(ring, token, 'unsubscribe', now);
  const ids = unpackIds(payload as Partial<Packed>);
  const tenantId = ids ? `ten_${region}_${ids.t}` : '';
  if (!ids || !parseTenantId(tenantId)) throw invalidToken();
  return {
    region,
    tenantId,
    subscriberId: ids.s,
    listId: ids.l,
    messageId: ids.m,
    expiresAt: payload.exp * 1000,
  };
}
