import Papa from 'papaparse'
import { csvRowToInput } from './csv-row.ts'
import { headerDelimiter, isBlankRow } from './csv-cells.ts'
import { mapHeaders, missingFields, type ColumnTarget } from './csv-headers.ts'
import { settleDateOrder, describeDateOrder, type DateOrder, type DateOrderFinding } from './date-order.ts'
import { cellsOfLine, linesReadIntoQuote, readIntoQuoteIssue, unclosedQuoteIssue } from './csv-open-quote.ts'
import { normaliseEvent, type NormaliseContext } from './normalise-event.ts'
import { ResultBuilder, unreadable, type ReadOutcome } from './read-outcome.ts'

export const CSV_FORMAT = 'csv'

export interface CsvReadOptions {
  /** The dataset's name (a file name without its extension); "CSV import" when absent. */
  readonly name?: string
  /** Hand-made column targets by column number; the rules map the other columns. */
  readonly overrides?: ReadonlyMap<number, ColumnTarget>
  /** Called now and then with the share of the text read so far (0–1). */
  readonly onProgress?: (fraction: number) => void
  /** The order of dates with slashes, as chosen; detected from the file when absent (date-order.ts). */
  readonly dateOrder?: DateOrder
}

/** What the CSV reader saw besides the result: the header, its mapping and the rejected rows' cells. */
export interface CsvReadDetail {
  readonly outcome: ReadOutcome
  readonly headers: readonly string[]
  readonly mapping: readonly ColumnTarget[]
  readonly delimiter: string
  /** The cells of each rejected row, in the order of `result.rejectedRows`. */
  readonly rejectedCells: readonly (readonly string[])[]
  /** How dates with slashes were read; absent when the file has none. */
  readonly slashedDates?: DateOrderFinding
}

const PROGRESS_EVERY_ROWS = 20_000
const CONTEXT: NormaliseContext = { levelScheme: 'watchfloor', customRegions: [] }

function describeMissing(fields: readonly string[]): string {
  return `no column for ${fields.join(', ')} (expected a header row such as id,title,date,threatLevel)`
}

/**
 * Reads native CSV or TSV (delimiter detected: comma, tab, semicolon or bar) with a header row
 * naming event fields (see csv-headers.ts). Lists within a cell are separated by `;`. Handles a
 * byte-order mark, CRLF and quoted cells with delimiters, quotes and newlines. Every data row
 * is one record (row 1 is the first line after the header); a bad row is rejected with its
 * reasons and the rest are kept. A quote that is never closed is reported at its row, and each
 * row read into it is counted as rejected (csv-open-quote.ts). No header, or no column for a required field, gives
 * `ok: false`. Never throws.
 */
export function readCsvDetailed(text: string, options: CsvReadOptions = {}): CsvReadDetail {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let headers: string[] | null = null
  let mapping: ColumnTarget[] = []
  let delimiter = ','
  let row = 0
  let previousCursor = 0
  const builder = new ResultBuilder()
  const rejectedCells: string[][] = []
  const onProgress = options.onProgress
  let finding: DateOrderFinding | undefined
  const orderOf = (): DateOrder => (finding ??= settleDateOrder(body, options.dateOrder)).order

  Papa.parse<string[]>(body, {
    header: false,
    // Blank rows are skipped here rather than by papaparse's 'greedy' mode, which tests each line twice.
    skipEmptyLines: false,
    delimiter: headerDelimiter(body),
    step: (step, parser) => {
      const cells = step.data
      if (isBlankRow(cells)) return
      const start = previousCursor
      previousCursor = step.meta.cursor
      if (headers === null) {
        headers = cells.map((h) => h.trim())
        mapping = mapHeaders(headers, options.overrides)
        delimiter = step.meta.delimiter
        if (missingFields(mapping).length > 0) parser.abort()
        return
      }
      row++
      if (onProgress && row % PROGRESS_EVERY_ROWS === 0) onProgress(step.meta.cursor / body.length)
      const swallowed = linesReadIntoQuote(step.errors, body.slice(start, step.meta.cursor))
      if (swallowed) {
        const opened = row
        builder.reject(row, [unclosedQuoteIssue(row, swallowed.length)])
        rejectedCells.push(cells)
        for (const line of swallowed) {
          row++
          builder.reject(row, [readIntoQuoteIssue(row, opened)])
          rejectedCells.push(cellsOfLine(line, delimiter))
        }
        return
      }
      const read = csvRowToInput(cells, row, mapping, headers, orderOf)
      const outcome = read.ok ? normaliseEvent(read.input, row, CONTEXT) : read
      if (outcome.ok) {
        builder.accept(outcome.event, row, outcome.warnings)
        // A duplicate id is rejected by the builder: keep its cells for the download too.
        if (builder.rejectedCount() > rejectedCells.length) rejectedCells.push(cells)
      } else {
        builder.reject(row, outcome.issues)
        rejectedCells.push(cells)
      }
    },
  })

  const finalHeaders: readonly string[] = headers ?? []
  if (headers === null) {
    return { outcome: unreadable('empty CSV: no header row'), headers: finalHeaders, mapping, delimiter, rejectedCells }
  }
  const missing = missingFields(mapping)
  if (missing.length > 0) {
    return { outcome: unreadable(describeMissing(missing)), headers: finalHeaders, mapping, delimiter, rejectedCells: [] }
  }
  onProgress?.(1)
  const built = builder.finish(CSV_FORMAT, { schemaVersion: 1, name: options.name ?? 'CSV import', regions: [] })
  const result = finding ? { ...built, notes: [...(built.notes ?? []), describeDateOrder(finding)] } : built
  return { outcome: { ok: true, result }, headers: finalHeaders, mapping, delimiter, rejectedCells, ...(finding ? { slashedDates: finding } : {}) }
}

/** Reads native CSV/TSV; see readCsvDetailed. Never throws. */
export function readCsv(text: string, options: CsvReadOptions = {}): ReadOutcome {
  return readCsvDetailed(text, options).outcome
}
