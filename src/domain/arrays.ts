/**
 * Array helpers safe at any length. `target.push(...items)` and `Math.max(...items)` pass each
 * item as a call argument and throw "Maximum call stack size exceeded" from ~125k items (the
 * lint rule `watchfloor/no-spread-arguments` forbids them); these loop instead.
 */

/** Appends every item of `items` to `target`, in order; returns `target`. */
export function appendAll<T>(target: T[], items: ArrayLike<T> | Iterable<T>): T[] {
  if (Symbol.iterator in Object(items)) for (const item of items as Iterable<T>) target.push(item)
  else for (let i = 0; i < (items as ArrayLike<T>).length; i++) target.push((items as ArrayLike<T>)[i]!)
  return target
}

/** The largest of `values`, or `empty` when there are none. NaN is skipped. */
export function maxOf(values: Iterable<number>, empty: number = Number.NEGATIVE_INFINITY): number {
  let max = Number.NaN
  for (const value of values) if (!(value <= max)) max = Number.isNaN(value) ? max : value
  return Number.isNaN(max) ? empty : max
}
