// Operator authentication for the platform routes: `Authorization: Bearer <PLATFORM_KEY>`, the
// secret only the platform's operators hold. Compared in constant time (as SHA-256 digests, so
// the length of the key leaks nothing either); without a configured key every request is refused.

import type { MiddlewareHandler } from 'hono';
import { timingSafeEqual } from '../../shared/crypto/timing-safe-equal';
import { utf8 } from '../../shared/encoding';
import { AppError } from '../../shared/errors';
import { log } from '../../shared/log';
import type { AppEnv } from '../env';

/** Shorter keys are treated as no key: `openssl rand -base64 32` gives 44 characters. */
const MIN_KEY_LENGTH = 32;

const digest = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text)));

export const platformKeyAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = c.env.PLATFORM_KEY ?? '';
  const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  if (expected.length < MIN_KEY_LENGTH) {
    log('error', 'platform.key_missing', { requestId: c.get('requestId') });
    throw new AppError('unauthorized', 'Send the platform key as "Authorization: Bearer <key>".');
  }
  if (!timingSafeEqual(await digest(given), await digest(expected))) {
    throw new AppError('unauthorized', 'Send the platform key as "Authorization: Bearer <key>".');
  }
  await next();
};
