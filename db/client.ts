// Drizzle over one region's D1 database, built once per binding per isolate.

import { type Column, type SQL, sql } from 'drizzle-orm';
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Db = DrizzleD1Database<typeof schema>;
export type BatchItem = Parameters<Db['batch']>[0][number];

const instances = new WeakMap<D1Database, Db>();

export function dbFor(d1: D1Database): Db {
  let db = instances.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    instances.set(d1, db);
  }
  return db;
}

/** Runs statements as one D1 batch (one transaction); a no-op for an empty list. */
export async function runBatch(db: Db, items: BatchItem[]): Promise<void> {
  if (items.length === 0) return;
  await db.batch(items as [BatchItem, ...BatchItem[]]);
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `column in (values)` with the values as one JSON parameter: D1 binds at most 100 per statement. */
export const inJson = (column: Column, values: readonly string[]): SQL =>
  sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
