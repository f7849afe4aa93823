import { DAY_MS } from '../../domain/dates.ts'
import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import { DictionaryBuilder } from '../../domain/table.ts'
import { filterSql } from '../../domain/warehouse/filter-sql.ts'
import { CUBE_CELL_SQL, DAY_SPAN_SQL, cubeTableName, quotedTable, type TableName } from '../../domain/warehouse/table-layout.ts'
import { readFrom, type SourceTable } from '../../domain/warehouse/source-table.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/**
 * The sparse cube: the warehouse's events grouped by everything the in-tab filters and views
 * read — time, level, category and place set (countries, regions, the regions the events name)
 * — with the number of events in each cell. Instants are taken outward to whole UTC days (start
 * down, end up), so events within a day share a day whatever their times: day-, month- and
 * year-precise events keep their exact span; an instant-precise event counts over its day in the
 * cube's counts and indexes (the list, markers and lanes' marks, which come from the warehouse,
 * keep its instant).
 *
 * The cube's grain is a period of `grainDays` days counted from 1 January 1970 (1, 7 or 28; see
 * chooseGrain). Events of one day are *daily*: the cell is the period, and its slots hold how
 * many of its events fell on each of its days, so every view still reads them day by day and
 * stays exact at any grain. Events over several days keep their span as a cell of their own
 * (no slots). Cells with no events are absent, so the size follows the data's variety, not the
 * product of the dimensions. It is fetched once per coarse filter set (actors and text, which it
 * does not hold) and the time, place, level and category filters are applied to it in the tab
 * (cube-counts.ts).
 */
export interface Cube {
  /** Cells. */
  readonly size: number
  /** Events in all cells. */
  readonly events: number
  /** Days in a period of daily cells. */
  readonly grainDays: number
  /** A daily cell's period, or a span cell's span (whole UTC days). */
  readonly startMs: Float64Array
  readonly endMs: Float64Array
  readonly level: Uint8Array
  /** Code in `categories`. */
  readonly category: Uint32Array
  /** Id of the cell's place set in `places`. */
  readonly place: Uint32Array
  /** Events in the cell. */
  readonly weight: Uint32Array
  /** The cell's slots are `slotFirst[i]` up to `slotFirst[i + 1]`; none for a span cell. */
  readonly slotFirst: Uint32Array
  /** A slot's day within its cell's period (0 is the period's first). */
  readonly slotDay: Uint16Array
  /** A slot's events. */
  readonly slotN: Uint32Array
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

/** The periods the cube may be grained by, finest first. */
export const GRAIN_DAYS = [1, 7, 28] as const

/** Cells a cube may hold before a coarser grain is taken: a toggle stays well within 50 ms. */
export const GRAIN_TARGET_CELLS = 200_000

/**
 * The finest grain whose cube stays within GRAIN_TARGET_CELLS, from the day-grained cube's cell
 * count, the distinct (level, category, place set) combinations and the table's span in days: a
 * cube grained by `k` days holds about min(dayCells, combinations × periods) cells. Sparse data
 * (few events per combination) keeps the day; dense data over years takes 7 or 28 days.
 */
export function chooseGrain(dayCells: number, combinations: number, spanDays: number): number {
  const cellsAt = (k: number): number => Math.min(dayCells, combinations * Math.ceil(Math.max(1, spanDays) / k))
  return GRAIN_DAYS.find((k) => cellsAt(k) <= GRAIN_TARGET_CELLS) ?? GRAIN_DAYS[GRAIN_DAYS.length - 1]!
}

/** Calls `visit` with each group of a cell's events that share a span: a span cell once, a daily cell per day with events. */
export function forEachSpan(cube: Cube, i: number, visit: (startMs: number, endMs: number, n: number) => void): void {
  const first = cube.slotFirst[i]!
  const last = cube.slotFirst[i + 1]!
  if (first === last) {
    visit(cube.startMs[i]!, cube.endMs[i]!, cube.weight[i]!)
    return
  }
  const start = cube.startMs[i]!
  for (let s = first; s < last; s++) {
    const dayMs = start + cube.slotDay[s]! * DAY_MS
    visit(dayMs, dayMs + DAY_MS, cube.slotN[s]!)
  }
}

/** A cell's events overlapping [fromMs, toMs): all of a span cell's when it overlaps, a daily cell's on the days that do. */
export function eventsIn(cube: Cube, i: number, fromMs: number, toMs: number): number {
  const start = cube.startMs[i]!
  const end = cube.endMs[i]!
  if (!(start < toMs && end > fromMs)) return 0
  const first = cube.slotFirst[i]!
  const last = cube.slotFirst[i + 1]!
  if (first === last || (start >= fromMs && end <= toMs)) return cube.weight[i]!
  let n = 0
  for (let s = first; s < last; s++) {
    const dayMs = start + cube.slotDay[s]! * DAY_MS
    if (dayMs < toMs && dayMs + DAY_MS > fromMs) n += cube.slotN[s]!
  }
  return n
}

/** The coarse part of a filter: what the cube is fetched for. */
export function coarseKey(filter: FilterSpec): string {
  return JSON.stringify([[...filter.actors].sort(), filter.text.trim().toLowerCase()])
}

/**
 * Cells as the warehouse sends them, a column each: start and end day (days since 1970; the
 * period for a daily cell), level, category, place-set key, events, whether the cell is daily,
 * and a daily cell's days (within the period) with their events.
 */
export interface CellColumns {
  readonly start_day: readonly number[]
  readonly end_day: readonly number[]
  readonly level: readonly number[]
  readonly category: readonly string[]
  readonly place: readonly string[]
  readonly events: readonly number[]
  readonly daily: readonly number[]
  readonly days: readonly (readonly number[])[]
  readonly counts: readonly (readonly number[])[]
}

/** A place set's arrays, by its key. */
export type PlaceRow = readonly [place: string, countries: readonly string[], regions: readonly string[], namedRegions: readonly string[]]

/** Builds the in-tab cube from the warehouse's cells and the place sets they name. */
export function cubeOf(cells: CellColumns, placeRows: readonly PlaceRow[], grainDays = 1): Cube {
  const n = cells.events.length
  const startMs = new Float64Array(n)
  const endMs = new Float64Array(n)
  const level = new Uint8Array(n)
  const category = new Uint32Array(n)
  const place = new Uint32Array(n)
  const weight = new Uint32Array(n)
  const slotFirst = new Uint32Array(n + 1)
  let slots = 0
  for (let i = 0; i < n; i++) if (cells.daily[i] === 1) slots += cells.days[i]!.length
  const slotDay = new Uint16Array(slots)
  const slotN = new Uint32Array(slots)
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
  let slot = 0
  for (let i = 0; i < n; i++) {
    startMs[i] = cells.start_day[i]! * DAY_MS
    endMs[i] = cells.end_day[i]! * DAY_MS
    level[i] = cells.level[i]!
    category[i] = categories.code(cells.category[i]!)
    const set = setIds.get(cells.place[i]!)
    if (set === undefined) throw new Error(`The warehouse's cube names a place set it did not send (${cells.place[i]}).`)
    place[i] = set
    weight[i] = cells.events[i]!
    events += cells.events[i]!
    slotFirst[i] = slot
    if (cells.daily[i] === 1) {
      const days = cells.days[i]!
      const counts = cells.counts[i]!
      for (let d = 0; d < days.length; d++, slot++) {
        slotDay[slot] = days[d]!
        slotN[slot] = counts[d]!
      }
    }
  }
  slotFirst[n] = slot
  return {
    size: n,
    events,
    grainDays,
    startMs,
    endMs,
    level,
    category,
    place,
    weight,
    slotFirst,
    slotDay,
    slotN,
    categories: categories.build().values,
    places: { size: countries.length, countryValues: countryDict.build().values, regionValues: regionDict.build().values, countries, regions, named },
  }
}

/** Whether `filter` has a coarse part (actors or text): the kept cube holds neither. */
export function hasCoarse(filter: FilterSpec): boolean {
  return filter.actors.length > 0 || filter.text.trim() !== ''
}

/**
 * The cells of `dayCells` (a query of day-grained cells: start_day_ms, end_day_ms, level,
 * category, place, n and the `extra` columns) at a grain of `grain_ms`: one-day cells folded into
 * their period with their days and counts as arrays, span cells as they are.
 */
function grainedSql(dayCells: string, extra: readonly string[]): string {
  const keys = ['cell_start', 'cell_end', 'level', 'category', 'place', 'daily', ...extra].join(', ')
  return `SELECT toInt32(intDiv(cell_start, ${DAY_MS})) AS start_day, toInt32(intDiv(cell_end, ${DAY_MS})) AS end_day, level, category, toString(place) AS place_key,
       toUInt32(sum(n)) AS events, daily, if(daily, groupArray(toUInt16(intDiv(start_day_ms - cell_start, ${DAY_MS}))), []) AS days,
       if(daily, groupArray(toUInt32(n)), []) AS counts${extra.map((c) => `, ${c}`).join('')}
FROM (SELECT *, toUInt8(end_day_ms - start_day_ms = ${DAY_MS}) AS daily,
             if(daily = 1, toInt64(floor(start_day_ms / {grain_ms:Int64})) * {grain_ms:Int64}, start_day_ms) AS cell_start,
             if(daily = 1, cell_start + {grain_ms:Int64}, end_day_ms) AS cell_end
      FROM (${dayCells}))
GROUP BY ${keys}`
}

/** The cells' columns as the warehouse names them (`place_key`: `place` is the day cells' hash). */
function cellsOf(columns: Omit<CellColumns, 'place'> & { readonly place_key: readonly string[] }): CellColumns {
  return { ...columns, place: columns.place_key }
}

/**
 * Fetches the cube for the coarse part of `filter` (its actors and text) at a grain of
 * `grainDays`. With no coarse filter and `kept` (the warehouse keeps a cube beside the table,
 * createCubeSql, whose events add up to the table's), the cells are read from the kept cube: a
 * few million rows at most, whatever the table's size (FINAL sums the cells a merge has not summed
 * yet: several times faster than grouping them). Otherwise the table is grouped into cells
 * as the kept cube groups it. Cells come as compact arrays with a place-set key; the place sets
 * come once each.
 */
export async function fetchCube(client: WarehouseClient, table: SourceTable, filter: FilterSpec, signal?: AbortSignal, kept = false, grainDays = 1): Promise<Cube> {
  const options = { signal, maxRows: MAX_CUBE_CELLS }
  const grain = { grain_ms: grainDays * DAY_MS }
  if (kept && !hasCoarse(filter)) {
    const cube = quotedTable(cubeTableName(table))
    const [rows, places] = await Promise.all([
      client.columns<Omit<CellColumns, 'place'> & { readonly place_key: readonly string[] }>(grainedSql(`SELECT start_day_ms, end_day_ms, level, category, place, n FROM ${cube} FINAL`, []), grain, options),
      client.compactRows<PlaceRow>(`SELECT toString(place), any(countries), any(regions), any(named_regions) FROM ${cube} GROUP BY place`, {}, options),
    ])
    return cubeOf(cellsOf(rows), places, grainDays)
  }
  const where = filterSql(filter, ['time', 'region', 'country', 'level', 'category'], table.text)
  if (kept && table.placeSet === true) {
    // Rows carry the kept cube's place-set key, and the kept cube holds every set: the matching
    // rows are grouped on one integer, and the sets' arrays come from the kept cube.
    const cube = quotedTable(cubeTableName(table))
    const [rows, places] = await Promise.all([
      client.columns<Omit<CellColumns, 'place'> & { readonly place_key: readonly string[] }>(
        grainedSql(
          `SELECT start_day_ms, end_day_ms, level, category, place, count() AS n
           FROM (SELECT ${DAY_SPAN_SQL}, level, category, place_set AS place FROM ${readFrom(table)} WHERE ${where.sql})
           GROUP BY start_day_ms, end_day_ms, level, category, place`,
          [],
        ),
        { ...where.params, ...grain },
        options,
      ),
      client.compactRows<PlaceRow>(`SELECT toString(place), any(countries), any(regions), any(named_regions) FROM ${cube} GROUP BY place`, {}, options),
    ])
    return cubeOf(cellsOf(rows), places, grainDays)
  }
  const cells = await client.columns<CellColumns & { readonly place_key: readonly string[]; readonly countries: readonly string[][]; readonly regions: readonly string[][]; readonly named_regions: readonly string[][] }>(
    grainedSql(
      `SELECT start_day_ms, end_day_ms, level, category, place, countries, regions, named_regions, count() AS n
       FROM (SELECT ${CUBE_CELL_SQL} FROM ${readFrom(table)} WHERE ${where.sql})
       GROUP BY start_day_ms, end_day_ms, level, category, place, countries, regions, named_regions`,
      ['countries', 'regions', 'named_regions'],
    ),
    { ...where.params, ...grain },
    options,
  )
  const places = cells.place_key.map((key, i): PlaceRow => [key, cells.countries[i]!, cells.regions[i]!, cells.named_regions[i]!])
  return cubeOf(cellsOf(cells), places, grainDays)
}

/**
 * What chooseGrain reads: the day-grained cube's cells and its distinct (level, category, place
 * set) combinations, from the kept cube when there is one, else estimated from the table.
 */
export async function cubeShape(client: WarehouseClient, table: TableName, kept: boolean, signal?: AbortSignal): Promise<{ cells: number; combinations: number }> {
  const sql = kept
    ? `SELECT count() AS cells, uniq(level, category, place) AS combinations FROM ${quotedTable(cubeTableName(table))}`
    : `SELECT uniq(toDate(intDiv(start_ms, 1000)), level, category, countries, regions, named_regions) AS cells, uniq(level, category, countries, regions, named_regions) AS combinations FROM ${quotedTable(table)}`
  const [row] = await client.rows<{ cells: number; combinations: number }>(sql, {}, { signal })
  return { cells: Number(row?.cells ?? 0), combinations: Number(row?.combinations ?? 0) }
}

/** Events the kept cube holds, or null when the warehouse keeps no cube for `table`. */
export async function keptCubeEvents(client: WarehouseClient, table: TableName, signal?: AbortSignal): Promise<number | null> {
  const [exists] = await client.rows<{ n: number }>('SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {name:String}', { db: table.database, name: cubeTableName(table).table }, { signal })
  if (exists === undefined || exists.n === 0) return null
  const [row] = await client.rows<{ n: number }>(`SELECT toUInt64(sum(n)) AS n FROM ${quotedTable(cubeTableName(table))}`, {}, { signal })
  return row?.n ?? 0
}
