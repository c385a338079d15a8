// Sends the double opt-in mail: claims it (at most one an hour per address and list), mints the
// signed, expiring `/c/:token` link for the pending lists and sends it in the notice's language,
// under the tenant's display name. A failed send goes to the queue for retries.

import {
  claimConfirmationMail,
  DEFAULT_UNCONFIRMED_PURGE_DAYS,
  pendingConfirmationTarget,
} from '../../db/double-opt-in';
import { regional } from '../../db/regions';
import { findTenant, tenantKeys, type Tenant } from '../../db/tenants';
import type { ListRow } from '../../db/lists';
import { brandingOf } from '../../shared/branding';
import { masterKeyring } from '../../shared/crypto/keyring';
import { confirmationMail } from '../../shared/mail/confirmation';
import { describeError, log } from '../../shared/log';
import type { Region } from '../../shared/regions';
import type { ConfirmationMailMessage } from '../../shared/schemas/queue';
import { sealToken } from '../../shared/tokens';
import type { Bindings } from '../env';
import { confirmationHtml } from './confirmation-html';
import { sendMail, systemSender } from './send';

export type ConfirmationRequest = {
  region: Region;
  tenant: Pick<Tenant, 'id' | 'name' | 'settings'>;
  subscriberId: string;
  email: string;
  lists: Pick<ListRow, 'id' | 'name'>[];
  language: string | null;
  formId: string | null;
};

export const confirmationTtlDays = (settings: { unconfirmedPurgeDays?: number }) =>
  settings.unconfirmedPurgeDays ?? DEFAULT_UNCONFIRMED_PURGE_DAYS;

export async function confirmationLink(
  env: Bindings,
  req: Omit<ConfirmationRequest, 'email'>,
): Promise<string> {
  const ring = await masterKeyring(env.MASTER_KEY);
  const payload = { t: req.tenant.id, s: req.subscriberId, l: req.lists.map((l) => l.id), f: req.formId };
  const token = await sealToken(
    ring,
    req.region,
    'confirm',
    payload,
    confirmationTtlDays(req.tenant.settings) * 86_400,
  );
  return `${env.PUBLIC_ORIGIN}/c/${token}`;
}

export async function sendConfirmation(env: Bindings, req: ConfirmationRequest): Promise<void> {
  const days = confirmationTtlDays(req.tenant.settings);
  const branding = brandingOf(req.tenant);
  const mail = confirmationMail({
    language: req.language,
    sender: branding.name,
    lists: req.lists.map((l) => l.name),
    link: await confirmationLink(env, req),
    purgeDays: days,
  });
  await sendMail(
    env,
    {
      from: { address: systemSender(env, 'confirm'), name: branding.name },
      to: req.email,
      subject: mail.subject,
      text: mail.text,
      html: await confirmationHtml(mail, branding),
      headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': mail.language },
    },
    'double-opt-in',
    // The subscription's `confirmation_mailed_at` records the mail; a failure still logs.
    { quiet: true },
  );
}

/** Sends now; when the binding fails, the queue retries from the stored subscriber (the address is not put on the queue). */
export async function sendConfirmationOrQueue(env: Bindings, req: ConfirmationRequest): Promise<void> {
  try {
    await sendConfirmation(env, req);
  } catch (err) {
    log('warn', 'doi.send_deferred', { subscriberId: req.subscriberId, ...describeError(err) });
    await env.EVENTS.send({
      type: 'confirmation-mail',
      region: req.region,
      tenantId: req.tenant.id,
      subscriberId: req.subscriberId,
      listIds: req.lists.map((l) => l.id),
      language: req.language,
      formId: req.formId,
    });
  }
}

/**
 * Sends the mail for the lists whose mail is due (none mailed in the last hour): five sign-ups of
 * one address in a minute, from a person or from someone else, make one mail.
 */
export async function sendConfirmationIfDue(env: Bindings, req: ConfirmationRequest): Promise<void> {
  const due = await claimConfirmationMail(
    regional(env, req.region).db,
    req.tenant.id,
    req.subscriberId,
    req.lists.map((l) => l.id),
  );
  if (due.length === 0) return;
  await sendConfirmationOrQueue(env, { ...req, lists: req.lists.filter((l) => due.includes(l.id)) });
}

/** The queue's retry: reloads the tenant, the still-pending lists and the address, then sends. */
export async function resendConfirmation(env: Bindings, msg: ConfirmationMailMessage): Promise<void> {
  const { db } = regional(env, msg.region);
  const tenant = await findTenant(db, msg.tenantId);
  if (!tenant) return;
  const target = await pendingConfirmationTarget(
    db,
    await tenantKeys(env.MASTER_KEY, tenant),
    msg.subscriberId,
    msg.listIds,
  );
  if (!target) return;
  await sendConfirmation(env, {
    region: msg.region,
    tenant,
    subscriberId: msg.subscriberId,
    email: target.email,
    lists: target.lists,
    language: msg.language,
    formId: msg.formId,
  });
}
