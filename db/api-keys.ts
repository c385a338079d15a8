// API keys: `tm_<region mark>_<43 base64url chars>`. The key is shown once; only its SHA-256 is
// stored. The region mark routes a request to its database before any lookup. Keys are listed
// with when they were last used (noted at most once a minute) and revoked, never deleted.

import { and, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { API_SCOPES, type ApiScope } from '../shared/access';
import { hashSecret } from '../shared/crypto/passwords';
import { toBase64Url } from '../shared/encoding';
import { newId, regionFromMark, regionMark, type Region } from '../shared/regions';
import { bound, builtOnce, columnsOf, rowOf, slot } from './built-statements';
import { type Db, dbFor } from './client';
import { apiKeys, tenants } from './schema';
import type { Tenant } from './tenants';

export { API_SCOPES, type ApiScope };
export type ApiKey = typeof apiKeys.$inferSelect;

/** How often `lastUsedAt` is written: a busy key costs one write a minute, not one per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const KEY_SHAPE = /^tm_([eu])_([A-Za-z0-9_-]{43})$/;

export function apiKeyRegion(key: string): Region | null {
  const m = KEY_SHAPE.exec(key);
  return m ? regionFromMark(m[1]!) : null;
}

export async function createApiKey(
  db: Db,
  tenant: { id: string; region: Region },
  input: { name: string; scopes?: readonly ApiScope[] },
): Promise<{ id: string; key: string }> {
  const { key, row } = await newApiKeyRow(tenant, input);
  await db.insert(apiKeys).values(row);
  return { id: row.id, key };
}

/** A new key and the row that stores its hash, for the caller to insert (in its own batch). */
export async function newApiKeyRow(
  tenant: { id: string; region: Region },
  input: { name: string; scopes?: readonly ApiScope[] },
): Promise<{ key: string; row: ApiKey }> {
  const key = `tm_${regionMark(tenant.region)}_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
  const row: ApiKey = {
    id: newId('key'),
    tenantId: tenant.id,
    name: input.name,
    keyHash: await hashSecret(key),
    scopes: [...(input.scopes ?? API_SCOPES)],
    lastUsedAt: null,
    revokedAt: null,
    createdAt: new Date(),
  };
  return { key, row };
}

/** Every key of a tenant, live ones and revoked ones, newest first. */
export async function listApiKeys(db: Db, tenantId: string): Promise<ApiKey[]> {
  return db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)).orderBy(desc(apiKeys.createdAt));
}

export async function findTenantApiKey(db: Db, tenantId: string, id: string): Promise<ApiKey | undefined> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)));
  return row;
}

/** Whether a key's last use is older than the resolution it is noted at (a note would change it). */
export const useNeedsNoting = (key: Pick<ApiKey, 'lastUsedAt'>, now = new Date()) =>
  key.lastUsedAt === null || key.lastUsedAt.getTime() < now.getTime() - LAST_USED_RESOLUTION_MS;

/** Notes that a key was used, unless that was noted less than a minute ago. */
export async function noteApiKeyUse(db: Db, id: string, now = new Date()): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, id),
        or(
          isNull(apiKeys.lastUsedAt),
          lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)),
        ),
      ),
    );
}

const KEY_HASH = slot('keyHash');
const KEY_COLUMNS = columnsOf(apiKeys);
const TENANT_COLUMNS = columnsOf(tenants);
const liveKey = and(eq(apiKeys.keyHash, KEY_HASH), isNull(apiKeys.revokedAt));

/** The key read: the live key of a hash and its tenant, built once per isolate. */
const keyReads = builtOnce((db: Db) => [
  db.select().from(apiKeys).where(liveKey).limit(1),
  db
    .select()
    .from(tenants)
    .where(inArray(tenants.id, db.select({ id: apiKeys.tenantId }).from(apiKeys).where(liveKey)))
    .limit(1),
]);

/**
 * The live key and its tenant, or undefined for an unknown or revoked key: one D1 round trip that
 * reads them as they stand (never a cached verdict, so a revoked key stops at once).
 */
export async function findApiKey(
  d1: D1Database,
  key: string,
): Promise<{ key: ApiKey; tenant: Tenant } | undefined> {
  const values = { keyHash: await hashSecret(key) };
  const [keys, tenantRows] = await d1.batch<Record<string, unknown>>(
    keyReads(dbFor(d1)).map((q) => bound(d1, q, values)),
  );
  const [k] = keys?.results ?? [];
  const [t] = tenantRows?.results ?? [];
  return k && t
    ? { key: rowOf<ApiKey>(KEY_COLUMNS, k), tenant: rowOf<Tenant>(TENANT_COLUMNS, t) }
    : undefined;
}
