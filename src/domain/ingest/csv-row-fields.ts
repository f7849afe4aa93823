import { unguardFormulas } from '../csv-formula-guard.ts'
import type { ImportIssue } from '../model.ts'
import { checkCsvCells, numberOfCell } from './csv-cells.ts'
import type { ColumnTarget } from './csv-headers.ts'

/**
 * The cells the columnar CSV reader uses (csv-columns.ts), read one row at a time into one
 * reusable object rather than an object per row. A row that passes every check of
 * checkCsvCells is read directly by column numbers found once per file; any other row goes
 * through checkCsvCells itself, so issues keep its words and order, and a row is accepted or
 * rejected exactly as the event path (csv-row.ts) does.
 */

/** Column number of each field the reader looks at; -1 when no column feeds it. */
interface FieldAt {
  readonly id: number
  readonly title: number
  readonly date: number
  readonly endDate: number
  readonly level: number
  readonly lat: number
  readonly lon: number
  readonly countries: number
  readonly regions: number
  readonly actors: number
  readonly category: number
  readonly trend: number
  readonly confidence: number
  readonly fatalities: number
}

const FIELD_OF_TARGET: Readonly<Partial<Record<ColumnTarget, keyof FieldAt>>> = {
  id: 'id',
  title: 'title',
  date: 'date',
  endDate: 'endDate',
  threatLevel: 'level',
  lat: 'lat',
  lon: 'lon',
  countries: 'countries',
  regions: 'regions',
  actors: 'actors',
  category: 'category',
  trend: 'trend',
  confidence: 'confidence',
  fatalities: 'fatalities',
}

/**
 * Where each field sits, or null when a field is fed by two columns (possible only by hand-made
 * overrides): checkCsvCells then decides which cell wins, row by row.
 */
function fieldAt(mapping: readonly ColumnTarget[]): FieldAt | null {
  const at: Record<keyof FieldAt, number> = {
    id: -1,
    title: -1,
    date: -1,
    endDate: -1,
    level: -1,
    lat: -1,
    lon: -1,
    countries: -1,
    regions: -1,
    actors: -1,
    category: -1,
    trend: -1,
    confidence: -1,
    fatalities: -1,
  }
  for (let column = 0; column < mapping.length; column++) {
    const field = FIELD_OF_TARGET[mapping[column]!]
    if (field === undefined) continue
    if (at[field] !== -1) return null
    at[field] = column
  }
  return at
}

/** A printable ASCII character other than a space: never trimmed. */
function isPlainEdge(code: number): boolean {
  return code > 32 && code < 127
}

/** The trimmed cell at `column` ('' when the row is shorter or no column feeds the field). Numbers and levels are read as they are. */
function cellAt(cells: readonly string[], column: number): string {
  if (column < 0 || column >= cells.length) return ''
  const cell = cells[column]!
  // Most cells have nothing to trim: skip the call when both ends show it.
  return cell !== '' && isPlainEdge(cell.charCodeAt(0)) && isPlainEdge(cell.charCodeAt(cell.length - 1)) ? cell : cell.trim()
}

/** A text cell as checkCsvCells reads it: trimmed, the export's formula guards removed. */
function textAt(cells: readonly string[], column: number): string {
  return unguardFormulas(cellAt(cells, column))
}

function isTrend(cell: string): boolean {
  const trend = cell.toLowerCase()
  return trend === 'improving' || trend === 'stable' || trend === 'deteriorating'
}

/**
 * One row's cells for the columnar reader, trimmed ('' when absent); lat/lon parsed. Reused
 * from row to row: read what a row holds before reading the next.
 */
export class CsvRowFields {
  id = ''
  title = ''
  date = ''
  endDate = ''
  level = ''
  lat: number | null = null
  lon: number | null = null
  countries = ''
  regions = ''
  actors = ''
  category = ''
  private readonly mapping: readonly ColumnTarget[]
  private readonly at: FieldAt | null

  constructor(mapping: readonly ColumnTarget[]) {
    this.mapping = mapping
    this.at = fieldAt(mapping)
  }

  /**
   * Reads row `row` (1-based, header excluded) into the fields. Returns null when the row
   * passes, else its issues (those of checkCsvCells; the fields are then not to be used).
   */
  read(cells: readonly string[], row: number): readonly ImportIssue[] | null {
    if (this.readPassing(cells)) return null
    const checked = checkCsvCells(cells, row, this.mapping)
    if (!checked.ok) return checked.issues
    const f = checked.fields
    this.id = f.id
    this.title = f.title
    this.date = f.date
    this.endDate = f.endDate
    this.level = f.level
    this.lat = f.lat
    this.lon = f.lon
    this.countries = f.countries
    this.regions = f.regions
    this.actors = f.actors
    this.category = f.category
    return null
  }

  /** Reads a row that passes checkCsvCells and returns true; false (fields unset) for any other. */
  private readPassing(cells: readonly string[]): boolean {
    const at = this.at
    if (at === null) return false
    const id = textAt(cells, at.id)
    if (id === '' || id.length > 200) return false
    const title = textAt(cells, at.title)
    if (title === '' || title.length > 1000) return false
    const date = textAt(cells, at.date)
    const level = cellAt(cells, at.level)
    if (date === '' || level === '') return false
    if (at.trend >= 0) {
      const trend = cellAt(cells, at.trend)
      if (trend !== '' && !isTrend(trend)) return false
    }
    if (at.confidence >= 0) {
      const cell = cellAt(cells, at.confidence)
      const n = cell === '' ? 0 : numberOfCell(cell)
      if (n === null || n < 0 || n > 100) return false
    }
    if (at.fatalities >= 0) {
      const cell = cellAt(cells, at.fatalities)
      const n = cell === '' ? 0 : numberOfCell(cell)
      if (n === null || !Number.isInteger(n) || n < 0) return false
    }
    const latText = cellAt(cells, at.lat)
    const lonText = cellAt(cells, at.lon)
    let lat: number | null = null
    let lon: number | null = null
    if (latText !== '' || lonText !== '') {
      lat = numberOfCell(latText)
      lon = numberOfCell(lonText)
      if (lat === null || lat < -90 || lat > 90 || lon === null || lon < -180 || lon > 180) return false
    }
    this.id = id
    this.title = title
    this.date = date
    this.level = level
    this.lat = lat
    this.lon = lon
    this.endDate = textAt(cells, at.endDate)
    this.countries = textAt(cells, at.countries)
    this.regions = textAt(cells, at.regions)
    this.actors = textAt(cells, at.actors)
    this.category = textAt(cells, at.category)
    return true
  }
}
