import { csvTextCell } from '../csv-formula-guard.ts'
import type { Actor, SourceRef, ThreatEvent } from '../model.ts'
import { exportDeg } from './coordinates.ts'

/**
 * Watchfloor's CSV export: every field of an event, in the native CSV format that the CSV
 * reader reads back to the same event (docs/csv-format.md).
 */

const textCell = csvTextCell

const numberCell = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '' : String(n))
const coordinateCell = (deg: number | undefined): string => (deg === undefined ? '' : numberCell(exportDeg(deg)))

/** True when `items` read back the same from `a; b; c`: none holds a `;`, and the cell cannot be taken for a JSON array. */
function plainListSafe(items: readonly string[]): boolean {
  return items.every((item) => !item.includes(';') && item.trim() === item && item !== '') && !items[0]?.startsWith('[')
}

/** A list cell: `a; b; c`, or a JSON array when an item would not survive that form. */
function listText(items: readonly string[]): string {
  if (items.length === 0) return ''
  return plainListSafe(items) ? items.join('; ') : JSON.stringify(items)
}

/** Actors: names, with a JSON array of `{ name, type, role, country }` when any has more than a name. */
function actorsText(actors: readonly Actor[]): string {
  const plain = actors.every((a) => a.type === 'unknown' && a.role === undefined && a.country === undefined)
  if (plain) return listText(actors.map((a) => a.name))
  return JSON.stringify(
    actors.map((a) =>
      a.type === 'unknown' && a.role === undefined && a.country === undefined
        ? a.name
        : { name: a.name, type: a.type, ...(a.role === undefined ? {} : { role: a.role }), ...(a.country === undefined ? {} : { country: a.country }) },
    ),
  )
}

/** How a source reads back from a plain item: a URL gives its host as the name. */
function plainSourceItem(source: SourceRef): string | null {
  if (source.date !== undefined) return null
  if (source.url === undefined) return /^https?:\/\//i.test(source.name) ? null : source.name
  try {
    return /^https?:\/\//i.test(source.url) && new URL(source.url).hostname === source.name ? source.url : null
  } catch {
    return null
  }
}

/** Sources: names and URLs, with a JSON array of `{ name, url, date }` when any would not read back from those. */
function sourcesText(sources: readonly SourceRef[]): string {
  const plain = sources.map(plainSourceItem)
  if (plain.every((item): item is string => item !== null)) {
    if (plainListSafe(plain)) return listText(plain)
  }
  return sources.length === 0 ? '' : JSON.stringify(sources.map((s, i) => plain[i] ?? { name: s.name, ...(s.url === undefined ? {} : { url: s.url }), ...(s.date === undefined ? {} : { date: s.date }) }))
}

/**
 * A source's own level: a number as a number; text as written, or as a JSON string when it would
 * not read back as the same text (it looks like a number, has spaces at an end, or is quoted).
 */
function sourceLevelText(level: string | number | undefined): string {
  if (level === undefined) return ''
  if (typeof level === 'number') return numberCell(level)
  const plain = level.trim() === level && level !== '' && !Number.isFinite(Number(level)) && !level.startsWith('"')
  return plain ? level : JSON.stringify(level)
}

/** The columns written, in Watchfloor's CSV import format (docs/csv-format.md): every field of the data model. */
export const CSV_COLUMNS = [
  'id',
  'title',
  'date',
  'endDate',
  'threatLevel',
  'sourceLevel',
  'category',
  'summary',
  'assessment',
  'trend',
  'confidence',
  'fatalities',
  'actors',
  'countries',
  'involvedCountries',
  'regions',
  'lat',
  'lon',
  'place',
  'locationPrecision',
  'tags',
  'sectors',
  'impacts',
  'quotes',
  'sources',
  'related',
  'extra',
] as const

/** One event's cells, in `CSV_COLUMNS` order. */
function eventRow(e: ThreatEvent): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    id: textCell(e.id),
    title: textCell(e.title),
    date: textCell(e.date.text),
    endDate: textCell(e.endDate?.text),
    threatLevel: numberCell(e.threatLevel),
    sourceLevel: textCell(sourceLevelText(e.sourceLevel)),
    category: textCell(e.category),
    summary: textCell(e.summary),
    assessment: textCell(e.assessment),
    trend: textCell(e.trend),
    confidence: numberCell(e.confidence),
    fatalities: numberCell(e.fatalities),
    actors: textCell(actorsText(e.actors)),
    countries: textCell(listText(e.countries)),
    involvedCountries: textCell(listText(e.involvedCountries ?? [])),
    regions: textCell(listText(e.regions)),
    lat: coordinateCell(e.location?.latDeg),
    lon: coordinateCell(e.location?.lonDeg),
    place: textCell(e.location?.name),
    locationPrecision: textCell(e.location?.precision),
    tags: textCell(listText(e.tags)),
    sectors: textCell(listText(e.sectors)),
    impacts: textCell(listText(e.impacts)),
    quotes: textCell(e.quotes.length === 0 ? '' : JSON.stringify(e.quotes.map((q) => ({ speaker: q.speaker, text: q.text })))),
    sources: textCell(sourcesText(e.sources)),
    related: textCell(listText(e.related)),
    extra: textCell(e.extra === undefined ? '' : JSON.stringify(e.extra)),
  }
  return CSV_COLUMNS.map((column) => cells[column]).join(',')
}

/**
 * The events as CSV with a header row, CRLF line ends (RFC 4180) and every field of the data
 * model (CSV_COLUMNS). Lists are `a; b` or, when an item would not survive that, a JSON array;
 * actors with a type or role, sources with a URL or date that a plain item cannot carry, quotes
 * and `extra` are JSON. Coordinates have at most six decimals (coordinates.ts). Text cells are
 * guarded against formulas at every place a spreadsheet may start a cell.
 */
/**
 * The UTF-8 byte-order mark that CSV files saved for people begin with: without it Excel reads
 * them in the system's legacy code page and garbles "–", "é" and every non-Latin name. Our own
 * readers skip it.
 */
export const CSV_BOM = '\uFEFF'

/** A CSV text as a file for people: with the byte-order mark (once). */
export function csvForSpreadsheets(text: string): string {
  return text.startsWith(CSV_BOM) ? text : `${CSV_BOM}${text}`
}

export function eventsToCsv(events: Iterable<ThreatEvent>): string {
  const lines: string[] = [CSV_COLUMNS.join(',')]
  for (const e of events) lines.push(eventRow(e))
  return `${lines.join('\r\n')}\r\n`
}
