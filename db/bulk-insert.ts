// Multi-row inserts that pass all rows as ONE bound parameter (a JSON array read with
// `json_each`), so thousands of rows fit D1's 100-bound-parameter limit in a handful of
// statements. Values go through each column's own driver mapping (dates, booleans, JSON).

import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { BatchItem, Db } from './client';

/** One statement inserting `rows` (objects keyed by the table's property names) into `table`. */
export function bulkInsert<T extends SQLiteTable>(db: Db, table: T, rows: readonly T['$inferInsert'][]): BatchItem {
  const columns = Object.entries(getTableColumns(table));
  const present = columns.filter(([prop]) => rows.some((r) => (r as Record<string, unknown>)[prop] !== undefined));
  const data = rows.map((r) => present.map(([prop, col]) => {
    const v = (r as Record<string, unknown>)[prop];
    return v === undefined || v === null ? null : col.mapToDriverValue(v);
  }));
  const names = sql.raw(present.map(([, col]) => `"${col.name}"`).join(', '));
  const picks: SQL[] = present.map((_, i) => sql.raw(`json_extract(value, '$[${i}]')`));
  return db.run(sql`insert into ${sql.raw(`"${getTableName(table)}"`)} (${names}) select ${sql.join(picks, sql`, `)} from json_each(${JSON.stringify(data)})`);
}
