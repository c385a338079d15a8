// Rate limits of public form posts, through the Workers rate-limiting bindings of wrangler.toml
// (`[[ratelimits]]`): per visitor (client IP) and form, and per form over all its visitors. They
// bound what one source, or a crowd, can make a form write and mail in a minute.

import { AppError } from '../../shared/errors';
import type { Bindings } from '../env';

/** The limits count per minute: a refused post may try again after this. */
export const RETRY_AFTER_SECONDS = 60;

/** Counts the post against both limits; `rate_limited` (429) when either is spent. */
export async function enforceFormRateLimits(
  env: Pick<Bindings, 'FORM_VISITOR_LIMIT' | 'FORM_LIMIT'>,
  formId: string,
  ip: string | null,
): Promise<void> {
  const [visitor, form] = await Promise.all([
    env.FORM_VISITOR_LIMIT.limit({ key: `${formId}:${ip ?? 'no-ip'}` }),
    env.FORM_LIMIT.limit({ key: formId }),
  ]);
  if (!visitor.success || !form.success)
    throw new AppError(
      'rate_limited',
      'Too many sign-ups from here in a short time. Please wait a minute and try again.',
    );
}
