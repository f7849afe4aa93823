import { gdeltLookups } from './gdelt-view-lookups.ts'
import { quotedTable, type TableName } from './table-layout.ts'

/**
 * A GDELT 2.0 events table where it sits, read as Watchfloor events: the table in GDELT's own
 * layout (the 61 columns of the 2.0 Event export, named as GDELT's codebook names them) and a
 * ClickHouse view over it with the columns the engine reads (table-layout.ts), each mapped by
 * the GDELT reader's own rules (ingest/gdelt.ts): the CAMEO description is the category and
 * heads the title, the level comes from the Goldstein score within what the QuadClass allows,
 * FIPS location countries become ISO codes with their regions expanded as the tab expands them,
 * actors keep their CAMEO type, role and country, and the whole event is written as the
 * dataset v1 JSON a file import of the same rows holds. The lookups come from the reader's tables
 * (gdelt-view-lookups.ts) and sit in a small table beside the view, so the view's SQL stays small;
 * docs/warehouse.md says what the view costs.
 */

/** The 2.0 Event export's columns in file order, with the types the DDL gives them. */
export const GDELT_EVENT_COLUMNS: readonly (readonly [string, string])[] = [
  ['GLOBALEVENTID', 'UInt64'],
  ['SQLDATE', 'UInt32'],
  ['MonthYear', 'UInt32'],
  ['Year', 'UInt16'],
  ['FractionDate', 'Float64'],
  ...actorColumns('Actor1'),
  ...actorColumns('Actor2'),
  ['IsRootEvent', 'UInt8'],
  ['EventCode', 'LowCardinality(String)'],
  ['EventBaseCode', 'LowCardinality(String)'],
  ['EventRootCode', 'LowCardinality(String)'],
  ['QuadClass', 'UInt8'],
  ['GoldsteinScale', 'Nullable(Float64)'],
  ['NumMentions', 'UInt32'],
  ['NumSources', 'UInt32'],
  ['NumArticles', 'UInt32'],
  ['AvgTone', 'Float64'],
  ...geoColumns('Actor1Geo'),
  ...geoColumns('Actor2Geo'),
  ...geoColumns('ActionGeo'),
  ['DATEADDED', 'UInt64'],
  ['SOURCEURL', 'String'],
]

function actorColumns(actor: string): [string, string][] {
  const codes = ['Code', 'Name', 'CountryCode', 'KnownGroupCode', 'EthnicCode', 'Religion1Code', 'Religion2Code', 'Type1Code', 'Type2Code', 'Type3Code']
  return codes.map((c) => [`${actor}${c}`, c === 'Code' || c === 'Name' ? 'String' : 'LowCardinality(String)'])
}

function geoColumns(geo: string): [string, string][] {
  return [
    [`${geo}_Type`, 'UInt8'],
    [`${geo}_FullName`, 'String'],
    [`${geo}_CountryCode`, 'LowCardinality(String)'],
    [`${geo}_ADM1Code`, 'LowCardinality(String)'],
    [`${geo}_ADM2Code`, 'String'],
    [`${geo}_Lat`, 'Nullable(Float64)'],
    [`${geo}_Long`, 'Nullable(Float64)'],
    [`${geo}_FeatureID`, 'String'],
  ]
}

/**
 * The DDL of a GDELT 2.0 events table in GDELT's layout, ordered by date and id. Load an export
 * file into it as it is: `INSERT INTO … FORMAT TSVRaw` with `input_format_tsv_empty_as_default = 1`
 * (an empty Goldstein score or coordinate is NULL).
 */
export function createGdeltTableSql(name: TableName): string {
  const width = GDELT_EVENT_COLUMNS.reduce((most, [column]) => Math.max(most, column.length), 0) + 1
  return `CREATE TABLE IF NOT EXISTS ${quotedTable(name)}
(
${GDELT_EVENT_COLUMNS.map(([column, type]) => `    ${column.padEnd(width)} ${type}`).join(',\n')}
)
ENGINE = MergeTree
ORDER BY (SQLDATE, GLOBALEVENTID)`
}

/** The statement that loads a GDELT export file (its text follows the statement) into `name`. */
export function insertGdeltSql(name: TableName): string {
  return `INSERT INTO ${quotedTable(name)} SETTINGS input_format_tsv_empty_as_default = 1 FORMAT TSVRaw`
}

/** A string as a ClickHouse literal. */
function literal(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

function strings(values: readonly string[]): string {
  return `[${values.map(literal).join(', ')}]`
}

/**
 * What the normalising step replaces with U+FFFD in every text (clean-text.ts): C0 and C1 control
 * characters but tab, line feed and carriage return, and the non-characters U+FFFE and U+FFFF.
 * (UTF-8 cannot hold the lone surrogates it replaces too.)
 */
const UNSAFE_RE2 = '[\\\\x00-\\\\x08\\\\x0B\\\\x0C\\\\x0E-\\\\x1F\\\\x7F-\\\\x{9F}\\\\x{FFFE}\\\\x{FFFF}]'

/** A cell as the reader sees it: its text, trimmed and cleaned, '' for NULL (whatever the column's type). */
function cell(column: string): string {
  return `replaceRegexpAll(trimBoth(ifNull(toString(\`${column}\`), '')), '${UNSAFE_RE2}', '\uFFFD')`
}

/** A number as the reader reads one: NULL unless the cell is a finite number. */
function number(column: string): string {
  return `if(isFinite(ifNull(toFloat64OrNull(${cell(column)}), nan)), toFloat64OrNull(${cell(column)}), NULL)`
}

/** `value` as a JSON member `,"key":…` when `present`, else nothing. */
function member(key: string, value: string, present: string): string {
  return `if(${present}, concat(',"${key}":', ${value}), '')`
}

/**
 * The reader's titleCase ('NEW ZEALAND' → 'New Zealand'): lower case, then each letter at the
 * start or after a space, quote, parenthesis, slash or hyphen in upper case.
 */
export function titleCaseSql(text: string): string {
  return `arrayStringConcat(arrayMap((c, p) -> if(p = '' OR match(p, '^[\\\\s\\'(/-]$'), upperUTF8(c), c), extractAll(lowerUTF8(${text}), '.'), arrayPushFront(arrayPopBack(extractAll(lowerUTF8(${text}), '.')), '')), '')`
}

/** The columns an actor's mapping reads, named w_a1_… or w_a2_…. */
function actorSql(prefix: 'Actor1' | 'Actor2', a: string): string {
  return `${cell(`${prefix}Name`)} AS ${a}_raw,
  ${cell(`${prefix}Code`)} AS ${a}_code,
  ${cell(`${prefix}CountryCode`)} AS ${a}_cc,
  ${a}_raw != '' OR ${a}_code != '' AS ${a}_present,
  if(${a}_raw != '', ${titleCaseSql(`${a}_raw`)}, ${a}_code) AS ${a}_name,
  multiIf(has(state_types, ${cell(`${prefix}Type1Code`)}) OR (${a}_code != '' AND ${a}_code = ${a}_cc), 'state',
    has(group_types, ${cell(`${prefix}Type1Code`)}), 'group',
    has(org_types, ${cell(`${prefix}Type1Code`)}) OR ${cell(`${prefix}KnownGroupCode`)} != '', 'organization', 'unknown') AS ${a}_type,
  arrayElement(role_values, indexOf(role_keys, ${cell(`${prefix}Type1Code`)})) AS ${a}_role,
  arrayElement(country_values, indexOf(country_keys, ${a}_cc)) AS ${a}_country,
  concat('{"name":', toJSONString(${a}_name), ',"type":"', ${a}_type, '"', ${member('role', `toJSONString(${a}_role)`, `${a}_role != ''`)}, ${member('country', `toJSONString(${a}_country)`, `${a}_country != ''`)}, '}') AS ${a}_json`
}

const DAY_MS = 86_400_000

/** The lookups' columns, in order, with their types: one row of the reader's tables as parallel lists. */
const LOOKUP_COLUMNS: readonly (readonly [string, string])[] = [
  ['fips_keys', 'Array(String)'],
  ['fips_iso', 'Array(String)'],
  ['fips_named', 'Array(Array(String))'],
  ['fips_regions', 'Array(Array(String))'],
  ['fips_lat', 'Array(Nullable(Float64))'],
  ['fips_lon', 'Array(Nullable(Float64))'],
  ['cameo_keys', 'Array(String)'],
  ['cameo_values', 'Array(String)'],
  ['country_keys', 'Array(String)'],
  ['country_values', 'Array(String)'],
  ['role_keys', 'Array(String)'],
  ['role_values', 'Array(String)'],
  ['geo_keys', 'Array(String)'],
  ['geo_values', 'Array(String)'],
  ['state_types', 'Array(String)'],
  ['group_types', 'Array(String)'],
  ['org_types', 'Array(String)'],
]

/** The small table beside the view that holds the reader's tables (`VIEW_lookups`). */
export function gdeltLookupsTableName(view: TableName): TableName {
  return { database: view.database, table: `${view.table}_lookups` }
}

/** Each lookup column's value as a literal, in LOOKUP_COLUMNS' order. */
function lookupLiterals(): string[] {
  const t = gdeltLookups()
  const placings = t.fips.values
  const literals: Record<string, string> = {
    fips_keys: strings(t.fips.keys),
    fips_iso: strings(placings.map((p) => p.iso)),
    fips_named: `[${placings.map((p) => strings(p.named)).join(', ')}]`,
    fips_regions: `[${placings.map((p) => strings(p.regions)).join(', ')}]`,
    fips_lat: `[${placings.map((p) => (p.lat === null ? 'NULL' : String(p.lat))).join(', ')}]`,
    fips_lon: `[${placings.map((p) => (p.lon === null ? 'NULL' : String(p.lon))).join(', ')}]`,
    cameo_keys: strings(t.cameo.keys),
    cameo_values: strings(t.cameo.values),
    country_keys: strings(t.actorCountry.keys),
    country_values: strings(t.actorCountry.values),
    role_keys: strings(t.actorRole.keys),
    role_values: strings(t.actorRole.values),
    geo_keys: strings(t.geoPrecision.keys),
    geo_values: strings(t.geoPrecision.values),
    state_types: strings(t.stateTypes),
    group_types: strings(t.groupTypes),
    org_types: strings(t.orgTypes),
  }
  return LOOKUP_COLUMNS.map(([name, type]) => `CAST(${literals[name]!} AS ${type})`)
}

/**
 * The lookups table beside the view, made again with the reader's tables of this build: one row,
 * a column per list (about 50 KB of literals, sent once here instead of with every query over
 * the view). Made before the view, which reads it.
 */
export function createGdeltLookupsSql(view: TableName): string[] {
  const table = quotedTable(gdeltLookupsTableName(view))
  return [
    `DROP TABLE IF EXISTS ${table}`,
    `CREATE TABLE ${table}\n(\n${LOOKUP_COLUMNS.map(([name, type]) => `    ${name} ${type}`).join(',\n')}\n)\nENGINE = MergeTree\nORDER BY tuple()`,
    `INSERT INTO ${table} SELECT ${lookupLiterals().join(',\n  ')}`,
  ]
}

/** The WITH clause: the reader's tables, read once per query from the lookups table (one row). */
function lookupsSql(view: TableName): string {
  const names = LOOKUP_COLUMNS.map(([name]) => name)
  return `WITH
  (SELECT tuple(${names.join(', ')}) FROM ${quotedTable(gdeltLookupsTableName(view))} LIMIT 1) AS w_lookups,
  ${names.map((name, i) => `tupleElement(w_lookups, ${i + 1}) AS ${name}`).join(',\n  ')}`
}

/** The GDELT values the reader keeps in the event's `extra`, in its order: [key, column]. */
const EXTRA_NUMBERS: readonly (readonly [string, string])[] = [
  ['quadClass', 'QuadClass'],
  ['goldsteinScale', 'GoldsteinScale'],
  ['numMentions', 'NumMentions'],
  ['numSources', 'NumSources'],
  ['numArticles', 'NumArticles'],
  ['avgTone', 'AvgTone'],
]
const EXTRA_TEXTS: readonly (readonly [string, string])[] = [
  ['isRootEvent', 'IsRootEvent'],
  ['actor1Code', 'Actor1Code'],
  ['actor1CountryCode', 'Actor1CountryCode'],
  ['actor2Code', 'Actor2Code'],
  ['actor2CountryCode', 'Actor2CountryCode'],
  ['actionGeoType', 'ActionGeo_Type'],
  ['actionGeoCountryCode', 'ActionGeo_CountryCode'],
  ['actionGeoAdm1Code', 'ActionGeo_ADM1Code'],
  ['actionGeoFeatureId', 'ActionGeo_FeatureID'],
  ['dateAdded', 'DATEADDED'],
]

function extraSql(): string {
  const numbers = EXTRA_NUMBERS.map(([key, column]) => member(key, `toJSONString(assumeNotNull(${number(column)}))`, `${number(column)} IS NOT NULL`))
  const texts = EXTRA_TEXTS.map(([key, column]) => member(key, `toJSONString(${cell(column)})`, `${cell(column)} != ''`))
  return `concat('{"gdeltVersion":"2.0","globalEventId":', toJSONString(w_id), ',"eventCode":', toJSONString(w_code),
    ',"eventBaseCode":', toJSONString(${cell('EventBaseCode')}), ',"eventRootCode":', toJSONString(${cell('EventRootCode')}),
    ${[...numbers, ...texts].join(',\n    ')},
    if(w_geo_type = '1', ',"locationApproximate":true', ''), '}')`
}

/** Every value the view's columns are made of, over the source's rows (aliases w_…). */
function valuesSql(view: TableName, source: TableName): string {
  return `${lookupsSql(view)}
SELECT
  ${cell('GLOBALEVENTID')} AS w_id,
  ${cell('SQLDATE')} AS w_date,
  toDate32OrNull(concat(substring(w_date, 1, 4), '-', substring(w_date, 5, 2), '-', substring(w_date, 7, 2))) AS w_day,
  toInt64(toInt32(assumeNotNull(w_day))) * ${DAY_MS} AS w_start_ms,
  ${cell('EventCode')} AS w_code,
  arrayFirst(p -> has(cameo_keys, p), arrayMap(i -> substring(w_code, 1, length(w_code) - i), range(toUInt64(greatest(length(w_code) - 1, 0))))) AS w_cameo,
  if(w_cameo != '', arrayElement(cameo_values, indexOf(cameo_keys, w_cameo)), if(w_code != '', concat('CAMEO event ', w_code), 'Event')) AS w_category,
  ${actorSql('Actor1', 'w_a1')},
  ${actorSql('Actor2', 'w_a2')},
  arrayFilter(x -> x != '', [if(w_a1_present, w_a1_name, ''), if(w_a2_present, w_a2_name, '')]) AS w_actors,
  concat('[', arrayStringConcat(arrayFilter(x -> x != '', [if(w_a1_present, w_a1_json, ''), if(w_a2_present, w_a2_json, '')]), ','), ']') AS w_actors_json,
  ${cell('ActionGeo_FullName')} AS w_place,
  multiIf(notEmpty(w_actors), concat(w_category, ': ', arrayStringConcat(w_actors, ' → ')), w_place != '', concat(w_category, ' in ', w_place), w_category) AS w_title,
  ${number('GoldsteinScale')} AS w_goldstein,
  ifNull(${number('QuadClass')}, 0) AS w_quad,
  multiIf(w_quad = 4, 3, w_quad = 3, 2, 1) AS w_floor,
  multiIf(w_goldstein >= 0, 1, w_goldstein >= -3, 2, w_goldstein >= -6, 3, w_goldstein > -9, 4, 5) AS w_goldstein_level,
  toUInt8(if(w_goldstein IS NULL OR w_goldstein < -10 OR w_goldstein > 10, w_floor,
    if(w_quad = 1 OR w_quad = 2, least(greatest(w_goldstein_level, w_floor), 2), greatest(w_goldstein_level, w_floor)))) AS w_level,
  indexOf(fips_keys, ${cell('ActionGeo_CountryCode')}) AS w_fips,
  if(w_fips = 0, CAST([] AS Array(String)), [arrayElement(fips_iso, w_fips)]) AS w_countries,
  arrayElement(fips_named, w_fips) AS w_named,
  arrayElement(fips_regions, w_fips) AS w_regions,
  ${cell('ActionGeo_Type')} AS w_geo_type,
  ${number('ActionGeo_Lat')} AS w_lat0,
  ${number('ActionGeo_Long')} AS w_lon0,
  w_lat0 IS NOT NULL AND w_lon0 IS NOT NULL AND abs(w_lat0) <= 90 AND abs(w_lon0) <= 180 AND NOT (w_lat0 = 0 AND w_lon0 = 0) AS w_located,
  ${cell('SOURCEURL')} AS w_url,
  extract(w_url, '(?i)^https?://([^/?#:]+)') AS w_host,
  multiIf(w_url = '', '[]', w_host != '', concat('[{"name":', toJSONString(replaceRegexpOne(w_host, '(?i)^www\\\\.', '')), ',"url":', toJSONString(w_url), '}]'), concat('[{"name":', toJSONString(w_url), '}]')) AS w_sources,
  concat('{"id":', toJSONString(concat('gdelt-', w_id)), ',"title":', toJSONString(w_title), ',"category":', toJSONString(w_category),
    ',"tags":', if(w_code = '', '[]', concat('[', toJSONString(concat('CAMEO ', w_code)), ']')), ',"sectors":[]',
    ',"date":{"text":', toJSONString(formatDateTime(assumeNotNull(w_day), '%Y-%m-%d')), ',"precision":"day","startMs":', toString(w_start_ms), ',"endMs":', toString(w_start_ms + ${DAY_MS}), '}',
    ',"threatLevel":', toString(w_level), ${member('sourceLevel', 'toJSONString(assumeNotNull(w_goldstein))', 'w_goldstein IS NOT NULL')},
    ',"actors":', w_actors_json, ',"countries":', toJSONString(w_countries), ',"regions":', toJSONString(w_named),
    if(w_located, concat(',"location":{"latDeg":', toJSONString(assumeNotNull(w_lat0)), ',"lonDeg":', toJSONString(assumeNotNull(w_lon0)),
      ${member('name', 'toJSONString(w_place)', "w_place != ''")}, ',"precision":', toJSONString(if(indexOf(geo_keys, w_geo_type) = 0, 'unknown', arrayElement(geo_values, indexOf(geo_keys, w_geo_type)))), '}'), ''),
    ',"impacts":[],"quotes":[],"sources":', w_sources, ',"related":[],"extra":', ${extraSql()}, '}') AS w_event,
  if(w_located, w_lat0, arrayElement(fips_lat, w_fips)) AS w_lat,
  if(w_located, w_lon0, arrayElement(fips_lon, w_fips)) AS w_lon,
  toUInt64OrZero(${cell('DATEADDED')}) AS w_version
FROM ${quotedTable(source)}
WHERE match(w_id, '^[0-9]+$') AND match(w_date, '^[0-9]{8}$') AND w_day IS NOT NULL AND toYYYYMMDD(assumeNotNull(w_day)) = toUInt32(w_date)`
}

/** The source's columns the view reads (the others may be missing). */
export function gdeltColumnsRead(): string[] {
  const sql = createGdeltViewSql({ database: 'd', table: 'v' }, { database: 'd', table: 's' })
  return GDELT_EVENT_COLUMNS.map(([name]) => name).filter((name) => sql.includes(`\`${name}\``))
}

/** The lookups table, then the view (what `watchfloor gdelt-view` runs, in order). */
export function gdeltViewSql(view: TableName, source: TableName): string[] {
  return [...createGdeltLookupsSql(view), createGdeltViewSql(view, source)]
}

/**
 * The view over `source` (a table in GDELT's layout) with the columns of the warehouse layout,
 * reading the reader's tables from the lookups table beside it (createGdeltLookupsSql).
 * `seq` is the GLOBALEVENTID, so events of one day list in the order GDELT added them, as in its
 * files; `version` is DATEADDED.
 */
export function createGdeltViewSql(view: TableName, source: TableName): string {
  return `CREATE OR REPLACE VIEW ${quotedTable(view)} AS
SELECT
  concat('gdelt-', w_id) AS id,
  toUInt64OrZero(w_id) AS seq,
  w_title AS title,
  w_category AS category,
  w_level AS level,
  w_start_ms AS start_ms,
  w_start_ms + ${DAY_MS} AS end_ms,
  'day' AS precision,
  w_countries AS countries,
  CAST([] AS Array(String)) AS involved_countries,
  w_regions AS regions,
  w_named AS named_regions,
  w_actors AS actors,
  w_lat AS lat,
  w_lon AS lon,
  toUInt8(NOT w_located) AS approximate,
  w_event AS event,
  w_version AS version,
  toDate(assumeNotNull(w_day)) AS day,
  if(empty(w_countries), '', w_countries[1]) AS place
FROM
(
${valuesSql(view, source)}
)`
}
