// Requester notifications, the one way every channel writes to a requester: one mail per stage
// of a privacy request, in the requester's language, from the tenant's template or the built-in
// text, through sendMail. Dates are the ones the requester may rely on (`promisedDate`). A failed
// mail is logged and reported as false; it never undoes the state change it announces.

import type { PrivacyRequest } from '../../db/privacy-requests';
import { storedRequester } from '../../db/privacy-requests';
import { type NoticeTemplate, noticeText, pickNoticeText, stageEnabled } from '../../db/privacy-templates';
import type { RegionalStore } from '../../db/regions';
import { decryptSubscriber, findSubscriber, loadSubscriberKey } from '../../db/subscribers';
import { type Tenant, tenantKeys } from '../../db/tenants';
import type { OutboxRef } from '../../db/outbox';
import { promisedDate } from '../../shared/due-dates';
import { formatDate } from '../../shared/i18n/language';
import { describeError, log } from '../../shared/log';
import {
  kindName,
  type NoticeStage,
  type NoticeVars,
  noticeLanguage,
  rejectReasonName,
  renderNotice,
} from '../../shared/privacy-notices';
import type { RejectReason } from '../../shared/request-lifecycle';
import type { Bindings } from '../env';
import { sendMail, systemSender } from '../mail/send';

/**
 * What the privacy service works with: bindings, the tenant's regional store and the tenant.
 * `events`, when given, collects the outbox events written on the way, so the caller can hand
 * exactly those to the queue.
 */
export type PrivacyCtx = { env: Bindings; store: RegionalStore; tenant: Tenant; events?: OutboxRef[] };

type Requester = { email: string; language: string | null };

/** How a mail goes out besides its text. */
type Delivery = {
  /**
   * An answer in the requester's own thread (inbound mail): replies go to `replyTo`, the mail is
   * threaded to `inReplyTo` and marked as an RFC 3834 automatic reply.
   */
  thread?: { replyTo: string; inReplyTo: string | null };
  /** Rethrow a failed send instead of logging it: the request cannot proceed without this mail. */
  required?: boolean;
  /**
   * One of many mails of one stage sent together (an erasure chunk's requesters): the tenant's
   * templates of the stage read once for all of them (`templates`, memoised by the caller), and
   * no `mail.sent` line per mail (the caller logs them in one; a failure still has its own).
   */
  together?: { templates: () => Promise<NoticeTemplate[]> };
};

/** Where to write to the requester: their subscriber address, or the one kept on the request. */
export async function requesterOf(ctx: PrivacyCtx, request: PrivacyRequest): Promise<Requester | null> {
  const keys = await tenantKeys(ctx.env.MASTER_KEY, ctx.tenant);
  if (request.subscriberId) {
    const sub = await findSubscriber(ctx.store.db, ctx.tenant.id, request.subscriberId);
    const key = sub ? await loadSubscriberKey(ctx.store.db, keys, sub.id) : null;
    if (sub && key)
      return { email: (await decryptSubscriber(key, sub)).email, language: request.language ?? sub.language };
  }
  const email = await storedRequester(keys, request);
  return email ? { email, language: request.language } : null;
}

/** RFC 3834 marking of an automatic answer, threaded to the message it answers. */
function threadHeaders(inReplyTo: string | null): Record<string, string> {
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

type NoticeFacts = Pick<NoticeVars, 'link' | 'note'> & {
  /** The date the mail names, when it is not the request's promised date (a link's expiry). */
  date?: Date;
  /** A refusal reason, named in the requester's language. */
  rejectReason?: RejectReason;
  /** Free text written by the client (an extension's reason), passed on as it is. */
  reason?: string;
};

/** Sends the mail of `stage` if the tenant wants it and an address is known; returns whether it went. */
export async function notifyRequester(
  ctx: PrivacyCtx,
  request: PrivacyRequest,
  stage: NoticeStage,
  facts: NoticeFacts = {},
  to?: Requester | null,
  delivery: Delivery = {},
): Promise<boolean> {
  if (!stageEnabled(ctx.tenant.settings, stage)) return false;
  try {
    const requester = to ?? (await requesterOf(ctx, request));
    if (!requester) return false;
    const { together } = delivery;
    const text = together
      ? pickNoticeText(await together.templates(), stage, requester.language)
      : await noticeText(ctx.store.db, ctx.tenant.id, stage, requester.language);
    const lang = noticeLanguage(text.language);
    const mail = renderNotice(text, {
      tenant: ctx.tenant.name,
      kind: kindName(request.kind, lang),
      requestId: request.id,
      dueDate: formatDate(facts.date ?? promisedDate(request), lang),
      reason: facts.rejectReason ? rejectReasonName(facts.rejectReason, lang) : facts.reason,
      link: facts.link,
      note: facts.note,
    });
    const { thread } = delivery;
    await sendMail(
      ctx.env,
      {
        from: { address: systemSender(ctx.env), name: ctx.tenant.name },
        to: requester.email,
        replyTo: thread?.replyTo,
        subject: mail.subject,
        text: mail.body,
        headers: {
          ...(thread ? threadHeaders(thread.inReplyTo) : { 'Auto-Submitted': 'auto-generated' }),
          'Content-Language': lang,
        },
      },
      `privacy_request.${stage}`,
      { quiet: together !== undefined },
    );
    return true;
  } catch (err) {
    if (delivery.required) throw err;
    log('warn', 'privacy_request.notify_failed', { requestId: request.id, stage, ...describeError(err) });
    return false;
  }
}
