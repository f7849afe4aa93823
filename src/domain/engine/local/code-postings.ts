/**
 * The rows holding each value of a multi-column (the actors): the column inverted, so that a
 * filter or a search naming a few values marks their rows instead of reading every row's list.
 */
import type { MultiColumn } from '../../table-types.ts'

export interface CodePostings {
  /** Value v's rows are `rows[offsets[v]]` up to `rows[offsets[v + 1]]`, ascending. */
  readonly offsets: Uint32Array
  readonly rows: Uint32Array
}

// Per column (columns never change).
const postingsOf = new WeakMap<MultiColumn, CodePostings>()

/** The postings of `column` (one row per value listed; a row listing a value twice is listed twice), built on first need. */
export function codePostings(column: MultiColumn): CodePostings {
  let postings = postingsOf.get(column)
  if (postings !== undefined) return postings
  const { offsets, values } = column
  const distinct = column.dict.values.length
  const starts = new Uint32Array(distinct + 1)
  for (let j = 0; j < values.length; j++) starts[values[j]! + 1]!++
  for (let v = 0; v < distinct; v++) starts[v + 1]! += starts[v]!
  const rows = new Uint32Array(values.length)
  const next = starts.slice(0, distinct)
  const count = offsets.length - 1
  for (let row = 0; row < count; row++) {
    for (let j = offsets[row]!; j < offsets[row + 1]!; j++) rows[next[values[j]!]!++] = row
  }
  postings = { offsets: starts, rows }
  postingsOf.set(column, postings)
  return postings
}

/**
 * Builds `column`'s postings a slice of rows at a time, for idle time ahead of the first filter
 * that needs them: the same two passes as `codePostings` (count each value's rows, then place
 * each row), resumable. Each call of the returned step works on up to `rows` rows and says
 * whether the postings are built and kept. A `codePostings` call meanwhile builds them at once,
 * and the slices then stop: what is kept is always a whole build.
 */
export function codePostingsInSlices(column: MultiColumn): (rows: number) => boolean {
  const { offsets, values } = column
  const distinct = column.dict.values.length
  const count = offsets.length - 1
  let starts: Uint32Array | null = null
  let rows: Uint32Array | null = null
  let next: Uint32Array | null = null
  let row = 0
  let placing = false
  return (slice: number): boolean => {
    if (postingsOf.has(column)) return true
    starts ??= new Uint32Array(distinct + 1)
    const end = Math.min(count, row + Math.max(1, slice))
    if (!placing) {
      for (let j = offsets[row]!; j < offsets[end]!; j++) starts[values[j]! + 1]!++
      row = end
      if (row < count) return false
      for (let v = 0; v < distinct; v++) starts[v + 1]! += starts[v]!
      rows = new Uint32Array(values.length)
      next = starts.slice(0, distinct)
      placing = true
      row = 0
      return false
    }
    for (; row < end; row++) {
      for (let j = offsets[row]!; j < offsets[row + 1]!; j++) rows![next![values[j]!]!++] = row
    }
    if (row < count) return false
    postingsOf.set(column, { offsets: starts, rows: rows! })
    return true
  }
}

/** Sets `out[row]` to 1 for every row holding a value v with `selected[v]` = 1. */
export function markRowsHolding(column: MultiColumn, selected: Uint8Array, out: Uint8Array): void {
  const { offsets, rows } = codePostings(column)
  for (let v = 0; v < selected.length; v++) {
    if (selected[v] === 0) continue
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) out[rows[k]!] = 1
  }
}
