/**
 * The last value of each part of an answer and the inputs it was made from: a part is made
 * again only when one of its inputs is no longer the same object (or value) as before. Inputs
 * are compared with `Object.is`, so callers keep them stable (the engine's mask, the request's
 * own lists) and pass primitives for what they derive.
 *
 * The parts named in `keptPerMask` are also kept with their first input (the row mask), for as
 * long as that mask lives: a filter state come back to hands out its very mask again
 * (seen-states.ts), and finds these parts made for it, when their other inputs are the same.
 * Only small parts that cost a pass over the rows should be named (the map's frame, the
 * timeline's marks and lanes).
 */
export class PartCache<Name extends string> {
  private readonly entries = new Map<Name, Entry>()
  private readonly perMask = new WeakMap<object, Map<Name, Entry>>()

  constructor(private readonly keptPerMask: ReadonlySet<Name> = new Set()) {}

  /** The part made from `inputs` before, or undefined when it was not made from these. */
  peek<T>(name: Name, inputs: readonly unknown[]): T | undefined {
    return this.find(name, inputs)?.value as T | undefined
  }

  /** The part for `inputs`: the one made before from the same inputs, else `make()`'s. */
  get<T>(name: Name, inputs: readonly unknown[], make: () => T): T {
    const found = this.find(name, inputs)
    if (found !== undefined) {
      this.entries.set(name, found)
      return found.value as T
    }
    const entry = { inputs, value: make() }
    this.entries.set(name, entry)
    const mask = inputs[0]
    if (this.keptPerMask.has(name) && typeof mask === 'object' && mask !== null) {
      let parts = this.perMask.get(mask)
      if (parts === undefined) this.perMask.set(mask, (parts = new Map()))
      parts.set(name, entry)
    }
    return entry.value
  }

  private find(name: Name, inputs: readonly unknown[]): Entry | undefined {
    const last = this.entries.get(name)
    if (last !== undefined && sameInputs(last.inputs, inputs)) return last
    const mask = inputs[0]
    if (!this.keptPerMask.has(name) || typeof mask !== 'object' || mask === null) return undefined
    const kept = this.perMask.get(mask)?.get(name)
    return kept !== undefined && sameInputs(kept.inputs, inputs) ? kept : undefined
  }
}

interface Entry {
  readonly inputs: readonly unknown[]
  readonly value: unknown
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]))
}
