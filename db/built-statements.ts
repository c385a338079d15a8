// Statements whose SQL drizzle builds once per isolate, with a placeholder for every value that
// changes (`slot`), so a request only binds its values (`bound`); and a raw D1 row read back as
// drizzle maps a select (`rowOf`: each column through its own driver mapping).

import { type Column, fillPlaceholders, getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';
import type { Db } from './client';

export type Built = { sql: string; params: unknown[] };

/**
 * A value bound at each run, as the driver takes it (a timestamp as milliseconds, a boolean as
 * 0 or 1, null as null): no column mapping applies to it, in a condition, a `set` or `values`.
 */
export const slot = (name: string): SQL => sql`${sql.placeholder(name)}`;

/** The statements `build` makes, built at the first call in this isolate. */
export function builtOnce<A, S extends readonly { toSQL(): Built }[]>(
  build: (arg: A) => S,
): (arg: A) => { [K in keyof S]: Built } {
  let built: { [K in keyof S]: Built } | undefined;
  return (arg) => {
    built ??= build(arg).map((q) => q.toSQL()) as { [K in keyof S]: Built };
    return built;
  };
}

/** The D1 database under a drizzle one (drizzle's `$client`), for `bound` and `prepared`. */
export const d1Of = (db: Db): D1Database => (db as Db & { $client: D1Database }).$client;

/** A built statement bound to `values` (by placeholder name), ready for `d1.batch`. */
export const bound = (d1: D1Database, q: Built, values: Record<string, unknown>): D1PreparedStatement =>
  d1.prepare(q.sql).bind(...fillPlaceholders(q.params, values));

/** A drizzle statement as D1's own, for a `d1.batch` that mixes it with built ones. */
export function prepared(d1: D1Database, query: { toSQL(): Built }): D1PreparedStatement {
  const { sql: text, params } = query.toSQL();
  return d1.prepare(text).bind(...params);
}

type Row = Record<string, unknown>;

/** The columns of a table, for `rowOf`. */
export const columnsOf = (table: Table): Record<string, Column> => getTableColumns(table);

/** A raw row (keyed by column name) of a select of `columns`, mapped as drizzle maps it. */
export function rowOf<R>(columns: Record<string, Column>, raw: Row): R {
  const row: Row = {};
  for (const key in columns) {
    const column = columns[key]!;
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as R;
}
