import { DAY_MS } from './dates.ts'
import { DIM } from './filter.ts'
import type { EventTable } from './table.ts'

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
  /** Rows passing every filter, newest first. */
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
  const countries = tally(table.countries.dict.values.length)
  const regions = tally(table.regions.dict.values.length)
  const actors = tally(table.actors.dict.values.length)
  const categories = tally(table.categories.values.length)
  const { startMs, endMs, level, category } = table
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
    if ((m & ~geoBits) === 0) {
      addMulti(table.countries.offsets, table.countries.values, row, lv, countries)
      addMulti(table.regions.offsets, table.regions.values, row, lv, regions)
    }
    if ((m & ~DIM.actor) === 0) addMulti(table.actors.offsets, table.actors.values, row, lv, actors)
    if ((m & ~DIM.category) === 0) {
      const c = category[row]!
      categories.counts[c]!++
      if (lv > categories.maxLevel[c]!) categories.maxLevel[c] = lv
    }
  }

  const spread = new Float64Array(days * 5)
  for (let l = 0; l < 5; l++) {
    let running = 0
    for (let d = 0; d < days; d++) {
      running += spreadDiff[d * 5 + l]!
      spread[d * 5 + l] = running < 1e-9 ? 0 : running
    }
  }

  const matchedRows = new Uint32Array(matched)
  let k = 0
  const order = table.byDateDesc
  for (let i = 0; i < n; i++) {
    const row = order[i]!
    if (mask[row] === 0) matchedRows[k++] = row
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

function addMulti(offsets: Uint32Array, values: Uint32Array, row: number, lv: number, into: Tally): void {
  for (let j = offsets[row]!; j < offsets[row + 1]!; j++) {
    const v = values[j]!
    into.counts[v]!++
    if (lv > into.maxLevel[v]!) into.maxLevel[v] = lv
  }
}
