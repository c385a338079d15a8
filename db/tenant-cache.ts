// A short-lived per-isolate cache of tenant rows for hot public paths (link clicks): a busy
// isolate reads a tenant's settings once per TTL instead of once per click. A settings change
// reaches every isolate within the TTL; call `forgetTenant` where settings are written.

import type { Db } from './client';
import { findTenant, type Tenant } from './tenants';

export const TENANT_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 2_000;

type Entry = { at: number; tenant: Promise<Tenant | undefined> };
const cache = new Map<string, Entry>();

/** The tenant row (or undefined when unknown), read at most once per TTL per isolate. */
export function cachedTenant(db: Db, tenantId: string, now = Date.now()): Promise<Tenant | undefined> {
  const hit = cache.get(tenantId);
  if (hit && now - hit.at < TENANT_CACHE_TTL_MS) return hit.tenant;
  const tenant = findTenant(db, tenantId);
  // A failed read must not be remembered.
  tenant.catch(() => cache.delete(tenantId));
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(tenantId, { at: now, tenant });
  return tenant;
}

export function forgetTenant(tenantId: string): void {
  cache.delete(tenantId);
}
