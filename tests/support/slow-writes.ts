// Makes simultaneous requests really race inside one test isolate: while `fn` runs, every D1
// batch of a region's database waits before it runs, so concurrent requests all read the
// database before any of them commits, as real requests on different machines can.

import { AsyncLocalStorage } from 'node:async_hooks';
import { env } from 'cloudflare:workers';

export async function withSlowWrites<T>(
  fn: () => Promise<T>,
  opts: { region?: 'eu' | 'us'; delayMs?: number } = {},
): Promise<T> {
  const binding = opts.region === 'us' ? 'DB_US' : 'DB_EU';
  const original = env[binding];
  const delay = opts.delayMs ?? 150;
  const slow = new Proxy(original, {
    get(target, prop) {
      if (prop === 'batch')
        return async (statements: D1PreparedStatement[]) => {
          await new Promise((resolve) => setTimeout(resolve, delay));
          return target.batch(statements);
        };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  Object.assign(env, { [binding]: slow });
  try {
    return await fn();
  } finally {
    Object.assign(env, { [binding]: original });
  }
}

/**
 * Runs `fn` and records the D1 work of a region's database: the size of each batch (one round
 * trip each), how many statements were prepared, and the round trips in all (batches and
 * statements run on their own), with every batch held `delayMs` first. Only `fn`'s own work
 * counts: a queue consumer running meanwhile in the same isolate is another async context.
 */
export async function recordD1<T>(
  fn: () => Promise<T>,
  opts: { region?: 'eu' | 'us'; delayMs?: number } = {},
): Promise<{ result: T; batches: number[]; statements: number; roundTrips: number }> {
  const binding = opts.region === 'us' ? 'DB_US' : 'DB_EU';
  const original = env[binding];
  const batches: number[] = [];
  let statements = 0;
  let single = 0;
  const context = new AsyncLocalStorage<symbol>();
  const run = Symbol('recordD1');
  const ours = () => context.getStore() === run;
  // A statement run on its own is a round trip: its prototype's runners count while `fn` runs.
  const statement = Object.getPrototypeOf(original.prepare('select 1')) as Record<string, unknown>;
  const runners = ['all', 'run', 'raw', 'first'] as const;
  const saved = runners.map((name) => [name, statement[name]] as const);
  const mine = new WeakSet<object>();
  for (const [name, run] of saved)
    statement[name] = function (this: object, ...args: unknown[]) {
      if (mine.has(this) && ours()) single++;
      return (run as (...a: unknown[]) => unknown).apply(this, args);
    };
  const bind = statement.bind as (...a: unknown[]) => object;
  statement.bind = function (this: object, ...args: unknown[]) {
    const bound = bind.apply(this, args);
    if (mine.has(this)) mine.add(bound);
    return bound;
  };
  const spy = new Proxy(original, {
    get(target, prop) {
      if (prop === 'batch')
        return async (list: D1PreparedStatement[]) => {
          if (ours()) batches.push(list.length);
          await new Promise((resolve) => setTimeout(resolve, opts.delayMs ?? 0));
          return target.batch(list);
        };
      if (prop === 'prepare')
        return (query: string) => {
          if (ours()) statements++;
          const prepared = target.prepare(query);
          mine.add(prepared);
          return prepared;
        };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  Object.assign(env, { [binding]: spy });
  try {
    const result = await context.run(run, fn);
    return { result, batches, statements, roundTrips: batches.length + single };
  } finally {
    Object.assign(env, { [binding]: original });
    for (const [name, run] of saved) statement[name] = run;
    statement.bind = bind;
  }
}
