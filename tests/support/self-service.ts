// Fixtures for the self-service pages: a subscriber with a full footprint and the preference and
// unsubscribe links a mail to them would carry, the RFC 8058 one-click POST in both encodings,
// and reads of the rows a test checks.

import { env } from 'cloudflare:workers';
import type { Tenant } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { mintPreferenceLink, mintUnsubscribeLink } from '../../shared/link-tokens';
import { BROWSER_UA } from './intercept';
import { seedSubscriber, type SeededSubscriber } from './privacy';
import { call, seedTenant } from './seed';

export type SelfService = {
  tenant: Tenant;
  apiKey: string;
  person: SeededSubscriber;
  /** `/p/<token>` of the person. */
  centre: string;
  /** `/u/<token>` of the person's list and message. */
  unsubscribe: string;
};

const pathOf = (url: string) => new URL(url).pathname;

export async function preferencePath(
  tenantId: string,
  subscriberId: string,
  opts: { ttlDays?: number; now?: number } = {},
) {
  const ring = await masterKeyring(env.MASTER_KEY);
  return pathOf((await mintPreferenceLink(ring, env.PUBLIC_ORIGIN, { tenantId, subscriberId }, opts)).url);
}

export async function unsubscribePath(
  claims: { tenantId: string; subscriberId: string; listId: string; messageId?: string | null },
  opts: { ttlDays?: number; now?: number } = {},
) {
  const ring = await masterKeyring(env.MASTER_KEY);
  const minted = await mintUnsubscribeLink(ring, env.PUBLIC_ORIGIN, { messageId: null, ...claims }, opts);
  return pathOf(minted.url);
}

/** A tenant and one subscriber on one list (consent given), with their links. */
export async function selfService(
  opts: { settings?: Tenant['settings']; language?: string; email?: string } = {},
): Promise<SelfService> {
  const { tenant, apiKey } = await seedTenant('eu', opts.settings ?? {});
  const person = await seedSubscriber(tenant, {
    email: opts.email ?? `p-${crypto.randomUUID().slice(0, 8)}@example.org`,
    language: opts.language ?? 'en',
  });
  return {
    tenant,
    apiKey,
    person,
    centre: await preferencePath(tenant.id, person.id),
    unsubscribe: await unsubscribePath({
      tenantId: tenant.id,
      subscriberId: person.id,
      listId: person.listId,
      messageId: person.messageId,
    }),
  };
}

/** RFC 8058 §3.1: the POST a mail provider sends, from its servers (no Origin, no cookies). */
export function oneClick(
  path: string,
  opts: { encoding?: 'form' | 'multipart'; userAgent?: string; ip?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent ?? 'Mozilla/5.0 (compatible; MailProvider-Unsubscribe/1.0)',
    'cf-connecting-ip': opts.ip ?? '203.0.113.50',
  };
  let bodyInit: BodyInit;
  if (opts.encoding === 'multipart') {
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    bodyInit = form;
  } else {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    bodyInit = 'List-Unsubscribe=One-Click';
  }
  return call(path, {
    method: 'POST',
    headers,
    body: bodyInit,
    redirect: 'manual',
    cf: { country: 'US', region: 'California' },
  });
}

/** A browser opening a page (GET), in a language. */
export function open(path: string, acceptLanguage = 'en', userAgent = BROWSER_UA) {
  return call(path, {
    headers: { 'user-agent': userAgent, 'accept-language': acceptLanguage },
    cf: { country: 'NL', isEUCountry: '1', region: 'Utrecht' },
  });
}

/** Rows of a query against the EU database. */
export async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (
    await env.DB_EU.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;
}

export const consentEventsOf = (subscriberId: string) =>
  rows<Record<string, unknown>>(
    'select * from consent_events where subscriber_id = ? order by seq',
    subscriberId,
  );

export const requestsOf = (tenantId: string) =>
  rows<Record<string, unknown>>(
    'select * from privacy_requests where tenant_id = ? order by received_at',
    tenantId,
  );

export const eventTypesOf = async (tenantId: string) =>
  (
    await rows<{ type: string }>('select type from outbox_events where tenant_id = ? order by type', tenantId)
  ).map((r) => r.type);
