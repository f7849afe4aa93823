import { DAY_MS } from '../../domain/dates.ts'
import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import { DictionaryBuilder } from '../../domain/table.ts'
import { filterSql } from '../../domain/warehouse/filter-sql.ts'
import { quotedTable, type TableName } from '../../domain/warehouse/table-layout.ts'
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

interface CellRow {
  readonly start_day_ms: number
  readonly end_day_ms: number
  readonly level: number
  readonly category: string
  readonly countries: readonly string[]
  readonly regions: readonly string[]
  readonly named_regions: readonly string[]
  readonly n: number
}

/** Builds the in-tab cube from the warehouse's grouped rows. */
export function cubeOf(rows: readonly CellRow[]): Cube {
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
  let events = 0
  rows.forEach((row, i) => {
    startMs[i] = row.start_day_ms
    endMs[i] = row.end_day_ms
    level[i] = row.level
    category[i] = categories.code(row.category)
    weight[i] = row.n
    events += row.n
    const key = `${row.countries.join(',')}|${row.regions.join(',')}|${row.named_regions.join(',')}`
    let set = setIds.get(key)
    if (set === undefined) {
      set = countries.length
      setIds.set(key, set)
      countries.push(Uint32Array.from(new Set(row.countries), (c) => countryDict.code(c)))
      regions.push(Uint32Array.from(new Set(row.regions), (r) => regionDict.code(r)))
      named.push(Uint32Array.from(row.named_regions, (r) => regionDict.code(r)))
    }
    place[i] = set
  })
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

/** Fetches the cube for the coarse part of `filter` (its actors and text). */
export async function fetchCube(client: WarehouseClient, table: TableName, filter: FilterSpec, signal?: AbortSignal): Promise<Cube> {
  const where = filterSql(filter, ['time', 'region', 'country', 'level', 'category'])
  const rows = await client.rows<CellRow>(
    `SELECT toInt64(floor(start_ms / ${DAY_MS})) * ${DAY_MS} AS start_day_ms, toInt64(ceil(end_ms / ${DAY_MS})) * ${DAY_MS} AS end_day_ms,
       level, category, countries, regions, named_regions, count() AS n
     FROM ${quotedTable(table)} FINAL
     WHERE ${where.sql}
     GROUP BY start_day_ms, end_day_ms, level, category, countries, regions, named_regions`,
    where.params,
    { signal, maxRows: MAX_CUBE_CELLS },
  )
  return cubeOf(rows)
}
