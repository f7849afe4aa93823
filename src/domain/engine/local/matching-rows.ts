import { DAY_MS } from '../../dates.ts'
import type { EventTable } from '../../table-types.ts'
import { firstBelow, firstLongEndAbove, isSearchable } from './time-edges.ts'

/** What changed since the previous matching rows were listed (see mask-lineage.ts). */
export interface MatchEdit {
  readonly parent: Uint8Array
  /** Every row whose mask byte may differ from `parent`'s, each once. */
  readonly touched: Uint32Array
  /** The matching rows for `parent`, newest first. */
  readonly previousRows: Uint32Array
}

/**
 * The rows whose mask byte is 0, newest first: in row order, since the table stores its rows
 * newest first (start date descending, ties in input order). From scratch this is one sequential
 * pass over the mask, or over the stretch of rows the time filter lets through when `timeRange`
 * (the mask's) is known; after a change that touched few rows (a moved time brush) it splices
 * the rows that came in or went out into the previous list instead: O(changed rows × log)
 * searches plus one block copy of the list.
 */
export function matchingRows(
  table: EventTable,
  mask: Uint8Array,
  matched: number,
  edit: MatchEdit | null,
  timeRange: { readonly fromMs: number; readonly toMs: number } | null = null,
): Uint32Array {
  const n = table.size
  if (matched === n) return allRows(n)
  if (edit !== null && edit.touched.length * 8 < n) {
    const spliced = spliceMatches(table, mask, matched, edit)
    if (spliced !== null) return spliced
  }
  if (timeRange !== null && isSearchable(table)) {
    const windowed = matchesInWindow(table, mask, matched, timeRange)
    if (windowed !== null) return windowed
  }
  const out = new Uint32Array(matched + 1)
  compact(0, n, mask, out, 0)
  return out.subarray(0, matched)
}

/** Every row, in order. */
function allRows(n: number): Uint32Array {
  const out = new Uint32Array(n)
  for (let row = 0; row < n; row++) out[row] = row
  return out
}

/**
 * Appends the matching rows among rows [from, to) to `out` from slot k; returns the next slot.
 * Branch-free: every row is written, only matching ones advance k (the slot after the last
 * match absorbs the rest, so `out` needs one spare slot), so an unpredictable filter costs no
 * mispredictions.
 */
function compact(from: number, to: number, mask: Uint8Array, out: Uint32Array, k: number): number {
  for (let row = from; row < to; row++) {
    out[k] = row
    k += mask[row] === 0 ? 1 : 0
  }
  return k
}

// The longest span (end - start) of a table's long rows, per table.
const longestSpans = new WeakMap<EventTable, number>()

function longestSpanOf(table: EventTable): number {
  let longest = longestSpans.get(table)
  if (longest === undefined) {
    longest = 0
    const { longByEnd, startMs, endMs } = table
    for (let i = 0; i < longByEnd.length; i++) longest = Math.max(longest, endMs[longByEnd[i]!]! - startMs[longByEnd[i]!]!)
    longestSpans.set(table, longest)
  }
  return longest
}

/**
 * The matching rows when the time filter is [fromMs, toMs): a row passes only if it starts before
 * toMs and ends after fromMs, so a row of at most a day starts in [fromMs - 1 day, toMs) — one
 * stretch of rows — and older rows can only be long ones whose end is after
 * fromMs, and (since none spans more than the table's longest) before the window's oldest start
 * plus that span: a stretch of `longByEnd`, sorted here. Null when the count disagrees with
 * `matched`. Exported for tests.
 */
export function matchesInWindow(table: EventTable, mask: Uint8Array, matched: number, range: { readonly fromMs: number; readonly toMs: number }): Uint32Array | null {
  const { startMs, longByEnd } = table
  const oldest = range.fromMs - DAY_MS
  const out = new Uint32Array(matched + 1)
  let k = compact(firstBelow(table, range.toMs), firstBelow(table, oldest), mask, out, 0)
  const tailStart = k
  const longTo = firstLongEndAbove(table, oldest + longestSpanOf(table))
  for (let p = firstLongEndAbove(table, range.fromMs); p < longTo; p++) {
    const row = longByEnd[p]!
    if (mask[row] === 0 && startMs[row]! < oldest) out[k++] = row
    if (k > matched) return null
  }
  if (k !== matched) return null
  // Rows are stored newest first: ascending row numbers are the order wanted.
  out.subarray(tailStart, k).sort()
  return out.subarray(0, matched)
}

/**
 * The rows that came in or went out (their match differs from `parent`), newest first.
 * Touched rows mostly arrive in that order already (time-edges.ts lists them so); the few that
 * do not are sorted apart and merged in.
 */
function changedRows(mask: Uint8Array, edit: MatchEdit): Uint32Array {
  const { parent, touched } = edit
  const inOrder = new Uint32Array(touched.length)
  const others = new Uint32Array(touched.length)
  let a = 0
  let b = 0
  for (let i = 0; i < touched.length; i++) {
    const row = touched[i]!
    if ((mask[row] === 0) === (parent[row] === 0)) continue
    if (a === 0 || inOrder[a - 1]! < row) inOrder[a++] = row
    else others[b++] = row
  }
  if (b === 0) return inOrder.subarray(0, a)
  const rest = others.subarray(0, b).sort()
  const out = new Uint32Array(a + b)
  let i = 0
  let j = 0
  for (let k = 0; k < a + b; k++) out[k] = j >= b || (i < a && inOrder[i]! < rest[j]!) ? inOrder[i++]! : rest[j++]!
  return out
}

/** First position p >= from in `rows` (ascending) where rows[p] >= `row`: a galloping search. */
function seek(rows: Uint32Array, from: number, row: number): number {
  let lo = from
  let step = 1
  let hi = from
  while (hi < rows.length && rows[hi]! < row) {
    lo = hi + 1
    hi = from + step
    step *= 2
  }
  hi = Math.min(hi, rows.length)
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (rows[mid]! < row) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Copies rows[from, to) into out at k; long runs as one block. */
function copyRun(out: Uint32Array, k: number, rows: Uint32Array, from: number, to: number): void {
  if (to - from > 32) out.set(rows.subarray(from, to), k)
  else for (let i = from; i < to; i++) out[k++] = rows[i]!
}

/**
 * The previous matching rows with the rows that went out removed and those that came in
 * inserted at their place. Null when the lists disagree (the previous list was not this mask's
 * parent's); `matchingRows` then compacts from scratch. Exported for tests.
 */
export function spliceMatches(table: EventTable, mask: Uint8Array, matched: number, edit: MatchEdit): Uint32Array | null {
  const previous = edit.previousRows
  const changes = changedRows(mask, edit)
  const out = new Uint32Array(matched)
  let i = 0
  let k = 0
  for (let c = 0; c < changes.length; c++) {
    const row = changes[c]!
    const p = seek(previous, i, row)
    const cameIn = mask[row] === 0
    if (k + (p - i) + (cameIn ? 1 : 0) > matched) return null
    copyRun(out, k, previous, i, p)
    k += p - i
    if (cameIn) {
      out[k++] = row
      i = p
    } else {
      if (previous[p] !== row) return null
      i = p + 1
    }
  }
  if (k + (previous.length - i) !== matched) return null
  copyRun(out, k, previous, i, previous.length)
  return out
}
