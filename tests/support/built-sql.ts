// Records the SQL drizzle builds while `fn` runs (its dialect's `sqlToQuery`), counting only
// `fn`'s own async context: a queue consumer or another request running meanwhile in the same
// isolate builds in contexts of its own.

import { AsyncLocalStorage } from 'node:async_hooks';
import { SQLiteDialect } from 'drizzle-orm/sqlite-core';
import { vi } from 'vitest';

export async function recordBuiltSql<T>(fn: () => Promise<T>): Promise<{ result: T; built: string[] }> {
  const context = new AsyncLocalStorage<boolean>();
  const built: string[] = [];
  const original = SQLiteDialect.prototype.sqlToQuery;
  const spy = vi.spyOn(SQLiteDialect.prototype, 'sqlToQuery').mockImplementation(function (
    this: SQLiteDialect,
    ...args: Parameters<typeof original>
  ) {
    const query = original.apply(this, args);
    if (context.getStore()) built.push(query.sql);
    return query;
  });
  try {
    return { result: await context.run(true, fn), built };
  } finally {
    spy.mockRestore();
  }
}
