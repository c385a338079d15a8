// Rate limits of the mails a person can ask for on the self-service pages (their preference link,
// the confirmation of a new address), through the Workers rate-limiting bindings of wrangler.toml:
// per client IP, and per address (its blind index, so no address reaches the limiter).

import { AppError } from '../../shared/errors';
import type { Bindings } from '../env';

/** The limits count per minute: a refused request may try again after this. */
export const PREFERENCE_MAIL_RETRY_SECONDS = 60;

/** Counts the request against both limits; `rate_limited` (429) when either is spent. */
export async function enforcePreferenceMailLimits(
  env: Pick<Bindings, 'PREFERENCE_MAIL_IP_LIMIT' | 'PREFERENCE_MAIL_ADDRESS_LIMIT'>,
  addressIndex: string,
  ip: string | null,
): Promise<void> {
  const [visitor, address] = await Promise.all([
    env.PREFERENCE_MAIL_IP_LIMIT.limit({ key: ip ?? 'no-ip' }),
    env.PREFERENCE_MAIL_ADDRESS_LIMIT.limit({ key: addressIndex }),
  ]);
  if (!visitor.success || !address.success)
    throw new AppError('rate_limited', 'Too many requests for a link in a short time. Please wait a minute.');
}
