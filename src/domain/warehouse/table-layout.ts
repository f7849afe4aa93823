import { centroidOf, regionExpander } from '../build-table.ts'
import { MAX_LATITUDE_DEG, WORLD_SIZE } from '../geo/mercator.ts'
import type { Dataset, ThreatEvent } from '../model.ts'

/**
 * The warehouse table's layout (docs/warehouse.md): one row per event, the columns the filters
 * and views read typed and ready (start and end in epoch ms, the level, places and actors as
 * arrays, regions already expanded as the local table expands them), and the whole event as
 * JSON for the detail view and exports. The same layout is written by `watchfloor push` and read
 * by the ClickHouse engine.
 */

/** A database and table name, each a plain identifier (names cannot travel as query parameters). */
export interface TableName {
  readonly database: string
  readonly table: string
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

/** Reads `DB.NAME` (or `NAME`, in database `default`); null when either part is not a plain identifier. */
export function parseTableName(text: string): TableName | null {
  const parts = text.trim().split('.')
  if (parts.length > 2) return null
  const [database, table] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['default', parts[0]!]
  return IDENTIFIER.test(database) && IDENTIFIER.test(table) ? { database, table } : null
}

/** The table as SQL names it: back-quoted identifiers (checked by parseTableName). */
export function quotedTable(name: TableName): string {
  return `\`${name.database}\`.\`${name.table}\``
}

/**
 * What the text filter searches, as one lower-case string: the title, the category and every
 * actor, a line each. A needle without a line break is in it exactly when it is in one of them.
 */
export const SEARCH_TEXT_SQL = "lowerUTF8(concat(title, '\\n', category, '\\n', arrayStringConcat(actors, '\\n')))"

/**
 * SEARCH_TEXT_SQL stored with each row when it is inserted: the text filter reads one plain
 * column and finds the needle with a byte search, instead of lower-casing three columns and
 * walking the actors per row (two to three times less time per row scanned).
 */
const SEARCH_COLUMN = `search_text   String MATERIALIZED ${SEARCH_TEXT_SQL}`

/**
 * The skipping index over `search_text`: a bloom filter of each granule's 3-grams, so a search
 * for a word that few granules hold reads those granules alone. The text filter tests
 * `multiSearchAny(search_text, [needle])` (filter-sql.ts), a form the index serves.
 */
export const SEARCH_INDEX_SQL = 'INDEX search_ngrams search_text TYPE ngrambf_v1(3, 32768, 2, 0) GRANULARITY 1'

/**
 * The token index over `search_text`: a ClickHouse text index (GA in 26.2) of the string's tokens
 * — runs of ASCII letters and digits and of any non-ASCII character, split at ASCII spaces and
 * punctuation — with, per token, the rows that hold it. The text filter's `LIKE '%needle%'`
 * (filter-sql.ts) is answered from it: the dictionary's tokens that hold the needle are found,
 * and the rows are read from their postings without reading the strings (a needle across tokens
 * is narrowed by the whole tokens it holds, then checked).
 */
export const TOKENS_INDEX_NAME = 'search_tokens'

const TOKENS_INDEX_SQL = `INDEX ${TOKENS_INDEX_NAME} search_text TYPE text(tokenizer = 'splitByNonAlpha')`

/**
 * Whether a server's refusal of a DDL statement is its not knowing the token index's type (a
 * server before ClickHouse 26.2, or with the index type turned off): the table is then made, or
 * left, without it, and the text filter scans `search_text` as before.
 */
export function refusesTokensIndex(message: string): boolean {
  return /full[-_ ]text|unknown index type|index type .?text|text index/i.test(message)
}

/** The search index of layouts before `search_text`: over the expression, which the filter no longer tests. */
const OLD_SEARCH_INDEX_EXPR = 'lowerUTF8(concat('

/**
 * Each granule's least and greatest start and end: a time range, an index window or a marker
 * span (`start_ms < to AND end_ms > from`) reads the granules that can overlap it, where the
 * sorting key's `day` cannot bound `start_ms` or `end_ms` by itself.
 */
export const SPAN_INDEX_SQL = 'INDEX span_minmax (start_ms, end_ms) TYPE minmax GRANULARITY 1'

/**
 * Each granule's least and greatest `seq`: an event read by its ref (the detail view, an
 * export of chosen events) reads the granules whose range holds it, where the sorting key
 * cannot find a `seq`. Loads number their events in order (push: the file's order, which is
 * time order for the usual export, newest or oldest first; the bench generator: the sorting
 * order), and rows are sorted by day, so a granule's events hold a narrow run of seqs and a
 * ref reads one or a few granules. A file in no time order at all leaves every granule's range
 * wide: the read is then the scan of `seq` it was without the index.
 */
export const SEQ_INDEX_SQL = 'INDEX seq_minmax seq TYPE minmax GRANULARITY 1'

/**
 * The place set's key: the hash the kept cube names a place set by (CUBE_CELL_SQL), stored with
 * each row, so grouping rows into cells reads one integer instead of hashing three arrays per row.
 */
const PLACE_SET_COLUMN = 'place_set     UInt64 MATERIALIZED cityHash64(countries, regions, named_regions)'

const CLAMPED_LAT_SQL = `greatest(-${MAX_LATITUDE_DEG}, least(${MAX_LATITUDE_DEG}, lat))`

/** A row's Web Mercator x in world units (geo/mercator.ts), NULL without a position: what the map projects. */
export const WORLD_X_SQL = `(lon + 180) / 360 * ${WORLD_SIZE}`

/** A row's Web Mercator y in world units, the latitude clamped to ±85.05° as Leaflet draws it; NULL without a position. */
export const WORLD_Y_SQL = `(0.5 - log((1 + sin(radians(${CLAMPED_LAT_SQL}))) / (1 - sin(radians(${CLAMPED_LAT_SQL})))) / (4 * pi())) * ${WORLD_SIZE}`

/**
 * The stored projection: each row's world x and y, computed once when it is inserted by the
 * expressions the map used per query (so a point's pixel is the same to the last bit), NaN
 * without a position. The map reads two plain columns instead of projecting every row in view.
 */
const MAP_COLUMNS = [WORLD_X_SQL, WORLD_Y_SQL].map(
  (world, i) => `${i === 0 ? 'map_x' : 'map_y'}         Float64 MATERIALIZED if(isNull(lat) OR isNull(lon), nan, ifNull(${world}, nan))`,
)

/**
 * The table's partitions: one per month of the events' start. A function of the sorting key's
 * first column, so rows of one key always share a partition, and a `FINAL` read merges within
 * each partition alone and reads a partition merged into one part without merging at all
 * (`do_not_merge_across_partitions_select_final`, which the engine's queries carry).
 */
export const PARTITION_SQL = 'toYYYYMM(day)'

/**
 * The table's DDL. ReplacingMergeTree keeps the row with the highest `version` among rows of
 * the same sorting key, so re-loading an updated export replaces the events it changed; the
 * sorting key leads with the day and the first country (the filters' usual shape) and ends with
 * the id; the partitions are months (PARTITION_SQL). Partitioning cannot be changed on a loaded
 * table: one made before it stays unpartitioned, read as correctly but with FINAL merging the
 * whole table (docs/warehouse.md).
 */
export function createTableSql(name: TableName, options: { readonly tokens?: boolean } = {}): string {
  return `CREATE TABLE IF NOT EXISTS ${quotedTable(name)}
(
    id            String,
    seq           UInt64,
    title         String,
    category      LowCardinality(String),
    level         UInt8,
    start_ms      Int64,
    end_ms        Int64,
    precision     LowCardinality(String),
    countries     Array(LowCardinality(String)),
    involved_countries Array(LowCardinality(String)) DEFAULT [],
    regions       Array(LowCardinality(String)),
    named_regions Array(LowCardinality(String)),
    actors        Array(String),
    lat           Nullable(Float64),
    lon           Nullable(Float64),
    approximate   UInt8,
    event         String CODEC(ZSTD(3)),
    version       UInt64,
    day           Date MATERIALIZED toDate(intDiv(start_ms, 1000)),
    place         LowCardinality(String) MATERIALIZED if(empty(countries), '', countries[1]),
    ${MAP_COLUMNS.join(',\n    ')},
    ${SEARCH_COLUMN},
    ${PLACE_SET_COLUMN},
    ${SEARCH_INDEX_SQL},
    ${SPAN_INDEX_SQL},
    ${SEQ_INDEX_SQL}${options.tokens === false ? '' : `,
    ${TOKENS_INDEX_SQL}`}
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY ${PARTITION_SQL}
ORDER BY (day, place, id)`
}

/**
 * Brings a table made by an earlier layout up to this one: the columns added since, each with a
 * default, so rows loaded before read as having none (the stored projection as computed from
 * their position), and the skipping indexes (search, span, seq), built for the rows already
 * loaded by a mutation the warehouse runs in the background (upgradeWritesSql). Safe to run on a
 * table that has them (building the index again costs a rewrite of the index alone).
 */
export function upgradeTableSql(name: TableName): string[] {
  const table = quotedTable(name)
  return [
    `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS involved_countries Array(LowCardinality(String)) DEFAULT [] AFTER countries`,
    ...MAP_COLUMNS.map((column) => `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${column}`),
    `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${SEARCH_COLUMN}`,
    `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${PLACE_SET_COLUMN}`,
    `ALTER TABLE ${table} ADD ${SEARCH_INDEX_SQL.replace('INDEX ', 'INDEX IF NOT EXISTS ')}`,
    `ALTER TABLE ${table} ADD ${SPAN_INDEX_SQL.replace('INDEX ', 'INDEX IF NOT EXISTS ')}`,
    `ALTER TABLE ${table} ADD ${SEQ_INDEX_SQL.replace('INDEX ', 'INDEX IF NOT EXISTS ')}`,
  ]
}

/**
 * What upgradeTableSql leaves to write for the rows already loaded, from the table's columns and
 * skipping indexes (name and expression) as they were before it ran: the columns and indexes it
 * added, each written by a background mutation (until then the warehouse computes a new column
 * as it reads an older row, with the same value, and reads every granule an index has not
 * covered). A search index over the old expression is dropped first, so the upgrade makes it
 * again over `search_text`.
 */
export function upgradeWritesSql(name: TableName, columns: readonly string[], indexes: readonly { name: string; expr: string }[]): { before: string[]; after: string[] } {
  const table = quotedTable(name)
  const before: string[] = []
  const after: string[] = []
  const search = indexes.find((i) => i.name === 'search_ngrams')
  if (search !== undefined && search.expr.startsWith(OLD_SEARCH_INDEX_EXPR)) before.push(`ALTER TABLE ${table} DROP INDEX IF EXISTS search_ngrams`)
  const newColumns = ['map_x', 'map_y', 'search_text', 'place_set'].filter((c) => !columns.includes(c))
  if (newColumns.length > 0) after.push(`ALTER TABLE ${table} ${newColumns.map((c) => `MATERIALIZE COLUMN ${c}`).join(', ')}`)
  if (search === undefined || before.length > 0) after.push(materializeSearchIndexSql(name))
  if (!indexes.some((i) => i.name === 'span_minmax')) after.push(`ALTER TABLE ${table} MATERIALIZE INDEX span_minmax`)
  if (!indexes.some((i) => i.name === 'seq_minmax')) after.push(`ALTER TABLE ${table} MATERIALIZE INDEX seq_minmax`)
  return { before, after }
}

/**
 * Adds the token index to a table that lacks it (from its skipping indexes' names), then builds it
 * for the rows already loaded (a background mutation; until it is done, ClickHouse reads the
 * strings of the parts it does not cover yet, with the same answers). None when the table has it.
 * A server that does not know the index type refuses the first statement (refusesTokensIndex).
 */
export function tokensIndexUpgradeSql(name: TableName, indexes: readonly { name: string }[]): string[] {
  if (indexes.some((i) => i.name === TOKENS_INDEX_NAME)) return []
  const table = quotedTable(name)
  return [`ALTER TABLE ${table} ADD ${TOKENS_INDEX_SQL.replace('INDEX ', 'INDEX IF NOT EXISTS ')}`, `ALTER TABLE ${table} MATERIALIZE INDEX ${TOKENS_INDEX_NAME}`]
}

/**
 * Writes the stored projection for rows loaded before it existed (a background mutation; until
 * it is done the warehouse computes the columns as it reads those rows, so every answer is the same).
 */
export function materializeMapColumnsSql(name: TableName): string {
  return `ALTER TABLE ${quotedTable(name)} MATERIALIZE COLUMN map_x, MATERIALIZE COLUMN map_y`
}

/** Builds the search index for rows loaded before it existed (a background mutation). */
export function materializeSearchIndexSql(name: TableName): string {
  return `ALTER TABLE ${quotedTable(name)} MATERIALIZE INDEX search_ngrams`
}

export function createDatabaseSql(name: TableName): string {
  return `CREATE DATABASE IF NOT EXISTS \`${name.database}\``
}

/** One row as JSONEachRow writes it. */
export interface WarehouseRow {
  readonly id: string
  readonly seq: number
  readonly title: string
  readonly category: string
  readonly level: number
  readonly start_ms: number
  readonly end_ms: number
  readonly precision: string
  readonly countries: readonly string[]
  /** Countries taking part from elsewhere (mediators, hosts): kept, never counted as the event's places. */
  readonly involved_countries: readonly string[]
  readonly regions: readonly string[]
  readonly named_regions: readonly string[]
  readonly actors: readonly string[]
  readonly lat: number | null
  readonly lon: number | null
  readonly approximate: number
  readonly event: string
  readonly version: number
}

export interface RowPlacement {
  /** Every region of the event (its own with their ancestors, and its countries'). */
  readonly regions: readonly string[]
  /** Where the map draws it: its location, or its country's centroid; null when neither is known. */
  readonly point: readonly [number, number] | null
}

/**
 * The row of one event. `seq` orders events loaded together (the list's tie-break, and the
 * engine's handle on the row); `version` is the load's, so that a later load wins.
 */
export function warehouseRow(event: ThreatEvent, placement: RowPlacement, seq: number, version: number): WarehouseRow {
  return {
    id: event.id,
    seq,
    title: event.title,
    category: event.category ?? '',
    level: event.threatLevel,
    start_ms: event.date.startMs,
    end_ms: Math.max(event.date.endMs, event.endDate?.endMs ?? event.date.endMs),
    precision: event.date.precision,
    countries: event.countries,
    involved_countries: event.involvedCountries ?? [],
    regions: placement.regions,
    named_regions: event.regions,
    actors: event.actors.map((a) => a.name),
    // An unplaced event has no coordinates (NULL), never 0,0.
    lat: placement.point?.[0] ?? null,
    lon: placement.point?.[1] ?? null,
    approximate: event.location ? 0 : 1,
    event: JSON.stringify(event),
    version,
  }
}

/** The rows of a dataset's events, `seq` counting from `firstSeq` in the dataset's order. */
export function warehouseRowsOf(dataset: Pick<Dataset, 'regions' | 'events'>, firstSeq: number, version: number): WarehouseRow[] {
  const expand = regionExpander(dataset)
  return dataset.events.map((event, i) => {
    const point = event.location ? ([event.location.latDeg, event.location.lonDeg] as const) : centroidOf(event.countries)
    return warehouseRow(event, { regions: expand(event), point }, firstSeq + i, version)
  })
}

/** The cube the warehouse keeps beside the events table (`NAME_cube`, fed by `NAME_cube_mv`). */
export function cubeTableName(name: TableName): TableName {
  return { database: name.database, table: `${name.table}_cube` }
}

const DAY_MS_SQL = 86_400_000

/**
 * The cube's cell of an event, as SQL over the events layout: its start taken down and its end
 * up to whole UTC days (events of one day share a cell; longer spans keep theirs), its level,
 * category and place set (`place` is a hash of the three place arrays, so a cell's key is short;
 * rows store it as `place_set`). DAY_SPAN_SQL is its time part alone.
 */
export const DAY_SPAN_SQL = `toInt64(floor(start_ms / ${DAY_MS_SQL})) * ${DAY_MS_SQL} AS start_day_ms, toInt64(ceil(end_ms / ${DAY_MS_SQL})) * ${DAY_MS_SQL} AS end_day_ms`

export const CUBE_CELL_SQL = `${DAY_SPAN_SQL},
  level, category, cityHash64(countries, regions, named_regions) AS place, countries, regions, named_regions`

const CUBE_GROUP_SQL = 'start_day_ms, end_day_ms, level, category, place, countries, regions, named_regions'

/**
 * The kept cube's DDL (docs/warehouse.md): a SummingMergeTree of cells with their event count,
 * and a materialised view that adds every inserted block's cells to it, so the cube is ready
 * whatever the table's size. Create both before loading, or fill the cube from a loaded table
 * with `fillCubeSql`. The engine reads it while its events add up to the table's (FINAL) count,
 * and groups the table itself otherwise (a re-load that replaced events counts them twice here
 * until the cube is refilled).
 */
export function createCubeSql(name: TableName): string[] {
  const cube = cubeTableName(name)
  return [
    `CREATE TABLE IF NOT EXISTS ${quotedTable(cube)}
(
    start_day_ms  Int64,
    end_day_ms    Int64,
    level         UInt8,
    category      LowCardinality(String),
    place         UInt64,
    countries     Array(LowCardinality(String)),
    regions       Array(LowCardinality(String)),
    named_regions Array(LowCardinality(String)),
    n             UInt64
)
ENGINE = SummingMergeTree(n)
ORDER BY (start_day_ms, end_day_ms, level, category, place)`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${quotedTable({ database: name.database, table: `${name.table}_cube_mv` })} TO ${quotedTable(cube)}
AS SELECT ${CUBE_CELL_SQL}, count() AS n
FROM ${quotedTable(name)}
GROUP BY ${CUBE_GROUP_SQL}`,
  ]
}

/** Fills (or refills) the kept cube from the table as it stands. */
export function fillCubeSql(name: TableName): string[] {
  const cube = cubeTableName(name)
  return [
    `TRUNCATE TABLE IF EXISTS ${quotedTable(cube)}`,
    `INSERT INTO ${quotedTable(cube)} SELECT ${CUBE_CELL_SQL}, count() AS n FROM ${quotedTable(name)} FINAL GROUP BY ${CUBE_GROUP_SQL}`,
  ]
}

/** The actor facet the warehouse keeps beside the events table (`NAME_actor_facet`, fed by `NAME_actor_facet_mv`). */
export function actorFacetTableName(name: TableName): TableName {
  return { database: name.database, table: `${name.table}_actor_facet` }
}

/**
 * A row per actor an event names (each actor once) and one more per event (`total` 1, no
 * actor), with the event's level: what the kept actor facet sums. Its events total (`total` 1)
 * tells whether it holds the table's events.
 */
const ACTOR_FACET_SQL = `entry.1 AS total, entry.2 AS actor, level, count() AS n
FROM %FROM% ARRAY JOIN arrayPushFront(arrayMap(a -> (toUInt8(0), a), arrayDistinct(actors)), (toUInt8(1), '')) AS entry
GROUP BY total, actor, level`

/**
 * The kept actor facet's DDL (docs/warehouse.md): a SummingMergeTree of (actor, level) with the
 * events the actor takes part in at that level, beside a row per level with the events
 * themselves (`total` 1), and a materialised view that adds every inserted block's to it. The
 * engine reads the facet for no filter but levels from it while its events add up to the table's
 * (FINAL) count, and asks the table otherwise (a re-load that replaced events counts them twice
 * here until the facet is refilled).
 */
export function createActorFacetSql(name: TableName): string[] {
  const facet = actorFacetTableName(name)
  return [
    `CREATE TABLE IF NOT EXISTS ${quotedTable(facet)}
(
    total         UInt8,
    actor         String,
    level         UInt8,
    n             UInt64
)
ENGINE = SummingMergeTree(n)
ORDER BY (total, actor, level)`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${quotedTable({ database: name.database, table: `${facet.table}_mv` })} TO ${quotedTable(facet)}
AS SELECT ${ACTOR_FACET_SQL.replace('%FROM%', quotedTable(name))}`,
  ]
}

/** Fills (or refills) the kept actor facet from the table as it stands. */
export function fillActorFacetSql(name: TableName): string[] {
  const facet = actorFacetTableName(name)
  return [`TRUNCATE TABLE IF EXISTS ${quotedTable(facet)}`, `INSERT INTO ${quotedTable(facet)} SELECT ${ACTOR_FACET_SQL.replace('%FROM%', `${quotedTable(name)} FINAL`)}`]
}
