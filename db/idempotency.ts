// `Idempotency-Key`: the first request with a key reserves it, runs, and stores its answer
// (encrypted: it may hold an address); a retry with the same key and body gets the stored
// answer, the same key with another body is a 409. Keys are kept for 24 hours.

import { and, eq, lt } from 'drizzle-orm';
import { canonicalJson } from '../shared/canonical-json';
import { decryptTenantField, encryptTenantField, type TenantKeys } from '../shared/crypto/envelope';
import { sha256Hex } from '../shared/encoding';
import { AppError } from '../shared/errors';
import type { Db } from './client';
import { idempotencyKeys } from './schema';

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export type StoredAnswer = { status: number; body: unknown; replayed: boolean };

export async function withIdempotency(
  db: Db,
  keys: TenantKeys,
  key: string | undefined,
  request: { method: string; path: string; body: unknown },
  run: () => Promise<{ status: number; body: unknown }>,
): Promise<StoredAnswer> {
  if (!key) return { ...(await run()), replayed: false };
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw new AppError(
      'bad_request',
      'The Idempotency-Key header must be 1 to 200 visible ASCII characters.',
    );
  const requestHash = await sha256Hex(`${request.method} ${request.path} ${canonicalJson(request.body)}`);
  const where = and(eq(idempotencyKeys.tenantId, keys.tenantId), eq(idempotencyKeys.key, key));
  const reserved = await db
    .insert(idempotencyKeys)
    .values({ tenantId: keys.tenantId, key, requestHash, status: 0, body: '' })
    .onConflictDoNothing()
    .returning();
  if (reserved.length === 0) {
    const row = await db.query.idempotencyKeys.findFirst({ where });
    if (!row) throw new AppError('conflict', 'Retry the request.');
    if (row.requestHash !== requestHash)
      throw new AppError(
        'idempotency_conflict',
        'This Idempotency-Key was used for a different request. Use a new key for a new request.',
      );
    if (row.status === 0)
      throw new AppError(
        'idempotency_conflict',
        'A request with this Idempotency-Key is still being processed. Retry in a moment.',
      );
    return {
      status: row.status,
      body: JSON.parse(await decryptTenantField(keys, `idem:${key}`, 'answer', row.body)),
      replayed: true,
    };
  }
  try {
    const answer = await run();
    const body = await encryptTenantField(keys, `idem:${key}`, 'answer', JSON.stringify(answer.body));
    await db.update(idempotencyKeys).set({ status: answer.status, body }).where(where);
    return { ...answer, replayed: false };
  } catch (err) {
    // A failed request stores nothing: the client may fix it and retry with the same key.
    await db.delete(idempotencyKeys).where(where);
    throw err;
  }
}

export async function purgeIdempotencyKeys(db: Db, now: Date): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)));
}
