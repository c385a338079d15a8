// Measurements for bench/crypto, run inside workerd on a local-only route: `n` repetitions of one
// operation per call, timed from outside (bench/crypto.ts subtracts the `noop` call's time).

import { regional } from '../../db/regions';
import { runBatch } from '../../db/client';
import { addressIndex, decryptSubscriber, prepareSubscriber } from '../../db/subscribers';
import { createTenant, findTenantBySlug, tenantKeys } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import type { Bindings } from '../env';

const OPS = ['noop', 'encrypt', 'decrypt', 'write-encrypted', 'write-plain'] as const;
type Op = (typeof OPS)[number];

/** Decrypt passes over each prepared record in the `decrypt` op (bench/crypto divides by it). */
export const DECRYPT_PASSES = 10;

const PLAIN_TABLE = `create table if not exists bench_plain_subscribers (
  id text primary key, tenant_id text not null, email text not null, name text, profile text, pseudonym text not null,
  home_region text not null, status text not null, created_at integer not null, updated_at integer not null,
  unique (tenant_id, email))`;

const isOp = (value: string): value is Op => (OPS as readonly string[]).includes(value);

export async function cryptoBench(env: Bindings, op: string, n: number): Promise<{ op: Op; n: number }> {
  if (!isOp(op) || !Number.isInteger(n) || n < 1 || n > 20_000)
    throw new AppError('bad_request', 'op or n out of range');
  const { db, d1 } = regional(env, 'eu');
  const tenant =
    (await findTenantBySlug(db, 'bench-crypto')) ??
    (await createTenant(db, await masterKeyring(env.MASTER_KEY), {
      region: 'eu',
      slug: 'bench-crypto',
      name: 'Bench',
    }));
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const person = (i: number) => ({
    email: `person.${i}.${crypto.randomUUID()}@example.org`,
    name: `Person Number ${i}`,
  });

  if (op === 'noop') return { op, n };
  if (op === 'encrypt' || op === 'decrypt') {
    const prepared = [];
    for (let i = 0; i < n; i++) {
      const p = person(i);
      const { email, index } = await addressIndex(keys, p.email);
      prepared.push(await prepareSubscriber(db, keys, { email, emailIndex: index, name: p.name }));
    }
    // Decryption is cheap next to preparing records: ten passes make it measurable.
    if (op === 'decrypt')
      for (let pass = 0; pass < DECRYPT_PASSES; pass++)
        for (const s of prepared) await decryptSubscriber(s.key, s.row);
    return { op, n };
  }
  if (op === 'write-encrypted') {
    for (let i = 0; i < n; i++) {
      const p = person(i);
      const { email, index } = await addressIndex(keys, p.email);
      await runBatch(
        db,
        (await prepareSubscriber(db, keys, { email, emailIndex: index, name: p.name })).queries,
      );
    }
    return { op, n };
  }
  await d1.exec(PLAIN_TABLE.replace(/\n/g, ' '));
  const insert = d1.prepare(
    'insert into bench_plain_subscribers (id, tenant_id, email, name, profile, pseudonym, home_region, status, created_at, updated_at) values (?, ?, ?, ?, null, ?, ?, ?, ?, ?)',
  );
  for (let i = 0; i < n; i++) {
    const p = person(i);
    const now = Date.now();
    await insert
      .bind(crypto.randomUUID(), tenant.id, p.email, p.name, 'anon-x', 'unknown', 'pending', now, now)
      .run();
  }
  return { op, n };
}
