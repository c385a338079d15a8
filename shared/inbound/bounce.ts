// Delivery reports: DSNs (RFC 3464, `multipart/report; report-type=delivery-status` with a
// `message/delivery-status` part) and the plain-text bounces of older MTAs from mailer-daemon.
// Hard (5.x.x, permanent) vs soft (4.x.x, or `Action: delayed`). A report never becomes a request.

import { foldText, header, type MailHeader } from './headers';
import { isNoReplyAddress } from './auto-reply';

export type BounceRecipient = {
  address: string | null;
  action: string | null;
  status: string | null;
  hard: boolean;
};

export type Bounce = {
  /** `hard` when delivery failed permanently for at least one recipient. */
  severity: 'hard' | 'soft';
  recipients: BounceRecipient[];
  /** Non-personal rule names: how it was recognised. */
  rules: string[];
};

export type ReportInput = {
  headers: readonly MailHeader[];
  subject: string | null;
  from: string | null;
  text: string;
  /** MIME types and decoded text of the message's non-body parts. */
  parts: readonly { mimeType: string; text: string | null }[];
};

const BOUNCE_SUBJECT =
  /^(undeliver|undelivered mail|returned mail|delivery (status notification|failure|has failed)|mail delivery (failed|failure|subsystem)|failure notice|nondeliverable|non-delivery|unzustellbar|nicht zustellbar|non remis|non recapitable|onbestelbaar|no se puede entregar|non recapitabile|niedostarczalne|kunde inte levereras|nao foi possivel entregar|kunne ikke leveres)/;

const STATUS = /^([245])\.\d{1,3}\.\d{1,3}$/;

/** Per-recipient fields of a `message/delivery-status` body (blocks separated by blank lines). */
export function parseDeliveryStatus(body: string): BounceRecipient[] {
  const blocks = body
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split(/\n\s*\n/);
  const out: BounceRecipient[] = [];
  for (const block of blocks) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const recipient = fields.get('final-recipient') ?? fields.get('original-recipient');
    if (!recipient && !fields.has('action')) continue;
    const status = fields.get('status')?.split(/[\s(]/)[0] ?? null;
    const action = fields.get('action')?.toLowerCase() ?? null;
    const address = recipient
      ? recipient
          .replace(/^[a-z0-9-]+;\s*/i, '')
          .replace(/^<|>$/g, '')
          .trim() || null
      : null;
    const hard = action === 'failed' && (status === null || status.startsWith('5.'));
    out.push({ address, action, status: status && STATUS.test(status) ? status : null, hard });
  }
  return out;
}

/** Status codes quoted in a plain-text bounce ("550 5.1.1 user unknown"). */
function statusesInText(text: string): { hard: boolean; soft: boolean } {
  return {
    hard: /\b5\.\d{1,2}\.\d{1,3}\b|\b55[0-4]\b/.test(text),
    soft: /\b4\.\d{1,2}\.\d{1,3}\b|\b4[25]\d\b/.test(text),
  };
}

/** The bounce this message is, or null when it is no delivery report. */
export function detectBounce(input: ReportInput): Bounce | null {
  const contentType = (header(input.headers, 'content-type') ?? '').toLowerCase();
  const statusPart = input.parts.find(
    (p) => p.mimeType === 'message/delivery-status' || p.mimeType === 'message/global-delivery-status',
  );
  const isReport =
    /multipart\/report/.test(contentType) && /report-type\s*=\s*"?delivery-status/.test(contentType);
  const rules: string[] = [];
  if (isReport) rules.push('mime:multipart-report');
  if (statusPart) rules.push('mime:delivery-status');
  if (statusPart?.text) {
    const recipients = parseDeliveryStatus(statusPart.text);
    return { severity: recipients.some((r) => r.hard) ? 'hard' : 'soft', recipients, rules };
  }
  if (isReport) return { severity: 'soft', recipients: [], rules };
  const daemon = isNoReplyAddress(input.from) && /^(mailer[-_.]?daemon|postmaster)/i.test(input.from ?? '');
  const subject = BOUNCE_SUBJECT.test(foldText(input.subject ?? ''));
  if (!daemon || !subject) return null;
  rules.push('sender:mailer-daemon', 'subject:bounce');
  const codes = statusesInText(input.text);
  return { severity: codes.hard ? 'hard' : 'soft', recipients: [], rules };
}
