import { unguardFormulas } from '../csv-formula-guard.ts'
import type { ImportIssue } from '../model.ts'
import type { ColumnTarget } from './csv-headers.ts'

/**
 * The row-level checks of the native CSV importer, shared by the event path (csv-row.ts) and
 * the columnar path (csv-columns.ts) so both accept and reject the same rows with the same
 * words. Dates and levels are checked later, by what normalises them.
 */

/**
 * One row's cells by field: trimmed text ('' when absent) with the export's formula guards
 * removed (csv-formula-guard.ts), numbers parsed and range-checked.
 */
export interface CellFields {
  readonly id: string
  readonly title: string
  readonly date: string
  readonly endDate: string
  readonly level: string
  readonly lat: number | null
  readonly lon: number | null
  readonly place: string
  readonly countries: string
  readonly involvedCountries: string
  readonly regions: string
  readonly actors: string
  readonly category: string
  readonly summary: string
  readonly tags: string
  readonly sectors: string
  readonly sources: string
  readonly assessment: string
  readonly trend: 'improving' | 'stable' | 'deteriorating' | ''
  readonly confidence: number | null
  readonly fatalities: number | null
  readonly sourceLevel: string
  readonly locationPrecision: string
  readonly impacts: string
  readonly quotes: string
  readonly related: string
  readonly extraJson: string
}

export type CellsOutcome =
  | { readonly ok: true; readonly fields: CellFields }
  | { readonly ok: false; readonly issues: readonly ImportIssue[] }

/** 10^0 … 10^22: the powers of ten a double holds exactly. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`))

/**
 * A decimal number written plainly (`12`, `-3.5`, `1e3`); null for anything else. The form is
 * `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, checked by a scan rather than a
 * regular expression: every coordinate of a large file passes here. A number of at most 15
 * digits and a small exponent is one exact integer times or divided by an exact power of ten,
 * a single correctly rounded operation, so it equals `Number(cell)` (Clinger's fast path,
 * "How to read floating point numbers accurately", 1990); any other goes to `Number`.
 */
export function numberOfCell(cell: string): number | null {
  let i = 0
  let code = cell.charCodeAt(0)
  const negative = code === 45
  if (code === 43 || code === 45) code = cell.charCodeAt(++i)
  let mantissa = 0
  let digits = 0
  for (; code >= 48 && code <= 57; code = cell.charCodeAt(++i), digits++) mantissa = mantissa * 10 + (code - 48)
  let fraction = 0
  if (code === 46) {
    code = cell.charCodeAt(++i)
    for (; code >= 48 && code <= 57; code = cell.charCodeAt(++i), fraction++) mantissa = mantissa * 10 + (code - 48)
  }
  if (digits + fraction === 0) return null
  let exponent = 0
  if (code === 101 || code === 69) {
    code = cell.charCodeAt(++i)
    const negativeExponent = code === 45
    if (code === 43 || code === 45) code = cell.charCodeAt(++i)
    const from = i
    for (; code >= 48 && code <= 57; code = cell.charCodeAt(++i)) exponent = exponent * 10 + (code - 48)
    if (i === from) return null
    if (negativeExponent) exponent = -exponent
  }
  if (i !== cell.length) return null
  const power = exponent - fraction
  if (digits + fraction <= 15 && power >= -22 && power <= 22) {
    const magnitude = power < 0 ? mantissa / EXACT_POWERS_OF_TEN[-power]! : mantissa * EXACT_POWERS_OF_TEN[power]!
    return negative ? -magnitude : magnitude
  }
  const n = Number(cell)
  return Number.isFinite(n) ? n : null
}

/**
 * The delimiter of a table, judged on its header line (outside quotes): a tab if there is one,
 * else the most frequent of comma, semicolon and bar (comma on a tie or when there is none).
 * Data rows are not consulted: their cells hold `;`-separated lists.
 */
export function headerDelimiter(text: string): string {
  const counts = new Map<string, number>([['\t', 0], [',', 0], [';', 0], ['|', 0]])
  let quoted = false
  let seen = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seen) break
    } else if (!quoted) {
      if (ch.trim() !== '') seen = true
      const n = counts.get(ch)
      if (n !== undefined) counts.set(ch, n + 1)
    }
  }
  if (counts.get('\t')! > 0) return '\t'
  let best = ','
  for (const d of [';', '|']) if (counts.get(d)! > counts.get(best)!) best = d
  return best
}

/** True for a row whose cells are all blank (an empty line, or `,,,`): such rows are skipped, not counted. */
export function isBlankRow(cells: readonly string[]): boolean {
  for (let c = 0; c < cells.length; c++) if (cells[c]!.trim() !== '') return false
  return true
}

/** Checks row `row` (1-based, header excluded). Never throws. */
export function checkCsvCells(cells: readonly string[], row: number, mapping: readonly ColumnTarget[]): CellsOutcome {
  let issues: ImportIssue[] | undefined
  const fail = (field: string, message: string): void => {
    ;(issues ??= []).push({ row, field, message })
  }
  const f = {
    id: '',
    title: '',
    date: '',
    endDate: '',
    level: '',
    lat: null as number | null,
    lon: null as number | null,
    place: '',
    countries: '',
    involvedCountries: '',
    regions: '',
    actors: '',
    category: '',
    summary: '',
    tags: '',
    sectors: '',
    sources: '',
    assessment: '',
    trend: '' as CellFields['trend'],
    confidence: null as number | null,
    fatalities: null as number | null,
    sourceLevel: '',
    locationPrecision: '',
    impacts: '',
    quotes: '',
    related: '',
    extraJson: '',
  }
  let latText = ''
  let lonText = ''
  const count = Math.min(cells.length, mapping.length)
  for (let c = 0; c < count; c++) {
    const target = mapping[c]!
    if (target === 'ignore' || target === 'extra') continue
    const cell = cells[c]!.trim()
    if (cell === '') continue
    switch (target) {
      case 'threatLevel': f.level = cell; break
      case 'lat': latText = cell; break
      case 'lon': lonText = cell; break
      case 'trend': {
        const trend = cell.toLowerCase()
        if (trend === 'improving' || trend === 'stable' || trend === 'deteriorating') f.trend = trend
        else fail('trend', `not a trend (improving, stable, deteriorating): "${cell}"`)
        break
      }
      case 'confidence': {
        const n = numberOfCell(cell)
        if (n !== null && n >= 0 && n <= 100) f.confidence = n
        else fail('confidence', `not a confidence from 0 to 100: "${cell}"`)
        break
      }
      case 'fatalities': {
        const n = numberOfCell(cell)
        if (n !== null && Number.isInteger(n) && n >= 0) f.fatalities = n
        else fail('fatalities', `not a whole number of fatalities: "${cell}"`)
        break
      }
      default:
        // Text cells: undo the apostrophes the CSV export puts before formula starters.
        f[target] = unguardFormulas(cell)
    }
  }

  if (f.id === '') fail('id', 'missing id')
  else if (f.id.length > 200) fail('id', 'id longer than 200 characters')
  if (f.title === '') fail('title', 'missing title')
  else if (f.title.length > 1000) fail('title', 'title longer than 1000 characters')
  if (f.date === '') fail('date', 'missing date')
  if (f.level === '') fail('threatLevel', 'missing threat level')
  if (latText !== '' || lonText !== '') {
    const lat = numberOfCell(latText)
    const lon = numberOfCell(lonText)
    if (lat === null || lat < -90 || lat > 90) fail('lat', `not a latitude from -90 to 90: "${latText}"`)
    if (lon === null || lon < -180 || lon > 180) fail('lon', `not a longitude from -180 to 180: "${lonText}"`)
    f.lat = lat
    f.lon = lon
  }
  return issues ? { ok: false, issues } : { ok: true, fields: f }
}
