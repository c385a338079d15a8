// The link that confirms a subscriber's new address, mailed to that new address: sealed (purpose
// `address_change`), so the address it carries is unreadable in the URL, and bound to the address
// it replaces (a prefix of its blind index), so it applies once, and only while the old address
// is still the subscriber's.

import { z } from 'zod';
import type { MasterKeyring } from './crypto/keyring';
import { AppError } from './errors';
import type { Region } from './regions';
import { openToken, sealToken } from './tokens';

/** How long the confirmation link in the mail to the new address opens. */
export const ADDRESS_CHANGE_TTL_SECONDS = 24 * 3600;

/** Enough of a blind index to tell two addresses apart. */
const FINGERPRINT_CHARS = 16;

export type AddressChange = {
  tenantId: string;
  subscriberId: string;
  /** The normalised new address. */
  newEmail: string;
  /** The blind index of the address it replaces (only its first characters are kept). */
  replacesIndex: string;
};

const Payload = z.object({
  t: z.string().min(1).max(64),
  s: z.string().min(1).max(64),
  e: z.string().min(3).max(254),
  o: z.string().length(FINGERPRINT_CHARS),
});

export const indexFingerprint = (index: string) => index.slice(0, FINGERPRINT_CHARS);

export function sealAddressChange(
  ring: MasterKeyring,
  region: Region,
  change: AddressChange,
  now = Date.now(),
): Promise<string> {
  const payload = {
    t: change.tenantId,
    s: change.subscriberId,
    e: change.newEmail,
    o: indexFingerprint(change.replacesIndex),
  };
  return sealToken(ring, region, 'address_change', payload, ADDRESS_CHANGE_TTL_SECONDS, now);
}

/** Opens the link; `invalid_token` for anything malformed, tampered, expired or of another purpose. */
export async function openAddressChange(
  ring: MasterKeyring,
  token: string,
  now = Date.now(),
): Promise<{ region: Region; tenantId: string; subscriberId: string; newEmail: string; replaces: string }> {
  const { region, payload } = await openToken(ring, token, 'address_change', now);
  const p = Payload.safeParse(payload);
  if (!p.success) throw new AppError('invalid_token', 'This link is not valid or has expired.');
  return { region, tenantId: p.data.t, subscriberId: p.data.s, newEmail: p.data.e, replaces: p.data.o };
}
