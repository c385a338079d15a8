// A short-lived per-isolate cache of tenant rows for hot public paths (link clicks): a busy
// isolate reads a tenant's settings once per TTL instead of once per click, and refreshes an
// entry in the background before it expires, so no click waits for that read. A settings change
// reaches every isolate within the TTL; call `forgetTenant` where settings are written.

import type { Db } from './client';
import { findTenant, type Tenant } from './tenants';

export const TENANT_CACHE_TTL_MS = 30_000;
/** From this age on, a hit given a `waitUntil` refreshes its entry behind the answer. */
export const TENANT_REFRESH_AFTER_MS = 20_000;
const MAX_ENTRIES = 2_000;

type Entry = { at: number; tenant: Promise<Tenant | undefined>; refreshing: boolean };
const cache = new Map<string, Entry>();

function remember(tenantId: string, entry: Entry): void {
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(tenantId, entry);
}

/**
 * The tenant row (or undefined when unknown), read at most once per TTL per isolate. With
 * `waitUntil`, a hit older than TENANT_REFRESH_AFTER_MS starts one read in the background whose
 * row replaces the entry (unless `forgetTenant` dropped it meanwhile); the hit answers at once.
 */
export function cachedTenant(
  db: Db,
  tenantId: string,
  now = Date.now(),
  waitUntil?: (p: Promise<unknown>) => void,
): Promise<Tenant | undefined> {
  const hit = cache.get(tenantId);
  if (hit && now - hit.at < TENANT_CACHE_TTL_MS) {
    if (waitUntil && !hit.refreshing && now - hit.at >= TENANT_REFRESH_AFTER_MS) {
      hit.refreshing = true;
      const fresh = findTenant(db, tenantId);
      waitUntil(
        fresh.then(
          () => {
            if (cache.get(tenantId) === hit)
              remember(tenantId, { at: now, tenant: fresh, refreshing: false });
          },
          () => {
            hit.refreshing = false;
          },
        ),
      );
    }
    return hit.tenant;
  }
  const tenant = findTenant(db, tenantId);
  // A failed read must not be remembered.
  tenant.catch(() => cache.delete(tenantId));
  remember(tenantId, { at: now, tenant, refreshing: false });
  return tenant;
}

/** Other per-isolate copies that hold a tenant row (a form post's copy) and drop it with this one. */
const alsoForget: ((tenantId: string) => void)[] = [];

export function whenTenantForgotten(drop: (tenantId: string) => void): void {
  alsoForget.push(drop);
}

export function forgetTenant(tenantId: string): void {
  cache.delete(tenantId);
  for (const drop of alsoForget) drop(tenantId);
}
