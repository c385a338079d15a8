// Statements of a hot path built once per isolate: the query is written with `sql.placeholder`s,
// drizzle builds its SQL the first time (`prepare()`), and each request only binds its values.
// A bound statement goes into `db.batch` like any query (drizzle maps its answer as it maps the
// query's), so it mixes with statements built per request and with what wraps them (counters,
// audit rows, outbox settling).

import { fillPlaceholders, type Placeholder, sql } from 'drizzle-orm';
import type { SQLitePreparedQuery } from 'drizzle-orm/sqlite-core';
import type { BatchItem, Db } from './client';

/** A value of a query that is built once: the value itself, or the placeholder it is bound to. */
export type Bindable<T = string> = T | Placeholder;

/** The placeholder `name`. */
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

/** The D1 binding under `db` (drizzle keeps it as `$client`; dbFor's type leaves it out). */
const clientOf = (db: Db) => (db as Db & { $client: D1Database }).$client;

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
      stmt: { value: clientOf(db).prepare(sql) },
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

/** One statement without variants: built on the first caller's `db`, reused after. */
export function builtOnce(build: (db: Db) => Buildable): (db: Db) => BuiltStatement {
  let built: BuiltStatement | undefined;
  return (db) => {
    built ??= new BuiltStatement(build(db));
    return built;
  };
}
