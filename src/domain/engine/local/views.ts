import { timelineFrame } from './day-index.ts'
import { DIM } from './mask.ts'
import { isUnfiltered, takeParent, timeRangeOf, type Derivation } from './mask-lineage.ts'
import { matchingRows } from './matching-rows.ts'
import type { EventTable } from '../../table-types.ts'
import type { TimelineCounts } from '../views-engine.ts'
import { noChangedValues, patchable, valueTallies, type ChangedValues, type Tally, type TallyPatch } from './value-tallies.ts'
import { deltaCounts, fullCounts, recountedCounts, type Counts } from './view-counts.ts'

/**
 * Everything the panels draw, from one pass over the rows. Each panel's numbers ignore that
 * panel's own filter ("all filters but mine"), so a brushed timeline still shows the whole
 * history and a selected country still shows its neighbours on the map.
 */
export interface CountViews {
  /** Rows passing every filter. */
  readonly matched: number
  /**
   * Rows passing every filter, newest first (ascending row numbers: the table stores rows so).
   * Read-only. Listed on first read: a filter change that nobody lists after costs no pass.
   */
  readonly matchedRows: Uint32Array
  /** Matching rows per level (index 1–5), level filter ignored. */
  readonly levelCounts: Uint32Array
  /**
   * Read-only: views whose timeline counts are the same (a time-brush move, a state come back
   * to, with the same levels) share one timeline.
   */
  readonly timeline: TimelineCounts
  /** Per country code and per region id, region and country filters ignored. */
  readonly countries: Tally
  readonly regions: Tally
  /** Per actor, actor filter ignored. */
  readonly actors: Tally
  /** Per category, category filter ignored. */
  readonly categories: Tally
}

// The counts behind the views last computed for each live mask (see mask-lineage.ts).
const countsOfMask = new WeakMap<Uint8Array, Counts>()

/**
 * Computes every panel's view from the row masks (see filter.ts). When `mask` came from
 * updateMask and the views of the mask it was derived from are known, only the rows whose mask
 * changed are visited (like crossfilter's incremental groups); otherwise one pass over every row.
 * The level filter is applied to per-level counts as they are read (view-counts.ts), so a level
 * toggle visits no row for the counts.
 * Cost: O(changed rows) or O(rows + multi-column values), plus O(rows in the time window) for
 * the newest-first matching rows (O(changed rows × log) after a time-brush move); allocates only
 * the output arrays.
 */
export function computeViews(table: EventTable, mask: Uint8Array): CountViews {
  const derivation = takeParent(mask)
  const known = countsOfMask.get(mask)
  if (known !== undefined && known.table === table) {
    // A state come back to (seen-states.ts): the very mask its counts were made for.
    const selected = selectedLevels(table, mask)
    const matched = matchedOf(selected, known)
    const timeRange = timeRangeOf(mask) ?? null
    let listed: Uint32Array | null = null
    const rows = (): Uint32Array => (listed ??= known.matchedRows ??= matchingRows(table, mask, matched, null, timeRange))
    return finishViews(table, known, selected, matched, rows)
  }
  const previous = derivation === undefined ? undefined : countsOfMask.get(derivation.parent)
  const incremental =
    derivation !== undefined && previous !== undefined && previous.table === table && derivation.parent.length === mask.length
  // Which values' counts changed, when the counts are updated row by row from the previous ones:
  // only their tallies are summed again (value-tallies.ts).
  let changed: ChangedValues | null = null
  const counts = isUnfiltered(mask)
    ? wholeTableCounts(table, mask)
    : !incremental
      ? fullCounts(table, mask)
      : (derivation.bits & ~DIM.level) === 0
        ? { ...previous, matchedRows: null } // only the level bit changed: the counts stay (shared, never modified)
        : narrowsMost(derivation, mask.length)
          ? recountedCounts(table, mask, derivation.bits, previous)
          : derivation.touched === null || derivation.changed * 2 > mask.length
            ? // most rows touched: one sequential pass beats taking each out and back
              oneFilter(derivation.bits)
              ? recountedCounts(table, mask, derivation.bits, previous)
              : fullCounts(table, mask)
            : deltaCounts(table, derivation.parent, mask, derivation.touched, previous, derivation.bits, (changed = patchable(table, derivation.changed) ? noChangedValues(table) : null))
  countsOfMask.set(mask, counts)
  const selected = selectedLevels(table, mask)
  const matched = matchedOf(selected, counts)
  const edit =
    incremental && derivation.touched !== null && derivation.dateOrdered && previous.matchedRows !== null
      ? { parent: derivation.parent, touched: derivation.touched, previousRows: previous.matchedRows }
      : null
  // The state left keeps its counts (it may be come back to) but not its list of matching rows:
  // a few kept states then cost their masks and counts, not a list of up to every row each.
  if (incremental) countsOfMask.set(derivation.parent, { ...previous, matchedRows: null })
  const timeRange = timeRangeOf(mask) ?? null
  let listed: Uint32Array | null = null
  const rows = (): Uint32Array => (listed ??= counts.matchedRows = matchingRows(table, mask, matched, edit, timeRange))
  return finishViews(table, counts, selected, matched, rows, changed === null ? null : { previous: previous!, changed, rows: derivation!.changed })
}

// The counts of the whole table (no filter but the levels, which counts leave out), per table:
// about 0.3 MB at a million rows, made the first time the table is shown unfiltered.
const wholeTable = new WeakMap<EventTable, Counts>()

/** The counts for `mask`, made for no filter but the levels: the whole table's, kept (never modified). */
function wholeTableCounts(table: EventTable, mask: Uint8Array): Counts {
  let counts = wholeTable.get(table)
  if (counts === undefined) wholeTable.set(table, (counts = { ...fullCounts(table, mask), matchedRows: null }))
  return { ...counts, matchedRows: null }
}

/** Rows passing every filter: the level view's counts of the levels the level filter lets through. */
function matchedOf(selected: Uint8Array, counts: Counts): number {
  let matched = 0
  for (let l = 0; l < 5; l++) matched += selected[l]! * counts.levelCounts[l + 1]!
  return matched
}

/** Whether `bits` is one filter's bit (the level's aside, which changes no count). */
function oneFilter(bits: number): boolean {
  return bits !== 0 && (bits & (bits - 1)) === 0
}

/**
 * Whether one filter narrowed and turned away more than a quarter of the rows: then one pass that
 * skips the rows it fails (recountedCounts) beats taking each touched row out (deltaCounts).
 */
function narrowsMost(derivation: Derivation, rows: number): boolean {
  const { changed, bits, narrowing } = derivation
  return narrowing && changed < rows && changed * 4 > rows && oneFilter(bits)
}

// One row of each level (index level - 1; -1 when none), per table.
const rowOfLevel = new WeakMap<EventTable, Int32Array>()

/**
 * 1 for each level (index level - 1) the level filter lets through. A row's level bit depends
 * on its level alone, so one row of each level tells; a level no row has counts nothing anyway.
 */
export function selectedLevels(table: EventTable, mask: Uint8Array): Uint8Array {
  let rows = rowOfLevel.get(table)
  if (rows === undefined) {
    rows = new Int32Array(5).fill(-1)
    let found = 0
    for (let row = 0; row < table.size && found < 5; row++) {
      const li = table.level[row]! - 1
      if (rows[li] === -1) {
        rows[li] = row
        found++
      }
    }
    rowOfLevel.set(table, rows)
  }
  const out = new Uint8Array(5)
  for (let l = 0; l < 5; l++) out[l] = rows[l]! >= 0 && (mask[rows[l]!]! & DIM.level) === 0 ? 1 : 0
  return out
}

// The timeline last made from each kept timeline count array, with the levels it was made for:
// counts that share their timeline arrays (a time-brush move, a state come back to) share the view
// too, while the levels are the same.
const timelineOfCounts = new WeakMap<Float64Array, { readonly spreadDiff: Float64Array; readonly levels: number; readonly timeline: TimelineCounts }>()

/** The timeline from the counts, over the selected levels: spreads summed per day. */
function timelineOf(table: EventTable, counts: Counts, selected: Uint8Array): TimelineCounts {
  let levels = 0
  for (let l = 0; l < 5; l++) levels |= selected[l]! << l
  const kept = timelineOfCounts.get(counts.exact)
  if (kept !== undefined && kept.spreadDiff === counts.spreadDiff && kept.levels === levels) return kept.timeline
  const { firstDay, days } = timelineFrame(table)
  const { spreadDiff } = counts
  const spread = new Float64Array(days * 5)
  // A copy: the counts are kept for the next update and must not be shared with readers.
  const exact = counts.exact.slice()
  for (let l = 0; l < 5; l++) {
    if (selected[l] === 0) {
      for (let d = 0; d < days; d++) exact[d * 5 + l] = 0
      continue
    }
    let running = 0
    for (let d = 0; d < days; d++) {
      running += spreadDiff[d * 5 + l]!
      spread[d * 5 + l] = running < 1e-9 ? 0 : running
    }
  }
  const timeline = { firstDay, days, exact, spread }
  timelineOfCounts.set(counts.exact, { spreadDiff, levels, timeline })
  return timeline
}

/**
 * The views from the counts: timeline spreads summed, tallies per value (only the changed values
 * summed again when `patch` says which changed since the counts it was made from).
 */
function finishViews(
  table: EventTable,
  counts: Counts,
  selected: Uint8Array,
  matched: number,
  rows: () => Uint32Array,
  patch: TallyPatch | null = null,
): CountViews {
  return {
    matched,
    get matchedRows() {
      return rows()
    },
    // A copy: the counts are kept for the next update and must not be shared with readers.
    levelCounts: counts.levelCounts.slice(),
    timeline: timelineOf(table, counts, selected),
    ...valueTallies(table, counts, selected, patch),
  }
}
