// Tenants: creation with their wrapped key, lookup, and the isolate-level cache of unwrapped
// tenant keys (unwrapping costs four HKDF derivations; a tenant's key changes only on rotation).

import { and, eq } from 'drizzle-orm';
import {
  createTenantKey,
  rewrapTenantKey,
  tenantKeyVersion,
  unwrapTenantKey,
  type TenantKeys,
} from '../shared/crypto/envelope';
import { masterKeyring, type MasterKeyring } from '../shared/crypto/keyring';
import { newTenantId, type Region } from '../shared/regions';
import { type AuditOrigin, appendAudit } from './audit-log';
import type { Db } from './client';
import { tenants, type TenantSettings } from './schema';

export type Tenant = typeof tenants.$inferSelect;

export async function findTenant(db: Db, tenantId: string): Promise<Tenant | undefined> {
  return db.query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
}

export async function findTenantBySlug(db: Db, slug: string): Promise<Tenant | undefined> {
  return db.query.tenants.findFirst({ where: eq(tenants.slug, slug) });
}

/** A new tenant's row with its freshly wrapped data key, for the caller's insert or batch. */
export async function newTenantRow(
  ring: MasterKeyring,
  input: { region: Region; slug: string; name: string; settings?: TenantSettings; id?: string },
): Promise<typeof tenants.$inferInsert & { id: string }> {
  const id = input.id ?? newTenantId(input.region);
  return {
    id,
    slug: input.slug,
    name: input.name,
    region: input.region,
    wrappedKey: await createTenantKey(ring, id),
    settings: input.settings ?? {},
  };
}

export async function createTenant(
  db: Db,
  ring: MasterKeyring,
  input: { region: Region; slug: string; name: string; settings?: TenantSettings; id?: string },
): Promise<Tenant> {
  const [row] = await db
    .insert(tenants)
    .values(await newTenantRow(ring, input))
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
 * What one rotation run did in one database: how many tenants it saw, which it re-wrapped, and
 * which of those have no audit row for it (the append failed after the key was re-wrapped).
 */
export type KeyRotation = { tenants: number; rewrapped: string[]; unaudited: string[] };

/**
 * Master-key rotation for one database: re-wraps every tenant key still wrapped by an older
 * master version under the current one. Subscriber data keys and fields are untouched (the
 * tenant secret does not change). Each update applies only while the row still holds the key
 * it read, so runs at the same time re-wrap every tenant once between them; a second run
 * re-wraps nothing. The run that re-wraps a tenant's key writes `tenant.key_rewrapped` to that
 * tenant's audit log, on behalf of `origin`.
 */
export async function rotateTenantKeys(
  db: Db,
  ring: MasterKeyring,
  origin: AuditOrigin,
): Promise<KeyRotation> {
  const rows = await db.select({ id: tenants.id, wrappedKey: tenants.wrappedKey }).from(tenants);
  const rewrapped: string[] = [];
  const unaudited: string[] = [];
  for (const row of rows) {
    const fromVersion = tenantKeyVersion(row.wrappedKey);
    if (fromVersion === ring.current) continue;
    const wrappedKey = await rewrapTenantKey(ring, row.id, row.wrappedKey);
    const updated = await db
      .update(tenants)
      .set({ wrappedKey })
      .where(and(eq(tenants.id, row.id), eq(tenants.wrappedKey, row.wrappedKey)))
      .returning({ id: tenants.id });
    if (!updated.length) continue;
    rewrapped.push(row.id);
    const entry = {
      ...origin,
      action: 'tenant.key_rewrapped',
      target: { type: 'tenant', id: row.id },
      details: { fromVersion, toVersion: ring.current },
    };
    await appendAudit(db, await unwrapTenantKey(ring, row.id, wrappedKey), [entry]).catch(() =>
      unaudited.push(row.id),
    );
  }
  return { tenants: rows.length, rewrapped, unaudited };
}
