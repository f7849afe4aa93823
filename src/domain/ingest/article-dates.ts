import type { DatePrecision } from '../model.ts'

/** A date found in text, as ISO text at the precision the text gives. */
export interface FoundDate {
  readonly index: number
  readonly text: string
  readonly iso: string
  readonly precision: DatePrecision
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?'
const YEAR = '((?:19|20)\\d{2})'

/** "November 4, 2025", "4 November 2025", "November 2025" and ISO "2025-11-04". */
const PATTERNS: readonly { readonly re: RegExp; readonly read: (m: RegExpExecArray) => [number, number, number | undefined] }[] = [
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}\\b`, 'g'), read: (m) => [Number(m[3]), monthOf(m[1]!), Number(m[2])] },
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'g'), read: (m) => [Number(m[3]), monthOf(m[2]!), Number(m[1])] },
  { re: /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/g, read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  { re: new RegExp(`\\b${MONTH}\\s+${YEAR}\\b`, 'g'), read: (m) => [Number(m[2]), monthOf(m[1]!), undefined] },
]

function monthOf(name: string): number {
  const key = name.toLowerCase().replace('.', '').slice(0, 3)
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1
}

const pad = (n: number): string => String(n).padStart(2, '0')

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/**
 * The absolute dates in `text` (day or month precision), in order of appearance. A bare year is
 * not returned here: in running text "2022" is a reference, not a dated development (timeline
 * lines read it with leadingDate).
 */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = []
  const taken: [number, number][] = []
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const start = m.index
      const end = start + m[0].length
      if (taken.some(([a, b]) => start < b && end > a)) continue
      const [y, mo, d] = read(m)
      if (d !== undefined && !validDay(y, mo, d)) continue
      if (d === undefined && (mo < 1 || mo > 12)) continue
      taken.push([start, end])
      found.push(
        d === undefined
          ? { index: start, text: m[0], iso: `${y}-${pad(mo)}`, precision: 'month' }
          : { index: start, text: m[0], iso: `${y}-${pad(mo)}-${pad(d)}`, precision: 'day' },
      )
    }
  }
  return found.sort((a, b) => a.index - b.index)
}

/**
 * The date a timeline line opens with ("2022: …", "November 4, 2025 – …", "March 2024: …"),
 * and the rest of the line. A bare year here keeps year precision.
 */
export function leadingDate(line: string): { date: FoundDate; rest: string } | undefined {
  const dates = findDates(line)
  const first = dates[0]
  const sep = /^\s*[:–—-]\s*/
  if (first && first.index === 0) {
    const rest = line.slice(first.text.length)
    if (sep.test(rest)) return { date: first, rest: rest.replace(sep, '').trim() }
  }
  const year = /^((?:19|20)\d{2})\s*[:–—-]\s*(.+)$/.exec(line)
  if (year) return { date: { index: 0, text: year[1]!, iso: year[1]!, precision: 'year' }, rest: year[2]!.trim() }
  return undefined
}
