// Composes outbound RFC 5322 messages: UTF-8 text and optional HTML (multipart/alternative),
// base64 bodies, RFC 2047 encoded headers, and header values refused when they carry line
// breaks (header injection).

import { toBase64, utf8 } from '../encoding';

export type OutboundMail = {
  from: { address: string; name?: string };
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /** Extra headers, e.g. List-Unsubscribe, Auto-Submitted. */
  headers?: Record<string, string>;
  messageId?: string;
};

const NEEDS_ENCODING = /[^\x20-\x7e]/;

function assertSingleLine(value: string, what: string): void {
  if (/[\r\n]/.test(value)) throw new Error(`${what} must not contain line breaks`);
}

/** RFC 2047 encoded-word for non-ASCII header text. */
export function encodeHeaderText(value: string): string {
  assertSingleLine(value, 'header');
  return NEEDS_ENCODING.test(value) ? `=?UTF-8?B?${toBase64(utf8(value))}?=` : value;
}

function formatAddress(a: { address: string; name?: string }): string {
  assertSingleLine(a.address, 'address');
  if (!a.name) return `<${a.address}>`;
  const name = NEEDS_ENCODING.test(a.name)
    ? encodeHeaderText(a.name)
    : `"${a.name.replace(/["\\]/g, '\\$&')}"`;
  return `${name} <${a.address}>`;
}

function base64Body(text: string): string {
  return (toBase64(utf8(text)).match(/.{1,76}/g) ?? []).join('\r\n');
}

function part(type: string, body: string): string {
  return `Content-Type: ${type}; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Body(body)}\r\n`;
}

/** The raw message, CRLF line endings, ready for `new EmailMessage(from, to, raw)`. */
export function composeMail(mail: OutboundMail, domain: string, now = new Date()): string {
  const messageId = mail.messageId ?? `<${crypto.randomUUID()}@${domain}>`;
  const headers: [string, string][] = [
    ['From', formatAddress(mail.from)],
    ['To', formatAddress({ address: mail.to })],
    ['Subject', encodeHeaderText(mail.subject)],
    ['Date', now.toUTCString().replace('GMT', '+0000')],
    ['Message-ID', messageId],
    ['MIME-Version', '1.0'],
  ];
  if (mail.replyTo) headers.push(['Reply-To', formatAddress({ address: mail.replyTo })]);
  for (const [k, v] of Object.entries(mail.headers ?? {})) {
    assertSingleLine(k, 'header name');
    assertSingleLine(v, 'header');
    headers.push([k, v]);
  }
  const head = headers.map(([k, v]) => `${k}: ${v}`).join('\r\n');
  if (!mail.html) return `${head}\r\n${part('text/plain', mail.text)}`;
  const boundary = `tm-${crypto.randomUUID()}`;
  return (
    `${head}\r\nContent-Type: multipart/alternative; boundary="${boundary}"\r\n\r\n` +
    `--${boundary}\r\n${part('text/plain', mail.text)}--${boundary}\r\n${part('text/html', mail.html)}--${boundary}--\r\n`
  );
}
