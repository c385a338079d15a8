// Sending mail through the `send_email` binding: every message the product sends (double
// opt-in, requester notifications, acknowledgements) goes through `sendMail`.

import { EmailMessage } from 'cloudflare:email';
import { composeMail, type OutboundMail } from '../../shared/mail/compose';
import { describeError, log } from '../../shared/log';
import type { Bindings } from '../env';

/** The sender address of system mail, on the product's mail domain. */
export const systemSender = (env: Pick<Bindings, 'MAIL_DOMAIN'>, local = 'privacy') =>
  `${local}@${env.MAIL_DOMAIN}`;

/**
 * Sends one message. `purpose` names it in logs (never the address). Throws when the binding
 * refuses, so the caller decides whether to retry (queue) or report.
 */
export async function sendMail(
  env: Pick<Bindings, 'MAILER' | 'MAIL_DOMAIN'>,
  mail: OutboundMail,
  purpose: string,
): Promise<void> {
  const raw = composeMail(mail, env.MAIL_DOMAIN);
  try {
    await env.MAILER.send(new EmailMessage(mail.from.address, mail.to, raw));
    log('info', 'mail.sent', { purpose });
  } catch (err) {
    log('warn', 'mail.failed', { purpose, ...describeError(err) });
    throw err;
  }
}
