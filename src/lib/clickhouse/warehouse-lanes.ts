import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import { columnOfMs, dayColumns, laneColumnOf, type DayColumns } from '../../domain/engine/local/lane-grid.ts'
import { laneRegionsOf, MAX_LANE_MARKS, rankLanes, regionKinds } from '../../domain/engine/local/lanes.ts'
import type { EventMarkData, LaneAsk, LanesView } from '../../domain/engine/views-engine.ts'
import type { RegionDef, ThreatLevel } from '../../domain/model.ts'
import { lookupRegion } from '../../domain/regions.ts'
import { filterSql } from '../../domain/warehouse/filter-sql.ts'
import { readFrom, type SourceTable } from '../../domain/warehouse/source-table.ts'
import { BIT } from './cube-counts.ts'
import { eventsIn, forEachSpan, type Cube } from './cube.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/**
 * The timeline's lanes in warehouse mode, the same answer as the local engine's (local/lanes.ts):
 * the busiest regions or actors among the events that pass every filter but time and overlap
 * the span, with their marks when at most MAX_LANE_MARKS, else their density per pixel column.
 * Region lanes are counted and drawn as density from the cube in the tab; the warehouse is asked
 * only for what the cube does not hold: the few hundred marks (one bounded query), and actors
 * (their counts in the span, then their events grouped by start, end and level for density).
 */

/** Most actors counted for actor lanes, as the actor facet. */
const MAX_LANE_ACTORS = 5_000

/** Most (actor, start, end, level) groups taken to draw actor density. */
export const MAX_LANE_CELLS = 500_000

interface Grouped {
  readonly lane: number
  readonly startMs: number
  readonly endMs: number
  readonly level: number
  readonly n: number
}

export interface LaneSources {
  readonly client: WarehouseClient
  readonly table: SourceTable
  readonly cube: Cube
  readonly mask: Uint8Array
  readonly custom: readonly RegionDef[]
}

export async function warehouseLanes(src: LaneSources, ask: LaneAsk, filter: FilterSpec, signal?: AbortSignal): Promise<LanesView> {
  const { mode, columns } = ask
  const chosen = mode === 'region' ? regionCounts(src, ask) : await actorCounts(src, ask, filter, signal)
  const lanesOf = chosen.values.map((value, i) => ({ value, count: chosen.counts[i]! }))
  const total = chosen.counts.reduce((a, b) => a + b, 0)
  if (total <= MAX_LANE_MARKS) {
    const marks = await laneMarks(src, ask, filter, chosen.values, signal)
    return { mode, lanes: lanesOf.map((lane, i) => ({ ...lane, marks: marks[i]! })), density: false, counts: null, maxLevel: null, columns }
  }
  const grouped = mode === 'region' ? regionCells(src, ask, chosen.values) : await actorCells(src, ask, filter, chosen.values, signal)
  const { counts, maxLevel } = densityOf(grouped, chosen.values.length, dayColumns(ask.span, columns, laneColumnOf(ask)), columns)
  return { mode, lanes: lanesOf.map((lane) => ({ ...lane, marks: [] })), density: true, counts, maxLevel, columns }
}

/** The chosen lanes' values and event counts, busiest first. */
interface Chosen {
  readonly values: readonly string[]
  readonly counts: readonly number[]
}

function inSpan(cube: Cube, mask: Uint8Array, i: number, ask: LaneAsk): boolean {
  return (mask[i]! & ~BIT.time) === 0 && cube.startMs[i]! < ask.span.toMs && cube.endMs[i]! > ask.span.fromMs
}

/** The lane regions of each of the cube's place sets. */
function cubeLaneRegions(cube: Cube, custom: readonly RegionDef[]): Uint32Array[] {
  const kindOf = regionKinds(cube.places.regionValues, custom)
  return cube.places.regions.map((codes) => laneRegionsOf(codes, kindOf))
}

function regionCounts({ cube, mask, custom }: LaneSources, ask: LaneAsk): Chosen {
  const { regionValues } = cube.places
  const laneRegions = cubeLaneRegions(cube, custom)
  const counts = new Uint32Array(regionValues.length)
  for (let i = 0; i < cube.size; i++) {
    if (!inSpan(cube, mask, i, ask)) continue
    const n = eventsIn(cube, i, ask.span.fromMs, ask.span.toMs)
    for (const c of laneRegions[cube.place[i]!]!) counts[c]! += n
  }
  const { codes } = rankLanes(counts, (c) => lookupRegion(regionValues[c]!, custom)?.name ?? regionValues[c]!, ask.limit)
  return { values: codes.map((c) => regionValues[c]!), counts: codes.map((c) => counts[c]!) }
}

function regionCells({ cube, mask, custom }: LaneSources, ask: LaneAsk, lanes: readonly string[]): Grouped[] {
  const laneOfValue = new Map(lanes.map((v, i) => [v, i]))
  const laneOfCode = cube.places.regionValues.map((v) => laneOfValue.get(v) ?? -1)
  const laneRegions = cubeLaneRegions(cube, custom)
  const out: Grouped[] = []
  for (let i = 0; i < cube.size; i++) {
    if (!inSpan(cube, mask, i, ask)) continue
    const level = cube.level[i]!
    for (const c of laneRegions[cube.place[i]!]!) {
      const lane = laneOfCode[c]!
      if (lane < 0) continue
      forEachSpan(cube, i, (startMs, endMs, n) => {
        if (startMs < ask.span.toMs && endMs > ask.span.fromMs) out.push({ lane, startMs, endMs, level, n })
      })
    }
  }
  return out
}

function spanWhere(table: SourceTable, filter: FilterSpec, ask: LaneAsk): { sql: string; params: Record<string, unknown> } {
  const where = filterSql(filter, ['time'], table.text)
  return {
    sql: `${where.sql} AND start_ms < {lane_to:Int64} AND end_ms > {lane_from:Int64}`,
    params: { ...where.params, lane_to: Math.floor(ask.span.toMs), lane_from: Math.ceil(ask.span.fromMs) },
  }
}

async function actorCounts({ client, table }: LaneSources, ask: LaneAsk, filter: FilterSpec, signal?: AbortSignal): Promise<Chosen> {
  const where = spanWhere(table, filter, ask)
  const rows = await client.rows<{ actor: string; n: number }>(
    `SELECT actor, count() AS n FROM ${readFrom(table)} ARRAY JOIN arrayDistinct(actors) AS actor
     WHERE ${where.sql} GROUP BY actor ORDER BY n DESC, actor LIMIT ${MAX_LANE_ACTORS}`,
    where.params,
    { signal },
  )
  const counts = rows.map((r) => Number(r.n))
  const { codes } = rankLanes(counts, (i) => rows[i]!.actor, ask.limit)
  return { values: codes.map((i) => rows[i]!.actor), counts: codes.map((i) => counts[i]!) }
}

async function actorCells({ client, table }: LaneSources, ask: LaneAsk, filter: FilterSpec, lanes: readonly string[], signal?: AbortSignal): Promise<Grouped[]> {
  const where = spanWhere(table, filter, ask)
  const rows = await client.rows<{ actor: string; start_ms: number; end_ms: number; level: number; n: number }>(
    `SELECT actor, start_ms, end_ms, level, count() AS n FROM ${readFrom(table)} ARRAY JOIN arrayDistinct(actors) AS actor
     WHERE ${where.sql} AND actor IN {lanes:Array(String)} GROUP BY actor, start_ms, end_ms, level`,
    { ...where.params, lanes: [...lanes] },
    { signal, maxRows: MAX_LANE_CELLS },
  )
  const laneOf = new Map(lanes.map((v, i) => [v, i]))
  return rows.map((r) => ({ lane: laneOf.get(r.actor)!, startMs: r.start_ms, endMs: r.end_ms, level: r.level, n: Number(r.n) }))
}

/** Each lane's marks, oldest first: one query for the few hundred events of the chosen lanes in the span. */
async function laneMarks({ client, table, custom }: LaneSources, ask: LaneAsk, filter: FilterSpec, lanes: readonly string[], signal?: AbortSignal): Promise<EventMarkData[][]> {
  const out: EventMarkData[][] = lanes.map(() => [])
  if (lanes.length === 0) return out
  const column = ask.mode === 'region' ? 'regions' : 'actors'
  const where = spanWhere(table, filter, ask)
  const rows = await client.rows<{ seq: number; title: string; start_ms: number; end_ms: number; precision: string; level: number; lane_values: string[] }>(
    `SELECT seq, title, start_ms, end_ms, precision, level, ${column} AS lane_values FROM ${readFrom(table)}
     WHERE ${where.sql} AND hasAny(${column}, {lanes:Array(String)}) ORDER BY start_ms, seq LIMIT ${MAX_LANE_MARKS}`,
    { ...where.params, lanes: [...lanes] },
    { signal },
  )
  const laneOf = new Map(lanes.map((v, i) => [v, i]))
  for (const r of rows) {
    const mark: EventMarkData = { ref: r.seq, title: r.title, startMs: r.start_ms, endMs: r.end_ms, precision: r.precision as EventMarkData['precision'], level: r.level as ThreatLevel, isNew: false }
    // A region event sits in its lane regions only (the most specific it has), as in the local engine.
    const values = ask.mode === 'region' ? Array.from(laneRegionsOf(r.lane_values.map((_, i) => i), regionKinds(r.lane_values, custom)), (i) => r.lane_values[i]!) : r.lane_values
    for (const v of new Set(values)) {
      const lane = laneOf.get(v)
      if (lane !== undefined) out[lane]!.push(mark)
    }
  }
  return out
}

/** Events per lane and pixel column with the highest level; an event over several columns adds its share to each. */
function densityOf(grouped: readonly Grouped[], lanes: number, days: DayColumns, columns: number): { counts: Float32Array; maxLevel: Uint8Array } {
  const counts = new Float32Array(lanes * columns)
  const maxLevel = new Uint8Array(lanes * columns)
  for (const g of grouped) {
    const c0 = columnOfMs(days, g.startMs)
    const c1 = Math.max(c0, columnOfMs(days, g.endMs - 1))
    const share = g.n / (c1 - c0 + 1)
    for (let i = g.lane * columns + c0, end = g.lane * columns + c1; i <= end; i++) {
      counts[i]! += share
      if (g.level > maxLevel[i]!) maxLevel[i] = g.level
    }
  }
  return { counts, maxLevel }
}
