// Comparison of MACs and hashes in constant time: WebCrypto's `timingSafeEqual` (a Workers
// extension), after the length check it leaves to the caller.

/** True when `a` and `b` hold the same bytes; the time taken does not depend on where they differ. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && crypto.subtle.timingSafeEqual(a, b);
}
