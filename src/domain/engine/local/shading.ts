/**
 * The choropleth's numbers: for each country and each region, the threat index (level and
 * score, see domain/threat-index.ts) at the as-of instant, from the events that pass every
 * filter but the map's own (region and country), plus whether the place has any matching event
 * at all, so "no recent activity" (events, none in the window) is told apart from "no events".
 */
import { appendAll } from '../../arrays.ts'
import { DIM } from './mask.ts'
import type { EpochMs } from '../../model.ts'
import type { EventTable, MultiColumn } from '../../table-types.ts'
import { rowsInWindows, summaryOfRows, type IndexSettings } from '../../threat-index.ts'
import type { Tally } from './views.ts'
import type { PlaceShade, Shading } from '../views-engine.ts'

/** The map's own filters: it ignores them so a selected country still shows its neighbours. */
export const MAP_IGNORED_BITS = DIM.region | DIM.country

/** Rows per value of a place-set column (countries or regions), for rows in the index windows. */
function rowsByPlaceValue(table: EventTable, column: MultiColumn, rows: readonly number[]): Map<number, number[]> {
  const bySet = new Map<number, number[]>()
  for (const row of rows) {
    const set = table.place[row]!
    let list = bySet.get(set)
    if (!list) bySet.set(set, (list = []))
    list.push(row)
  }
  const out = new Map<number, number[]>()
  for (const [set, setRows] of bySet) {
    for (let j = column.offsets[set]!; j < column.offsets[set + 1]!; j++) {
      const v = column.values[j]!
      const list = out.get(v)
      if (list) appendAll(list, setRows)
      else out.set(v, setRows.slice())
    }
  }
  return out
}

/**
 * Level and score per value of `column` (table.places.countries or .regions). `tally` is the
 * views' tally for the same column (region and country filters already ignored).
 */
export function shadePlaces(
  table: EventTable,
  column: MultiColumn,
  tally: Tally,
  mask: Uint8Array,
  asOfMs: EpochMs,
  settings: IndexSettings,
): Shading {
  const keep = ~MAP_IGNORED_BITS
  const rows = rowsInWindows(table, (row) => (mask[row]! & keep) === 0, asOfMs, settings)
  const grouped = rowsByPlaceValue(table, column, rows)
  const out = new Map<string, PlaceShade>()
  column.dict.values.forEach((id, code) => {
    const totalCount = tally.counts[code] ?? 0
    if (totalCount === 0) return
    const group = grouped.get(code)
    const index = group ? summaryOfRows(table, group, asOfMs, settings) : null
    out.set(id, {
      level: index?.level ?? null,
      score: index?.score ?? 0,
      windowCount: index?.eventCount ?? 0,
      totalCount,
    })
  })
  return out
}
