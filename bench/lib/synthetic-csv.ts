/**
 * Generated tables written as CSV in the app's native columns, line by line: the benchmarks'
 * import files, and `bench/write-synthetic-csv.ts`. With `summaries`, a summary column holds
 * each row's event summary (real-shaped tables: synthetic-text.ts).
 */
import { isoDay } from '../../src/domain/dates.ts'
import { inputRowOf, PRECISION_CODES, rowCountries, rowValues, titleAt } from '../../src/domain/table.ts'
import type { EventTable } from '../../src/domain/table-types.ts'

function quote(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell
}

/** The generator jitters points by ±2°, which can step over the antimeridian (Fiji): wrap. */
function wrapLon(lonDeg: number): number {
  return lonDeg >= 180 ? lonDeg - 360 : lonDeg < -180 ? lonDeg + 360 : lonDeg
}

/**
 * The header and then one line per row (no line ends) for the first `rows` rows of `table`. Ids
 * are `e` and the generator's own row number, so the same event has the same id in every file.
 */
export function* syntheticCsvLines(table: EventTable, rows: number, options: { readonly summaries?: boolean } = {}): Generator<string> {
  const withSummary = options.summaries === true
  yield withSummary ? 'id,title,summary,date,threatLevel,countries,actors,category,lat,lon' : 'id,title,date,threatLevel,countries,actors,category,lat,lon'
  for (let row = 0; row < rows; row++) {
    const day = isoDay(table.startMs[row]!)
    const precision = PRECISION_CODES[table.precision[row]!]
    const date = precision === 'year' ? day.slice(0, 4) : precision === 'month' ? day.slice(0, 7) : day
    const located = table.approximate[row] === 0
    const cells = [`e${inputRowOf(table, row)}`, quote(titleAt(table, row))]
    if (withSummary) cells.push(quote(table.eventAt(row).summary ?? ''))
    cells.push(
      date,
      String(table.level[row]),
      rowCountries(table, row).join(';'),
      quote(rowValues(table.actors, row).join(';')),
      table.categories.values[table.category[row]!]!,
      located ? table.latDeg[row]!.toFixed(4) : '',
      located ? wrapLon(table.lonDeg[row]!).toFixed(4) : '',
    )
    yield cells.join(',')
  }
}
