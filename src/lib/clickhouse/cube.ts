import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import { DictionaryBuilder } from '../../domain/table.ts'
import { filterSql } from '../../domain/warehouse/filter-sql.ts'
import { CUBE_CELL_SQL, cubeTableName, quotedTable, type TableName } from '../../domain/warehouse/table-layout.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/**
 * The sparse cube: the warehouse's events grouped by everything the in-tab filters and views
 * read — start and end day, level, category and place set (countries, regions, the regions the
 * events name) — with the number of events in each cell. Instants are taken outward to whole
 * UTC days (start down, end up), so events within a day share a cell whatever their times:
 * day-, month- and year-precise events keep their exact span; an instant-precise event counts
 * over its day in the cube's counts and indexes (the list, markers and lanes' marks, which come
 * from the warehouse, keep its instant). Cells with no events are absent,
 * so its size follows the data's variety, not the product of the dimensions. It is fetched once
 * per coarse filter set (actors and text, which it does not hold) and the time, place, level and
 * category filters are applied to it in the tab (cube-counts.ts).
 */
export interface Cube {
  /** Cells. */
  readonly size: number
  /** Events in all cells. */
  readonly events: number
  readonly startMs: Float64Array
  readonly endMs: Float64Array
  readonly level: Uint8Array
  /** Code in `categories`. */
  readonly category: Uint32Array
  /** Id of the cell's place set in `places`. */
  readonly place: Uint32Array
  /** Events in the cell. */
  readonly weight: Uint32Array
  readonly categories: readonly string[]
  readonly places: PlaceSets
}

/** Place sets: each distinct (countries, regions, named regions) once, by value codes. */
export interface PlaceSets {
  readonly size: number
  readonly countryValues: readonly string[]
  readonly regionValues: readonly string[]
  readonly countries: readonly Uint32Array[]
  readonly regions: readonly Uint32Array[]
  /** The regions the events name themselves (not through a country), as codes in `regionValues`. */
  readonly named: readonly Uint32Array[]
}

/** Most cells the tab takes; a wider cube asks the analyst to narrow the coarse filters. */
export const MAX_CUBE_CELLS = 2_000_000

/** The coarse part of a filter: what the cube is fetched for. */
export function coarseKey(filter: FilterSpec): string {
  return JSON.stringify([[...filter.actors].sort(), filter.text.trim().toLowerCase()])
}

/** A cell as the warehouse sends it: start and end day (ms), level, category, place-set key, events. */
export type CellRow = readonly [startDayMs: number, endDayMs: number, level: number, category: string, place: string, n: number]

/** A place set's arrays, by its key. */
export type PlaceRow = readonly [place: string, countries: readonly string[], regions: readonly string[], namedRegions: readonly string[]]

/** Builds the in-tab cube from the warehouse's cells and the place sets they name. */
export function cubeOf(rows: readonly CellRow[], placeRows: readonly PlaceRow[]): Cube {
  const n = rows.length
  const startMs = new Float64Array(n)
  const endMs = new Float64Array(n)
  const level = new Uint8Array(n)
  const category = new Uint32Array(n)
  const place = new Uint32Array(n)
  const weight = new Uint32Array(n)
  const categories = new DictionaryBuilder([''])
  const countryDict = new DictionaryBuilder()
  const regionDict = new DictionaryBuilder()
  const setIds = new Map<string, number>()
  const countries: Uint32Array[] = []
  const regions: Uint32Array[] = []
  const named: Uint32Array[] = []
  for (const [key, c, r, nr] of placeRows) {
    if (setIds.has(key)) continue
    setIds.set(key, countries.length)
    countries.push(Uint32Array.from(new Set(c), (v) => countryDict.code(v)))
    regions.push(Uint32Array.from(new Set(r), (v) => regionDict.code(v)))
    named.push(Uint32Array.from(nr, (v) => regionDict.code(v)))
  }
  let events = 0
  for (let i = 0; i < n; i++) {
    const row = rows[i]!
    startMs[i] = row[0]
    endMs[i] = row[1]
    level[i] = row[2]
    category[i] = categories.code(row[3])
    const set = setIds.get(row[4])
    if (set === undefined) throw new Error(`The warehouse's cube names a place set it did not send (${row[4]}).`)
    place[i] = set
    weight[i] = row[5]
    events += row[5]
  }
  return {
    size: n,
    events,
    startMs,
    endMs,
    level,
    category,
    place,
    weight,
    categories: categories.build().values,
    places: { size: countries.length, countryValues: countryDict.build().values, regionValues: regionDict.build().values, countries, regions, named },
  }
}

/** Whether `filter` has a coarse part (actors or text): the kept cube holds neither. */
function hasCoarse(filter: FilterSpec): boolean {
  return filter.actors.length > 0 || filter.text.trim() !== ''
}

/**
 * Fetches the cube for the coarse part of `filter` (its actors and text). With no coarse filter
 * and `kept` (the warehouse keeps a cube beside the table, createCubeSql, whose events add up to
 * the table's), the cells are read from the kept cube: a few million rows at most, whatever the
 * table's size. Otherwise the table is grouped into cells as the kept cube groups it. Cells come
 * as compact arrays with a place-set key; the place sets come once each.
 */
export async function fetchCube(client: WarehouseClient, table: TableName, filter: FilterSpec, signal?: AbortSignal, kept = false): Promise<Cube> {
  const options = { signal, maxRows: MAX_CUBE_CELLS }
  if (kept && !hasCoarse(filter)) {
    const cube = quotedTable(cubeTableName(table))
    const [rows, places] = await Promise.all([
      client.compactRows<CellRow>(
        `SELECT start_day_ms, end_day_ms, level, category, toString(place), toUInt32(sum(n)) FROM ${cube} GROUP BY start_day_ms, end_day_ms, level, category, place`,
        {},
        options,
      ),
      client.compactRows<PlaceRow>(`SELECT toString(place), any(countries), any(regions), any(named_regions) FROM ${cube} GROUP BY place`, {}, options),
    ])
    return cubeOf(rows, places)
  }
  const where = filterSql(filter, ['time', 'region', 'country', 'level', 'category'])
  const rows = await client.compactRows<[number, number, number, string, string, string[], string[], string[], number]>(
    `SELECT start_day_ms, end_day_ms, level, category, toString(place), countries, regions, named_regions, toUInt32(count())
     FROM (SELECT ${CUBE_CELL_SQL} FROM ${quotedTable(table)} FINAL WHERE ${where.sql})
     GROUP BY start_day_ms, end_day_ms, level, category, place, countries, regions, named_regions`,
    where.params,
    options,
  )
  return cubeOf(
    rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[8]]),
    rows.map((r) => [r[4], r[5], r[6], r[7]]),
  )
}

/** Events the kept cube holds, or null when the warehouse keeps no cube for `table`. */
export async function keptCubeEvents(client: WarehouseClient, table: TableName, signal?: AbortSignal): Promise<number | null> {
  const [exists] = await client.rows<{ n: number }>('SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {name:String}', { db: table.database, name: cubeTableName(table).table }, { signal })
  if (exists === undefined || exists.n === 0) return null
  const [row] = await client.rows<{ n: number }>(`SELECT toUInt64(sum(n)) AS n FROM ${quotedTable(cubeTableName(table))}`, {}, { signal })
  return row?.n ?? 0
}
