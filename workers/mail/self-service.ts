// The mails of subscriber self-service: the preference-centre link a person asked for on `/p`,
// and the link that confirms a new address, sent to that new address. In the person's page
// language, signed with the tenant's display name, through sendMail.

import { brandingOf } from '../../shared/branding';
import { formatDate } from '../../shared/i18n/language';
import { selfServiceMail } from '../../shared/mail/self-service';
import type { PageLanguage } from '../../shared/pages/languages';
import type { Bindings } from '../env';
import type { Tenant } from '../../db/tenants';
import { sendMail, systemSender } from './send';

type Recipient = { tenant: Pick<Tenant, 'name' | 'settings'>; to: string; lang: PageLanguage };

function send(env: Bindings, r: Recipient, mail: { subject: string; text: string }, purpose: string) {
  return sendMail(
    env,
    {
      from: { address: systemSender(env), name: brandingOf(r.tenant).name },
      to: r.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': r.lang },
    },
    purpose,
  );
}

export function sendPreferenceLink(env: Bindings, r: Recipient, link: { url: string; expiresAt: number }) {
  const name = brandingOf(r.tenant).name;
  const mail = selfServiceMail(r.lang).link(name, link.url, formatDate(new Date(link.expiresAt), r.lang));
  return send(env, r, mail, 'preferences.link');
}

export function sendAddressConfirmation(env: Bindings, r: Recipient, url: string) {
  const mail = selfServiceMail(r.lang).address(brandingOf(r.tenant).name, url);
  return send(env, r, mail, 'preferences.address_change');
}
