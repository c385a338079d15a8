// The two mails of dashboard access: the invitation of a new user (with the link that sets their
// password, and a word on SSO when the workspace has it) and the password reset, in the page
// language chosen for the person, from the product's system address.

import type { AdminUser } from '../../db/admin-users';
import type { Tenant } from '../../db/tenants';
import { formatDate } from '../../shared/i18n/language';
import { adminCopy } from '../../shared/pages/admin-copy';
import type { PageLanguage } from '../../shared/pages/languages';
import { workspaceName } from '../../shared/workspace';
import type { Bindings } from '../env';
import { sendMail, systemSender } from '../mail/send';
import { passwordLink } from './password-links';

type MailEnv = Pick<Bindings, 'MASTER_KEY' | 'PUBLIC_ORIGIN' | 'MAILER' | 'MAIL_DOMAIN'>;
type Recipient = { tenant: Tenant; user: AdminUser; email: string; lang: PageLanguage };

const signInUrl = (env: Pick<Bindings, 'PUBLIC_ORIGIN'>) => new URL('/admin/', env.PUBLIC_ORIGIN).toString();

function send(env: MailEnv, to: Recipient, subject: string, text: string, purpose: string) {
  return sendMail(
    env,
    {
      from: { address: systemSender(env, 'no-reply'), name: 'TailoredMail Privacy' },
      to: to.email,
      subject,
      text,
      headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': to.lang },
    },
    purpose,
  );
}

/** Sends the invitation; returns when its link expires. Throws when the mail could not be sent. */
export async function sendInvitation(env: MailEnv, to: Recipient, sso: boolean): Promise<Date> {
  const t = adminCopy(to.lang);
  const link = await passwordLink(env, to.tenant, to.user, 'invitation');
  const body = t.invitation.body({
    name: to.tenant.name,
    workspace: workspaceName(to.tenant),
    link: link.url,
    signIn: signInUrl(env),
    until: formatDate(link.expiresAt, to.lang),
    role: t.roles[to.user.role],
    sso,
  });
  await send(env, to, t.invitation.subject(to.tenant.name), body, 'admin.invitation');
  return link.expiresAt;
}

export async function sendPasswordReset(env: MailEnv, to: Recipient): Promise<void> {
  const t = adminCopy(to.lang);
  const link = await passwordLink(env, to.tenant, to.user, 'reset');
  const body = t.reset.body({
    name: to.tenant.name,
    workspace: workspaceName(to.tenant),
    link: link.url,
    signIn: signInUrl(env),
  });
  await send(env, to, t.reset.subject(to.tenant.name), body, 'admin.password_reset');
}
