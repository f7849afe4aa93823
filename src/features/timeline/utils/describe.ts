import { DAY_MS, formatPartialDate } from '../../../domain/dates.ts'
import type { EventMarkData } from '../../../domain/engine/views-engine.ts'
import { LEVEL_LABELS, type DatePrecision } from '../../../domain/model.ts'

/** How a mark's date reads and how it is drawn. */
export interface MarkDate {
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

export function markDate(mark: EventMarkData): MarkDate {
  const { precision, startMs, endMs } = mark
  const ownEnd = precisionEnd(startMs, precision)
  const start = formatPartialDate({ text: '', precision, startMs, endMs: ownEnd })
  const hasEnd = endMs > ownEnd
  const text = hasEnd ? `${start} – ${formatPartialDate({ text: '', precision: 'day', startMs: endMs - DAY_MS, endMs })}` : start
  const imprecise = precision === 'year' || precision === 'month'
  return { precision, imprecise, span: imprecise || endMs - startMs > DAY_MS, text }
}

/** What a mark says to a screen reader and in its hover card title line. */
export function markLabel(mark: EventMarkData): string {
  const date = markDate(mark)
  const note = date.imprecise ? ` (date known only to the ${date.precision})` : ''
  return `${mark.title} — ${date.text}${note} — level ${mark.level} ${LEVEL_LABELS[mark.level]}`
}
