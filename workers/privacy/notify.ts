// Requester notifications: one mail per stage of a privacy request, in the requester's language,
// from the tenant's template or the built-in text, through sendMail. A failed mail is logged and
// reported as false; it never undoes the state change it announces.

import type { PrivacyRequest } from '../../db/privacy-requests';
import { storedRequester } from '../../db/privacy-requests';
import { noticeText, stageEnabled } from '../../db/privacy-templates';
import type { RegionalStore } from '../../db/regions';
import { decryptSubscriber, findSubscriber, loadSubscriberKey } from '../../db/subscribers';
import { tenantKeys, type Tenant } from '../../db/tenants';
import { describeError, log } from '../../shared/log';
import { formatDate } from '../../shared/i18n/language';
import {
  kindName,
  noticeLanguage,
  renderNotice,
  type NoticeStage,
  type NoticeVars,
} from '../../shared/privacy-notices';
import type { Bindings } from '../env';
import { sendMail, systemSender } from '../mail/send';

export type PrivacyCtx = { env: Bindings; store: RegionalStore; tenant: Tenant };

export type Requester = { email: string; language: string | null };

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

/** Sends the mail of `stage` if the tenant wants it and an address is known; returns whether it went. */
export async function notifyRequester(
  ctx: PrivacyCtx,
  request: PrivacyRequest,
  stage: NoticeStage,
  vars: NoticeVars & { date?: Date } = {},
  to?: Requester | null,
): Promise<boolean> {
  if (!stageEnabled(ctx.tenant.settings, stage)) return false;
  try {
    const requester = to ?? (await requesterOf(ctx, request));
    if (!requester) return false;
    const text = await noticeText(ctx.store.db, ctx.tenant.id, stage, requester.language);
    const lang = noticeLanguage(text.language);
    const { date, ...rest } = vars;
    const mail = renderNotice(text, {
      tenant: ctx.tenant.name,
      kind: kindName(request.kind, lang),
      requestId: request.id,
      dueDate: formatDate(date ?? request.dueAt, lang),
      ...rest,
    });
    await sendMail(
      ctx.env,
      {
        from: { address: systemSender(ctx.env), name: ctx.tenant.name },
        to: requester.email,
        subject: mail.subject,
        text: mail.body,
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': lang },
      },
      `privacy_request.${stage}`,
    );
    return true;
  } catch (err) {
    log('warn', 'privacy_request.notify_failed', { requestId: request.id, stage, ...describeError(err) });
    return false;
  }
}
