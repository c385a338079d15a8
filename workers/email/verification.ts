// Mails the confirmation link an unverified inbound request waits on (Art. 12(6): no one can
// erase someone else by forging a From line), as an answer in the requester's thread. The link
// is the privacy service's `verificationLink`, answered at `/v/:token`.

import { ackLanguage } from '../../shared/inbound/acknowledgement';
import { verificationText } from '../../shared/inbound/verification-text';
import type { Bindings } from '../env';
import { sendMail, systemSender } from '../mail/send';
import type { Tenant } from '../../db/tenants';
import type { PrivacyRequest } from '../../db/privacy-requests';

export async function sendRequestVerification(
  env: Bindings,
  input: {
    tenant: Tenant;
    request: PrivacyRequest;
    link: string;
    to: string;
    language: string | null;
    replyTo: string;
    inReplyTo: string | null;
  },
): Promise<void> {
  const link = input.link;
  const { subject, text } = verificationText(ackLanguage(input.language), {
    link,
    reference: input.request.id,
    tenantName: input.tenant.name,
  });
  await sendMail(
    env,
    {
      from: { address: systemSender(env), name: input.tenant.name },
      to: input.to,
      replyTo: input.replyTo,
      subject,
      text,
      headers: robotHeaders(input.inReplyTo),
    },
    'inbound.verification',
  );
}

/** RFC 3834 marking of our automatic answers, threaded to the message they answer. */
export function robotHeaders(inReplyTo: string | null): Record<string, string> {
  const headers: Record<string, string> = {
    'Auto-Submitted': 'auto-replied',
    'X-Auto-Response-Suppress': 'All',
  };
  if (inReplyTo && /^<[^<>\s]{1,250}>$/.test(inReplyTo)) {
    headers['In-Reply-To'] = inReplyTo;
    headers.References = inReplyTo;
  }
  return headers;
}
