// What the requester hears back: the confirmation link while the request awaits verification,
// otherwise the tenant's acknowledgement (setting `acknowledgeInbound`), in their language.
// Never to auto-replies, bounces, mailing lists or no-reply senders, and never twice for a
// merged duplicate, so we cannot loop with another robot.

import type { PrivacyRequest } from '../../db/privacy-requests';
import type { RegionalStore } from '../../db/regions';
import type { Tenant } from '../../db/tenants';
import { ackLanguage, acknowledgementText } from '../../shared/inbound/acknowledgement';
import type { RobotVerdict } from '../../shared/inbound/auto-reply';
import { describeError, log } from '../../shared/log';
import { privacyAddress } from '../../shared/reply-address';
import type { Bindings } from '../env';
import { sendMail, systemSender } from '../mail/send';
import { verificationLink } from '../privacy/service';
import type { Requester } from './requester';
import { robotHeaders, sendRequestVerification } from './verification';

export type AnswerInput = {
  tenant: Tenant;
  store: RegionalStore;
  request: PrivacyRequest;
  merged: boolean;
  requester: Requester;
  robot: RobotVerdict;
  language: string | null;
  messageId: string | null;
};

export type Answer = 'verification' | 'acknowledgement' | 'none';

/**
 * Sends the answer. A failed verification mail is rethrown (the request cannot proceed without
 * it, and the sender's retry reaches the merged request and sends it again); a failed
 * acknowledgement is only logged.
 */
export async function answerRequester(env: Bindings, input: AnswerInput): Promise<Answer> {
  const { tenant, request, requester, robot } = input;
  if (!requester.mailTo || robot.autoReply || robot.list || robot.noReply) return 'none';
  const replyTo = privacyAddress(tenant, env.MAIL_DOMAIN);
  const language = input.language ?? requester.subscriber?.language ?? null;
  if (request.status === 'awaiting_verification') {
    const link = await verificationLink({ env, store: input.store, tenant }, request);
    await sendRequestVerification(env, {
      tenant,
      request,
      link,
      to: requester.mailTo,
      language,
      replyTo,
      inReplyTo: input.messageId,
    });
    return 'verification';
  }
  if (input.merged || !tenant.settings.acknowledgeInbound) return 'none';
  const { subject, text } = acknowledgementText(ackLanguage(language), {
    tenantName: tenant.name,
    reference: request.id,
    dueAt: request.dueAt,
  });
  try {
    await sendMail(
      env,
      {
        from: { address: systemSender(env), name: tenant.name },
        to: requester.mailTo,
        replyTo,
        subject,
        text,
        headers: robotHeaders(input.messageId),
      },
      'inbound.acknowledgement',
    );
    return 'acknowledgement';
  } catch (err) {
    log('warn', 'email.ack_failed', { tenantId: tenant.id, requestId: request.id, ...describeError(err) });
    return 'none';
  }
}
