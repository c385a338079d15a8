// API keys: `tm_<region mark>_<43 base64url chars>`. The key is shown once; only its SHA-256 is
// stored. The region mark routes a request to its database before any lookup.

import { and, eq, isNull } from 'drizzle-orm';
import { hashSecret } from '../shared/crypto/passwords';
import { toBase64Url } from '../shared/encoding';
import { newId, regionFromMark, regionMark, type Region } from '../shared/regions';
import type { Db } from './client';
import { apiKeys, tenants } from './schema';

export const API_SCOPES = [
  'subscribers',
  'consent',
  'links',
  'messages',
  'privacy_requests',
  'reports',
  'webhooks',
  'admin',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

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
  const key = `tm_${regionMark(tenant.region)}_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
  const id = newId('key');
  await db.insert(apiKeys).values({
    id,
    tenantId: tenant.id,
    name: input.name,
    keyHash: await hashSecret(key),
    scopes: [...(input.scopes ?? API_SCOPES)],
  });
  return { id, key };
}

/** The live key and its tenant, or undefined for an unknown or revoked key. */
export async function findApiKey(db: Db, key: string) {
  const rows = await db
    .select({ key: apiKeys, tenant: tenants })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(and(eq(apiKeys.keyHash, await hashSecret(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  return rows[0];
}
