// Raw RFC 5322 → InboundMail: postal-mime does the MIME work (charsets, quoted-printable,
// base64, multipart, encoded words); this module picks the readable text, decodes report parts
// and flattens the subject, then validates the result.

import PostalMime, { type Email, type RawEmail } from 'postal-mime';
import { InboundMail } from '../schemas/inbound';
import { singleLine } from './headers';
import { htmlToText } from './html-text';

/** Part types whose text we read (delivery and feedback reports); others are only counted. */
const READ_PARTS = /^(message\/(global-)?delivery-status|message\/feedback-report|text\/rfc822-headers)$/;

function partText(content: ArrayBuffer | Uint8Array | string): string {
  if (typeof content === 'string') return content;
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(content).slice(0, 64 * 1024);
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  // Dates outside 1970–2199 are forged or broken: keep none rather than reject the message.
  return Number.isNaN(t) || t < 0 || t >= Date.UTC(2200, 0, 1) ? null : new Date(t).toISOString();
}

export function toInboundMail(email: Email): InboundMail {
  const from =
    email.from && email.from.address !== undefined
      ? { address: email.from.address.slice(0, 320), name: (email.from.name ?? '').slice(0, 500) }
      : null;
  const plain = email.text?.trim() ? email.text : null;
  const html = !plain && email.html?.trim() ? htmlToText(email.html) : null;
  return InboundMail.parse({
    messageId: email.messageId ? singleLine(email.messageId, 998) : null,
    date: isoDate(email.date),
    subject: singleLine(email.subject ?? '', 1000),
    from,
    headers: email.headers.map((h) => ({ key: h.key, value: h.value })),
    text: plain ?? html ?? '',
    textSource: plain ? 'text' : html ? 'html' : 'none',
    parts: email.attachments.map((a) => ({
      mimeType: a.mimeType,
      text: READ_PARTS.test(a.mimeType) ? partText(a.content) : null,
    })),
  });
}

/** Parses a raw message; throws when the MIME structure is beyond repair (nesting, header size). */
export async function parseInbound(raw: RawEmail): Promise<InboundMail> {
  return toInboundMail(await PostalMime.parse(raw, { maxNestingDepth: 50, maxHeadersSize: 512 * 1024 }));
}
