/**
 * An object whose methods `ops` call the same-named methods of `target()` (resolved on each call): how the
 * workers and the client pass an interface through comlink without listing every method again.
 */
export function forward<T extends object>(ops: readonly (keyof T)[], target: () => T): T {
  // The cast restores the per-method signatures that Object.fromEntries cannot express.
  return Object.fromEntries(
    ops.map((op) => [op, (...args: unknown[]) => (target()[op] as (...a: unknown[]) => unknown).apply(target(), args)]),
  ) as unknown as T;
}
