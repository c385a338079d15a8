// Tells a tenant's owners that a webhook endpoint was disabled: their addresses are decrypted at
// send time only. A failed mail is logged; the disabling and its event stand regardless.

import { tenantOwners } from '../../db/admin-users';
import type { RegionalStore } from '../../db/regions';
import { findTenant, tenantKeys } from '../../db/tenants';
import type { WebhookEndpoint } from '../../db/webhook-endpoints';
import { decryptTenantField } from '../../shared/crypto/envelope';
import { log } from '../../shared/log';
import { endpointDisabledMail } from '../../shared/webhooks/disabled-mail';
import type { Bindings } from '../env';
import { sendMail, systemSender } from '../mail/send';

export async function mailOwnersEndpointDisabled(
  env: Bindings,
  store: RegionalStore,
  endpoint: WebhookEndpoint,
  reason: 'gone' | 'failing',
  failingSince: Date | null,
): Promise<number> {
  const tenant = await findTenant(store.db, endpoint.tenantId);
  if (!tenant) return 0;
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const mail = endpointDisabledMail({
    endpointId: endpoint.id,
    host: URL.parse(endpoint.url)?.host ?? 'its URL',
    reason,
    failingSince,
  });
  let sent = 0;
  for (const owner of await tenantOwners(store.db, tenant.id)) {
    try {
      const to = await decryptTenantField(keys, owner.id, 'email', owner.emailCt);
      await sendMail(
        env,
        { from: { address: systemSender(env), name: 'TailoredMail Privacy' }, to, ...mail },
        'webhook_endpoint_disabled',
      );
      sent++;
    } catch {
      // sendMail logged it; the next owner still gets theirs.
    }
  }
  log('info', 'webhook.endpoint_disabled', {
    tenantId: tenant.id,
    endpointId: endpoint.id,
    reason,
    owners: sent,
  });
  return sent;
}
