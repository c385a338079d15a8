// The bench build's entry (bench only, never deployed): the real Worker with every binding call
// counted. It patches the prototypes of the D1 and Queue bindings, SubtleCrypto's key derivation
// and import, `fetch` and `console` once, wraps send_email, then hands each event to workers/index.ts
// unchanged; `GET /__bench/counts` answers the totals, `POST /__bench/counts` resets them and
// `/__bench/self-check` shows that five D1 round trips count as five.

import worker from '../../workers/index';

export { ErasureClock } from '../../workers/index';

const counts: Record<string, number> = {};
const bump = (name: string, by = 1) => {
  counts[name] = (counts[name] ?? 0) + by;
};

type AnyFn = (...args: unknown[]) => unknown;

/** Replaces `proto[method]` by a wrapper that counts each call (as `name`, or through `count`) before calling it. */
function countCalls(
  proto: object | null,
  method: string,
  name: string,
  count?: (args: unknown[]) => void,
): void {
  if (!proto) return;
  const original = (proto as Record<string, unknown>)[method];
  if (typeof original !== 'function' || (original as { counted?: boolean }).counted) return;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    if (count) count(args);
    else bump(name);
    return (original as AnyFn).apply(this, args);
  };
  Object.assign(wrapped, { counted: true });
  Object.defineProperty(proto, method, { value: wrapped, writable: true, configurable: true });
}

for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
  countCalls(console, level, 'logLines');
countCalls(holderOf(crypto.subtle, 'deriveKey'), 'deriveKey', 'keyDerivations');
countCalls(holderOf(crypto.subtle, 'deriveBits'), 'deriveBits', 'keyDerivations');
countCalls(holderOf(crypto.subtle, 'importKey'), 'importKey', 'keyImports');
countCalls(globalThis, 'fetch', 'subrequests');

/** The object on `target`'s prototype chain that holds `method` itself (an instance or a class). */
function holderOf(target: object, method: string): object | null {
  for (let o: object | null = target; o; o = Object.getPrototypeOf(o)) {
    if (Object.hasOwn(o, method)) return o;
  }
  return null;
}

let patched = false;
/** D1, Queue and send_email prototypes are reachable only through a binding: patched on first use. */
function patchBindings(env: Env): void {
  if (patched) return;
  patched = true;
  for (const db of [env.DB_EU, env.DB_US]) {
    countCalls(holderOf(db, 'batch'), 'batch', 'd1RoundTrips');
    countCalls(holderOf(db, 'exec'), 'exec', 'd1RoundTrips');
    const statement = db.prepare('select 1');
    for (const method of ['first', 'run', 'all', 'raw'])
      countCalls(holderOf(statement, method), method, 'd1RoundTrips');
  }
  for (const queue of [env.EVENTS, env.WEBHOOK_DELIVERIES]) {
    countCalls(holderOf(queue, 'send'), 'send', 'queueSends', () => {
      bump('queueSends');
      bump('queueMessages');
    });
    countCalls(holderOf(queue, 'sendBatch'), 'sendBatch', 'queueSends', (args) => {
      bump('queueSends');
      bump('queueMessages', (args[0] as unknown[]).length);
    });
  }
}

/**
 * send_email is an RPC stub (no prototype to patch): each event gets the env through a proxy whose
 * MAILER counts its sends. The erasure clock's Durable Object gets its env from the runtime, so
 * its mails are not counted.
 */
const countedEnvs = new WeakMap<Env, Env>();
function countedEnv(env: Env): Env {
  patchBindings(env);
  let counted = countedEnvs.get(env);
  if (!counted) {
    const mailer = {
      send: (message: EmailMessage) => {
        bump('mails');
        return env.MAILER.send(message);
      },
    } as Env['MAILER'];
    counted = new Proxy(env, {
      get: (target, key) => (key === 'MAILER' ? mailer : Reflect.get(target, key)),
    });
    countedEnvs.set(env, counted);
  }
  return counted;
}

/** Five D1 round trips (first, all, run, raw, a batch of two): the wrapper must count five, no more. */
async function selfCheck(env: Env): Promise<Response> {
  const before = counts.d1RoundTrips ?? 0;
  const one = () => env.DB_EU.prepare('select 1 as x');
  await one().first();
  await one().all();
  await one().run();
  await one().raw();
  await env.DB_EU.batch([one(), one()]);
  return Response.json({ d1RoundTrips: (counts.d1RoundTrips ?? 0) - before, expected: 5 });
}

const handler: ExportedHandler<Env> = {
  fetch(request, original, ctx) {
    const env = countedEnv(original);
    const url = new URL(request.url);
    if (url.pathname === '/__bench/self-check') return selfCheck(env);
    if (url.pathname === '/__bench/counts') {
      if (request.method === 'POST') for (const key of Object.keys(counts)) delete counts[key];
      return Response.json(counts);
    }
    bump('requests');
    return worker.fetch(request as Parameters<typeof worker.fetch>[0], env, ctx);
  },
  queue(batch, original, ctx) {
    const env = countedEnv(original);
    bump('queueDeliveries', batch.messages.length);
    return worker.queue(batch, env, ctx);
  },
  scheduled(controller, original, ctx) {
    const env = countedEnv(original);
    return worker.scheduled(controller, env, ctx);
  },
  email(message, original, ctx) {
    const env = countedEnv(original);
    return worker.email(message, env, ctx);
  },
};

export default handler;
