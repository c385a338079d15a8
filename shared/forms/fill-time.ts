// Bot protection that costs people nothing: a honeypot field nobody sees, and a minimum fill
// time measured from a sealed token handed out with the rendered form (`tm_t`). A submission
// that fails either gets the normal answer and writes nothing.

import type { MasterKeyring } from '../crypto/keyring';
import type { Region } from '../regions';
import { openToken, sealToken } from '../tokens';

/** Nobody reads a notice, types an address and ticks a box in under two seconds. */
export const MIN_FILL_MS = 2_000;
const TOKEN_TTL_SECONDS = 86_400;

export const HONEYPOT_FIELD = 'tm_hp';
export const FILL_TOKEN_FIELD = 'tm_t';

export function mintFillToken(
  ring: MasterKeyring,
  region: Region,
  formId: string,
  now = Date.now(),
): Promise<string> {
  return sealToken(ring, region, 'form', { f: formId, t: now }, TOKEN_TTL_SECONDS, now);
}

export type SpamVerdict =
  | { spam: false }
  | { spam: true; reason: 'honeypot' | 'too_fast' | 'bad_token' | 'no_token' };

/**
 * Judges a submission. A fill token is required when `tokenRequired` (the embed script always
 * sends one); a plain HTML form without the script has only the honeypot.
 */
export async function judgeSubmission(
  ring: MasterKeyring,
  formId: string,
  fields: { honeypot?: string; token?: string },
  tokenRequired: boolean,
  now = Date.now(),
): Promise<SpamVerdict> {
  if (fields.honeypot && fields.honeypot.trim() !== '') return { spam: true, reason: 'honeypot' };
  if (!fields.token) return tokenRequired ? { spam: true, reason: 'no_token' } : { spam: false };
  try {
    const { payload } = await openToken(ring, fields.token, 'form', now);
    if (payload.f !== formId || typeof payload.t !== 'number') return { spam: true, reason: 'bad_token' };
    return now - payload.t < MIN_FILL_MS ? { spam: true, reason: 'too_fast' } : { spam: false };
  } catch {
    return { spam: true, reason: 'bad_token' };
  }
}
