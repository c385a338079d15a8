// Statements built once: a shape is built the first time it is asked for and reused after, a
// bounded number of shapes is kept, and a bound statement runs in a D1 batch with its own values,
// its answer mapped as drizzle maps the query's.

import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { BuiltShapes, BuiltStatement, P } from '../../db/built-statements';
import { dbFor } from '../../db/client';
import { tenants } from '../../db/schema';
import { seedTenant } from '../support/seed';

describe('BuiltShapes', () => {
  it('builds a shape once, and keeps no more than 64 shapes', () => {
    const db = dbFor(env.DB_EU);
    const builds: string[] = [];
    const shapes = new BuiltShapes((key) => {
      builds.push(key);
      return { key };
    });
    const first = shapes.get('1:0', db);
    expect(shapes.get('1:0', db)).toBe(first);
    expect(builds).toEqual(['1:0']);
    for (let n = 0; n < 100; n++) shapes.get(`shape ${n}`, db);
    expect(builds).toHaveLength(101);
    shapes.get('shape 10', db);
    shapes.get('shape 90', db);
    // The 64 kept are the first asked for: a later one is built again each time.
    expect(builds).toHaveLength(102);
    expect(builds.at(-1)).toBe('shape 90');
  });
});

describe('BuiltStatement', () => {
  it('binds each batch its own values and answers rows as drizzle maps them', async () => {
    const a = await seedTenant('eu');
    const b = await seedTenant('eu');
    const db = dbFor(env.DB_EU);
    const read = new BuiltStatement(
      db
        .select()
        .from(tenants)
        .where(eq(tenants.id, P('id'))),
    );
    type Row = typeof tenants.$inferSelect;
    const [rowsA, rowsB] = (await db.batch([
      read.bind(db, { id: a.tenant.id }),
      read.bind(db, { id: b.tenant.id }),
    ])) as [Row[], Row[]];
    expect(rowsA.map((r) => r.id)).toEqual([a.tenant.id]);
    expect(rowsB.map((r) => r.id)).toEqual([b.tenant.id]);
    expect(rowsA[0]!.createdAt).toBeInstanceOf(Date);
  });
});
