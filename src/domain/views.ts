import { DAY_MS } from './dates.ts'
import { DIM } from './filter.ts'
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

/** Longest span the timeline keeps day counts for (about 200 years), so a stray date cannot blow up memory. */
const MAX_TIMELINE_DAYS = 73_000

function tally(size: number): { counts: Uint32Array; maxLevel: Uint8Array } {
  return { counts: new Uint32Array(size), maxLevel: new Uint8Array(size) }
}

function timelineFrame(table: EventTable): { firstDay: number; days: number } {
  if (table.size === 0) return { firstDay: 0, days: 0 }
  const firstDay = Math.floor(table.extentMs[0] / DAY_MS)
  const lastDay = Math.ceil(table.extentMs[1] / DAY_MS)
  return { firstDay, days: Math.min(MAX_TIMELINE_DAYS, Math.max(1, lastDay - firstDay)) }
}

/**
 * Computes every panel's view from the row masks (see filter.ts) in one pass over the rows.
 * Cost: O(rows + multi-column values); allocates only the output arrays.
 */
export function computeViews(table: EventTable, mask: Uint8Array): Views {
  const n = table.size
  const { firstDay, days } = timelineFrame(table)
  const exact = new Float64Array(days * 5)
  const spreadDiff = new Float64Array((days + 1) * 5)
  const levelCounts = new Uint32Array(6)
  const placeLevels = new Uint32Array(table.places.size * 5)
  const actorLevels = new Uint32Array(table.actors.dict.values.length * 5)
  const categoryLevels = new Uint32Array(table.categories.values.length * 5)
  const actorOffsets = table.actors.offsets
  const actorValues = table.actors.values
  const { startMs, endMs, level, category, place } = table
  const geoBits = DIM.region | DIM.country
  let matched = 0

  for (let row = 0; row < n; row++) {
    const m = mask[row]!
    const lv = level[row]!
    if (m === 0) matched++
    if ((m & ~DIM.level) === 0) levelCounts[lv]!++
    if ((m & ~DIM.time) === 0 && days > 0) {
      const d0 = Math.floor(startMs[row]! / DAY_MS) - firstDay
      const d1 = Math.ceil(endMs[row]! / DAY_MS) - firstDay
      if (d1 - d0 <= 1) {
        if (d0 >= 0 && d0 < days) exact[d0 * 5 + lv - 1]!++
      } else {
        const a = Math.max(0, d0)
        const b = Math.min(days, d1)
        if (b > a) {
          const share = 1 / (d1 - d0)
          spreadDiff[a * 5 + lv - 1]! += share
          spreadDiff[b * 5 + lv - 1]! -= share
        }
      }
    }
    if ((m & ~geoBits) === 0) placeLevels[place[row]! * 5 + lv - 1]!++
    if ((m & ~DIM.actor) === 0) {
      for (let j = actorOffsets[row]!; j < actorOffsets[row + 1]!; j++) actorLevels[actorValues[j]! * 5 + lv - 1]!++
    }
    if ((m & ~DIM.category) === 0) categoryLevels[category[row]! * 5 + lv - 1]!++
  }

  const countries = spreadPlaces(placeLevels, table.places.countries)
  const regions = spreadPlaces(placeLevels, table.places.regions)
  const actors = tallyLevels(actorLevels)
  const categories = tallyLevels(categoryLevels)

  const spread = new Float64Array(days * 5)
  for (let l = 0; l < 5; l++) {
    let running = 0
    for (let d = 0; d < days; d++) {
      running += spreadDiff[d * 5 + l]!
      spread[d * 5 + l] = running < 1e-9 ? 0 : running
    }
  }

  const order = table.byDateDesc
  let matchedRows = order
  if (matched < n) {
    matchedRows = new Uint32Array(matched)
    let k = 0
    for (let i = 0; i < n; i++) {
      const row = order[i]!
      if (mask[row] === 0) matchedRows[k++] = row
    }
  }

  return {
    matched,
    matchedRows,
    levelCounts,
    timeline: { firstDay, days, exact, spread },
    countries,
    regions,
    actors,
    categories,
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
