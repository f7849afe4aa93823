/**
 * Which mask a mask was derived from (by updateMask), so that computeViews can update the
 * previous views by the rows whose mask changed instead of recounting every row. A link is
 * dropped once used, so masks never form a chain that keeps old masks alive.
 * Masks must not be modified after they are handed out; a link is only a hint, and views fall
 * back to a full pass when the previous views are unknown.
 */
export interface Derivation {
  readonly parent: Uint8Array
  /** Every row whose byte may differ from the parent's, each once; null when any row may, or when most do and are not listed. */
  readonly touched: Uint32Array | null
  /** How many rows' bytes may differ: `touched`'s length when listed, else the rows that changed if known, else every row. */
  readonly changed: number
  /** The filter bits (filter.ts DIM) that may differ from the parent's. */
  readonly bits: number
  /** Whether `touched` lists rows in ascending row (newest-first) order, apart from a few. */
  readonly dateOrdered: boolean
  /** Whether every touched row only gained `bits` (a filter narrowed): then no row joins a view. */
  readonly narrowing: boolean
}

const parents = new WeakMap<Uint8Array, Derivation>()

export function recordDerivation(
  next: Uint8Array,
  parent: Uint8Array,
  touched: Uint32Array | null,
  bits: number,
  { dateOrdered = false, narrowing = false, changed = touched?.length ?? next.length }: { dateOrdered?: boolean; narrowing?: boolean; changed?: number } = {},
): void {
  parents.set(next, { parent, touched, changed, bits, dateOrdered, narrowing })
}

// The time range each live mask was computed for (null: no time filter).
const timeRanges = new WeakMap<Uint8Array, { readonly fromMs: number; readonly toMs: number } | null>()

/** Notes the time range `mask` was computed for, so that its matching rows are looked for only there. */
export function recordTimeRange(mask: Uint8Array, range: { readonly fromMs: number; readonly toMs: number } | null): void {
  timeRanges.set(mask, range)
}

/** The time range `mask` was computed for: null for none, undefined when not known. */
export function timeRangeOf(mask: Uint8Array): { readonly fromMs: number; readonly toMs: number } | null | undefined {
  return timeRanges.get(mask)
}

/** Where `mask` was derived from, once: the link is removed. */
export function takeParent(mask: Uint8Array): Derivation | undefined {
  const derivation = parents.get(mask)
  if (derivation !== undefined) parents.delete(mask)
  return derivation
}

// Masks made for filters that set nothing but, perhaps, the levels: their counts, which leave
// the level filter out (view-counts.ts), are those of the whole table.
const unfiltered = new WeakSet<Uint8Array>()

/** Notes that `mask` was made for no filter but the level filter. */
export function recordUnfiltered(mask: Uint8Array): void {
  unfiltered.add(mask)
}

/** Whether `mask` was made for no filter but the level filter. */
export function isUnfiltered(mask: Uint8Array): boolean {
  return unfiltered.has(mask)
}
