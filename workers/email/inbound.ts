// The `email` entry point: inbound replies, mailto unsubscribes and mail to privacy addresses.
// An adapter: size check, the pipeline in process.ts, then reject, forward or accept. Permanent
// failures are rejected with a reason (the sender's server reports it); transient ones (D1
// unavailable) are rethrown, so the sending server retries later.

import { AppError } from '../../shared/errors';
import { describeError, log } from '../../shared/log';
import type { Bindings } from '../env';
import { processInbound } from './process';

export const MAX_INBOUND_BYTES = 25 * 1024 * 1024;

export async function handleEmail(
  message: ForwardableEmailMessage,
  env: Bindings,
  _ctx: ExecutionContext,
): Promise<void> {
  if (message.rawSize > MAX_INBOUND_BYTES) {
    log('warn', 'email.rejected', { code: 'too_large', size: message.rawSize });
    message.setReject('Message too large for the privacy inbox (25 MB limit).');
    return;
  }
  try {
    const outcome = await processInbound(env, { to: message.to, raw: message.raw });
    if (outcome.action === 'reject') {
      log('warn', 'email.rejected', { code: outcome.code, size: message.rawSize });
      message.setReject(outcome.reason);
    } else if (outcome.action === 'forward') {
      await message.forward(outcome.to);
    }
  } catch (err) {
    if (err instanceof AppError) {
      log('warn', 'email.rejected', { code: err.code, size: message.rawSize });
      message.setReject('The message could not be handled by the privacy inbox.');
      return;
    }
    log('error', 'email.transient_failure', describeError(err));
    throw err;
  }
}
