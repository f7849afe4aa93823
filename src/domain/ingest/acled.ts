import Papa from 'papaparse'
import { maxOf } from '../arrays.ts'
import type { Actor, ImportIssue } from '../model.ts'
import { lookupCountry } from '../regions.ts'
import type { EventInput } from '../schema.ts'
import { acledDefaultLevel, type AcledLevelRule } from './acled-level.ts'
import { acledIsoDate, actorTypeOfInter, GEO_PRECISION_LABELS, interLabel, semicolonList } from './acled-values.ts'
import { normaliseEvent } from './normalise-event.ts'
import { ResultBuilder, unreadable, type ReadOutcome } from './read-outcome.ts'

export const ACLED_FORMAT = 'acled'

export interface ReadAcledOptions {
  /** The dataset's name. */
  readonly name?: string
  /** Replaces the default level rule (acledDefaultLevel). */
  readonly level?: AcledLevelRule
}

const CONTEXT = { levelScheme: 'watchfloor', customRegions: [] } as const

/** One CSV row by lower-case column name. */
type Row = Readonly<Record<string, string>>

/** ACLED columns kept verbatim in `extra` (when present and not empty), under these keys. */
const EXTRA_COLUMNS: readonly (readonly [string, string])[] = [
  ['event_id_cnty', 'eventIdCnty'],
  ['data_id', 'dataId'],
  ['event_id_no_cnty', 'eventIdNoCnty'],
  ['year', 'year'],
  ['time_precision', 'timePrecision'],
  ['disorder_type', 'disorderType'],
  ['event_type', 'eventType'],
  ['sub_event_type', 'subEventType'],
  ['interaction', 'interaction'],
  ['civilian_targeting', 'civilianTargeting'],
  ['iso', 'iso'],
  ['iso3', 'iso3'],
  ['region', 'acledRegion'],
  ['admin1', 'admin1'],
  ['admin2', 'admin2'],
  ['admin3', 'admin3'],
  ['geo_precision', 'geoPrecision'],
  ['source_scale', 'sourceScale'],
  ['timestamp', 'timestamp'],
]

function parseRows(text: string): { header: string[]; rows: string[][] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] })
  const [head, ...rows] = parsed.data
  return { header: (head ?? []).map((h) => h.trim().toLowerCase()), rows }
}

function actorsOf(row: Row, side: '1' | '2'): Actor[] {
  const name = row[`actor${side}`]?.trim() ?? ''
  const inter = interLabel(row[`inter${side}`] ?? '')
  const actors: Actor[] = []
  if (name !== '') {
    actors.push({ name, type: actorTypeOfInter(inter), ...(inter ? { role: inter } : {}) })
  }
  for (const assoc of semicolonList(row[`assoc_actor_${side}`])) {
    actors.push({ name: assoc, type: 'unknown', role: name ? `associated with ${name}` : 'associated actor' })
  }
  return actors
}

interface Group {
  readonly row: number
  readonly rows: Row[]
}

/** Rows of the monadic layout that share an event_id_cnty are one event; others stand alone. */
function groupRows(rows: readonly Row[], monadic: boolean): Group[] {
  const groups: Group[] = []
  const byId = new Map<string, Group>()
  rows.forEach((row, index) => {
    const id = row.event_id_cnty?.trim() ?? ''
    const existing = monadic && id !== '' ? byId.get(id) : undefined
    if (existing) {
      existing.rows.push(row)
      return
    }
    const group: Group = { row: index + 1, rows: [row] }
    groups.push(group)
    if (monadic && id !== '') byId.set(id, group)
  })
  return groups
}

function toInput(group: Group, level: AcledLevelRule, issues: ImportIssue[], warnings: ImportIssue[]): EventInput | null {
  const row = group.rows[0]!
  const at = group.row
  const cell = (name: string): string => row[name]?.trim() ?? ''
  const sourceId = cell('event_id_cnty') || cell('data_id')
  if (sourceId === '') issues.push({ row: at, field: 'event_id_cnty', message: 'missing: every ACLED event needs its id' })
  const isoDay = acledIsoDate(cell('event_date'))
  if (isoDay === null) issues.push({ row: at, field: 'event_date', message: `not a date: "${cell('event_date')}"` })
  const fatalitiesText = cell('fatalities')
  const fatalities = fatalitiesText === '' ? 0 : Number(fatalitiesText)
  if (!Number.isInteger(fatalities) || fatalities < 0) {
    issues.push({ row: at, field: 'fatalities', message: `not a whole number ≥ 0: "${fatalitiesText}"` })
  }
  if (issues.length > 0 || isoDay === null) return null

  const precision = cell('time_precision')
  // Month precision keeps yyyy-mm; week precision keeps the day ACLED gives but says so in extra.
  const date = precision === '3' ? isoDay.slice(0, 7) : isoDay

  const iso = cell('iso')
  const countryName = cell('country')
  const country = iso === '0' ? lookupCountry('XK') : (iso !== '' ? lookupCountry(iso) : undefined) ?? lookupCountry(countryName)
  if (!country && (iso !== '' || countryName !== '')) {
    warnings.push({ row: at, field: 'iso', message: `unknown country (iso "${iso}", country "${countryName}") ignored` })
  }

  const actors: Actor[] = []
  const seen = new Set<string>()
  for (const r of group.rows) {
    for (const actor of [...actorsOf(r, '1'), ...actorsOf(r, '2')]) {
      if (seen.has(actor.name)) continue
      seen.add(actor.name)
      actors.push(actor)
    }
  }
  if (group.rows.length > 1) {
    const maxFatalities = maxOf(group.rows.map((r) => Number(r.fatalities ?? 0) || 0))
    warnings.push({
      row: at,
      field: 'event_id_cnty',
      message: `${group.rows.length} rows of monadic event ${sourceId} merged into one event`,
    })
    if (maxFatalities !== fatalities) {
      warnings.push({ row: at, field: 'fatalities', message: 'rows of one event disagree on fatalities; the first row is kept' })
    }
  }

  const eventType = cell('event_type')
  const subEventType = cell('sub_event_type')
  const civilianTargeting = /civilian/i.test(cell('civilian_targeting'))
  const threatLevel = level({ eventType, subEventType, fatalities, civilianTargeting })

  const lat = Number(cell('latitude'))
  const lon = Number(cell('longitude'))
  const hasPoint = cell('latitude') !== '' && cell('longitude') !== '' && Number.isFinite(lat) && Number.isFinite(lon)
  if (!hasPoint && (cell('latitude') !== '' || cell('longitude') !== '')) {
    warnings.push({ row: at, field: 'latitude', message: 'latitude/longitude are not numbers; placed at the country' })
  }
  const inRange = hasPoint && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
  if (hasPoint && !inRange) warnings.push({ row: at, field: 'latitude', message: `${lat},${lon} is not on Earth; placed at the country` })

  const place = cell('location')
  const extra: Record<string, string | number | boolean> = {}
  for (const [column, name] of EXTRA_COLUMNS) if (cell(column) !== '') extra[name] = cell(column)
  for (const side of ['1', '2'] as const) {
    const raw = cell(`inter${side}`)
    if (raw !== '') extra[`inter${side}`] = raw
  }
  if (precision === '2') extra.dateApproximate = 'week'
  if (precision === '3') extra.dateApproximate = 'month'

  const what = subEventType || eventType || 'Event'
  const where = [place, countryName].filter((s) => s !== '').join(', ')
  return {
    id: `acled-${sourceId}`,
    title: where ? `${what} in ${where}` : what,
    ...(cell('notes') ? { summary: cell('notes') } : {}),
    ...(eventType ? { category: eventType } : {}),
    tags: [...semicolonList(cell('tags')), ...(cell('disorder_type') ? [cell('disorder_type')] : [])],
    date,
    threatLevel,
    actors: actors.map((a) => ({ name: a.name, type: a.type, ...(a.role ? { role: a.role } : {}) })),
    countries: country ? [country.code] : [],
    ...(inRange
      ? {
          location: {
            lat,
            lon,
            ...(place ? { name: place } : {}),
            ...(GEO_PRECISION_LABELS[cell('geo_precision')] ? { precision: GEO_PRECISION_LABELS[cell('geo_precision')] } : {}),
          },
        }
      : {}),
    fatalities,
    sources: semicolonList(cell('source')).map((name) => ({ name })),
    extra,
  }
}

/**
 * Reads an ACLED CSV export: the current API layout, the monadic layout (no actor2 columns; the
 * rows of one event_id_cnty become one event with all actors), and older exports (data_id,
 * event_id_no_cnty, iso3, numeric inter codes). Delimiter, byte-order mark and CRLF are handled
 * by papaparse. Each event is checked on its own: a missing id, an unreadable date or a bad
 * fatality count rejects it with the reason. `total` counts events, so a monadic event's rows
 * count once. ACLED regions stay in `extra.acledRegion`; M49 regions come from the country.
 * The level comes from `options.level` or acledDefaultLevel. Never throws.
 */
export function readAcled(text: string, options: ReadAcledOptions = {}): ReadOutcome {
  const { header, rows } = parseRows(text)
  if (!header.includes('event_date')) {
    return unreadable('not an ACLED export: no event_date column in the header')
  }
  if (!header.includes('event_id_cnty') && !header.includes('data_id')) {
    return unreadable('not an ACLED export: no event_id_cnty or data_id column in the header')
  }
  const records: Row[] = rows.map((cells) => {
    const record: Record<string, string> = {}
    header.forEach((name, i) => {
      if (name !== '' && name !== '__proto__') record[name] = cells[i] ?? ''
    })
    return record
  })
  const monadic = !header.includes('actor2')
  const level = options.level ?? acledDefaultLevel
  const builder = new ResultBuilder()
  for (const group of groupRows(records, monadic)) {
    builder.merge(group.rows.length - 1)
    const issues: ImportIssue[] = []
    const warnings: ImportIssue[] = []
    const input = toInput(group, level, issues, warnings)
    if (!input) {
      builder.reject(group.row, issues)
      continue
    }
    const outcome = normaliseEvent(input, group.row, CONTEXT)
    if (outcome.ok) builder.accept(outcome.event, group.row, [...warnings, ...outcome.warnings])
    else builder.reject(group.row, outcome.issues)
  }
  const result = builder.finish(ACLED_FORMAT, {
    schemaVersion: 1,
    name: options.name ?? 'ACLED export',
    source: 'ACLED (Armed Conflict Location & Event Data), https://acleddata.com/',
    regions: [],
  })
  return { ok: true, result }
}
