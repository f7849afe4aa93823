import type { IndexSubject } from '../views-engine.ts'
import { DAY_MS } from '../../dates.ts'
import type { EpochMs } from '../../model.ts'
import type { EventTable, MultiColumn } from '../../table-types.ts'
import { rowWeight, scoreFromWeight, type IndexSettings } from '../../threat-index.ts'
import { passesAllButTime } from './markers.ts'

function holds(column: MultiColumn, r: number, code: number): boolean {
  for (let j = column.offsets[r]!; j < column.offsets[r + 1]!; j++) if (column.values[j] === code) return true
  return false
}

/**
 * The rows of a subject that pass every filter but time (the index has its own window, as the
 * gauges do), in start order. One pass over the rows; empty when the subject is unknown.
 */
export function subjectRows(table: EventTable, mask: Uint8Array, subject: IndexSubject): number[] {
  const out: number[] = []
  if (subject.kind === 'actor') {
    const code = table.actors.dict.indexOf.get(subject.id)
    if (code === undefined) return out
    for (let row = 0; row < table.size; row++) if (passesAllButTime(mask, row) && holds(table.actors, row, code)) out.push(row)
  } else {
    const column = subject.kind === 'region' ? table.places.regions : table.places.countries
    const code = column.dict.indexOf.get(subject.id)
    if (code === undefined) return out
    const inSet = new Uint8Array(table.places.size)
    for (let set = 0; set < inSet.length; set++) inSet[set] = holds(column, set, code) ? 1 : 0
    for (let row = 0; row < table.size; row++) if (inSet[table.place[row]!] === 1 && passesAllButTime(mask, row)) out.push(row)
  }
  out.sort((a, b) => table.startMs[a]! - table.startMs[b]! || a - b)
  return out
}

/**
 * The threat-index score (0–100, see domain/threat-index.ts) of `rows` as of each instant in
 * `times` (ascending). Same weights as the gauges, but only the score, and without scanning
 * every row per point: rows are in start order, so for each point only rows that start inside
 * the window are visited, plus the few long-span rows (a year-precision date) that can reach
 * into it from further back. NaN for points before the first row (no data yet).
 */
export function indexSeries(
  table: EventTable,
  rows: readonly number[],
  times: readonly EpochMs[],
  settings: IndexSettings,
): Float64Array {
  const windowMs = settings.windowDays * DAY_MS
  const long: number[] = []
  const short: number[] = []
  for (const row of rows) (table.endMs[row]! - table.startMs[row]! > windowMs ? long : short).push(row)
  const out = new Float64Array(times.length)
  const firstStart = rows.length > 0 ? table.startMs[rows[0]!]! : Infinity
  let hi = 0
  for (let p = 0; p < times.length; p++) {
    const asOf = times[p]!
    if (asOf <= firstStart) {
      out[p] = NaN
      continue
    }
    while (hi < short.length && table.startMs[short[hi]!]! < asOf) hi++
    let total = 0
    // A short row that starts before the window cannot reach into it: stop there.
    for (let i = hi - 1; i >= 0; i--) {
      const row = short[i]!
      if (table.startMs[row]! < asOf - 2 * windowMs) break
      total += rowWeight(table, row, asOf, settings)
    }
    for (const row of long) total += rowWeight(table, row, asOf, settings)
    out[p] = scoreFromWeight(total)
  }
  return out
}
