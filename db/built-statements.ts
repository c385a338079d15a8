// Statements whose SQL drizzle builds once per isolate, with placeholders for every value, so a
// request only binds its values (`bound`); and a raw D1 row read back as its table's row
// (`rowOf`: each column through its own driver mapping, as drizzle maps a select).

import { fillPlaceholders, getTableColumns, type Table } from 'drizzle-orm';

export type Built = { sql: string; params: unknown[] };

/**
 * The statements `build` makes, built at the first call in this isolate. Placeholders in a
 * condition take the driver's value (a timestamp as milliseconds); in a `set` or `values` the column's.
 */
export function builtOnce<A, S extends readonly { toSQL(): Built }[]>(
  build: (arg: A) => S,
): (arg: A) => { [K in keyof S]: Built } {
  let built: { [K in keyof S]: Built } | undefined;
  return (arg) => {
    built ??= build(arg).map((q) => q.toSQL()) as { [K in keyof S]: Built };
    return built;
  };
}

/** A built statement bound to `values` (by placeholder name), ready for `d1.batch`. */
export const bound = (d1: D1Database, q: Built, values: Record<string, unknown>): D1PreparedStatement =>
  d1.prepare(q.sql).bind(...fillPlaceholders(q.params, values));

const columnsOf = new WeakMap<Table, [string, ReturnType<typeof getTableColumns>[string]][]>();

/** A raw row (`select` of every column of `table`, keyed by column name) as the table's row type. */
export function rowOf<T extends Table>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  let columns = columnsOf.get(table);
  if (!columns) {
    columns = Object.entries(getTableColumns(table));
    columnsOf.set(table, columns);
  }
  const row: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}
