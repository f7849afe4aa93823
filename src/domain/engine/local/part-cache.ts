/**
 * The last value of each part of an answer and the inputs it was made from: a part is made
 * again only when one of its inputs is no longer the same object (or value) as before. Inputs
 * are compared with `Object.is`, so callers keep them stable (the engine's mask, the request's
 * own lists) and pass primitives for what they derive.
 */
export class PartCache<Name extends string> {
  private readonly entries = new Map<Name, { readonly inputs: readonly unknown[]; readonly value: unknown }>()

  /** The part made from `inputs` before, or undefined when it was not made from these. */
  peek<T>(name: Name, inputs: readonly unknown[]): T | undefined {
    const entry = this.entries.get(name)
    return entry !== undefined && sameInputs(entry.inputs, inputs) ? (entry.value as T) : undefined
  }

  /** The part for `inputs`: the one made before from the same inputs, else `make()`'s. */
  get<T>(name: Name, inputs: readonly unknown[], make: () => T): T {
    const entry = this.entries.get(name)
    if (entry !== undefined && sameInputs(entry.inputs, inputs)) return entry.value as T
    const value = make()
    this.entries.set(name, { inputs, value })
    return value
  }
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]))
}
