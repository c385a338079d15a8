// Mails the confirmation link an unverified inbound request waits on (Art. 12(6): no one can
// erase someone else by forging a From line). The link is a sealed `verify` token naming the
// tenant and the request, answered at `GET /v/:token`.

import { masterKeyring } from '../../shared/crypto/keyring';
import { ackLanguage } from '../../shared/inbound/acknowledgement';
import { verificationText } from '../../shared/inbound/verification-text';
import { sealToken } from '../../shared/tokens';
import type { Bindings } from '../env';
import { sendMail, systemSender } from '../mail/send';
import type { Tenant } from '../../db/tenants';
import type { PrivacyRequest } from '../../db/privacy-requests';

export const VERIFY_TTL_SECONDS = 7 * 24 * 3600;

/** The confirmation link for one request. */
export async function verificationLink(env: Pick<Bindings, 'MASTER_KEY' | 'PUBLIC_ORIGIN'>, tenant: Pick<Tenant, 'id' | 'region'>, requestId: string): Promise<string> {
  const ring = await masterKeyring(env.MASTER_KEY);
  const token = await sealToken(ring, tenant.region, 'verify', { t: tenant.id, r: requestId }, VERIFY_TTL_SECONDS);
  return `${env.PUBLIC_ORIGIN}/v/${token}`;
}

export async function sendRequestVerification(
  env: Bindings,
  input: { tenant: Tenant; request: PrivacyRequest; to: string; language: string | null; replyTo: string; inReplyTo: string | null },
): Promise<void> {
  const link = await verificationLink(env, input.tenant, input.request.id);
  const { subject, text } = verificationText(ackLanguage(input.language), { link, reference: input.request.id, tenantName: input.tenant.name });
  await sendMail(env, {
    from: { address: systemSender(env), name: input.tenant.name },
    to: input.to,
    replyTo: input.replyTo,
    subject,
    text,
    headers: robotHeaders(input.inReplyTo),
  }, 'inbound.verification');
}

/** RFC 3834 marking of our automatic answers, threaded to the message they answer. */
export function robotHeaders(inReplyTo: string | null): Record<string, string> {
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' };
  if (inReplyTo && /^<[^<>\s]{1,250}>$/.test(inReplyTo)) {
    headers['In-Reply-To'] = inReplyTo;
    headers.References = inReplyTo;
  }
  return headers;
}
