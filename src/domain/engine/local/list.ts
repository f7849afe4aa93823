import { rowRegions } from '../../table.ts'
import { type EventTable } from '../../table-types.ts'
import type { ListAsk, ListView } from '../views-engine.ts'

/** Most rows one window of the events list holds (a screenful and its overscan, many times over). */
export const MAX_LIST_WINDOW = 500

/**
 * The rows of the events list from `ask.offset`, newest first (`matchedRows` is in list order),
 * each with its full event: only the window is built, whatever the number of matching rows.
 */
export function listWindow(table: EventTable, matchedRows: Uint32Array, ask: ListAsk, newRows: Uint8Array | null): ListView {
  const offset = Math.max(0, Math.min(ask.offset, matchedRows.length))
  const end = Math.min(matchedRows.length, offset + Math.max(0, Math.min(ask.length, MAX_LIST_WINDOW)))
  const rows = []
  for (let i = offset; i < end; i++) {
    const row = matchedRows[i]!
    const event = table.eventAt(row)
    const regions = event.regions.length > 0 ? event.regions : rowRegions(table, row).slice(0, 1)
    rows.push({ ref: row, event, regions, isNew: newRows !== null && newRows[row] === 1 })
  }
  return { offset, rows }
}
