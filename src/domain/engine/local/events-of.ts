import type { EpochMs } from '../../model.ts'
import type { EventTable } from '../../table-types.ts'
import { targetMatcher } from '../../threat-index.ts'
import { firstBelow, firstLongEndAbove, isSearchable } from './time-edges.ts'
import type { PlaceKind } from '../../warning/weekly-counts.ts'

/**
 * The events of one place or actor (the events behind a surge): the rows of `place` that overlap [fromMs, toMs) — the weeks of the
 * surge — highest level first, then newest. Returns at most `limit` rows and how many there are.
 * Reads rows newest first, so it touches only the rows of those weeks (plus the long ones).
 */
export function subjectEventRows(
  table: EventTable,
  kind: PlaceKind,
  place: string,
  fromMs: EpochMs,
  toMs: EpochMs,
  limit: number,
): { rows: number[]; total: number } {
  const matches = targetMatcher(table, { kind, value: place })
  const found: number[] = []
  const seen = new Set<number>()
  const consider = (row: number): void => {
    if (seen.has(row)) return
    seen.add(row)
    if (table.startMs[row]! < toMs && table.endMs[row]! > fromMs && matches(row)) found.push(row)
  }
  if (!isSearchable(table)) {
    for (let row = 0; row < table.size; row++) consider(row)
  } else {
    // Rows are newest first: skip those starting at or after toMs, stop at the first starting
    // before fromMs; the long rows that started earlier but reach into the weeks come by end.
    for (let row = firstBelow(table, toMs); row < table.size && table.startMs[row]! >= fromMs; row++) consider(row)
    for (let p = firstLongEndAbove(table, fromMs); p < table.longByEnd.length; p++) consider(table.longByEnd[p]!)
  }
  found.sort((a, b) => table.level[b]! - table.level[a]! || table.startMs[b]! - table.startMs[a]!)
  return { rows: found.slice(0, limit), total: found.length }
}
