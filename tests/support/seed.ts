// Test fixtures: a tenant with an API key in a region, and a fetch into the Worker.

import { env, exports } from 'cloudflare:workers';
import { createApiKey } from '../../db/api-keys';
import { regional } from '../../db/regions';
import { createTenant, type Tenant } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import type { Region } from '../../shared/regions';

export type SeededTenant = { tenant: Tenant; apiKey: string; apiKeyId: string };

let counter = 0;

export async function seedTenant(region: Region, settings: Tenant['settings'] = {}): Promise<SeededTenant> {
  const { db } = regional(env, region);
  const ring = await masterKeyring(env.MASTER_KEY);
  const tenant = await createTenant(db, ring, {
    region,
    slug: `test-${region}-${++counter}-${crypto.randomUUID().slice(0, 8)}`,
    name: `Test ${region}`,
    settings,
  });
  const { id, key } = await createApiKey(db, tenant, { name: 'test' });
  return { tenant, apiKey: key, apiKeyId: id };
}

/** A request into the Worker's own `fetch`, as a client on the internet would send it. */
export function call(
  path: string,
  init: RequestInit & { cf?: Record<string, unknown> } = {},
): Promise<Response> {
  return exports.default.fetch(new Request(`https://privacy.test${path}`, init as RequestInit));
}

export function api(
  apiKey: string,
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${apiKey}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return call(`/api/v1${path}`, { ...init, headers, body });
}

export async function countRows(
  d1: D1Database,
  table: string,
  where = '1=1',
  ...params: unknown[]
): Promise<number> {
  const row = await d1
    .prepare(`select count(*) as n from ${table} where ${where}`)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
