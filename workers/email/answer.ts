// What the requester hears back: the confirmation link while the request awaits verification,
// otherwise the tenant's acknowledgement (setting `acknowledgeInbound`), in their language and
// through the one requester-notification system (the tenant's templates apply), threaded as an
// automatic reply. Never to auto-replies, bounces, mailing lists or no-reply senders, and never
// twice for a merged duplicate, so we cannot loop with another robot.

import type { PrivacyRequest } from '../../db/privacy-requests';
import type { RegionalStore } from '../../db/regions';
import type { Tenant } from '../../db/tenants';
import type { RobotVerdict } from '../../shared/inbound/auto-reply';
import { privacyAddress } from '../../shared/reply-address';
import type { Bindings } from '../env';
import { notifyRequester } from '../privacy/notify';
import { verificationLink } from '../privacy/service';
import type { Requester } from './requester';

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
  const ctx = { env, store: input.store, tenant };
  const to = { email: requester.mailTo, language: input.language ?? requester.subscriber?.language ?? null };
  const thread = { replyTo: privacyAddress(tenant, env.MAIL_DOMAIN), inReplyTo: input.messageId };
  if (request.status === 'awaiting_verification') {
    const link = await verificationLink(ctx, request);
    await notifyRequester(ctx, request, 'verify', { link }, to, { thread, required: true });
    return 'verification';
  }
  if (input.merged || !tenant.settings.acknowledgeInbound) return 'none';
  return (await notifyRequester(ctx, request, 'received', {}, to, { thread })) ? 'acknowledgement' : 'none';
}
