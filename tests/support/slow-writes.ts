// Makes simultaneous requests really race inside one test isolate: while `fn` runs, every D1
// batch of a region's database waits before it runs, so concurrent requests all read the
// database before any of them commits, as real requests on different machines can.

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
 * trip each) and how many statements were prepared, with every batch held `delayMs` first.
 */
export async function recordD1<T>(
  fn: () => Promise<T>,
  opts: { region?: 'eu' | 'us'; delayMs?: number } = {},
): Promise<{ result: T; batches: number[]; statements: number }> {
  const binding = opts.region === 'us' ? 'DB_US' : 'DB_EU';
  const original = env[binding];
  const batches: number[] = [];
  let statements = 0;
  const spy = new Proxy(original, {
    get(target, prop) {
      if (prop === 'batch')
        return async (list: D1PreparedStatement[]) => {
          batches.push(list.length);
          await new Promise((resolve) => setTimeout(resolve, opts.delayMs ?? 0));
          return target.batch(list);
        };
      if (prop === 'prepare')
        return (query: string) => {
          statements++;
          return target.prepare(query);
        };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  Object.assign(env, { [binding]: spy });
  try {
    return { result: await fn(), batches, statements };
  } finally {
    Object.assign(env, { [binding]: original });
  }
}
