import Papa from 'papaparse'
import { regionExpander } from '../build-table.ts'
import { allocateRowColumns } from '../table-order.ts'
import { parsePartialDate } from '../dates.ts'
import { parseThreatLevel } from '../levels.ts'
import type { CountryCode, ImportIssue, PartialDate, RegionId, ThreatEvent, ThreatLevel } from '../model.ts'
import { countryByCode, lookupCountry, lookupRegion } from '../regions.ts'
import { DictionaryBuilder, MultiColumnBuilder, PlaceSetBuilder, PRECISION_CODES } from '../table.ts'
import { type TableColumns } from '../table-types.ts'
import { headerDelimiter, isBlankRow } from './csv-cells.ts'
import { mapHeaders, missingFields, type ColumnTarget } from './csv-headers.ts'
import { isSlashedDate, parseSlashedDate, settleDateOrder, type DateOrder, type DateOrderFinding } from './date-order.ts'
import { cellsOfLine, linesReadIntoQuote, readIntoQuoteIssue, unclosedQuoteIssue } from './csv-open-quote.ts'
import { listItems } from './csv-list.ts'
import { CsvRowFields } from './csv-row-fields.ts'
import { StringIndex } from './string-index.ts'

/**
 * The native CSV importer's fast path for the app: rows go straight into typed columns, with no
 * event object per row (a million rows would otherwise spend most of their time collecting
 * garbage), and no object or array per row either: the cells used are read into one reused
 * object (csv-row-fields.ts). Repeated cells (dates, levels, countries and regions) are decoded
 * once per file; actor names are coded one by one, as their combinations seldom repeat. It accepts
 * and rejects exactly what readCsvDetailed does, with the same issues (tests hold the two together);
 * a row's full event is rebuilt on demand from its text (csv-event-at.ts).
 */

export interface CsvColumnsOptions {
  readonly name?: string
  readonly overrides?: ReadonlyMap<number, ColumnTarget>
  readonly onProgress?: (fraction: number) => void
  /** At most this many issues and warnings are listed (all rows are still counted). */
  readonly maxListed?: number
  /** The line break, when it must not be guessed from this text (one half of a cut text, csv-split.ts). */
  readonly newline?: '\n' | '\r\n'
  /** Ids (distinct) of data already on screen: the result says how many the accepted rows hold (`knownHeld`). */
  readonly knownIds?: readonly string[]
  /** The order of dates with slashes, as chosen; detected from the file when absent (date-order.ts). */
  readonly dateOrder?: DateOrder
}

export interface CsvColumns {
  readonly format: 'csv'
  readonly name: string
  readonly total: number
  readonly rejected: number
  readonly rejectedRows: Uint32Array
  readonly issues: readonly ImportIssue[]
  readonly warnings: readonly ImportIssue[]
  /** Issues and warnings found but not listed (over `maxListed`). */
  readonly unlisted: number
  readonly columns: TableColumns
  readonly ids: readonly string[]
  /**
   * The accepted ids' index (their numbers are their rows): a long text's first half is joined
   * with its second through it (csv-merge.ts). Left behind when a read crosses threads.
   */
  readonly idIndex?: StringIndex
  /** The text read (byte-order mark removed) and each accepted row's span in it [start, end). */
  readonly body: string
  readonly rowStart: Uint32Array
  readonly rowEnd: Uint32Array
  readonly headers: readonly string[]
  readonly mapping: readonly ColumnTarget[]
  readonly delimiter: string
  /** The cells of rejected rows, in row order (for the "rejected rows" download). */
  readonly rejectedCells: readonly (readonly string[])[]
  /** The last record has a quote that never closes (the text was cut inside a quoted cell, csv-split.ts). */
  readonly endsInOpenQuote: boolean
  /** A quote was left open and rows were read into it (csv-open-quote.ts): a text cut in two cannot be joined. */
  readonly quoteLeftOpen: boolean
  /** How dates with slashes were read; absent when the file has none. */
  readonly slashedDates?: DateOrderFinding
  /** How many of the options' `knownIds` are among the accepted ids; absent when none were given. */
  readonly knownHeld?: number
}

export type CsvColumnsOutcome =
  | { readonly ok: true; readonly value: CsvColumns }
  | {
      readonly ok: false
      readonly reason: string
      readonly headers: readonly string[]
      readonly mapping: readonly ColumnTarget[]
    }

interface Places {
  readonly codes: readonly CountryCode[]
  readonly unknown: readonly string[]
}

interface Regions {
  readonly ids: readonly RegionId[]
  readonly unknown: readonly string[]
}

/** What a pair of countries and regions cells gives every row that has it. */
interface PlaceCell {
  readonly id: number
  readonly unknownCountries: readonly string[]
  readonly unknownRegions: readonly string[]
  /** The first known country's centre, for rows without a point of their own; NaN when none. */
  readonly latDeg: number
  readonly lonDeg: number
}

const PROGRESS_EVERY_ROWS = 20_000
const NO_PLACES: Places = { codes: [], unknown: [] }
const NO_REGIONS: Regions = { ids: [], unknown: [] }

/** A cell's `;`-separated items, trimmed, each once, in order (a Set: long lists stay linear). */
export function splitUnique(cell: string): string[] {
  // A JSON array cell (what the CSV export writes when an item holds a `;`).
  if (cell.charCodeAt(0) === 91 /* [ */) return [...new Set(listItems(cell))]
  const seen = new Set<string>()
  for (const part of cell.split(';')) {
    const item = part.trim()
    if (item !== '') seen.add(item)
  }
  return [...seen]
}

function countLines(text: string): number {
  let n = 1
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++
  return n
}

/** A level written as one digit from 1 to 5, as most files write it (parseThreatLevel reads it so too); else null. */
function digitLevel(cell: string): ThreatLevel | null {
  if (cell.length !== 1) return null
  const digit = cell.charCodeAt(0) - 48
  return digit >= 1 && digit <= 5 ? (digit as ThreatLevel) : null
}

function memo<T>(cache: Map<string, T>, key: string, make: (key: string) => T): T {
  let value = cache.get(key)
  if (value === undefined) {
    value = make(key)
    cache.set(key, value)
  }
  return value
}

/** Reads native CSV/TSV into columns; the same rules as readCsvDetailed. Never throws. */
export function readCsvColumns(text: string, options: CsvColumnsOptions = {}): CsvColumnsOutcome {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const maxListed = options.maxListed ?? 50_000
  const capacity = countLines(body)
  const { startMs, endMs, precision, level, latDeg, lonDeg, approximate } = allocateRowColumns(capacity)
  const category = new Uint32Array(capacity)
  const place = new Uint32Array(capacity)
  const rowStart = new Uint32Array(capacity)
  const rowEnd = new Uint32Array(capacity)
  const rejectedRows = new Uint32Array(capacity)
  const categories = new DictionaryBuilder([''])
  const places = new PlaceSetBuilder()
  const actors = new MultiColumnBuilder(capacity, 2)
  const titles: string[] = []
  // Accepted ids in order (ids.keys), each with its row number.
  const ids = new StringIndex(capacity)
  const rowOfAccepted = new Uint32Array(capacity)
  const issues: ImportIssue[] = []
  const warnings: ImportIssue[] = []
  const rejectedCells: string[][] = []
  const expandRegions = regionExpander({ regions: [] })

  const dates = new Map<string, PartialDate | null>()
  const levels = new Map<string, ThreatLevel | null>()
  const countryCells = new Map<string, Places>()
  const regionCells = new Map<string, Regions>()
  const placeCells = new Map<string, Map<string, PlaceCell>>()

  let headers: string[] | null = null
  let mapping: ColumnTarget[] = []
  let f = new CsvRowFields([])
  let delimiter = ','
  let row = 0
  let accepted = 0
  let rejected = 0
  let unlisted = 0
  let previousCursor = 0
  let endsInOpenQuote = false
  let quoteLeftOpen = false
  const onProgress = options.onProgress
  const note = (list: ImportIssue[], issue: ImportIssue): void => {
    if (issues.length + warnings.length < maxListed) list.push(issue)
    else unlisted++
  }
  const reject = (cells: string[], found: readonly ImportIssue[]): void => {
    rejectedRows[rejected++] = row
    for (const issue of found) note(issues, issue)
    rejectedCells.push(cells)
  }
  let finding: DateOrderFinding | undefined
  // Dates with slashes are rare: the file's order is settled (one scan of the text) when the first is met.
  const parseDate = (key: string): PartialDate | null =>
    parsePartialDate(key) ?? (isSlashedDate(key) ? parseSlashedDate(key, (finding ??= settleDateOrder(body, options.dateOrder)).order) : null)
  const parseLevel = (key: string): ThreatLevel | null => parseThreatLevel(key, 'watchfloor')
  const decodeCountries = (cell: string): Places => {
    const codes: CountryCode[] = []
    const unknown: string[] = []
    for (const name of splitUnique(cell)) {
      const info = lookupCountry(name)
      if (!info) unknown.push(name)
      else if (!codes.includes(info.code)) codes.push(info.code)
    }
    return { codes, unknown }
  }
  const decodeRegions = (cell: string): Regions => {
    const found: RegionId[] = []
    const unknown: string[] = []
    for (const name of splitUnique(cell)) {
      const info = lookupRegion(name, [])
      if (!info) unknown.push(name)
      else if (!found.includes(info.id)) found.push(info.id)
    }
    return { ids: found, unknown }
  }
  const placeCellOf = (countryCell: string, regionCell: string): PlaceCell => {
    const countries = countryCell === '' ? NO_PLACES : memo(countryCells, countryCell, decodeCountries)
    const regions = regionCell === '' ? NO_REGIONS : memo(regionCells, regionCell, decodeRegions)
    const explicit = regions.ids.length > 0 ? regions.ids : derivedRegions(countries.codes)
    const event = { regions: explicit, countries: countries.codes } as unknown as ThreatEvent
    const id = places.idFor(`${[...countries.codes].sort().join(',')}|${[...explicit].sort().join(',')}`, () => ({
      countries: countries.codes,
      regions: expandRegions(event),
      named: regions.ids,
    }))
    const centre = centroidOf(countries.codes)
    return { id, unknownCountries: countries.unknown, unknownRegions: regions.unknown, latDeg: centre ? centre[0] : NaN, lonDeg: centre ? centre[1] : NaN }
  }
  // Codes of one row's actors; pushCodes drops repeats, as splitUnique would.
  let actorCodes = new Uint32Array(8)
  const pushActorNames = (names: readonly string[]): void => {
    const codes = new Uint32Array(names.length)
    for (let i = 0; i < names.length; i++) codes[i] = actors.dict.code(names[i]!)
    actors.pushCodes(codes, names.length)
  }
  const pushActors = (cell: string): void => {
    // A JSON array cell (what the CSV export writes when a name holds a `;` or an actor has a type or role).
    if (cell.charCodeAt(0) === 91 /* [ */) return pushActorNames(listItems(cell))
    let count = 0
    for (let from = 0; from <= cell.length; ) {
      let to = cell.indexOf(';', from)
      if (to === -1) to = cell.length
      const name = from === 0 && to === cell.length ? cell : cell.slice(from, to).trim()
      from = to + 1
      if (name === '') continue
      if (count === actorCodes.length) {
        const grown = new Uint32Array(count * 2)
        grown.set(actorCodes)
        actorCodes = grown
      }
      actorCodes[count++] = actors.dict.code(name)
    }
    actors.pushCodes(actorCodes, count)
  }

  Papa.parse<string[]>(body, {
    header: false,
    // Blank rows are skipped here rather than by papaparse's 'greedy' mode, which tests each line twice.
    skipEmptyLines: false,
    delimiter: headerDelimiter(body),
    ...(options.newline ? { newline: options.newline } : {}),
    step: (step, parser) => {
      const cells = step.data
      endsInOpenQuote = step.errors.length > 0 && step.errors.some((e) => e.code === 'MissingQuotes')
      if (isBlankRow(cells)) return
      const cursor = step.meta.cursor
      const start = previousCursor
      previousCursor = cursor
      if (headers === null) {
        headers = cells.map((h) => h.trim())
        mapping = mapHeaders(headers, options.overrides)
        f = new CsvRowFields(mapping)
        delimiter = step.meta.delimiter
        if (missingFields(mapping).length > 0) parser.abort()
        return
      }
      row++
      if (onProgress && row % PROGRESS_EVERY_ROWS === 0) onProgress(cursor / body.length)
      const swallowed = step.errors.length === 0 ? null : linesReadIntoQuote(step.errors, body.slice(start, cursor))
      if (swallowed) {
        quoteLeftOpen = true
        const opened = row
        reject(cells, [unclosedQuoteIssue(row, swallowed.length)])
        for (const line of swallowed) {
          row++
          reject(cellsOfLine(line, delimiter), [readIntoQuoteIssue(row, opened)])
        }
        return
      }
      const problems = f.read(cells, row)
      if (problems !== null) return reject(cells, problems)
      const date = memo(dates, f.date, parseDate)
      const end = f.endDate === '' ? undefined : memo(dates, f.endDate, parseDate)
      const lv = digitLevel(f.level) ?? memo(levels, f.level, parseLevel)
      if (!date || end === null || (date && end && end.endMs <= date.startMs) || lv === null) {
        const found: ImportIssue[] = []
        if (!date) found.push({ row, field: 'date', message: `not a real date: "${f.date}"` })
        if (end === null) found.push({ row, field: 'endDate', message: `not a real date: "${f.endDate}"` })
        if (date && end && end.endMs <= date.startMs) {
          found.push({ row, field: 'endDate', message: `ends (${f.endDate}) before it starts (${f.date})` })
        }
        if (lv === null) found.push({ row, field: 'threatLevel', message: `not a threat level on the watchfloor scale: "${f.level}"` })
        return reject(cells, found)
      }
      const i = ids.indexOrAdd(f.id)
      if (i < accepted) {
        return reject(cells, [{ row, field: 'id', message: `duplicate id "${f.id}" (first in row ${rowOfAccepted[i]})` }])
      }
      accepted++
      rowOfAccepted[i] = row

      // Keyed by the two cells as written, without joining them into a new string per row.
      let byRegions = placeCells.get(f.countries)
      if (byRegions === undefined) placeCells.set(f.countries, (byRegions = new Map()))
      let placeCell = byRegions.get(f.regions)
      if (placeCell === undefined) byRegions.set(f.regions, (placeCell = placeCellOf(f.countries, f.regions)))
      for (const name of placeCell.unknownCountries) note(warnings, { row, field: 'countries', message: `unknown country "${name}" ignored` })
      for (const name of placeCell.unknownRegions) note(warnings, { row, field: 'regions', message: `unknown region "${name}" ignored` })
      place[i] = placeCell.id
      startMs[i] = date.startMs
      endMs[i] = end ? Math.max(date.endMs, end.endMs) : date.endMs
      precision[i] = PRECISION_CODES.indexOf(date.precision)
      level[i] = lv
      const hasPoint = f.lat !== null && f.lon !== null && !(f.lat === 0 && f.lon === 0)
      if (f.lat === 0 && f.lon === 0) {
        note(warnings, { row, field: 'location', message: 'location 0,0 is a placeholder; placed at its country instead' })
      }
      if (hasPoint) {
        latDeg[i] = f.lat!
        lonDeg[i] = f.lon!
      } else {
        latDeg[i] = placeCell.latDeg
        lonDeg[i] = placeCell.lonDeg
        approximate[i] = 1
      }
      category[i] = categories.code(f.category)
      pushActors(f.actors)
      titles.push(f.title)
      rowStart[i] = start
      rowEnd[i] = cursor
    },
  })

  const finalHeaders: readonly string[] = headers ?? []
  if (headers === null) return { ok: false, reason: 'empty CSV: no header row', headers: [], mapping: [] }
  const missing = missingFields(mapping)
  if (missing.length > 0) {
    const reason = `no column for ${missing.join(', ')} (expected a header row such as id,title,date,threatLevel)`
    return { ok: false, reason, headers: finalHeaders, mapping }
  }
  onProgress?.(1)
  const n = accepted
  // The ids are already hashed in their index: looking the known ones up there is cheaper than hashing every id again.
  let knownHeld = 0
  for (const id of options.knownIds ?? []) if (ids.indexOf(id) !== -1) knownHeld++
  const columns: TableColumns = {
    size: n,
    startMs: startMs.slice(0, n),
    endMs: endMs.slice(0, n),
    precision: precision.slice(0, n),
    level: level.slice(0, n),
    latDeg: latDeg.slice(0, n),
    lonDeg: lonDeg.slice(0, n),
    approximate: approximate.slice(0, n),
    category: category.slice(0, n),
    categories: categories.build(),
    place: place.slice(0, n),
    places: places.build(),
    actors: actors.build(),
    titles,
  }
  return {
    ok: true,
    value: {
      format: 'csv',
      name: options.name ?? 'CSV import',
      total: row,
      rejected,
      rejectedRows: rejectedRows.slice(0, rejected),
      issues,
      warnings,
      unlisted,
      columns,
      ids: ids.keys,
      idIndex: ids,
      body,
      rowStart: rowStart.slice(0, n),
      rowEnd: rowEnd.slice(0, n),
      headers: finalHeaders,
      mapping,
      delimiter,
      rejectedCells,
      endsInOpenQuote,
      quoteLeftOpen,
      ...(finding ? { slashedDates: finding } : {}),
      ...(options.knownIds ? { knownHeld } : {}),
    },
  }
}

/** Regions of an event that names countries but no region: their sub-regions (as normalise does). */
function derivedRegions(codes: readonly CountryCode[]): RegionId[] {
  const out: RegionId[] = []
  for (const code of codes) {
    const sub = countryByCode(code)?.subRegion
    if (sub && !out.includes(sub)) out.push(sub)
  }
  return out
}

function centroidOf(codes: readonly CountryCode[]): [number, number] | null {
  for (const code of codes) {
    const info = countryByCode(code)
    if (info) return [info.latDeg, info.lonDeg]
  }
  return null
}
