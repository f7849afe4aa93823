import { DAY_MS } from './dates.ts'
import { stringAt, stringCount } from './string-column.ts'
import type { CodeArray, MultiColumn, TableColumns } from './table-types.ts'

// How a table's rows are put in date order: the order itself, and the columns moved into it.

/** The fixed-width per-row columns every table has, before its codes and strings. */
export type RowColumns = Pick<TableColumns, 'startMs' | 'endMs' | 'precision' | 'level' | 'latDeg' | 'lonDeg' | 'approximate'>

/** Zeroed fixed-width columns for `n` rows, for a builder to fill. */
export function allocateRowColumns(n: number): RowColumns {
  return {
    startMs: new Float64Array(n),
    endMs: new Float64Array(n),
    precision: new Uint8Array(n),
    level: new Uint8Array(n),
    latDeg: new Float32Array(n),
    lonDeg: new Float32Array(n),
    approximate: new Uint8Array(n),
  }
}

/**
 * Row numbers ordered by start date, newest first; stable for equal dates. O(rows + days): rows
 * are bucketed by day (a counting sort, which keeps row order within a day), and only a day
 * whose rows are not already newest first (instants in input order) is sorted by comparison.
 * Dates that are not numbers, or spread over far more days than there are rows, are sorted by
 * comparison throughout.
 */
export function sortByDateDesc(startMs: Float64Array): Uint32Array {
  const n = startMs.length
  const order = new Uint32Array(n)
  const newestFirst = (a: number, b: number): number => startMs[b]! - startMs[a]! || a - b
  let lo = Infinity
  let hi = -Infinity
  for (let row = 0; row < n; row++) {
    lo = Math.min(lo, startMs[row]!)
    hi = Math.max(hi, startMs[row]!)
  }
  const lastDay = Math.floor(hi / DAY_MS)
  const days = lastDay - Math.floor(lo / DAY_MS) + 1
  if (!(days >= 1 && days <= 4 * n + 1024)) {
    // No rows, NaN or infinite dates make `days` NaN or infinite; very sparse dates would waste memory.
    for (let i = 0; i < n; i++) order[i] = i
    return order.sort(newestFirst)
  }
  const next = new Uint32Array(days + 1)
  for (let row = 0; row < n; row++) next[lastDay - Math.floor(startMs[row]! / DAY_MS) + 1]!++
  for (let d = 1; d <= days; d++) next[d]! += next[d - 1]!
  for (let row = 0; row < n; row++) order[next[lastDay - Math.floor(startMs[row]! / DAY_MS)]!++] = row
  // Each day now holds its rows in row order, from `from` to next[d]; sort a day only if its starts differ out of order.
  let from = 0
  for (let d = 0; d < days; d++) {
    const to = next[d]!
    for (let i = from + 1; i < to; i++) {
      if (startMs[order[i]!]! > startMs[order[i - 1]!]!) {
        order.subarray(from, to).sort(newestFirst)
        break
      }
    }
    from = to
  }
  return order
}

export function isIdentity(order: Uint32Array): boolean {
  for (let i = 0; i < order.length; i++) if (order[i] !== i) return false
  return true
}

/**
 * The per-row columns in the order `rows` lists (rows[r] is the input row stored at r). One fused
 * pass over the input rows in order, each row's values scattered to its place (scattered writes
 * stall the CPU less than scattered reads); titles are gathered into a list (a packed column too).
 */
export function permuteColumns(columns: TableColumns, rows: Uint32Array): TableColumns {
  const n = rows.length
  const { startMs, endMs, precision, level, latDeg, lonDeg, approximate } = allocateRowColumns(n)
  const titles = new Array<string>(n)
  const at = new Uint32Array(n)
  for (let r = 0; r < n; r++) at[rows[r]!] = r
  const src = columns
  for (let s = 0; s < n; s++) {
    const r = at[s]!
    startMs[r] = src.startMs[s]!
    endMs[r] = src.endMs[s]!
    precision[r] = src.precision[s]!
    level[r] = src.level[s]!
    latDeg[r] = src.latDeg[s]!
    lonDeg[r] = src.lonDeg[s]!
    approximate[r] = src.approximate[s]!
  }
  // A column left empty (titles kept by another thread) stays empty.
  if (stringCount(src.titles) === 0) titles.length = 0
  else for (let r = 0; r < n; r++) titles[r] = stringAt(src.titles, rows[r]!)
  return {
    ...columns,
    startMs,
    endMs,
    precision,
    level,
    latDeg,
    lonDeg,
    approximate,
    category: gatherCodes(columns.category, rows),
    place: gatherCodes(columns.place, rows),
    actors: permuteMultiColumn(columns.actors, rows),
    titles,
  }
}

/** Codes in the order `rows` lists, in a new array of the same width. */
function gatherCodes(codes: CodeArray, rows: Uint32Array): CodeArray {
  if (codes instanceof Uint8Array) return gatherU8(codes, rows)
  if (codes instanceof Uint16Array) return gatherU16(codes, rows)
  return gatherU32(codes, rows)
}

function gatherU8(codes: Uint8Array, rows: Uint32Array): Uint8Array {
  const out = new Uint8Array(rows.length)
  for (let r = 0; r < rows.length; r++) out[r] = codes[rows[r]!]!
  return out
}

function gatherU16(codes: Uint16Array, rows: Uint32Array): Uint16Array {
  const out = new Uint16Array(rows.length)
  for (let r = 0; r < rows.length; r++) out[r] = codes[rows[r]!]!
  return out
}

function gatherU32(codes: Uint32Array, rows: Uint32Array): Uint32Array {
  const out = new Uint32Array(rows.length)
  for (let r = 0; r < rows.length; r++) out[r] = codes[rows[r]!]!
  return out
}

function permuteMultiColumn(column: MultiColumn, rows: Uint32Array): MultiColumn {
  const offsets = new Uint32Array(rows.length + 1)
  for (let r = 0; r < rows.length; r++) offsets[r + 1] = offsets[r]! + column.offsets[rows[r]! + 1]! - column.offsets[rows[r]!]!
  const values = new Uint32Array(offsets[rows.length]!)
  for (let r = 0; r < rows.length; r++) {
    let k = offsets[r]!
    for (let j = column.offsets[rows[r]!]!; j < column.offsets[rows[r]! + 1]!; j++) values[k++] = column.values[j]!
  }
  return { offsets, values, dict: column.dict }
}
