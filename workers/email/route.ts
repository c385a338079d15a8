// Who a message is for, from its envelope recipient: a reply token (`r+…`) or mailto
// unsubscribe token (`u+…`) names a tenant and a subscriber; a privacy address
// (`privacy+<slug>.<region>`) names a tenant. Anything else on our domain is unknown.

import { regional, type RegionalStore } from '../../db/regions';
import { findSubscriber, type Subscriber } from '../../db/subscribers';
import { findTenant, findTenantBySlug, type Tenant } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import type { InboundRoute } from '../../shared/inbound/evidence';
import { openAddressToken, parsePrivacyLocalPart, splitAddress } from '../../shared/reply-address';
import type { Bindings } from '../env';

export type InboundTarget = {
  route: InboundRoute;
  tenant: Tenant;
  store: RegionalStore;
  /** The subscriber a token named (null once erased, or for the privacy address). */
  subscriber: Subscriber | null;
};

export type RouteResult = { ok: true; target: InboundTarget } | { ok: false; reason: string; code: string };

const unknown = (code: string): RouteResult => ({
  ok: false,
  code,
  reason: 'Unknown recipient: this address does not accept mail.',
});

export async function routeRecipient(env: Bindings, recipient: string): Promise<RouteResult> {
  const address = splitAddress(recipient);
  if (!address || address.domain !== env.MAIL_DOMAIN.toLowerCase()) return unknown('foreign_domain');
  const privacy = parsePrivacyLocalPart(address.local);
  if (privacy) {
    const store = regional(env, privacy.region);
    const tenant = await findTenantBySlug(store.db, privacy.slug);
    return tenant
      ? { ok: true, target: { route: 'privacy', tenant, store, subscriber: null } }
      : unknown('unknown_tenant');
  }
  const token = await openAddressToken(await masterKeyring(env.MASTER_KEY), address.local);
  if (!token) return unknown(/^[ru]\+/i.test(address.local) ? 'invalid_token' : 'unknown_address');
  const store = regional(env, token.region);
  const tenant = await findTenant(store.db, token.tenantId);
  if (!tenant) return unknown('unknown_tenant');
  const subscriber = (await findSubscriber(store.db, tenant.id, token.subscriberId)) ?? null;
  return {
    ok: true,
    target: { route: token.kind === 'u' ? 'unsubscribe' : 'reply', tenant, store, subscriber },
  };
}
