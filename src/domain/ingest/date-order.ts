import { parsePartialDate } from '../dates.ts'
import type { PartialDate } from '../model.ts'

/**
 * Dates written with slashes or dots (`03/04/2024`, `3.4.2024`): day first (dd/mm/yyyy, most of
 * the world) or month first (mm/dd/yyyy, the United States). A file says which when any date has
 * a first number over 12 (day first) or a second number over 12 (month first); when none does it
 * is ambiguous, read day first until the person importing chooses. One order holds for the
 * whole file; a date impossible in it (13/25/2024) is rejected as "not a real date".
 */
export type DateOrder = 'dmy' | 'mdy'

export const DATE_ORDERS: readonly DateOrder[] = ['dmy', 'mdy']

/** The order read when a file does not tell and nobody chose. */
export const DEFAULT_DATE_ORDER: DateOrder = 'dmy'

export const DATE_ORDER_LABELS: Readonly<Record<DateOrder, string>> = {
  dmy: 'day first (dd/mm/yyyy)',
  mdy: 'month first (mm/dd/yyyy)',
}

/** How a file's order was settled: chosen by the person importing, told by the dates, or assumed. */
export interface DateOrderFinding {
  readonly order: DateOrder
  readonly how: 'chosen' | 'detected' | 'ambiguous'
  /** Dates with slashes or dots found in the file (cells that are a date and nothing else). */
  readonly count: number
  /** Dates that only the other order can read: the file mixes orders (they are rejected). */
  readonly against: number
}

export function isDateOrder(value: unknown): value is DateOrder {
  return value === 'dmy' || value === 'mdy'
}

const SLASHED = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})$/
/** A slashed date as a whole cell: after a start, delimiter or quote, before a delimiter, quote or line end. */
const SLASHED_CELLS = /(?:^|[,;\t|"])[ \t]*(\d{1,2})([/.])(\d{1,2})\2\d{4}[ \t]*(?=[,;\t|"\r\n]|$)/gm

/** Whether `text` is a date with slashes or dots (whatever its order). */
export function isSlashedDate(text: string): boolean {
  return SLASHED.test(text.trim())
}

/** The ISO day (`2024-04-03`) a slashed date names in `order`, or null when it is none (or no real day). */
export function slashedToIso(text: string, order: DateOrder): string | null {
  const m = SLASHED.exec(text.trim())
  if (!m) return null
  const [first, second] = [Number(m[1]), Number(m[3])]
  const [day, month] = order === 'dmy' ? [first, second] : [second, first]
  const iso = `${m[4]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return parsePartialDate(iso) ? iso : null
}

/** A slashed date read in `order` (day precision), or null. */
export function parseSlashedDate(text: string, order: DateOrder): PartialDate | null {
  const iso = slashedToIso(text, order)
  return iso ? parsePartialDate(iso) : null
}

/**
 * Settles the order of the slashed dates in a delimited text: the chosen order if any, else the
 * order its dates tell (the one more of them can only be read in), else DEFAULT_DATE_ORDER,
 * marked ambiguous. Scans the whole text once; call it only when a slashed date is met.
 */
export function settleDateOrder(text: string, chosen?: DateOrder): DateOrderFinding {
  let count = 0
  let dayFirst = 0
  let monthFirst = 0
  for (const m of text.matchAll(SLASHED_CELLS)) {
    count++
    if (Number(m[1]) > 12) dayFirst++
    else if (Number(m[3]) > 12) monthFirst++
  }
  if (chosen) return { order: chosen, how: 'chosen', count, against: chosen === 'dmy' ? monthFirst : dayFirst }
  if (dayFirst === 0 && monthFirst === 0) return { order: DEFAULT_DATE_ORDER, how: 'ambiguous', count, against: 0 }
  const order: DateOrder = dayFirst >= monthFirst ? 'dmy' : 'mdy'
  return { order, how: 'detected', count, against: order === 'dmy' ? monthFirst : dayFirst }
}

/** The finding in words, for the import report and the command line. */
export function describeDateOrder(finding: DateOrderFinding): string {
  const label = DATE_ORDER_LABELS[finding.order]
  const how =
    finding.how === 'chosen'
      ? 'as chosen'
      : finding.how === 'detected'
        ? 'detected: some dates can only be read so'
        : 'no date in the file tells day from month: choose the order if the file is month first'
  const mixed = finding.against > 0 ? `; ${finding.against} ${finding.against === 1 ? 'date reads' : 'dates read'} only the other way and ${finding.against === 1 ? 'is' : 'are'} rejected` : ''
  return `Dates with slashes read ${label}, ${how}${mixed}.`
}
