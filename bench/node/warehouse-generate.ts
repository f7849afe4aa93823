/**
 * Generated events made inside ClickHouse (chdb), for the warehouse scale rows: `INSERT …
 * SELECT … FROM numbers()` in the documented layout, every value derived from the row number by
 * cityHash64, so a run is repeatable and nothing passes through JSON in Node. Events are
 * day-precise, over 2020–2025, in 40 countries (their regions expanded as the app expands them),
 * 10 categories, levels 1–5 and one or two actors; the `event` column holds each event as
 * dataset v1 JSON, as `watchfloor push` writes it.
 */
import { COUNTRIES, regionsOfCountry } from '../../src/domain/regions.ts'
import { createDatabaseSql, createTableSql, quotedTable, type TableName } from '../../src/domain/warehouse/table-layout.ts'

const FIRST_DAY_MS = Date.UTC(2020, 0, 1)
const DAYS = 6 * 365
const CATEGORIES = ['armed-clash', 'air-strike', 'protest', 'civil-unrest', 'cyber-attack', 'missile-test', 'maritime-incident', 'terror-attack', 'sanctions', 'diplomacy']
const ACTOR_KINDS = ['armed forces', 'militia', 'protesters', 'government', 'rebels']

/** 40 countries spread over every continent, with the regions the app gives them. */
function countryTable(): { code: string; name: string; lat: number; lon: number; regions: readonly string[] }[] {
  const step = Math.floor(COUNTRIES.length / 40)
  return Array.from({ length: 40 }, (_, i) => COUNTRIES[i * step]!).map((c) => ({ code: c.code, name: c.name, lat: c.latDeg, lon: c.lonDeg, regions: regionsOfCountry(c.code) }))
}

/** A SQL string literal of our own constant text (names from the country table; quotes escaped). */
const lit = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const arr = (values: readonly string[]): string => `[${values.map(lit).join(',')}]`
const json = (s: string): string => JSON.stringify(s).slice(1, -1)

/** The SELECT that makes rows [from, from + count). */
export function generatedRowsSql(table: TableName, from: number, count: number): string {
  const countries = countryTable()
  const pick = (list: string, shift: number, n: number): string => `${list}[1 + (cityHash64(number, ${shift}) % ${n})]`
  const ci = `(1 + (cityHash64(number, 1) % ${countries.length}))`
  return `INSERT INTO ${quotedTable(table)} (id, seq, title, category, level, start_ms, end_ms, precision, countries, regions, named_regions, actors, lat, lon, approximate, event, version)
WITH
  ${arr(countries.map((c) => c.code))} AS codes,
  ${arr(countries.map((c) => json(c.name)))} AS names,
  [${countries.map((c) => arr(c.regions)).join(',')}] AS region_sets,
  [${countries.map((c) => c.lat.toFixed(3)).join(',')}] AS lats,
  [${countries.map((c) => c.lon.toFixed(3)).join(',')}] AS lons,
  ${arr(CATEGORIES)} AS categories,
  ${arr(ACTOR_KINDS)} AS kinds
SELECT
  concat('g', toString(number)) AS id,
  number AS seq,
  concat(replaceAll(category, '-', ' '), ' in ', names[${ci}]) AS title,
  ${pick('categories', 2, CATEGORIES.length)} AS category,
  toUInt8(1 + least(4, floor(pow((cityHash64(number, 3) % 1000) / 1000, 1.6) * 5))) AS level,
  toInt64(${FIRST_DAY_MS} + (cityHash64(number, 4) % ${DAYS}) * 86400000) AS start_ms,
  start_ms + 86400000 AS end_ms,
  'day' AS precision,
  [codes[${ci}]] AS countries,
  region_sets[${ci}] AS regions,
  CAST([], 'Array(String)') AS named_regions,
  arrayConcat([concat(names[${ci}], ' ', ${pick('kinds', 5, ACTOR_KINDS.length)})], if(cityHash64(number, 6) % 3 = 0, [concat(names[${ci}], ' government')], CAST([], 'Array(String)'))) AS actors,
  lats[${ci}] + ((cityHash64(number, 7) % 2000) / 1000 - 1) AS lat,
  lons[${ci}] + ((cityHash64(number, 8) % 2000) / 1000 - 1) AS lon,
  0 AS approximate,
  concat('{"id":"', id, '","title":"', title, '","category":"', category, '","tags":["synthetic"],"sectors":[],"date":{"text":"', toString(toDate(intDiv(start_ms, 1000))),
    '","precision":"day","startMs":', toString(start_ms), ',"endMs":', toString(end_ms), '},"threatLevel":', toString(level),
    ',"actors":[', arrayStringConcat(arrayMap(a -> concat('{"name":"', a, '","type":"unknown"}'), actors), ','), '],"countries":["', codes[${ci}],
    '"],"regions":[],"location":{"latDeg":', toString(lat), ',"lonDeg":', toString(lon), '},"impacts":[],"quotes":[],"sources":[{"name":"Watchfloor bench generator"}],"related":[]}') AS event,
  1 AS version
FROM numbers(${from}, ${count})`
}

/** Makes `rows` events in `table` (created in the documented layout) through `run` (a chdb session's query), in chunks; returns the time taken, ms. */
export function generateInWarehouse(run: (sql: string) => unknown, table: TableName, rows: number, log: (m: string) => void, chunk = 2_000_000): number {
  run(createDatabaseSql(table))
  run(createTableSql(table))
  const t0 = performance.now()
  for (let from = 0; from < rows; from += chunk) {
    run(generatedRowsSql(table, from, Math.min(chunk, rows - from)))
    log(`warehouse scale: ${Math.min(rows, from + chunk).toLocaleString('en-GB')} of ${rows.toLocaleString('en-GB')} events made (${Math.round((performance.now() - t0) / 1000)} s)`)
  }
  return performance.now() - t0
}
