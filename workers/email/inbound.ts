// The `email` entry point: inbound replies and mail to privacy addresses. Parsed with
// postal-mime; a message that cannot be handled at all is rejected with a reason.

import PostalMime from 'postal-mime';
import { describeError, log } from '../../shared/log';
import type { Bindings } from '../env';

export const MAX_INBOUND_BYTES = 25 * 1024 * 1024;

export async function handleEmail(message: ForwardableEmailMessage, env: Bindings, _ctx: ExecutionContext): Promise<void> {
  if (message.rawSize > MAX_INBOUND_BYTES) {
    message.setReject('Message too large for the privacy inbox (25 MB limit).');
    return;
  }
  try {
    const parsed = await PostalMime.parse(message.raw);
    log('info', 'email.received', { size: message.rawSize, hasText: Boolean(parsed.text), domain: env.MAIL_DOMAIN });
  } catch (err) {
    log('warn', 'email.unparseable', describeError(err));
    message.setReject('The message could not be parsed as MIME.');
  }
}
