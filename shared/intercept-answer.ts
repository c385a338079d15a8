// The intercept decision and the answer token of the consent page. The answer token (purpose
// `answer`) is sealed per page view: a one-time nonce, the click id, the notice shown, its
// language and the page's language, bound to the link token by hash, so a form cannot be forged for another link,
// replayed after use, or submitted without having loaded the page.

import type { MasterKeyring } from './crypto/keyring';
import { AppError } from './errors';
import { sha256Hex } from './encoding';
import type { Geo } from './geo';
import { randomIdBody, type Region } from './regions';
import { openToken, sealToken } from './tokens';

export type InterceptMode = 'off' | 'eu' | 'all';

/**
 * Whether a click is a candidate for the consent question: never when off, always when `all`,
 * and for `eu` (the default) only when the clicker is located in the EU. An unknown location is
 * not treated as the EU: the question is asked where the law asks for it.
 */
export function interceptApplies(mode: InterceptMode | undefined, geo: Pick<Geo, 'isEU'>): boolean {
  const m = mode ?? 'eu';
  if (m === 'off') return false;
  if (m === 'all') return true;
  return geo.isEU === true;
}

/** How long a consent page may stay open before its answer is refused. */
export const ANSWER_TTL_SECONDS = 24 * 3600;

export type ShownNotice = { id: string; version: number; hash: string };

export type AnswerClaims = {
  nonce: string;
  clickId: string;
  notice: ShownNotice;
  /** The language of the notice text shown. */
  language: string;
  /** The language of the page the person answered (a request filed by the answer speaks it). */
  pageLanguage: string;
  /** Epoch milliseconds. */
  expiresAt: number;
};

const bindingOf = async (linkToken: string) => (await sha256Hex(`tm/answer/${linkToken}`)).slice(0, 24);

export async function sealAnswerToken(
  ring: MasterKeyring,
  region: Region,
  linkToken: string,
  input: { clickId: string; notice: ShownNotice; language: string; pageLanguage: string },
  now = Date.now(),
): Promise<string> {
  const payload = {
    b: await bindingOf(linkToken),
    n: randomIdBody(),
    c: input.clickId,
    ni: input.notice.id,
    nv: input.notice.version,
    nh: input.notice.hash,
    lg: input.language,
    pl: input.pageLanguage,
  };
  return sealToken(ring, region, 'answer', payload, ANSWER_TTL_SECONDS, now);
}

const str = (v: unknown, max = 128): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** Opens an answer token for `linkToken`; `invalid_token` when forged, expired or for another link. */
export async function openAnswerToken(
  ring: MasterKeyring,
  token: string,
  linkToken: string,
  now = Date.now(),
): Promise<AnswerClaims> {
  const { payload: p } = await openToken(ring, token, 'answer', now);
  const valid =
    p.b === (await bindingOf(linkToken)) &&
    str(p.n) &&
    str(p.c) &&
    str(p.ni) &&
    typeof p.nv === 'number' &&
    str(p.nh) &&
    str(p.lg, 8) &&
    (p.pl === undefined || str(p.pl, 8));
  if (!valid) throw new AppError('invalid_token', 'This page has expired.');
  return {
    nonce: p.n as string,
    clickId: p.c as string,
    notice: { id: p.ni as string, version: p.nv as number, hash: p.nh as string },
    language: p.lg as string,
    // Pages opened before the page language was sealed: the notice's language stands in.
    pageLanguage: (p.pl ?? p.lg) as string,
    expiresAt: p.exp * 1000,
  };
}
