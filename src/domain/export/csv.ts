import type { ThreatEvent } from '../model.ts'

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection), incl. tab and CR. */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A text cell made safe for spreadsheets: one that starts with = + - @, a tab or a carriage
 * return gets a leading apostrophe so it is shown as text, never evaluated.
 * Numbers are written by `numberCell` and are not touched (-12.5 is a number, not a formula).
 */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** Quotes a cell when it holds a comma, quote or line break (RFC 4180). */
function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const textCell = (text: string | undefined): string => quoted(neutraliseCell(text ?? ''))
const numberCell = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '' : String(n))
const listCell = (values: readonly string[]): string => textCell(values.join('; '))

/** The columns written, in Watchfloor's CSV import format (docs/csv-format.md). */
export const CSV_COLUMNS = [
  'id',
  'title',
  'date',
  'endDate',
  'threatLevel',
  'category',
  'actors',
  'countries',
  'regions',
  'lat',
  'lon',
  'summary',
  'assessment',
  'sources',
] as const

/**
 * The events as CSV with a header row, lists joined by "; ", CRLF line ends (RFC 4180).
 * Every text cell is neutralised against formula injection.
 */
export function eventsToCsv(events: Iterable<ThreatEvent>): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const e of events) {
    lines.push(
      [
        textCell(e.id),
        textCell(e.title),
        textCell(e.date.text),
        textCell(e.endDate?.text),
        numberCell(e.threatLevel),
        textCell(e.category),
        listCell(e.actors.map((a) => a.name)),
        listCell(e.countries),
        listCell(e.regions),
        numberCell(e.location?.latDeg),
        numberCell(e.location?.lonDeg),
        textCell(e.summary),
        textCell(e.assessment),
        listCell(e.sources.map((s) => (s.url ? `${s.name} <${s.url}>` : s.name))),
      ].join(','),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}
