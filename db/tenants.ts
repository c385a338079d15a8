// Tenants: creation with their wrapped key, lookup, and the isolate-level cache of unwrapped
// tenant keys (unwrapping costs four HKDF derivations; a tenant's key changes only on rotation).

import { eq } from 'drizzle-orm';
import {
  createTenantKey,
  rewrapTenantKey,
  tenantKeyVersion,
  unwrapTenantKey,
  type TenantKeys,
} from '../shared/crypto/envelope';
import { masterKeyring, type MasterKeyring } from '../shared/crypto/keyring';
import { newTenantId, type Region } from '../shared/regions';
import type { Db } from './client';
import { tenants, type TenantSettings } from './schema';

export type Tenant = typeof tenants.$inferSelect;

export async function findTenant(db: Db, tenantId: string): Promise<Tenant | undefined> {
  return db.query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
}

export async function findTenantBySlug(db: Db, slug: string): Promise<Tenant | undefined> {
  return db.query.tenants.findFirst({ where: eq(tenants.slug, slug) });
}

export async function createTenant(
  db: Db,
  ring: MasterKeyring,
  input: { region: Region; slug: string; name: string; settings?: TenantSettings; id?: string },
): Promise<Tenant> {
  const id = input.id ?? newTenantId(input.region);
  const wrappedKey = await createTenantKey(ring, id);
  const [row] = await db
    .insert(tenants)
    .values({
      id,
      slug: input.slug,
      name: input.name,
      region: input.region,
      wrappedKey,
      settings: input.settings ?? {},
    })
    .returning();
  return row!;
}

const keyCache = new Map<string, Promise<TenantKeys>>();

/** The tenant's derived keys, unwrapped once per isolate and key version. */
export async function tenantKeys(
  masterSecret: string | undefined,
  tenant: Pick<Tenant, 'id' | 'wrappedKey'>,
): Promise<TenantKeys> {
  const cacheKey = `${tenant.id}:${tenant.wrappedKey}`;
  let keys = keyCache.get(cacheKey);
  if (!keys) {
    keys = masterKeyring(masterSecret).then((ring) => unwrapTenantKey(ring, tenant.id, tenant.wrappedKey));
    keys.catch(() => keyCache.delete(cacheKey));
    if (keyCache.size > 1000) keyCache.clear();
    keyCache.set(cacheKey, keys);
  }
  return keys;
}

/**
 * Master-key rotation for one database: re-wraps every tenant key still wrapped by an older
 * master version. Subscriber data is untouched. Returns how many tenants were re-wrapped.
 */
export async function rotateTenantKeys(db: Db, ring: MasterKeyring): Promise<number> {
  const rows = await db.select({ id: tenants.id, wrappedKey: tenants.wrappedKey }).from(tenants);
  let rotated = 0;
  for (const row of rows) {
    if (tenantKeyVersion(row.wrappedKey) === ring.current) continue;
    const wrappedKey = await rewrapTenantKey(ring, row.id, row.wrappedKey);
    await db.update(tenants).set({ wrappedKey }).where(eq(tenants.id, row.id));
    rotated++;
  }
  return rotated;
}
