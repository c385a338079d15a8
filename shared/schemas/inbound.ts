// The inbound message as the email handler works with it, after postal-mime: validated once at
// the boundary so the rest of the pipeline never touches raw parser output.

import { z } from 'zod';

export const MailHeader = z.object({ key: z.string(), value: z.string() });

export const InboundMail = z.object({
  messageId: z.string().max(998).nullable(),
  /** ISO 8601 when the Date header parsed, else null. */
  date: z.iso.datetime({ offset: true }).nullable(),
  /** Decoded subject flattened to one line (encoded CR/LF removed). */
  subject: z.string().max(1000),
  from: z.object({ address: z.string().max(320), name: z.string().max(500) }).nullable(),
  headers: z.array(MailHeader),
  /** The readable new-and-quoted text: the text part, else text made from the HTML part. */
  text: z.string(),
  textSource: z.enum(['text', 'html', 'none']),
  /** Non-body parts: their MIME type, and the decoded text of delivery and feedback reports. */
  parts: z.array(z.object({ mimeType: z.string(), text: z.string().nullable() })),
});
export type InboundMail = z.infer<typeof InboundMail>;
