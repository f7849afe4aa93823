import type { EventTable } from './table.ts'

/** What changed since the previous matching rows were listed (see mask-lineage.ts). */
export interface MatchEdit {
  readonly parent: Uint8Array
  /** Every row whose mask byte may differ from `parent`'s, each once. */
  readonly touched: Uint32Array
  /** The matching rows for `parent`, newest first. */
  readonly previousRows: Uint32Array
}

/**
 * The rows whose mask byte is 0, newest first (the table's `byDateDesc` order: start date
 * descending, then row number). From scratch this is one pass over the order; after a change
 * that touched few rows (a moved time brush) it merges the new matches into the previous list
 * instead, which costs O(matching rows) rather than O(rows).
 */
export function matchingRows(table: EventTable, mask: Uint8Array, matched: number, edit: MatchEdit | null): Uint32Array {
  const n = table.size
  if (matched === n) return table.byDateDesc
  if (edit !== null && edit.touched.length * 8 < n) return mergeMatches(table, mask, matched, edit)
  const order = table.byDateDesc
  // Branch-free compaction: every row is written, only matching ones advance k (the slot
  // after the last match absorbs the rest), so an unpredictable filter costs no mispredictions.
  const out = new Uint32Array(matched + 1)
  let k = 0
  for (let i = 0; i < n; i++) {
    const row = order[i]!
    out[k] = row
    k += mask[row] === 0 ? 1 : 0
  }
  return out.subarray(0, matched)
}

function mergeMatches(table: EventTable, mask: Uint8Array, matched: number, edit: MatchEdit): Uint32Array {
  const { parent, touched, previousRows } = edit
  const { startMs } = table
  let added = 0
  for (let i = 0; i < touched.length; i++) if (mask[touched[i]!] === 0 && parent[touched[i]!] !== 0) added++
  const adds = new Uint32Array(added)
  let j = 0
  for (let i = 0; i < touched.length; i++) if (mask[touched[i]!] === 0 && parent[touched[i]!] !== 0) adds[j++] = touched[i]!
  adds.sort((a, b) => startMs[b]! - startMs[a]! || a - b)

  // Merge the previous rows that still match with the new ones, both newest first.
  const out = new Uint32Array(matched)
  const prevCount = previousRows.length
  let i = 0
  j = 0
  for (let k = 0; k < matched; k++) {
    while (i < prevCount && mask[previousRows[i]!] !== 0) i++
    let row: number
    if (j >= added) row = previousRows[i++]!
    else if (i >= prevCount) row = adds[j++]!
    else {
      const a = previousRows[i]!
      const b = adds[j]!
      if (startMs[a]! > startMs[b]! || (startMs[a] === startMs[b] && a < b)) {
        row = a
        i++
      } else {
        row = b
        j++
      }
    }
    out[k] = row
  }
  return out
}
