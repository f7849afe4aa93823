import { computeMask, updateMask, type FilterSpec } from '../domain/filter.ts'
import type { EpochMs } from '../domain/model.ts'
import type { EventTable } from '../domain/table.ts'
import { defaultAsOf } from '../domain/threat-index.ts'
import { computeViews, type Views } from '../domain/views.ts'

/** How the as-of instant is chosen: the data's latest day (default), now, or a fixed instant. */
export type AsOfSetting =
  | { readonly mode: 'latest' }
  | { readonly mode: 'today' }
  | { readonly mode: 'fixed'; readonly ms: EpochMs }

export const LATEST_AS_OF: AsOfSetting = { mode: 'latest' }

/** What the store derives from the table, the filters and the as-of setting. */
export interface Derived {
  readonly mask: Uint8Array
  readonly views: Views
  readonly asOfMs: EpochMs
}

/**
 * The data's default as-of per table: a pass over every row, so it is made once per table
 * (tables are never mutated) rather than on every filter change.
 */
const latestAsOf = new WeakMap<EventTable, EpochMs>()

function latestOf(table: EventTable): EpochMs {
  let ms = latestAsOf.get(table)
  if (ms === undefined) {
    ms = defaultAsOf(table)
    latestAsOf.set(table, ms)
  }
  return ms
}

/**
 * The as-of instant in force. "Latest" means the end of the latest event's day — or the end of
 * the time filter when one is set and ends earlier, so that narrowing the time range to 2024
 * shows the threat as it stood at the end of 2024.
 */
export function resolveAsOf(table: EventTable, setting: AsOfSetting, nowMs: EpochMs, filter?: FilterSpec): EpochMs {
  switch (setting.mode) {
    case 'latest': {
      const latest = latestOf(table)
      const rangeEnd = filter?.timeRange?.toMs
      return rangeEnd !== undefined && rangeEnd < latest ? rangeEnd : latest
    }
    case 'today':
      return nowMs
    case 'fixed':
      return setting.ms
  }
}

/** Everything derived, from scratch: after the table or the as-of setting changes. */
export function recomputeAll(table: EventTable, filter: FilterSpec, asOf: AsOfSetting): Derived {
  const mask = computeMask(table, filter)
  return { mask, views: computeViews(table, mask), asOfMs: resolveAsOf(table, asOf, Date.now(), filter) }
}

/** What was derived for a table before it was put on screen, and from which filters and as-of setting. */
export interface PreparedDerived {
  readonly table: EventTable
  readonly filter: FilterSpec
  readonly asOf: AsOfSetting
  readonly derived: Derived
}

export function prepareDerived(table: EventTable, filter: FilterSpec, asOf: AsOfSetting): PreparedDerived {
  return { table, filter, asOf, derived: recomputeAll(table, filter, asOf) }
}

/** Derived while a table waits to be shown (an import's preview), each taken once. */
const derivedAhead = new WeakMap<EventTable, PreparedDerived>()

/**
 * Derives the mask and views of a table about to be shown, for takeDerivedAhead: the mask (and
 * as-of) in this task, the views in the next, as at a million rows the two together would block
 * the page for more than 50 ms. Resolves once they are kept.
 */
export function deriveAhead(table: EventTable, filter: FilterSpec, asOf: AsOfSetting): Promise<void> {
  const mask = computeMask(table, filter)
  const asOfMs = resolveAsOf(table, asOf, Date.now(), filter)
  return new Promise((resolve) =>
    setTimeout(() => {
      derivedAhead.set(table, { table, filter, asOf, derived: { mask, views: computeViews(table, mask), asOfMs } })
      resolve()
    }, 0),
  )
}

/** What deriveAhead made for `table`, while the filters and as-of setting are still those it used; forgotten once taken. */
export function takeDerivedAhead(table: EventTable, filter: FilterSpec, asOf: AsOfSetting): PreparedDerived | undefined {
  const prepared = derivedAhead.get(table)
  derivedAhead.delete(table)
  return prepared && prepared.filter === filter && prepared.asOf === asOf ? prepared : undefined
}

/** Masks and views after a filter change, recomputing only the dimensions that changed. */
export function recomputeFilter(
  table: EventTable,
  previousMask: Uint8Array,
  previousFilter: FilterSpec,
  filter: FilterSpec,
  asOf: AsOfSetting,
): Derived {
  const mask = updateMask(table, previousMask, previousFilter, filter)
  return { mask, views: computeViews(table, mask), asOfMs: resolveAsOf(table, asOf, Date.now(), filter) }
}
