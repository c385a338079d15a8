// Multi-row inserts that pass all rows as ONE bound parameter (a JSON array read with
// `json_each`), so thousands of rows fit D1's 100-bound-parameter limit in a handful of
// statements (a table's rows are split only when their JSON outgrows one D1 value; a value
// every row shares is bound once). Values go through each column's own driver mapping.
// Drizzle's batch cannot carry raw SQL with parameters, so these run as plain D1 statements,
// together with drizzle queries converted by `statementOf`, in one `runStatements` batch.

import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * The JSON text one statement carries at most: D1 stores at most 2,000,000 bytes in one value,
 * and a UTF-16 code unit takes at most three bytes of UTF-8.
 */
export const MAX_JSON_CHARS = 600_000;

/**
 * Statements inserting `rows` (objects keyed by the table's property names) into `table`: one
 * for every MAX_JSON_CHARS of their JSON (none for no rows). A column with the same value in
 * every row (the tenant, an import's evidence) is bound once as its own parameter, not repeated
 * in each row's JSON.
 */
export function bulkInsert<T extends SQLiteTable>(
  d1: D1Database,
  table: T,
  rows: readonly T['$inferInsert'][],
): D1PreparedStatement[] {
  const present = Object.entries(getTableColumns(table)).filter(([prop]) =>
    rows.some((r) => (r as Record<string, unknown>)[prop] !== undefined),
  );
  const values = rows.map((r) =>
    present.map(([prop, col]): unknown => {
      const v = (r as Record<string, unknown>)[prop];
      return v === undefined || v === null ? null : col.mapToDriverValue(v);
    }),
  );
  const first = values[0] ?? [];
  const shared = present.map(
    (_, i) =>
      values.length > 1 &&
      (first[i] === null || typeof first[i] !== 'object') &&
      values.every((v) => v[i] === first[i]),
  );
  const constants = first.filter((_, i) => shared[i]);
  let varying = 0;
  let constant = 0;
  const picks = present
    .map((_, i) => (shared[i] ? `?${++constant}` : `json_extract(value, '$[${varying++}]')`))
    .join(', ');
  const names = present.map(([, col]) => `"${col.name}"`).join(', ');
  const sql = `insert into "${getTableName(table)}" (${names}) select ${picks} from json_each(?${constants.length + 1})`;
  const statements: D1PreparedStatement[] = [];
  let part: string[] = [];
  let chars = 2;
  const flush = () => {
    if (part.length) statements.push(d1.prepare(sql).bind(...constants, `[${part.join(',')}]`));
    part = [];
    chars = 2;
  };
  for (const v of values) {
    const json = JSON.stringify(v.filter((_, i) => !shared[i]));
    if (chars + json.length + 1 > MAX_JSON_CHARS) flush();
    part.push(json);
    chars += json.length + 1;
  }
  flush();
  return statements;
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
