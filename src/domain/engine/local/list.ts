import { rowRegions } from '../../table.ts'
import { type EventTable } from '../../table-types.ts'
import type { ListAsk, ListView } from '../views-engine.ts'

/** Most rows one window of the events list holds (a screenful and its overscan, many times over). */
export const MAX_LIST_WINDOW = 500

/**
 * The matching rows (mask byte 0) at list positions [from, to), newest first: the table stores
 * its rows newest first, so list position k is the k-th matching row. Every row when all match;
 * else one pass over the mask up to the window's end (about a millisecond for a million rows),
 * so the list never needs every matching row listed.
 */
export function rowsAt(mask: Uint8Array, matched: number, from: number, to: number): number[] {
  const out: number[] = []
  if (matched === mask.length) {
    for (let row = from; row < to; row++) out.push(row)
    return out
  }
  let seen = 0
  for (let row = 0; row < mask.length && seen < to; row++) {
    if (mask[row] !== 0) continue
    if (seen >= from) out.push(row)
    seen++
  }
  return out
}

/**
 * The rows of the events list from `ask.offset`, newest first: only the window is listed,
 * whatever the number of matching rows, and no row's text is read (the list asks for the
 * events of the rows it shows).
 */
export function listWindow(table: EventTable, mask: Uint8Array, matched: number, ask: ListAsk, newRows: Uint8Array | null): ListView {
  const offset = Math.max(0, Math.min(ask.offset, matched))
  const end = Math.min(matched, offset + Math.max(0, Math.min(ask.length, MAX_LIST_WINDOW)))
  const rows = rowsAt(mask, matched, offset, end).map((row) => ({
    ref: row,
    event: null,
    regions: rowRegions(table, row).slice(0, 1),
    isNew: newRows !== null && newRows[row] === 1,
  }))
  return { offset, rows }
}
