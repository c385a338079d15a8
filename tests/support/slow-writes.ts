// Makes concurrent requests really race: while `fn` runs, every D1 batch on DB_EU waits a
// moment before it commits, so simultaneous requests all read the database before any writes.

import { env } from 'cloudflare:workers';

export async function withSlowWrites<T>(fn: () => Promise<T>, delayMs = 150): Promise<T> {
  const original = env.DB_EU;
  const slow = new Proxy(original, {
    get(target, prop) {
      if (prop === 'batch')
        return async (statements: D1PreparedStatement[]) => {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          return target.batch(statements);
        };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  Object.assign(env, { DB_EU: slow });
  try {
    return await fn();
  } finally {
    Object.assign(env, { DB_EU: original });
  }
}
