import { DAY_MS } from './dates.ts'
import type { EventTable } from './table.ts'

/**
 * Moving a time brush changes the time bit of few rows: a row passes [fromMs, toMs) when
 * `start < toMs && end > fromMs`, so only rows whose start lies between the old and new `toMs`,
 * or whose end lies between the old and new `fromMs`, can change. Rows are found through the
 * table's start order (`byDateDesc`): a row covering at most a day has its end within a day of
 * its start, and the few longer rows (imprecise dates, spans) are listed once per table.
 * This is crossfilter's sorted-range idea on our columns.
 */
interface TimeIndex {
  /** Rows that cover more than a day, in row order. */
  readonly longRows: Uint32Array
}

const cache = new WeakMap<EventTable, TimeIndex | null>()

/** The index, or null when a date is not a number (the start order is then not usable). */
function timeIndexOf(table: EventTable): TimeIndex | null {
  let index = cache.get(table)
  if (index === undefined) {
    index = buildTimeIndex(table)
    cache.set(table, index)
  }
  return index
}

function buildTimeIndex(table: EventTable): TimeIndex | null {
  const { startMs, endMs } = table
  const n = table.size
  let long = 0
  for (let row = 0; row < n; row++) {
    const span = endMs[row]! - startMs[row]!
    if (Number.isNaN(span)) return null
    if (isLong(span)) long++
  }
  const longRows = new Uint32Array(long)
  let k = 0
  for (let row = 0; row < n; row++) if (isLong(endMs[row]! - startMs[row]!)) longRows[k++] = row
  return { longRows }
}

/** A row whose end is not within a day after its start (a span, an imprecise date, or bad data). */
function isLong(spanMs: number): boolean {
  return !(spanMs >= 0 && spanMs <= DAY_MS)
}

/** Two position ranges [a1, b1) and [a2, b2) as at most two disjoint ranges [s1, e1, s2, e2]. */
function unionOf(a1: number, b1: number, a2: number, b2: number): [number, number, number, number] {
  if (b1 <= a1) return [a2, Math.max(a2, b2), 0, 0]
  if (b2 <= a2) return [a1, b1, 0, 0]
  const [p0, p1, q0, q1] = a1 <= a2 ? [a1, b1, a2, b2] : [a2, b2, a1, b1]
  return p1 >= q0 ? [p0, Math.max(p1, q1), 0, 0] : [p0, p1, q0, q1]
}

/** First position in the newest-first order whose start is below `ms` (starts fall along the order). */
function firstBelow(table: EventTable, ms: number): number {
  const { byDateDesc: order, startMs } = table
  let lo = 0
  let hi = order.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (startMs[order[mid]!]! < ms) hi = mid
    else lo = mid + 1
  }
  return lo
}

/**
 * Rewrites the time bit, in place, of every row that can change when the time range goes from
 * `before` to `after`, and returns those rows (each once). Returns null, touching nothing, when
 * the table's dates cannot be searched; the caller then recomputes every row.
 */
export function updateTimeEdges(
  table: EventTable,
  mask: Uint8Array,
  before: { readonly fromMs: number; readonly toMs: number },
  after: { readonly fromMs: number; readonly toMs: number },
  bit: number,
): Uint32Array | null {
  const index = timeIndexOf(table)
  if (index === null) return null
  const { byDateDesc: order, startMs, endMs } = table
  // Position ranges [a, b) of the newest-first order: the rows starting in [lo, hi) lie at
  // positions firstBelow(hi) up to firstBelow(lo). A row of at most a day whose end lies in
  // (min from, max from] starts in [min from - 1 day, max from].
  const ranges = unionOf(
    firstBelow(table, Math.max(before.toMs, after.toMs)),
    firstBelow(table, Math.min(before.toMs, after.toMs)),
    firstBelow(table, Math.max(before.fromMs, after.fromMs) + 1),
    firstBelow(table, Math.min(before.fromMs, after.fromMs) - DAY_MS),
  )
  const out = new Uint32Array(Math.max(0, ranges[1]! - ranges[0]!) + Math.max(0, ranges[3]! - ranges[2]!) + index.longRows.length)
  let count = 0
  const keep = ~bit & 0xff
  const { fromMs, toMs } = after
  for (let r = 0; r < 4; r += 2) {
    for (let p = ranges[r]!; p < ranges[r + 1]!; p++) {
      const row = order[p]!
      if (isLong(endMs[row]! - startMs[row]!)) continue // listed in longRows
      const fail = (startMs[row]! < toMs ? 0 : 1) | (endMs[row]! > fromMs ? 0 : 1)
      mask[row] = (mask[row]! & keep) | (bit & -fail)
      out[count++] = row
    }
  }
  for (let i = 0; i < index.longRows.length; i++) {
    const row = index.longRows[i]!
    const fail = (startMs[row]! < toMs ? 0 : 1) | (endMs[row]! > fromMs ? 0 : 1)
    mask[row] = (mask[row]! & keep) | (bit & -fail)
    out[count++] = row
  }
  return out.subarray(0, count)
}
