// The contract of an outbound mail as the product hands it to `sendMail`: one recipient, a
// one-line subject, UTF-8 text and optional HTML, extra headers by name. Every header value is
// one line (no CR or LF anywhere), so nothing a person typed can add a header (injection).

import { z } from 'zod';

const OneLine = z.string().regex(/^[^\r\n]*$/, 'must not contain line breaks');
const Address = z
  .string()
  .min(3)
  .max(254)
  .regex(/^[^\s<>()",;:\\]+@[^\s<>()",;:\\@]+$/, 'must be a plain address');

export const OutboundMail = z.object({
  from: z.object({ address: Address, name: OneLine.max(200).optional() }),
  to: Address,
  // One encoded-word line must stay under RFC 5322's 998 characters.
  subject: OneLine.min(1).refine((s) => new TextEncoder().encode(s).length <= 700, 'too long'),
  text: z.string().min(1),
  html: z.string().min(1).optional(),
  replyTo: Address.optional(),
  /** Our Message-ID (`<id@domain>`), when the caller stores it; otherwise one is made up. */
  messageId: z
    .string()
    .regex(/^<[A-Za-z0-9._-]{1,100}@[A-Za-z0-9.-]{1,200}>$/, 'must be <id@domain>')
    .optional(),
  /** Extra headers, e.g. List-Unsubscribe, Auto-Submitted, In-Reply-To. */
  headers: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,99}$/, 'must be a header name'), OneLine.max(2048))
    .optional(),
});
export type OutboundMail = z.input<typeof OutboundMail>;
