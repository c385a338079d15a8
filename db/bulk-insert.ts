// Multi-row inserts that pass all rows as ONE bound parameter (a JSON array read with
// `json_each`), so thousands of rows fit D1's 100-bound-parameter limit in a handful of
// statements. Values go through each column's own driver mapping (dates, booleans, JSON).
// Drizzle's batch cannot carry raw SQL with parameters, so these run as plain D1 statements,
// together with drizzle queries converted by `statementOf`, in one `runStatements` batch.

import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/** One statement inserting `rows` (objects keyed by the table's property names) into `table`. */
export function bulkInsert<T extends SQLiteTable>(
  d1: D1Database,
  table: T,
  rows: readonly T['$inferInsert'][],
): D1PreparedStatement {
  const columns = Object.entries(getTableColumns(table));
  const present = columns.filter(([prop]) =>
    rows.some((r) => (r as Record<string, unknown>)[prop] !== undefined),
  );
  const data = rows.map((r) =>
    present.map(([prop, col]) => {
      const v = (r as Record<string, unknown>)[prop];
      return v === undefined || v === null ? null : col.mapToDriverValue(v);
    }),
  );
  const names = present.map(([, col]) => `"${col.name}"`).join(', ');
  const picks = present.map((_, i) => `json_extract(value, '$[${i}]')`).join(', ');
  return d1
    .prepare(`insert into "${getTableName(table)}" (${names}) select ${picks} from json_each(?)`)
    .bind(JSON.stringify(data));
}

type Query =
  | { toSQL(): { sql: string; params: unknown[] } }
  | { getQuery(): { sql: string; params: unknown[] } };

/** A drizzle query (built, or raw through `db.run`) as a plain D1 statement, to share a batch with bulk inserts. */
export function statementOf(d1: D1Database, query: Query): D1PreparedStatement {
  const { sql, params } = 'toSQL' in query ? query.toSQL() : query.getQuery();
  return d1.prepare(sql).bind(...params);
}

/** Runs plain D1 statements as one batch (one transaction). */
export async function runStatements(d1: D1Database, statements: D1PreparedStatement[]): Promise<void> {
  if (statements.length) await d1.batch(statements);
}
