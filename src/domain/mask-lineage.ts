/**
 * Which mask a mask was derived from (by updateMask), so that computeViews can update the
 * previous views by the rows whose mask changed instead of recounting every row. A link is
 * dropped once used, so masks never form a chain that keeps old masks alive.
 * Masks must not be modified after they are handed out; a link is only a hint, and views fall
 * back to a full pass when the previous views are unknown.
 */
export interface Derivation {
  readonly parent: Uint8Array
  /** Every row whose byte may differ from the parent's, each once; null when any row may. */
  readonly touched: Uint32Array | null
}

const parents = new WeakMap<Uint8Array, Derivation>()

export function recordDerivation(next: Uint8Array, parent: Uint8Array, touched: Uint32Array | null): void {
  parents.set(next, { parent, touched })
}

/** Where `mask` was derived from, once: the link is removed. */
export function takeParent(mask: Uint8Array): Derivation | undefined {
  const derivation = parents.get(mask)
  if (derivation !== undefined) parents.delete(mask)
  return derivation
}
