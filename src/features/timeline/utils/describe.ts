import { DAY_MS, formatPartialDate } from '../../../domain/dates.ts'
import { LEVEL_LABELS, type DatePrecision, type ThreatLevel } from '../../../domain/model.ts'
import { PRECISION_CODES, titleAt, type EventTable } from '../../../domain/table.ts'

/** How a row's date reads and how it is drawn, from the columns alone (no event object built). */
export interface RowDate {
  readonly precision: DatePrecision
  /** Known only to the month or year. */
  readonly imprecise: boolean
  /** Covers more than one day: an imprecise date or an end date. */
  readonly span: boolean
  /** "2022", "Feb 2022", "24 Feb 2022", or "24 Feb 2022 – 3 Mar 2022" for a span with an end date. */
  readonly text: string
}

function precisionEnd(startMs: number, precision: DatePrecision): number {
  const d = new Date(startMs)
  if (precision === 'year') return Date.UTC(d.getUTCFullYear() + 1, 0, 1)
  if (precision === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
  if (precision === 'day') return startMs + DAY_MS
  return startMs + 1
}

export function rowDate(table: EventTable, row: number): RowDate {
  const precision = PRECISION_CODES[table.precision[row]!] ?? 'day'
  const startMs = table.startMs[row]!
  const endMs = table.endMs[row]!
  const ownEnd = precisionEnd(startMs, precision)
  const start = formatPartialDate({ text: '', precision, startMs, endMs: ownEnd })
  const hasEnd = endMs > ownEnd
  const text = hasEnd ? `${start} – ${formatPartialDate({ text: '', precision: 'day', startMs: endMs - DAY_MS, endMs })}` : start
  const imprecise = precision === 'year' || precision === 'month'
  return { precision, imprecise, span: imprecise || endMs - startMs > DAY_MS, text }
}

/** What a mark says to a screen reader and in its hover card title line. */
export function rowLabel(table: EventTable, row: number): string {
  const date = rowDate(table, row)
  const level = table.level[row] as ThreatLevel
  const note = date.imprecise ? ` (date known only to the ${date.precision})` : ''
  return `${titleAt(table, row)} — ${date.text}${note} — level ${level} ${LEVEL_LABELS[level]}`
}
