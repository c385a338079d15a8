// Tracked-link tokens: who clicked (tenant, subscriber), in which message, for which list's
// purpose, where to, until when. Sealed (purpose `link`), so the URL reveals nothing and the
// destination can only come from a token we minted. The API and the send pipeline both mint here.

import { AppError } from './errors';
import type { MasterKeyring } from './crypto/keyring';
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

/**
 * The destination in canonical form, or null unless it is an absolute http(s) URL with a host
 * and without embedded credentials (`https://bank@evil.example` is a phishing classic).
 */
export function parseDestination(value: string): string | null {
  if (value.length > MAX_DESTINATION_LENGTH) return null;
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

// Compact payload keys; tenant and subscriber ids travel as their 20-character bodies because
// the region mark and the `sub_` prefix are implied.
type Packed = { t: string; s: string; l: string; m?: string; d: string };

const SUBSCRIBER_PREFIX = 'sub_';

function packSubscriber(id: string): string {
  const body = id.startsWith(SUBSCRIBER_PREFIX) ? id.slice(SUBSCRIBER_PREFIX.length) : '';
  return isIdBody(body) ? body : id;
}

const unpackSubscriber = (value: string) => (isIdBody(value) ? `${SUBSCRIBER_PREFIX}${value}` : value);

/** Mints a link token; throws `validation_failed` for a destination we would never redirect to. */
export async function mintLinkToken(
  ring: MasterKeyring,
  claims: Omit<LinkClaims, 'expiresAt'> & { expiresAt?: number },
  now = Date.now(),
): Promise<{ token: string; region: Region; expiresAt: number }> {
  const tenant = parseTenantId(claims.tenantId);
  if (!tenant) throw new AppError('unknown_tenant', 'Unknown tenant.');
  const destination = parseDestination(claims.destination);
  if (!destination) throw new AppError('validation_failed', 'The destination must be an absolute http(s) URL with a host.');
  const expiresAt = claims.expiresAt ?? now + DEFAULT_LINK_TTL_DAYS * 86_400_000;
  const ttlSeconds = Math.ceil((expiresAt - now) / 1000);
  if (ttlSeconds <= 0 || ttlSeconds > MAX_LINK_TTL_DAYS * 86_400) {
    throw new AppError('validation_failed', `The expiry must be in the future and at most ${MAX_LINK_TTL_DAYS} days away.`);
  }
  const payload: Packed = { t: tenant.id.slice(-20), s: packSubscriber(claims.subscriberId), l: claims.listId, d: destination };
  if (claims.messageId) payload.m = claims.messageId;
  const token = await sealToken(ring, tenant.region, 'link', payload, ttlSeconds, now);
  return { token, region: tenant.region, expiresAt: (Math.floor(now / 1000) + ttlSeconds) * 1000 };
}

const isText = (v: unknown, max = 256): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * Opens a link token. Throws `invalid_token` for anything malformed, tampered, expired, of another
 * purpose or region, or whose destination would not pass minting today.
 */
export async function readLinkToken(ring: MasterKeyring, token: string, now = Date.now()): Promise<OpenedLinkClaims> {
  const { region, payload } = await openToken(ring, token, 'link', now);
  const p = payload as Partial<Packed> & { exp: number };
  const destination = isText(p.d, MAX_DESTINATION_LENGTH) ? parseDestination(p.d) : null;
  const tenantId = isText(p.t) ? `ten_${region}_${p.t}` : '';
  if (!destination || !parseTenantId(tenantId) || !isText(p.s) || !isText(p.l) || (p.m !== undefined && !isText(p.m))) {
    throw new AppError('invalid_token', 'This link is not valid or has expired.');
  }
  return {
    region,
    tenantId,
    subscriberId: unpackSubscriber(p.s),
    listId: p.l,
    messageId: p.m ?? null,
    destination,
    expiresAt: p.exp * 1000,
  };
}

/** The public URL of a link token. */
export const linkUrl = (publicOrigin: string, token: string) => `${publicOrigin.replace(/\/+$/, '')}/l/${token}`;
