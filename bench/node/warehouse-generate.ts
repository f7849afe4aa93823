/**
 * Generated events made inside ClickHouse (chdb), for the warehouse scale rows: `INSERT …
 * SELECT … FROM numbers()` in the documented layout, every value derived from the row number by
 * cityHash64, so a run is repeatable and nothing passes through JSON in Node. Events are
 * day-precise, over 2020–2025, in 40 countries (their regions expanded as the app expands them);
 * each country reports three of 10 categories (as real data does: few kinds of event per
 * country), levels 1–5 skewed low, one or two actors; the `event` column holds each event as
 * dataset v1 JSON, as `watchfloor push` writes it.
 *
 * What is per country (names, regions, actors' names and their JSON, categories) sits in a small
 * lookup table joined to the numbers, so each row copies its country's values instead of
 * indexing constant arrays (which ClickHouse expands per row); the inserts make large blocks
 * (fewer parts to merge). On the 2-core machine this makes 100M rows in minutes, not hours.
 */
import { COUNTRIES, regionsOfCountry } from '../../src/domain/regions.ts'
import { createDatabaseSql, createTableSql, quotedTable, type TableName } from '../../src/domain/warehouse/table-layout.ts'

const FIRST_DAY_MS = Date.UTC(2020, 0, 1)
const DAYS = 6 * 365
const CATEGORIES = ['armed-clash', 'air-strike', 'protest', 'civil-unrest', 'cyber-attack', 'missile-test', 'maritime-incident', 'terror-attack', 'sanctions', 'diplomacy']
const CATEGORIES_PER_COUNTRY = 3
const ACTOR_KINDS = ['armed forces', 'militia', 'protesters', 'government', 'rebels']
const COUNTRY_COUNT = 40

interface GeneratedCountry {
  readonly code: string
  readonly name: string
  readonly lat: number
  readonly lon: number
  readonly regions: readonly string[]
  readonly categories: readonly string[]
  readonly weight: number
}

/**
 * 40 countries spread over every continent, with the regions the app gives them, three
 * categories each and a weight (1–5: some countries report more than others); sorted by code,
 * the order of the table's `place`.
 */
function countryTable(): GeneratedCountry[] {
  const step = Math.floor(COUNTRIES.length / COUNTRY_COUNT)
  return Array.from({ length: COUNTRY_COUNT }, (_, i) => {
    const c = COUNTRIES[i * step]!
    const categories = Array.from({ length: CATEGORIES_PER_COUNTRY }, (_, k) => CATEGORIES[(i * 7 + k * 3) % CATEGORIES.length]!)
    return { code: c.code, name: c.name, lat: c.latDeg, lon: c.lonDeg, regions: regionsOfCountry(c.code), categories, weight: 1 + ((i * 7) % 5) }
  }).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
}

/** Each day's events are split among the countries in SLOTS slots, as many per country as its weight's share. */
const SLOTS = 1000

/** The country (its index in countryTable's order) of each slot, in order: a rising sequence. */
function countryOfSlots(countries: readonly { readonly weight: number }[]): number[] {
  const total = countries.reduce((n, c) => n + c.weight, 0)
  const out: number[] = []
  let cumulative = 0
  countries.forEach((c, i) => {
    cumulative += c.weight
    while (out.length < Math.round((cumulative / total) * SLOTS)) out.push(i)
  })
  return out
}

/** A SQL string literal of our own constant text (names from the country table; quotes escaped). */
const lit = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const arr = (values: readonly string[]): string => `[${values.map(lit).join(',')}]`
/** Text as it sits inside a JSON string. */
const json = (s: string): string => JSON.stringify(s).slice(1, -1)
const actorJson = (name: string): string => `{"name":"${json(name)}","type":"unknown"}`

/** The lookup table's name beside the events table. */
function lookupTable(table: TableName): string {
  return quotedTable({ database: table.database, table: `${table.table}_generator_countries` })
}

/** One lookup row per country × category × actor kind × with or without the government: its values ready to copy. */
const COMBOS_PER_COUNTRY = CATEGORIES_PER_COUNTRY * ACTOR_KINDS.length * 2

/** DDL and rows of the lookup table. */
export function lookupSql(table: TableName): string[] {
  const rows = countryTable().flatMap((c, i) =>
    c.categories.flatMap((category, k) =>
      ACTOR_KINDS.flatMap((kind, a) =>
        [0, 1].map((gov) => {
          const actors = gov === 1 && kind !== 'government' ? [`${c.name} ${kind}`, `${c.name} government`] : [`${c.name} ${kind}`]
          const title = `${category.replace(/-/g, ' ')} in ${c.name}`
          const combo = i * COMBOS_PER_COUNTRY + (k * ACTOR_KINDS.length + a) * 2 + gov
          return `(${combo}, ${lit(c.code)}, ${arr(c.regions)}, ${c.lat.toFixed(3)}, ${c.lon.toFixed(3)}, ${lit(category)}, ${lit(title)}, ${lit(json(title))}, ${arr(actors)}, ${lit(actors.map(actorJson).join(','))})`
        }),
      ),
    ),
  )
  return [
    `DROP TABLE IF EXISTS ${lookupTable(table)}`,
    `CREATE TABLE ${lookupTable(table)} (combo UInt64, code String, regions Array(String), lat Float64, lon Float64, category String, title String, title_json String, actors Array(String), actors_json String) ENGINE = Memory`,
    `INSERT INTO ${lookupTable(table)} VALUES ${rows.join(',\n')}`,
  ]
}

/** Rows per insert block: a month of 100M events (1.4M rows) is one block, so one part. */
const BLOCK_ROWS = 1 << 21

/**
 * The INSERT that makes rows [from, from + count) of `total` (the lookup table must exist).
 * Rows come out in the table's order — row n's day is n × DAYS / total, its country the slot
 * its place in the day falls in (countries in code order), its id n zero-padded — so the insert
 * finds its block already sorted and skips sorting it. Each row's category, actor kind, level
 * and position within its country come from cityHash64 of n.
 */
export function generatedRowsSql(table: TableName, from: number, count: number, total: number, mergeOnInsert = true): string {
  const slots = countryOfSlots(countryTable())
  return `INSERT INTO ${quotedTable(table)} (id, seq, title, category, level, start_ms, end_ms, precision, countries, regions, named_regions, actors, lat, lon, approximate, event, version)
SELECT
  concat('g', leftPad(toString(number), 10, '0')) AS id,
  number AS seq,
  c.title AS title,
  c.category AS category,
  toUInt8(1 + least(4, floor(pow((cityHash64(number, 3) % 1000) / 1000, 1.6) * 5))) AS level,
  toInt64(${FIRST_DAY_MS} + day_index * 86400000) AS start_ms,
  start_ms + 86400000 AS end_ms,
  'day' AS precision,
  [c.code] AS countries,
  c.regions AS regions,
  CAST([], 'Array(String)') AS named_regions,
  c.actors AS actors,
  round(c.lat + ((cityHash64(number, 7) % 2000) / 1000 - 1), 3) AS lat,
  round(c.lon + ((cityHash64(number, 8) % 2000) / 1000 - 1), 3) AS lon,
  0 AS approximate,
  concat('{"id":"', id, '","title":"', c.title_json, '","category":"', category, '","tags":["synthetic"],"sectors":[],"date":{"text":"', toString(toDate(intDiv(start_ms, 1000))),
    '","precision":"day","startMs":', toString(start_ms), ',"endMs":', toString(end_ms), '},"threatLevel":', toString(level),
    ',"actors":[', c.actors_json, '],"countries":["', c.code,
    '"],"regions":[],"location":{"latDeg":', toString(lat), ',"lonDeg":', toString(lon), '},"impacts":[],"quotes":[],"sources":[{"name":"Watchfloor bench generator"}],"related":[]}') AS event,
  1 AS version
FROM (
  SELECT number, intDiv(number * ${DAYS}, ${total}) AS day_index,
    transform(intDiv((number * ${DAYS}) % ${total} * ${SLOTS}, ${total}), range(${SLOTS}), [${slots.join(',')}], 0) * ${COMBOS_PER_COUNTRY} + cityHash64(number, 1) % ${COMBOS_PER_COUNTRY} AS combo
  FROM numbers(${from}, ${count})
) AS n
INNER JOIN ${lookupTable(table)} AS c ON n.combo = c.combo
SETTINGS max_block_size = ${BLOCK_ROWS}, min_insert_block_size_rows = ${BLOCK_ROWS}, min_insert_block_size_bytes = 0, max_threads = 1${mergeOnInsert ? '' : ', optimize_on_insert = 0'}`
}

/** Rows [from, to) of a generated table. */
export interface RowRange {
  readonly from: number
  readonly to: number
}

/**
 * The rows of each UTC month of `total` rows spread evenly over DAYS days, in order: row n's day
 * is floor(n × DAYS / total), so a month starts at the first row of its first day. Months that
 * get no row (fewer rows than days) are left out.
 */
export function monthRanges(total: number): RowRange[] {
  const starts: number[] = []
  let month = -1
  for (let day = 0; day < DAYS; day++) {
    const m = new Date(FIRST_DAY_MS + day * 86_400_000).getUTCMonth()
    if (m !== month) {
      month = m
      starts.push(Math.ceil((day * total) / DAYS))
    }
  }
  return starts.map((from, i) => ({ from, to: starts[i + 1] ?? total })).filter((r) => r.to > r.from)
}

/**
 * The months split into `workers` runs of whole, consecutive months with about as many rows
 * each (a run ends at the month start nearest its share's end); a run may be empty when there
 * are more workers than months. Every month is in exactly one run.
 */
export function splitMonths(months: readonly RowRange[], workers: number): RowRange[][] {
  const total = months.at(-1)?.to ?? 0
  const first = months[0]?.from ?? 0
  const runs: RowRange[][] = Array.from({ length: workers }, () => [])
  for (const month of months) {
    // The run whose share holds the month's middle row.
    const middle = (month.from + month.to) / 2 - first
    runs[Math.min(workers - 1, Math.floor((middle * workers) / Math.max(1, total - first)))]!.push(month)
  }
  return runs
}

/**
 * Makes `months` (ranges of `total` rows) in `table`, which must exist (createTableSql), through
 * `run` (a chdb session's query): the lookup table, one INSERT per month, the lookup dropped.
 * Each month's partition gets one part, already sorted; with `mergeOnInsert` the insert applies
 * the table's merge to it (the part is at merge level 1, which `FINAL` reads without merging),
 * without it the part is at level 0 and otherwise the same (warehouse-parallel.ts). `progress`
 * is told the rows made so far after each month.
 */
export function generateMonths(run: (sql: string) => unknown, table: TableName, months: readonly RowRange[], total: number, mergeOnInsert: boolean, progress: (rows: number) => void): void {
  for (const sql of lookupSql(table)) run(sql)
  let made = 0
  for (const { from, to } of months) {
    run(generatedRowsSql(table, from, to - from, total, mergeOnInsert))
    made += to - from
    progress(made)
  }
  run(`DROP TABLE IF EXISTS ${lookupTable(table)}`)
}

/**
 * Makes `rows` events in `table` (created in the documented layout) in this process, one INSERT
 * per month merged on insert: each month's partition gets one part at merge level 1, so `FINAL`
 * reads it without merging and nothing is left to merge (warehouse-parallel.ts makes the same
 * table on every core). Returns the time taken, ms.
 */
export function generateInWarehouse(run: (sql: string) => unknown, table: TableName, rows: number, log: (m: string) => void): number {
  run(createDatabaseSql(table))
  run(createTableSql(table))
  const t0 = performance.now()
  let logged = 0
  generateMonths(run, table, monthRanges(rows), rows, true, (made) => {
    if (made - logged >= rows / 10 || made === rows) {
      logged = made
      log(`warehouse scale: ${made.toLocaleString('en-GB')} of ${rows.toLocaleString('en-GB')} events made (${Math.round((performance.now() - t0) / 1000)} s)`)
    }
  })
  return performance.now() - t0
}
