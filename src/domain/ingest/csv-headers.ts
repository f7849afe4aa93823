/**
 * Header mapping rules of the native CSV/TSV importer: which column holds which event field.
 * A header is compared after folding case and dropping everything but letters and digits, so
 * `threatLevel`, `Threat Level` and `threat_level` are one name.
 */

/**
 * The event fields a CSV column can feed. `lat`/`lon`/`place`/`locationPrecision` build the
 * location; `extraJson` is a JSON object of `extra` values.
 */
export type CsvField =
  | 'id'
  | 'title'
  | 'date'
  | 'endDate'
  | 'threatLevel'
  | 'actors'
  | 'countries'
  | 'involvedCountries'
  | 'regions'
  | 'lat'
  | 'lon'
  | 'place'
  | 'summary'
  | 'category'
  | 'tags'
  | 'sectors'
  | 'sources'
  | 'trend'
  | 'confidence'
  | 'fatalities'
  | 'assessment'
  | 'sourceLevel'
  | 'locationPrecision'
  | 'impacts'
  | 'quotes'
  | 'related'
  | 'extraJson'

/** What a column does: feed a field, or be kept as an `extra` value / ignored. */
export type ColumnTarget = CsvField | 'extra' | 'ignore'

export const CSV_FIELDS: readonly CsvField[] = [
  'id',
  'title',
  'date',
  'endDate',
  'threatLevel',
  'actors',
  'countries',
  'involvedCountries',
  'regions',
  'lat',
  'lon',
  'place',
  'summary',
  'category',
  'tags',
  'sectors',
  'sources',
  'trend',
  'confidence',
  'fatalities',
  'assessment',
  'sourceLevel',
  'locationPrecision',
  'impacts',
  'quotes',
  'related',
  'extraJson',
]

/** The fields a row cannot do without. */
export const REQUIRED_CSV_FIELDS: readonly CsvField[] = ['id', 'title', 'date', 'threatLevel']

/** Folded header names per field; the first entry of each is the field's own name. */
const ALIASES: Readonly<Record<CsvField, readonly string[]>> = {
  id: ['id', 'eventid', 'uid', 'key', 'identifier', 'ref', 'reference'],
  title: ['title', 'headline', 'eventtitle', 'name', 'event', 'subject'],
  date: ['date', 'eventdate', 'startdate', 'start', 'datetime', 'timestamp', 'occurred', 'occurredat', 'when', 'day'],
  endDate: ['enddate', 'end', 'until', 'dateend'],
  threatLevel: ['threatlevel', 'level', 'severity', 'threat', 'risk', 'risklevel', 'severitylevel', 'alertlevel'],
  actors: ['actors', 'actor', 'parties', 'actor1', 'perpetrators'],
  countries: ['countries', 'country', 'countrycode', 'countrycodes', 'iso', 'iso2', 'iso3', 'nation'],
  involvedCountries: ['involvedcountries', 'involved', 'alsoinvolved', 'othercountries'],
  regions: ['regions', 'region', 'area', 'areas'],
  lat: ['lat', 'latitude', 'latdeg', 'y'],
  lon: ['lon', 'lng', 'long', 'longitude', 'londeg', 'x'],
  place: ['place', 'location', 'locationname', 'city', 'town'],
  summary: ['summary', 'description', 'notes', 'details', 'text', 'body'],
  category: ['category', 'type', 'eventtype', 'kind'],
  tags: ['tags', 'keywords', 'labels'],
  sectors: ['sectors', 'sector'],
  sources: ['sources', 'source', 'url', 'urls', 'sourceurl', 'link', 'links'],
  trend: ['trend'],
  confidence: ['confidence'],
  fatalities: ['fatalities', 'deaths', 'killed'],
  assessment: ['assessment', 'rationale', 'analysis'],
  sourceLevel: ['sourcelevel', 'originallevel'],
  locationPrecision: ['locationprecision', 'geoprecision'],
  impacts: ['impacts', 'impact'],
  quotes: ['quotes', 'quote'],
  related: ['related', 'relatedids'],
  // A JSON object of source-specific values; `extra` is what the CSV export writes.
  extraJson: ['extra', 'extrajson'],
}

const FIELD_OF_FOLDED: ReadonlyMap<string, CsvField> = new Map(
  CSV_FIELDS.flatMap((field) => ALIASES[field].map((alias) => [alias, field] as const)),
)

/** `Threat Level`, `threat_level`, `THREATLEVEL` → `threatlevel`. */
export function foldHeader(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

/** The field a header names by the mapping rules, or null when it names none. */
export function fieldOfHeader(header: string): CsvField | null {
  return FIELD_OF_FOLDED.get(foldHeader(header)) ?? null
}

/** Column number → target, one per header; built automatically or adjusted by hand. */
export type ColumnMapping = readonly ColumnTarget[]

/**
 * Maps each header to a field by the rules. The first column naming a field wins; a later one
 * naming the same field, and a header naming no field, becomes 'extra' (kept beside the event).
 * `overrides` (by column number) take precedence: that is how a person maps unknown columns.
 */
export function mapHeaders(headers: readonly string[], overrides: ReadonlyMap<number, ColumnTarget> = new Map()): ColumnTarget[] {
  const taken = new Set<CsvField>()
  for (const target of overrides.values()) if (target !== 'extra' && target !== 'ignore') taken.add(target)
  return headers.map((header, column) => {
    const forced = overrides.get(column)
    if (forced !== undefined) return forced
    const field = fieldOfHeader(header)
    if (field === null || taken.has(field)) return 'extra'
    taken.add(field)
    return field
  })
}

/** Required fields that no column feeds. */
export function missingFields(mapping: ColumnMapping): CsvField[] {
  return REQUIRED_CSV_FIELDS.filter((field) => !mapping.includes(field))
}
