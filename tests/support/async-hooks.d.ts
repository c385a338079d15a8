// workerd's `node:async_hooks` (nodejs_compat): the part the test support uses. The Worker's
// tsconfig has no Node types, so this module is declared here.
declare module 'node:async_hooks' {
  export class AsyncLocalStorage<T> {
    getStore(): T | undefined;
    run<R>(store: T, fn: () => R): R;
  }
}
