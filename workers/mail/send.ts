// Sending mail through the `send_email` binding: every message the product sends (double
// opt-in, requester notifications, inbound answers) goes through `sendMail`, which checks it
// against the OutboundMail contract and builds the MIME with mimetext: multipart/alternative
// when there is HTML, UTF-8 bodies in base64, RFC 2047 encoded subject and display names.

import { EmailMessage } from 'cloudflare:email';
import { createMimeMessage, Mailbox } from 'mimetext/browser';
import { toBase64, utf8 } from '../../shared/encoding';
import { describeError, log } from '../../shared/log';
import { OutboundMail } from '../../shared/schemas/mail';
import type { Bindings } from '../env';

/** The sender address of system mail, on the product's mail domain. */
export const systemSender = (env: Pick<Bindings, 'MAIL_DOMAIN'>, local = 'privacy') =>
  `${local}@${env.MAIL_DOMAIN}`;

/** UTF-8 text as a base64 body, in lines of 76 characters (RFC 2045 §6.8). */
const base64Body = (text: string) => (toBase64(utf8(text)).match(/.{1,76}/g) ?? []).join('\r\n');

/** The raw RFC 5322 message (CRLF line endings); throws on input outside the contract. */
export function mimeMessage(input: OutboundMail, domain: string): string {
  const mail = OutboundMail.parse(input);
  const msg = createMimeMessage();
  msg.setSender(mail.from.name ? { addr: mail.from.address, name: mail.from.name } : mail.from.address);
  msg.setRecipient(mail.to);
  msg.setSubject(mail.subject);
  msg.setHeader('Message-ID', mail.messageId ?? `<${crypto.randomUUID()}@${domain}>`);
  if (mail.replyTo) msg.setHeader('Reply-To', new Mailbox(mail.replyTo));
  for (const [name, value] of Object.entries(mail.headers ?? {})) msg.setHeader(name, value);
  msg.addMessage({ contentType: 'text/plain', encoding: 'base64', data: base64Body(mail.text) });
  if (mail.html)
    msg.addMessage({ contentType: 'text/html', encoding: 'base64', data: base64Body(mail.html) });
  return msg.asRaw();
}

/**
 * Sends one message. `purpose` names it in logs (never the address). Throws when the mail breaks
 * the contract or the binding refuses, so the caller decides whether to retry (queue) or report.
 */
export async function sendMail(
  env: Pick<Bindings, 'MAILER' | 'MAIL_DOMAIN'>,
  mail: OutboundMail,
  purpose: string,
  /** `quiet`: no `mail.sent` line, the caller logs the mails it sends together in one. */
  opts: { quiet?: boolean } = {},
): Promise<void> {
  try {
    const raw = mimeMessage(mail, env.MAIL_DOMAIN);
    await env.MAILER.send(new EmailMessage(mail.from.address, mail.to, raw));
    if (!opts.quiet) log('info', 'mail.sent', { purpose });
  } catch (err) {
    log('warn', 'mail.failed', { purpose, ...describeError(err) });
    throw err;
  }
}
