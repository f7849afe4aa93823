import { DAY_MS } from './dates.ts'
import type { EventTable } from './table.ts'

/** Longest span the timeline keeps day counts for (about 200 years), so a stray date cannot blow up memory. */
export const MAX_TIMELINE_DAYS = 73_000

/**
 * Each row's place on the timeline's day axis, worked out once per table so that a filter change
 * does no date arithmetic per row. `code[row]` is:
 * - `d >= 0`: the row covers one day (or less), day `d` of the frame;
 * - `-1`: the row falls outside the frame and is not drawn;
 * - `-2 - k`: the row covers several days; `spreadFrom[k]`, `spreadTo[k]` (exclusive, clipped to
 *   the frame) and `spreadShare[k]` (1 / its length in days) say how it is spread.
 */
export interface DayIndex {
  readonly firstDay: number
  readonly days: number
  readonly code: Int32Array
  readonly spreadFrom: Int32Array
  readonly spreadTo: Int32Array
  readonly spreadShare: Float64Array
}

/** The timeline's frame: from the first start day to the last end day, capped. */
export function timelineFrame(table: EventTable): { firstDay: number; days: number } {
  if (table.size === 0) return { firstDay: 0, days: 0 }
  const firstDay = Math.floor(table.extentMs[0] / DAY_MS)
  const lastDay = Math.ceil(table.extentMs[1] / DAY_MS)
  return { firstDay, days: Math.min(MAX_TIMELINE_DAYS, Math.max(1, lastDay - firstDay)) }
}

// Tables are immutable, so the index is derived once per table and dropped with it.
const cache = new WeakMap<EventTable, DayIndex>()

/** The day index of a table (computed on first use, then cached). O(rows). */
export function dayIndexOf(table: EventTable): DayIndex {
  let index = cache.get(table)
  if (index === undefined) {
    index = buildDayIndex(table)
    cache.set(table, index)
  }
  return index
}

function buildDayIndex(table: EventTable): DayIndex {
  const { firstDay, days } = timelineFrame(table)
  const n = table.size
  const code = new Int32Array(n)
  const { startMs, endMs } = table
  let spreads = 0
  for (let row = 0; row < n; row++) {
    const d0 = Math.floor(startMs[row]! / DAY_MS) - firstDay
    const d1 = Math.ceil(endMs[row]! / DAY_MS) - firstDay
    if (d1 - d0 > 1) spreads++
  }
  const spreadFrom = new Int32Array(spreads)
  const spreadTo = new Int32Array(spreads)
  const spreadShare = new Float64Array(spreads)
  let k = 0
  for (let row = 0; row < n; row++) {
    const d0 = Math.floor(startMs[row]! / DAY_MS) - firstDay
    const d1 = Math.ceil(endMs[row]! / DAY_MS) - firstDay
    if (d1 - d0 <= 1) {
      code[row] = d0 >= 0 && d0 < days ? d0 : -1
      continue
    }
    const a = Math.max(0, d0)
    const b = Math.min(days, d1)
    spreadFrom[k] = a
    spreadTo[k] = b
    spreadShare[k] = 1 / (d1 - d0)
    code[row] = b > a ? -2 - k : -1
    k++
  }
  return { firstDay, days, code, spreadFrom, spreadTo, spreadShare }
}

/** Bytes the day index holds (for memory reports). */
export function dayIndexBytes(index: DayIndex): number {
  return index.code.byteLength + index.spreadFrom.byteLength + index.spreadTo.byteLength + index.spreadShare.byteLength
}
