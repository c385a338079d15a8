// The inbound pipeline, from envelope to outcome: route the recipient, parse, set reports and
// robots aside (a hard bounce marks the address undeliverable), identify the requester,
// classify the new text, and file the request through `createPrivacyRequest`. Nothing is
// dropped unseen: what fits nothing is forwarded to the tenant's inbox or kept for review.

import { recordHardBounce } from '../../db/bounces';
import type { OutboxRef } from '../../db/outbox';
import type { PrivacyRequest } from '../../db/privacy-requests';
import { tenantKeys } from '../../db/tenants';
import { detectRobot } from '../../shared/inbound/auto-reply';
import { detectBounce, type Bounce } from '../../shared/inbound/bounce';
import { decideIntent } from '../../shared/inbound/decide';
import { inboundEvidence } from '../../shared/inbound/evidence';
import { parseInbound } from '../../shared/inbound/parse';
import { describeError, log } from '../../shared/log';
import type { InboundMail } from '../../shared/schemas/inbound';
import type { Bindings } from '../env';
import { dispatchEvents } from '../outbox/dispatch';
import { filePrivacyRequest } from '../privacy/service';
import { answerRequester } from './answer';
import { identifyRequester } from './requester';
import { routeRecipient, type InboundTarget } from './route';

export type InboundEnvelope = { to: string; raw: ReadableStream<Uint8Array> | Uint8Array | string };

export type InboundOutcome =
  | { action: 'reject'; reason: string; code: string }
  | { action: 'forward'; to: string; code: string }
  | { action: 'accept'; code: string; requestId?: string };

export async function processInbound(env: Bindings, envelope: InboundEnvelope): Promise<InboundOutcome> {
  const routed = await routeRecipient(env, envelope.to);
  if (!routed.ok) return { action: 'reject', reason: routed.reason, code: routed.code };
  const target = routed.target;
  let mail: InboundMail;
  try {
    mail = await parseInbound(envelope.raw);
  } catch (err) {
    log('warn', 'email.unparseable', { tenantId: target.tenant.id, ...describeError(err) });
    return {
      action: 'reject',
      reason: 'The message could not be parsed as MIME; please resend it as plain text.',
      code: 'unparseable',
    };
  }
  const bounce = detectBounce({
    headers: mail.headers,
    subject: mail.subject,
    from: mail.from?.address ?? null,
    text: mail.text,
    parts: mail.parts,
  });
  if (bounce) return handleBounce(env, target, bounce);
  const robot = detectRobot(mail.headers, mail.subject, mail.from?.address);
  if (robot.autoReply) {
    // A subject alone ("Absence de consentement : suppression…") does not make a robot when the
    // text asks for something: a person decides, and no answer goes out.
    const asks =
      robot.subjectOnly && decideIntent(mail, target.tenant.settings.inboundAutoThreshold).kind !== 'review';
    if (asks) return fileRequest(env, target, mail, robot, 'possible_auto_reply');
    log('info', 'email.auto_reply', {
      tenantId: target.tenant.id,
      route: target.route,
      rules: robot.rules.join(','),
    });
    return { action: 'accept', code: 'auto_reply' };
  }
  if (mail.parts.some((p) => p.mimeType === 'message/feedback-report'))
    return fitsNothing(target, 'feedback_report');
  return fileRequest(env, target, mail, robot);
}

async function fileRequest(
  env: Bindings,
  target: InboundTarget,
  mail: InboundMail,
  robot: ReturnType<typeof detectRobot>,
  forceReview?: 'possible_auto_reply',
): Promise<InboundOutcome> {
  const { tenant } = target;
  const decided =
    target.route === 'unsubscribe'
      ? { kind: 'unsubscribe' as const, classification: null, fitsNothing: false }
      : decideIntent(mail, tenant.settings.inboundAutoThreshold);
  const decision = forceReview ? { ...decided, kind: 'review' as const, reviewReason: forceReview } : decided;
  if (decision.fitsNothing && tenant.settings.inboundForwardTo) return fitsNothing(target, 'no_intent');
  const requester = await identifyRequester(env, target, mail);
  // The mailto unsubscribe address was sent only to this subscriber: like the one-click link, it suffices.
  const verified = target.route === 'unsubscribe' ? target.subscriber !== null : requester.verified;
  const evidence = inboundEvidence({
    route: target.route,
    identifiedBy: target.route === 'unsubscribe' ? 'unsubscribe_token' : requester.identifiedBy,
    auth: requester.auth,
    arc: requester.arc,
    messageId: mail.messageId,
    date: mail.date,
    textSource: mail.textSource,
    classification: decision.classification,
    reviewReason: 'reviewReason' in decision ? decision.reviewReason : undefined,
  });
  const language = decision.classification?.language ?? null;
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  // Through the privacy service, so an erasure goes on the clock; this channel answers in the
  // sender's thread itself (answerRequester), never to robots.
  const events: OutboxRef[] = [];
  const { request, merged } = await filePrivacyRequest(
    { env, store: target.store, tenant, events },
    {
      kind: decision.kind,
      channel: 'email',
      subscriberId: requester.subscriber?.id ?? null,
      subjectIndex: requester.subjectIndex,
      evidence,
      language,
      verified,
      requester: !requester.subscriber && requester.mailTo ? { email: requester.mailTo, keys } : null,
      actor: 'subscriber',
      receivedAt: new Date(),
    },
    { answer: 'caller' },
  );
  // The client's systems hear of the request before the requester's answer goes out.
  await dispatchEvents(env, target.store.region, events);
  const answer =
    target.route === 'unsubscribe'
      ? 'none'
      : await answerRequester(env, {
          tenant,
          store: target.store,
          request,
          merged,
          requester,
          robot,
          language,
          messageId: mail.messageId,
        });
  logFiled(target, request, merged, answer, evidence);
  return { action: 'accept', code: merged ? 'merged' : 'filed', requestId: request.id };
}

function logFiled(
  target: InboundTarget,
  request: PrivacyRequest,
  merged: boolean,
  answer: string,
  evidence: Record<string, unknown>,
): void {
  log('info', 'email.request_filed', {
    tenantId: target.tenant.id,
    requestId: request.id,
    kind: request.kind,
    status: request.status,
    merged,
    answer,
    route: target.route,
    identifiedBy: String(evidence.identifiedBy),
    confidence: typeof evidence.confidence === 'number' ? evidence.confidence : null,
  });
}

function fitsNothing(target: InboundTarget, code: string): InboundOutcome {
  const to = target.tenant.settings.inboundForwardTo;
  log('info', 'email.unhandled', { tenantId: target.tenant.id, code, forwarded: Boolean(to) });
  return to ? { action: 'forward', to, code } : { action: 'accept', code };
}

/**
 * A hard bounce on a reply or unsubscribe address (whose token we minted for that subscriber)
 * suppresses the address and marks the subscriber; a soft one is only logged. A report sent to
 * the public privacy address proves nothing (anyone can write one naming any address), so it
 * marks no one: it is logged and left alone.
 */
async function handleBounce(env: Bindings, target: InboundTarget, bounce: Bounce): Promise<InboundOutcome> {
  const { tenant, store } = target;
  const status = bounce.recipients.find((r) => r.hard)?.status ?? null;
  const marked = bounce.severity === 'hard' && target.subscriber !== null;
  if (marked && target.subscriber) {
    const events = await recordHardBounce(store.db, {
      tenantId: tenant.id,
      subscriberId: target.subscriber.id,
      emailIndex: target.subscriber.emailIndex,
      status,
    });
    await dispatchEvents(env, store.region, events);
  }
  log('info', 'email.bounce', {
    tenantId: tenant.id,
    route: target.route,
    severity: bounce.severity,
    recipients: bounce.recipients.length,
    marked,
    rules: bounce.rules.join(','),
  });
  return { action: 'accept', code: `bounce_${bounce.severity}` };
}
