import { dayIndexOf } from './day-index.ts'
import { DIM } from './filter.ts'
import { takeParent } from './mask-lineage.ts'
import { matchingRows } from './matching-rows.ts'
import type { EventTable, MultiColumn } from './table.ts'

/**
 * Counts per day and level over the data's whole extent, for the timeline, with the time filter
 * ignored. `exact` holds day-precise events; `spread` holds events that cover several days (a
 * year- or month-precision date, or a span with an end date), each spread evenly over its days
 * so that it adds up to one event and never shows as a spike on the 1st.
 * Index: (day - firstDay) * 5 + (level - 1).
 */
export interface TimelineCounts {
  readonly firstDay: number
  readonly days: number
  readonly exact: Float64Array
  readonly spread: Float64Array
}

/** Counts and highest level per value of a dictionary column. */
export interface Tally {
  readonly counts: Uint32Array
  readonly maxLevel: Uint8Array
}

/**
 * Everything the panels draw, from one pass over the rows. Each panel's numbers ignore that
 * panel's own filter ("all filters but mine"), so a brushed timeline still shows the whole
 * history and a selected country still shows its neighbours on the map.
 */
export interface Views {
  /** Rows passing every filter. */
  readonly matched: number
  /** Rows passing every filter, newest first. Read-only: may be the table's own order array. */
  readonly matchedRows: Uint32Array
  /** Matching rows per level (index 1–5), level filter ignored. */
  readonly levelCounts: Uint32Array
  readonly timeline: TimelineCounts
  /** Per country code and per region id, region and country filters ignored. */
  readonly countries: Tally
  readonly regions: Tally
  /** Per actor, actor filter ignored. */
  readonly actors: Tally
  /** Per category, category filter ignored. */
  readonly categories: Tally
}

function tally(size: number): { counts: Uint32Array; maxLevel: Uint8Array } {
  return { counts: new Uint32Array(size), maxLevel: new Uint8Array(size) }
}

/** Per-(value, level) counts behind a Views, kept so that the next filter change can update them. */
interface Counts {
  readonly table: EventTable
  matched: number
  readonly levelCounts: Uint32Array
  readonly exact: Float64Array
  readonly spreadDiff: Float64Array
  readonly placeLevels: Uint32Array
  readonly actorLevels: Uint32Array
  readonly categoryLevels: Uint32Array
  /** The matching rows, newest first, once the views are finished. */
  matchedRows: Uint32Array | null
}

// The counts behind the views last computed for each live mask (see mask-lineage.ts).
const countsOfMask = new WeakMap<Uint8Array, Counts>()

/**
 * Computes every panel's view from the row masks (see filter.ts). When `mask` came from
 * updateMask and the views of the mask it was derived from are known, only the rows whose mask
 * changed are visited (like crossfilter's incremental groups); otherwise one pass over every row.
 * Cost: O(changed rows) or O(rows + multi-column values), plus O(rows) for the newest-first
 * matching rows (O(matching rows) after a time-brush move); allocates only the output arrays.
 */
export function computeViews(table: EventTable, mask: Uint8Array): Views {
  const derivation = takeParent(mask)
  const previous = derivation === undefined ? undefined : countsOfMask.get(derivation.parent)
  const incremental =
    derivation !== undefined && previous !== undefined && previous.table === table && derivation.parent.length === mask.length
  const counts = incremental ? deltaCounts(table, derivation.parent, mask, derivation.touched, previous) : fullCounts(table, mask)
  countsOfMask.set(mask, counts)
  const edit =
    incremental && derivation.touched !== null && previous.matchedRows !== null
      ? { parent: derivation.parent, touched: derivation.touched, previousRows: previous.matchedRows }
      : null
  counts.matchedRows = matchingRows(table, mask, counts.matched, edit)
  return finishViews(table, counts, counts.matchedRows)
}

function emptyCounts(table: EventTable, days: number): Counts {
  return {
    table,
    matched: 0,
    levelCounts: new Uint32Array(6),
    exact: new Float64Array(days * 5),
    spreadDiff: new Float64Array((days + 1) * 5),
    placeLevels: new Uint32Array(table.places.size * 5),
    actorLevels: new Uint32Array(table.actors.dict.values.length * 5),
    categoryLevels: new Uint32Array(table.categories.values.length * 5),
    matchedRows: null,
  }
}

/** Counts from scratch: one pass over every row. */
function fullCounts(table: EventTable, mask: Uint8Array): Counts {
  const n = table.size
  const { days, code: dayCode, spreadFrom, spreadTo, spreadShare } = dayIndexOf(table)
  const counts = emptyCounts(table, days)
  const { levelCounts, exact, spreadDiff, placeLevels, actorLevels, categoryLevels } = counts
  const actorOffsets = table.actors.offsets
  const actorValues = table.actors.values
  const { level, category, place } = table
  const geoBits = DIM.region | DIM.country
  let matched = 0

  // A row counts towards a view when every filter but that view's own passes, so a row failing
  // two or more filters counts nowhere (except the map's, which ignores region and country
  // together): skip those first. Most rows of a narrowed view are skipped here.
  const TIME = DIM.time
  const LEVEL = DIM.level
  const ACTOR = DIM.actor
  const CATEGORY = DIM.category
  for (let row = 0; row < n; row++) {
    const m = mask[row]!
    if ((m & (m - 1)) !== 0 && (m & ~geoBits) !== 0) continue
    const li = level[row]! - 1
    if (m === 0) {
      matched++
      levelCounts[li + 1]!++
    } else if (m === LEVEL) levelCounts[li + 1]!++
    if (m === 0 || m === TIME) {
      const dc = dayCode[row]!
      if (dc >= 0) exact[dc * 5 + li]!++
      else if (dc < -1) {
        const k = -2 - dc
        spreadDiff[spreadFrom[k]! * 5 + li]! += spreadShare[k]!
        spreadDiff[spreadTo[k]! * 5 + li]! -= spreadShare[k]!
      }
    }
    if ((m & ~geoBits) === 0) placeLevels[place[row]! * 5 + li]!++
    if (m === 0 || m === ACTOR) {
      for (let j = actorOffsets[row]!, end = actorOffsets[row + 1]!; j < end; j++) actorLevels[actorValues[j]! * 5 + li]!++
    }
    if (m === 0 || m === CATEGORY) categoryLevels[category[row]! * 5 + li]!++
  }
  counts.matched = matched
  return counts
}

/** Bit 1: matched; 2: level view; 4: timeline; 8: map (regions and countries); 16: actors; 32: categories. */
const VIEW_BITS = ((): Uint8Array => {
  const out = new Uint8Array(256)
  const geoBits = DIM.region | DIM.country
  for (let m = 0; m < 256; m++) {
    out[m] =
      (m === 0 ? 1 : 0) |
      ((m & ~DIM.level) === 0 ? 2 : 0) |
      ((m & ~DIM.time) === 0 ? 4 : 0) |
      ((m & ~geoBits) === 0 ? 8 : 0) |
      ((m & ~DIM.actor) === 0 ? 16 : 0) |
      ((m & ~DIM.category) === 0 ? 32 : 0)
  }
  return out
})()

/**
 * Counts for `mask` from the counts of `parent`: each row whose mask changed is taken out and put
 * back in. Visits the `touched` rows when the caller knows them, else every row.
 */
function deltaCounts(table: EventTable, parent: Uint8Array, mask: Uint8Array, touched: Uint32Array | null, previous: Counts): Counts {
  const rowCount = touched === null ? table.size : touched.length
  const { code: dayCode, spreadFrom, spreadTo, spreadShare } = dayIndexOf(table)
  const counts: Counts = {
    table,
    matched: previous.matched,
    levelCounts: previous.levelCounts.slice(),
    exact: previous.exact.slice(),
    spreadDiff: previous.spreadDiff.slice(),
    placeLevels: previous.placeLevels.slice(),
    actorLevels: previous.actorLevels.slice(),
    categoryLevels: previous.categoryLevels.slice(),
    matchedRows: null,
  }
  const { levelCounts, exact, spreadDiff, placeLevels, actorLevels, categoryLevels } = counts
  const actorOffsets = table.actors.offsets
  const actorValues = table.actors.values
  const { level, category, place } = table
  let matched = previous.matched
  for (let i = 0; i < rowCount; i++) {
    const row = touched === null ? i : touched[i]!
    const before = VIEW_BITS[parent[row]!]!
    const after = VIEW_BITS[mask[row]!]!
    if (before === after) continue
    const li = level[row]! - 1
    // Per view: +1 where the row now counts for it, -1 where it no longer does, else 0.
    matched += (after & 1) - (before & 1)
    levelCounts[li + 1]! += ((after >> 1) & 1) - ((before >> 1) & 1)
    const dTime = ((after >> 2) & 1) - ((before >> 2) & 1)
    if (dTime !== 0) {
      const dc = dayCode[row]!
      if (dc >= 0) exact[dc * 5 + li]! += dTime
      else if (dc < -1) {
        const k = -2 - dc
        spreadDiff[spreadFrom[k]! * 5 + li]! += dTime * spreadShare[k]!
        spreadDiff[spreadTo[k]! * 5 + li]! -= dTime * spreadShare[k]!
      }
    }
    placeLevels[place[row]! * 5 + li]! += ((after >> 3) & 1) - ((before >> 3) & 1)
    const dActor = ((after >> 4) & 1) - ((before >> 4) & 1)
    if (dActor !== 0) {
      for (let j = actorOffsets[row]!, end = actorOffsets[row + 1]!; j < end; j++) actorLevels[actorValues[j]! * 5 + li]! += dActor
    }
    categoryLevels[category[row]! * 5 + li]! += ((after >> 5) & 1) - ((before >> 5) & 1)
  }
  counts.matched = matched
  return counts
}

/** The views from the counts: timeline spreads summed, tallies per value. */
function finishViews(table: EventTable, counts: Counts, matchedRows: Uint32Array): Views {
  const { firstDay, days } = dayIndexOf(table)
  const { matched, spreadDiff } = counts
  const spread = new Float64Array(days * 5)
  for (let l = 0; l < 5; l++) {
    let running = 0
    for (let d = 0; d < days; d++) {
      running += spreadDiff[d * 5 + l]!
      spread[d * 5 + l] = running < 1e-9 ? 0 : running
    }
  }

  return {
    matched,
    matchedRows,
    // A copy: the counts are kept for the next update and must not be shared with readers.
    levelCounts: counts.levelCounts.slice(),
    timeline: { firstDay, days, exact: counts.exact.slice(), spread },
    countries: spreadPlaces(counts.placeLevels, table.places.countries),
    regions: spreadPlaces(counts.placeLevels, table.places.regions),
    actors: tallyLevels(counts.actorLevels),
    categories: tallyLevels(counts.categoryLevels),
  }
}

/** Turns per-place-set level counts into counts and highest levels per country or region. */
function spreadPlaces(placeLevels: Uint32Array, column: MultiColumn): Tally {
  const out = tally(column.dict.values.length)
  const sets = placeLevels.length / 5
  for (let set = 0; set < sets; set++) {
    let count = 0
    let max = 0
    for (let l = 0; l < 5; l++) {
      const c = placeLevels[set * 5 + l]!
      if (c > 0) {
        count += c
        max = l + 1
      }
    }
    if (count === 0) continue
    for (let j = column.offsets[set]!; j < column.offsets[set + 1]!; j++) {
      const v = column.values[j]!
      out.counts[v]! += count
      if (max > out.maxLevel[v]!) out.maxLevel[v] = max
    }
  }
  return out
}

/** Counts and highest level per value from per-(value, level) counts. */
function tallyLevels(levels: Uint32Array): Tally {
  const out = tally(levels.length / 5)
  for (let v = 0; v < out.counts.length; v++) {
    for (let l = 0; l < 5; l++) {
      const c = levels[v * 5 + l]!
      if (c > 0) {
        out.counts[v]! += c
        out.maxLevel[v] = l + 1
      }
    }
  }
  return out
}
