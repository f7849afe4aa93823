import { DAY_MS } from '../../dates.ts'
import { isLongSpan } from '../../table.ts'
import { type EventTable } from '../../table-types.ts'

/**
 * Moving a time brush changes the time bit of few rows: a row passes [fromMs, toMs) when
 * `start < toMs && end > fromMs`, so only rows whose start lies between the old and new `toMs`,
 * or whose end lies between the old and new `fromMs`, can change. Rows are found by binary
 * search, as crossfilter does on its sorted index, in the table's two orders:
 * - the rows themselves (stored newest first) for the `toMs` edge, and for the `fromMs` edge of
 *   rows covering at most a day, whose end lies within a day after their start: these are at
 *   most two stretches of rows, visited sequentially;
 * - `longByEnd` (end, ascending) for the `fromMs` edge of the rows covering more.
 * Rows are listed in row (newest-first) order where they come from the stretches (the long rows
 * found by their end follow, in end order), so that the matching rows can be spliced, not re-sorted.
 */

// Whether every start and end is a number: binary search needs ordered dates.
const searchable = new WeakMap<EventTable, boolean>()

/**
 * Whether the table's dates can be binary-searched (no start or end is NaN). Cached per table.
 * A NaN start or end makes a row's span NaN, and `longByEnd` lists every such row (isLongSpan),
 * so only its rows are looked at: a few per cent of the table rather than two passes over it.
 */
export function isSearchable(table: EventTable): boolean {
  let ok = searchable.get(table)
  if (ok === undefined) {
    ok = true
    const { longByEnd, startMs, endMs } = table
    for (let p = 0; p < longByEnd.length; p++) {
      const row = longByEnd[p]!
      if (Number.isNaN(startMs[row]!) || Number.isNaN(endMs[row]!)) {
        ok = false
        break
      }
    }
    searchable.set(table, ok)
  }
  return ok
}

/** Two position ranges [a1, b1) and [a2, b2) as at most two disjoint ranges [s1, e1, s2, e2], in order. */
function unionOf(a1: number, b1: number, a2: number, b2: number): [number, number, number, number] {
  if (b1 <= a1) return [a2, Math.max(a2, b2), 0, 0]
  if (b2 <= a2) return [a1, b1, 0, 0]
  const [p0, p1, q0, q1] = a1 <= a2 ? [a1, b1, a2, b2] : [a2, b2, a1, b1]
  return p1 >= q0 ? [p0, Math.max(p1, q1), 0, 0] : [p0, p1, q0, q1]
}

/** First row whose start is below `ms` (rows are stored newest first, so starts fall along them). */
export function firstBelow(table: EventTable, ms: number): number {
  const { startMs } = table
  let lo = 0
  let hi = startMs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (startMs[mid]! < ms) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** First position in `longByEnd` whose end is above `ms`. */
export function firstLongEndAbove(table: EventTable, ms: number): number {
  const { longByEnd: order, endMs } = table
  let lo = 0
  let hi = order.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (endMs[order[mid]!]! > ms) hi = mid
    else lo = mid + 1
  }
  return lo
}

const NO_ROWS = new Uint32Array(0)

/**
 * The rows that can overlap [fromMs, toMs), in row order: the stretch of rows [from, to), then
 * `older`, the rows after it that cover more than a day and end after `fromMs`, ascending. Every
 * other row starts at or after `toMs` (rows before the stretch) or ends by `fromMs` (a row of at
 * most a day starting more than a day before it), so a pass over these rows that skips the rows
 * outside the range visits the rows a pass over the whole table keeps, in the same order. A table
 * with unordered (NaN) dates gives every row as the stretch.
 */
export function rowsOverlapping(table: EventTable, fromMs: number, toMs: number): { from: number; to: number; older: Uint32Array } {
  if (!isSearchable(table)) return { from: 0, to: table.size, older: NO_ROWS }
  const from = firstBelow(table, toMs)
  const to = Math.max(from, firstBelow(table, fromMs - DAY_MS))
  const { longByEnd } = table
  const older: number[] = []
  for (let p = firstLongEndAbove(table, fromMs); p < longByEnd.length; p++) if (longByEnd[p]! >= to) older.push(longByEnd[p]!)
  return { from, to, older: Uint32Array.from(older).sort() }
}

/**
 * Rewrites the time bit, in place, of every row that can change when the time range goes from
 * `before` to `after`, and returns those rows (each once). Returns null, touching nothing, when
 * the table's dates cannot be searched; the caller then recomputes every row.
 * Cost: O(log rows + rows listed).
 */
export function updateTimeEdges(
  table: EventTable,
  mask: Uint8Array,
  before: { readonly fromMs: number; readonly toMs: number },
  after: { readonly fromMs: number; readonly toMs: number },
  bit: number,
): Uint32Array | null {
  if (!isSearchable(table)) return null
  const { longByEnd, startMs, endMs } = table
  const toLo = Math.min(before.toMs, after.toMs)
  const toHi = Math.max(before.toMs, after.toMs)
  const fromLo = Math.min(before.fromMs, after.fromMs)
  const fromHi = Math.max(before.fromMs, after.fromMs)
  // Row ranges [a, b): the rows starting in [lo, hi) are rows firstBelow(hi) up to firstBelow(lo). A row of at most a day whose end lies in
  // (fromLo, fromHi] starts in [fromLo - 1 day, fromHi].
  const ranges = unionOf(firstBelow(table, toHi), firstBelow(table, toLo), firstBelow(table, fromHi + 1), firstBelow(table, fromLo - DAY_MS))
  // Long rows whose end lies in (fromLo, fromHi], unless their start is in [toLo, toHi) (listed above).
  const longFrom = firstLongEndAbove(table, fromLo)
  const longTo = firstLongEndAbove(table, fromHi)
  const out = new Uint32Array(Math.max(0, ranges[1]! - ranges[0]!) + Math.max(0, ranges[3]! - ranges[2]!) + (longTo - longFrom))
  let count = 0
  const keep = ~bit & 0xff
  const { fromMs, toMs } = after
  for (let r = 0; r < 4; r += 2) {
    for (let row = ranges[r]!; row < ranges[r + 1]!; row++) {
      const start = startMs[row]!
      // A long row here counts only for the toMs edge; its fromMs edge is found by its end below.
      if (isLongSpan(endMs[row]! - start) && !(start >= toLo && start < toHi)) continue
      const fail = (start < toMs ? 0 : 1) | (endMs[row]! > fromMs ? 0 : 1)
      mask[row] = (mask[row]! & keep) | (bit & -fail)
      out[count++] = row
    }
  }
  for (let p = longFrom; p < longTo; p++) {
    const row = longByEnd[p]!
    const start = startMs[row]!
    if (start >= toLo && start < toHi) continue
    const fail = (start < toMs ? 0 : 1) | (endMs[row]! > fromMs ? 0 : 1)
    mask[row] = (mask[row]! & keep) | (bit & -fail)
    out[count++] = row
  }
  return out.subarray(0, count)
}
