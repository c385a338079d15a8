// Statements whose SQL drizzle builds once per isolate, with a placeholder for every value that
// changes (`slot`, `P`), so a request only binds its values: as D1's own statements (`bound`, with
// a raw row read back as drizzle maps a select: `rowOf`), or as items of `db.batch` that mix with
// statements built per request and get drizzle's mapping of their answers (`BuiltStatement`).

import {
  type Column,
  fillPlaceholders,
  getTableColumns,
  type Placeholder,
  type SQL,
  sql,
  type Table,
} from 'drizzle-orm';
import type { SQLitePreparedQuery } from 'drizzle-orm/sqlite-core';
import type { BatchItem, Db } from './client';

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

/** The D1 database under a drizzle one (drizzle's `$client`), for `bound`. */
export const d1Of = (db: Db): D1Database => (db as Db & { $client: D1Database }).$client;

/** A built statement bound to `values` (by placeholder name), ready for `d1.batch`. */
export const bound = (d1: D1Database, q: Built, values: Record<string, unknown>): D1PreparedStatement =>
  d1.prepare(q.sql).bind(...fillPlaceholders(q.params, values));

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

/** A value of a query that is built once: the value itself, or the placeholder it is bound to. */
export type Bindable<T = string> = T | Placeholder;

/**
 * The placeholder `name`: in an insert's `values` or an update's `set` mapped by the column as
 * drizzle maps its values (not null); in a condition (`eq`, `inArray`) bound raw, as `slot` is, so
 * bind a time as milliseconds and a boolean as 0 or 1 there.
 */
export const P = (name: string) => sql.placeholder(name);

/** `n` placeholders `<prefix>0`, `<prefix>1`, …, for a list of values of a known length. */
export const numbered = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => P(`${prefix}${i}`));

/** Puts `items` into `values` under the names `numbered(prefix, items.length)` gave them. */
export function numberedValues(values: Record<string, unknown>, prefix: string, items: readonly unknown[]) {
  for (const [i, item] of items.entries()) values[`${prefix}${i}`] = item;
}

type Prepared = SQLitePreparedQuery<never>;
type Buildable = { prepare(): unknown };

/** What `bind` needs of a prepared query (drizzle's D1 batch reads the same three). */
type BatchPrepared = Prepared & { stmt: D1PreparedStatement };

/**
 * One query's SQL, built now. drizzle's D1 batch asks each item for `_prepare()` (its prepared
 * query: the SQL and parameters, the D1 statement, the mapping of the answer); a bound statement
 * answers a copy of the prepared query with this request's values instead of building it again.
 */
export class BuiltStatement {
  private readonly prepared: Prepared;
  private readonly sql: string;
  private readonly params: unknown[];

  constructor(query: Buildable) {
    this.prepared = query.prepare() as Prepared;
    ({ sql: this.sql, params: this.params } = this.prepared.getQuery());
  }

  /** The statement with `values` for its placeholders, for `db.batch` on `db`'s database. */
  bind(db: Db, values: Record<string, unknown>): BatchItem {
    const params = fillPlaceholders(this.params, values);
    const sql = this.sql;
    const prepared: BatchPrepared = Object.create(this.prepared, {
      stmt: { value: d1Of(db).prepare(sql) },
      getQuery: { value: () => ({ sql, params }) },
    });
    return { _prepare: () => prepared } as unknown as BatchItem;
  }
}

/** Shapes kept per `BuiltShapes`: the common ones; a caller who varies its shapes past it gets them built per request. */
const MAX_SHAPES = 64;

/**
 * Statements built once per shape: `build` runs (on the caller's `db`) the first time a key is
 * asked for (the key names everything that changes the SQL, e.g. how many lists a form has);
 * later asks, on any region's database, reuse its result. At most `MAX_SHAPES` are kept.
 */
export class BuiltShapes<T> {
  private readonly shapes = new Map<string, T>();

  constructor(private readonly build: (key: string, db: Db) => T) {}

  get(key: string, db: Db): T {
    let shape = this.shapes.get(key);
    if (shape === undefined) {
      shape = this.build(key, db);
      if (this.shapes.size < MAX_SHAPES) this.shapes.set(key, shape);
    }
    return shape;
  }
}

/** One `BuiltStatement` without variants: built on the first caller's `db`, reused after. */
export function builtStatementOnce(build: (db: Db) => Buildable): (db: Db) => BuiltStatement {
  let built: BuiltStatement | undefined;
  return (db) => {
    built ??= new BuiltStatement(build(db));
    return built;
  };
}
