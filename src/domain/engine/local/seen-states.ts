import type { FilterSpec } from '../filter-spec.ts'
import type { EventTable } from '../../table-types.ts'

/**
 * The row masks of the last few filter states a table was left in, so that going back to one
 * (an undo, a filter cleared after it was set, a toggle back) hands out that very mask again:
 * its views are then known (views.ts keeps the counts of every live mask) and nothing is
 * recounted. A mask depends on the table and the filter state alone, and masks are never
 * modified once handed out, so the kept mask is exactly the one a fresh computeMask would give.
 *
 * Bounded: at most MAX_STATES states and MAX_MASK_BYTES of masks per table (always the last
 * one left), each with its counts (about 0.3 MB at a million rows; the matching rows' list is
 * dropped once a state is left, see views.ts). A new table starts with none; a table's states
 * go with it.
 */
export const MAX_STATES = 4
export const MAX_MASK_BYTES = 8 * 1024 * 1024

interface SeenState {
  readonly spec: FilterSpec
  readonly mask: Uint8Array
}

// Most recently left first.
const states = new WeakMap<EventTable, SeenState[]>()

const sorted = (values: readonly (string | number)[]): string => (values.length < 2 ? JSON.stringify(values) : JSON.stringify([...values].sort()))

// Each spec's key, made once: the spec a change starts from was the one the last change went to.
const keyOfSpec = new WeakMap<FilterSpec, string>()

/** A filter state's key: equal keys give equal masks (lists are sets, text as the mask reads it). */
export function stateKey(spec: FilterSpec): string {
  let key = keyOfSpec.get(spec)
  if (key === undefined) {
    const range = spec.timeRange === null ? 'all' : `${spec.timeRange.fromMs}..${spec.timeRange.toMs}`
    key = [range, sorted(spec.regions), sorted(spec.countries), sorted(spec.actors), sorted(spec.levels), sorted(spec.categories), JSON.stringify(spec.text.trim().toLowerCase())].join('|')
    keyOfSpec.set(spec, key)
  }
  return key
}

/**
 * Whether two filter states give the same mask. The time range is compared first: a time-brush
 * move, the commonest change, differs there, and no key is made at all.
 */
function sameState(a: FilterSpec, b: FilterSpec): boolean {
  const ra = a.timeRange
  const rb = b.timeRange
  if (ra === null || rb === null ? ra !== rb : ra.fromMs !== rb.fromMs || ra.toMs !== rb.toMs) return false
  return a === b || stateKey(a) === stateKey(b)
}

/** Keeps `mask`, computed for `spec` on `table`, as a state that may be come back to. */
export function rememberState(table: EventTable, spec: FilterSpec, mask: Uint8Array): void {
  if (mask.length !== table.size) return
  const kept = (states.get(table) ?? []).filter((state) => !sameState(state.spec, spec))
  kept.unshift({ spec, mask })
  let bytes = 0
  let keep = 0
  while (keep < kept.length && keep < MAX_STATES && (keep === 0 || bytes + kept[keep]!.mask.byteLength <= MAX_MASK_BYTES)) {
    bytes += kept[keep]!.mask.byteLength
    keep++
  }
  states.set(table, kept.slice(0, keep))
}

/** The mask kept for `spec` on `table`, if that state was left lately. */
export function seenMask(table: EventTable, spec: FilterSpec): Uint8Array | undefined {
  return states.get(table)?.find((state) => sameState(state.spec, spec))?.mask
}

/** How many states and mask bytes are kept for `table` (for the notes and tests). */
export function seenStates(table: EventTable): { states: number; maskBytes: number } {
  const kept = states.get(table) ?? []
  return { states: kept.length, maskBytes: kept.reduce((sum, state) => sum + state.mask.byteLength, 0) }
}
