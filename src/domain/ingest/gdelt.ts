import type { ActorType, ImportIssue } from '../model.ts'
import { lookupCountry } from '../regions.ts'
import type { EventInput } from '../schema.ts'
import { CAMEO_ACTOR_TYPES, CAMEO_EVENTS, CAMEO_SPECIAL_COUNTRIES } from './cameo-codes.ts'
import { FIPS_TO_ISO } from './fips.ts'
import { type ActorColumns, gdeltLayout, type GdeltLayout } from './gdelt-columns.ts'
import { gdeltMergeKey, mergeGdeltDuplicates, type GdeltRecord } from './gdelt-dedupe.ts'
import { gdeltLevel } from './gdelt-level.ts'
import { looksLikeGdeltMentions, MENTIONS_ALONE, readMentions, type MentionsRead, type MentionSummary } from './gdelt-mentions.ts'
import { normaliseEvent } from './normalise-event.ts'
import { ResultBuilder, unreadable, type ReadOutcome } from './read-outcome.ts'

export const GDELT_FORMAT = 'gdelt'

const CONTEXT = { levelScheme: 'watchfloor', customRegions: [] } as const

/** CAMEO actor type → Watchfloor actor type (the warehouse's GDELT view reads the same sets, gdelt-view.ts). */
export const STATE_TYPES = new Set(['GOV', 'MIL', 'COP', 'JUD', 'SPY', 'LEG'])
export const GROUP_TYPES = new Set(['REB', 'INS', 'SEP', 'UAF', 'RAD', 'CRM', 'OPP', 'IMG', 'SET'])
export const ORG_TYPES = new Set(['IGO', 'NGO', 'NGM', 'MNC', 'UNO', 'IRC', 'AMN', 'GRP', 'PKO', 'MED', 'BUS', 'EDU', 'HLH'])

/** GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state. */
export const GEO_PRECISION: Readonly<Record<string, string>> = {
  '1': 'country centroid (approximate)',
  '2': 'state',
  '3': 'city',
  '4': 'city',
  '5': 'state',
}

/** 'NEW ZEALAND' → 'New Zealand': GDELT writes actor names in capitals. */
function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s'(/-])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase())
}

function numberOrUndefined(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : undefined
}

/** A CAMEO actor country code as ISO alpha-2 (CHN → CN, WSB → PS), or undefined for regions. */
export function cameoCountry(code: string): string | undefined {
  const special = Object.hasOwn(CAMEO_SPECIAL_COUNTRIES, code) ? CAMEO_SPECIAL_COUNTRIES[code] : undefined
  if (special) return special.country
  return /^[A-Z]{3}$/.test(code) ? lookupCountry(code)?.code : undefined
}

/** A FIPS 10-4 country code as ISO alpha-2 (UP → UA), or undefined. */
export function fipsToIso(fips: string): string | undefined {
  return Object.hasOwn(FIPS_TO_ISO, fips) ? FIPS_TO_ISO[fips] : undefined
}

/** The CAMEO description of an event code ('043' → 'Host a visit'), falling back to its base codes. */
export function cameoDescription(code: string): string | undefined {
  for (let c = code; c.length >= 2; c = c.slice(0, -1)) {
    if (Object.hasOwn(CAMEO_EVENTS, c)) return CAMEO_EVENTS[c]![0]
  }
  return undefined
}

interface GdeltActor {
  readonly name: string
  readonly type: ActorType
  readonly role?: string
  readonly country?: string
}

function actorOf(cells: readonly string[], cols: ActorColumns): GdeltActor | undefined {
  const rawName = cells[cols.name]?.trim() ?? ''
  const code = cells[cols.code]?.trim() ?? ''
  if (rawName === '' && code === '') return undefined
  const countryCode = cells[cols.countryCode]?.trim() ?? ''
  const typeCode = cells[cols.type1Code]?.trim() ?? ''
  const country = countryCode ? cameoCountry(countryCode) : undefined
  const known = cells[cols.knownGroupCode]?.trim() ?? ''
  let type: ActorType = 'unknown'
  if (STATE_TYPES.has(typeCode) || (code !== '' && code === countryCode)) type = 'state'
  else if (GROUP_TYPES.has(typeCode)) type = 'group'
  else if (ORG_TYPES.has(typeCode) || known !== '') type = 'organization'
  const role = Object.hasOwn(CAMEO_ACTOR_TYPES, typeCode) ? CAMEO_ACTOR_TYPES[typeCode] : undefined
  return {
    name: rawName ? titleCase(rawName) : code,
    type,
    ...(role ? { role } : {}),
    ...(country ? { country } : {}),
  }
}

function splitRows(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  return body.split('\n').map((line) => line.replace(/\r$/, ''))
}

function sourceOf(url: string): { name: string; url?: string } | undefined {
  if (url === '') return undefined
  const match = /^https?:\/\/([^/?#:]+)/i.exec(url)
  // A 1.0 SOURCEURL can be a citation ("BBC Monitoring"): kept as the source's name, not a link.
  return match ? { name: match[1]!.replace(/^www\./i, ''), url } : { name: url }
}

function rowToInput(
  cells: readonly string[],
  layout: GdeltLayout,
  row: number,
  issues: ImportIssue[],
  warnings: ImportIssue[],
): EventInput | null {
  const cell = (i: number): string => (i >= 0 ? (cells[i]?.trim() ?? '') : '')
  const id = cell(layout.globalEventId)
  if (!/^\d+$/.test(id)) issues.push({ row, field: 'GLOBALEVENTID', message: `not an event id: "${id}"` })
  const sqlDate = cell(layout.sqlDate)
  if (!/^\d{8}$/.test(sqlDate)) issues.push({ row, field: 'SQLDATE', message: `not a YYYYMMDD date: "${sqlDate}"` })
  if (issues.length > 0) return null

  const eventCode = cell(layout.eventCode)
  const quadClass = numberOrUndefined(cell(layout.quadClass))
  const goldstein = numberOrUndefined(cell(layout.goldstein))
  const actor1 = actorOf(cells, layout.actor1)
  const actor2 = actorOf(cells, layout.actor2)
  const description = cameoDescription(eventCode) ?? (eventCode ? `CAMEO event ${eventCode}` : 'Event')
  const place = cell(layout.actionGeo.fullName)
  const who = [actor1?.name, actor2?.name].filter((n): n is string => n !== undefined)
  const title = who.length > 0 ? `${description}: ${who.join(' → ')}` : place ? `${description} in ${place}` : description

  const geoType = cell(layout.actionGeo.type)
  const fips = cell(layout.actionGeo.countryCode)
  const iso = fipsToIso(fips)
  if (fips !== '' && !iso) warnings.push({ row, field: 'ActionGeo_CountryCode', message: `unknown FIPS country "${fips}" ignored` })
  const lat = numberOrUndefined(cell(layout.actionGeo.lat))
  const lon = numberOrUndefined(cell(layout.actionGeo.lon))
  const validPoint = lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
  const source = sourceOf(cell(layout.sourceUrl))

  const extra: Record<string, string | number | boolean> = {
    gdeltVersion: layout.version,
    globalEventId: id,
    eventCode,
    eventBaseCode: cell(layout.eventBaseCode),
    eventRootCode: cell(layout.eventRootCode),
  }
  const numbers: [string, number | undefined][] = [
    ['quadClass', quadClass],
    ['goldsteinScale', goldstein],
    ['numMentions', numberOrUndefined(cell(layout.numMentions))],
    ['numSources', numberOrUndefined(cell(layout.numSources))],
    ['numArticles', numberOrUndefined(cell(layout.numArticles))],
    ['avgTone', numberOrUndefined(cell(layout.avgTone))],
  ]
  for (const [key, value] of numbers) if (value !== undefined) extra[key] = value
  const texts: [string, string][] = [
    ['isRootEvent', cell(layout.isRootEvent)],
    ['actor1Code', cell(layout.actor1.code)],
    ['actor1CountryCode', cell(layout.actor1.countryCode)],
    ['actor2Code', cell(layout.actor2.code)],
    ['actor2CountryCode', cell(layout.actor2.countryCode)],
    ['actionGeoType', geoType],
    ['actionGeoCountryCode', fips],
    ['actionGeoAdm1Code', cell(layout.actionGeo.adm1Code)],
    ['actionGeoFeatureId', cell(layout.actionGeo.featureId)],
    ['dateAdded', cell(layout.dateAdded)],
  ]
  for (const [key, value] of texts) if (value !== '') extra[key] = value
  if (geoType === '1') extra.locationApproximate = true

  return {
    id: `gdelt-${id}`,
    title,
    category: description,
    date: `${sqlDate.slice(0, 4)}-${sqlDate.slice(4, 6)}-${sqlDate.slice(6, 8)}`,
    threatLevel: gdeltLevel(goldstein, quadClass),
    ...(goldstein !== undefined ? { sourceLevel: goldstein } : {}),
    actors: [actor1, actor2].filter((a): a is GdeltActor => a !== undefined),
    countries: iso ? [iso] : [],
    ...(validPoint && !(lat === 0 && lon === 0)
      ? { location: { lat, lon, ...(place ? { name: place } : {}), precision: GEO_PRECISION[geoType] ?? 'unknown' } }
      : {}),
    sources: source ? [source] : [],
    tags: [`CAMEO ${eventCode}`].filter(() => eventCode !== ''),
    extra,
  }
}

export interface ReadGdeltOptions {
  /** The dataset's name. */
  readonly name?: string
  /** GDELT 2.0 mentions tables to join to the events (gdelt-mentions.ts). */
  readonly mentions?: readonly string[]
  /** Merge duplicate records by GDELT's rule (gdelt-dedupe.ts). */
  readonly dedupe?: boolean
}

/** Joins an event's mentions: their count, their sources after its own, the best confidence. */
function withMentions(input: EventInput, mention: MentionSummary | undefined): EventInput {
  const extra: Record<string, string | number | boolean> = { ...(input.extra ?? {}), mentionCount: mention?.count ?? 0 }
  if (!mention) return { ...input, extra }
  const sources = [...(input.sources ?? [])]
  const seen = new Set(sources.map((s) => s.url ?? s.name))
  for (const source of mention.sources) if (!seen.has(source.url ?? source.name)) sources.push(source)
  if (mention.sourcesOmitted > 0) extra.mentionSourcesOmitted = mention.sourcesOmitted
  return { ...input, sources, ...(mention.bestConfidence >= 0 ? { confidence: mention.bestConfidence } : {}), extra }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
}

/**
 * Reads a GDELT event export: tab-separated, no header, 57 (1.0 historical back-files), 58 (1.0
 * daily files since April 2013, with SOURCEURL) or 61 (2.0) columns. Each row's layout is told
 * by its own column count, so a file that mixes 57- and 58-column rows reads whole. Each row is
 * one event, rejected with its reason when its column count, id or date is wrong. Event codes
 * stay strings ('043'), location countries are FIPS 10-4 mapped to ISO, actor countries CAMEO
 * codes, the level comes from the Goldstein score and QuadClass (gdeltLevel), and GDELT's own
 * values are kept in `extra`.
 *
 * With `mentions`, each event gains its mention count (`extra.mentionCount`), the mentioning
 * sources and the best mention confidence (`confidence`). With `dedupe`, duplicate records are
 * merged by GDELT's rule (gdelt-dedupe.ts) and counted in `merged`. A mentions table given as
 * the events text is refused with a one-line explanation. Never throws.
 */
export function readGdelt(text: string, options: ReadGdeltOptions | string = {}): ReadOutcome {
  const { name = 'GDELT events', mentions = [], dedupe = false } = typeof options === 'string' ? { name: options } : options
  const lines = splitRows(text)
  const first = lines.find((line) => line.trim() !== '')
  if (first === undefined) return unreadable('empty input: there is nothing to read')
  if (looksLikeGdeltMentions(first)) return unreadable(MENTIONS_ALONE)
  const columns = first.split('\t').length
  if (!gdeltLayout(columns)) {
    return unreadable(`not a GDELT event file: rows have ${columns} tab-separated columns (GDELT has 57, 58 or 61)`)
  }
  const builder = new ResultBuilder()
  const mentionsRead = mentions.length > 0 ? readMentions(mentions) : null
  const records: GdeltRecord[] = []
  const read: (GdeltRecord | { row: number; issues: ImportIssue[] })[] = []
  const rowWarnings = new Map<number, ImportIssue[]>()
  let row = 0
  for (const line of lines) {
    if (line.trim() === '') continue
    row++
    const cells = line.split('\t')
    const issues: ImportIssue[] = []
    const warnings: ImportIssue[] = []
    const layout = gdeltLayout(cells.length)
    if (!layout) {
      read.push({ row, issues: [{ row, field: '(row)', message: `has ${cells.length} columns; a GDELT row has 57 or 58 (1.0) or 61 (2.0)` }] })
      continue
    }
    const input = rowToInput(cells, layout, row, issues, warnings)
    if (!input) {
      read.push({ row, issues })
      continue
    }
    if (warnings.length > 0) rowWarnings.set(row, warnings)
    const id = cells[layout.globalEventId]!.trim()
    const record: GdeltRecord = {
      row,
      key: dedupe ? mergeKeyOf(cells, layout) : '',
      input: mentionsRead ? withMentions(input, mentionsRead.byEvent.get(id)) : input,
    }
    records.push(record)
    read.push(record)
  }
  const merge = dedupe ? mergeGdeltDuplicates(records) : null
  const notes: string[] = []
  if (mentionsRead) for (const note of mentionNotes(mentionsRead, records)) notes.push(note)
  if (merge) {
    notes.push(
      merge.records > 0
        ? `duplicates merged (same day, actor codes, root event code and action location): ${plural(merge.records, 'record')} into ${plural(merge.events, 'event')}`
        : 'duplicates merged (same day, actor codes, root event code and action location): none found',
    )
  }
  for (const entry of read) {
    if (!('input' in entry)) {
      builder.reject(entry.row, entry.issues)
      continue
    }
    if (merge?.mergedRows.has(entry.row)) {
      builder.merge(1)
      continue
    }
    const outcome = normaliseEvent(entry.input, entry.row, CONTEXT)
    if (outcome.ok) builder.accept(outcome.event, entry.row, [...(rowWarnings.get(entry.row) ?? []), ...outcome.warnings])
    else builder.reject(entry.row, outcome.issues)
  }
  const result = builder.finish(GDELT_FORMAT, {
    schemaVersion: 1,
    name,
    source: 'The GDELT Project (https://www.gdeltproject.org/)',
    regions: [],
  })
  return { ok: true, result: notes.length > 0 ? { ...result, notes } : result }
}

function mergeKeyOf(cells: readonly string[], layout: GdeltLayout): string {
  const cell = (i: number): string => cells[i]?.trim() ?? ''
  return gdeltMergeKey({
    sqlDate: cell(layout.sqlDate),
    actor1Code: cell(layout.actor1.code),
    actor2Code: cell(layout.actor2.code),
    eventRootCode: cell(layout.eventRootCode),
    featureId: cell(layout.actionGeo.featureId),
    lat: cell(layout.actionGeo.lat),
    lon: cell(layout.actionGeo.lon),
  })
}

/** What the join did: events with mentions, and mentions of events the file does not hold. */
function mentionNotes(read: MentionsRead, records: readonly GdeltRecord[]): string[] {
  const held = new Set<string>()
  let withAny = 0
  let joined = 0
  for (const record of records) {
    const id = record.input.extra?.globalEventId
    if (typeof id !== 'string') continue
    held.add(id)
    const count = record.input.extra?.mentionCount
    if (typeof count === 'number' && count > 0) {
      withAny++
      joined += count
    }
  }
  let unmatched = 0
  for (const [id, summary] of read.byEvent) if (!held.has(id)) unmatched += summary.count
  const notes = [`mentions joined: ${plural(joined, 'mention')} of ${plural(withAny, 'event')} (of ${plural(read.rows, 'mention row')} read)`]
  if (unmatched > 0) notes.push(`${plural(unmatched, 'mention')} of events not in the events file left out`)
  if (read.skipped > 0) notes.push(`${plural(read.skipped, 'mention row')} not in the 16-column layout skipped`)
  return notes
}
