import Papa from 'papaparse'
import type { ThreatEvent } from '../model.ts'
import type { ColumnTarget } from './csv-headers.ts'
import { csvRowToInput } from './csv-row.ts'
import type { DateOrder } from './date-order.ts'
import { normaliseEvent } from './normalise-event.ts'

/** What rebuilding a CSV row's event needs: the text, each accepted row's span, and the header. */
export interface CsvRowSource {
  readonly body: string
  readonly rowStart: Uint32Array
  readonly rowEnd: Uint32Array
  readonly headers: readonly string[]
  readonly mapping: readonly ColumnTarget[]
  readonly delimiter: string
  /** The order the file's dates with slashes were read in. */
  readonly dateOrder?: DateOrder
}

const CACHE_SIZE = 256

/**
 * The full event of accepted row `row`, re-read from its text with the same rules that accepted
 * it. Keeps the last few events; cheap enough for detail views and contribution lists, not for
 * loops over every row (use the table's columns for those). Runs in the import's worker, which
 * keeps the text.
 */
export function csvEventAt(source: CsvRowSource): (row: number) => ThreatEvent {
  const cache = new Map<number, ThreatEvent>()
  return (row) => {
    const hit = cache.get(row)
    if (hit) return hit
    const event = csvRowEvent(source.body.slice(source.rowStart[row]!, source.rowEnd[row]!), row, source)
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!)
    cache.set(row, event)
    return event
  }
}

/** What reading one row's text needs besides the text. */
export type CsvRowRules = Pick<CsvRowSource, 'headers' | 'mapping' | 'delimiter' | 'dateOrder'>

/** The event of accepted row `row` from its text (`text`), by the same rules that accepted it. */
export function csvRowEvent(text: string, row: number, rules: CsvRowRules): ThreatEvent {
  const cells = Papa.parse<string[]>(text, { header: false, delimiter: rules.delimiter, skipEmptyLines: 'greedy' }).data[0] ?? []
  const read = csvRowToInput(cells, row + 1, rules.mapping, rules.headers, rules.dateOrder ? () => rules.dateOrder! : undefined)
  const outcome = read.ok ? normaliseEvent(read.input, row + 1, { levelScheme: 'watchfloor', customRegions: [] }) : read
  // The row was accepted by the same rules when it was read, so this does not happen.
  if (!outcome.ok) throw new Error(`row ${row + 1} no longer reads: ${outcome.issues[0]?.message ?? ''}`)
  return outcome.event
}
