// Shared set-up for the email tests: a tenant with its addresses and one subscriber, and the
// rows a delivery left behind.

import { env } from 'cloudflare:workers';
import { regional } from '../../db/regions';
import type { Tenant } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import type { Region } from '../../shared/regions';
import { privacyAddress, replyAddress, unsubscribeAddress } from '../../shared/reply-address';
import { seedTenant } from '../support/seed';
import { seedSubscriber } from '../support/inbound';

export const DOMAIN = 'privacy.tailoredmail.example';

export async function inboundSetup(
  region: Region,
  settings: Tenant['settings'] = { acknowledgeInbound: true },
  email = 'anna.schmidt@mail.example.org',
  language?: string,
) {
  const { tenant, apiKey } = await seedTenant(region, settings);
  const subscriber = await seedSubscriber(tenant, email, { language });
  const ring = await masterKeyring(env.MASTER_KEY);
  return {
    tenant,
    apiKey,
    subscriber,
    email,
    privacy: privacyAddress(tenant, DOMAIN),
    reply: await replyAddress(ring, DOMAIN, tenant.id, subscriber.id),
    unsubscribe: await unsubscribeAddress(ring, DOMAIN, tenant.id, subscriber.id),
  };
}

export type RequestRow = {
  id: string;
  kind: string;
  status: string;
  channel: string;
  subscriber_id: string | null;
  subject_index: string | null;
  evidence: string;
  language: string | null;
};

export async function requestsOf(tenant: Tenant): Promise<(RequestRow & { ev: Record<string, unknown> })[]> {
  const { d1 } = regional(env, tenant.region);
  const { results } = await d1
    .prepare('select * from privacy_requests where tenant_id = ? order by received_at')
    .bind(tenant.id)
    .all<RequestRow>();
  return results.map((r) => ({ ...r, ev: JSON.parse(r.evidence) as Record<string, unknown> }));
}
