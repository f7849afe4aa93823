import type { LaneMode } from '../views-engine.ts'
import type { RegionDef } from '../../model.ts'
import { lookupRegion } from '../../regions.ts'
import type { CodeArray, EventTable, MultiColumn } from '../../table-types.ts'
import type { Span } from '../../timeline/buckets.ts'
import { DIM } from './mask.ts'
import { columnOfMs, dayColumns, gridLanes, regionGrid } from './lane-grid.ts'


/** Mask bits of every filter but time: lanes show the time filter's whole span. */
const NOT_TIME = ~DIM.time

/** Beyond this many marks in view, lanes show density instead of one mark per event. */
export const MAX_LANE_MARKS = 300

export interface Lane {
  /** Dictionary code of the region (in `table.places.regions.dict`) or actor. */
  readonly code: number
  readonly label: string
  /** Rows in view in this lane, oldest first; empty in density mode. */
  readonly rows: readonly number[]
  readonly count: number
}

export interface LaneSet {
  readonly lanes: readonly Lane[]
  /** True when the lanes hold more than MAX_LANE_MARKS marks: draw density. */
  readonly density: boolean
}

/** The kind of each region value ('custom' for one neither M49 nor an alias knows). */
export function regionKinds(values: readonly string[], custom: readonly RegionDef[]): string[] {
  return values.map((id) => lookupRegion(id, custom)?.kind ?? 'custom')
}

/**
 * The regions of one place set that make a lane: its sub-regions and dataset regions (the most
 * specific places), else its continents, else whatever regions it has. Without this an event in
 * Ukraine would sit in lanes for Eastern Europe, Europe and every alias at once. `kindOf` is
 * regionKinds of the codes' dictionary.
 */
export function laneRegionsOf(codes: ArrayLike<number>, kindOf: readonly string[]): Uint32Array {
  const all = Array.from(codes)
  const specific = all.filter((c) => kindOf[c] === 'sub-region' || kindOf[c] === 'custom')
  const continents = all.filter((c) => kindOf[c] === 'continent')
  return Uint32Array.from(specific.length > 0 ? specific : continents.length > 0 ? continents : all)
}

/** For each place set of the table, its lane regions (laneRegionsOf). */
export function laneRegionsBySet(table: EventTable, custom: readonly RegionDef[]): Uint32Array[] {
  const { offsets, values, dict } = table.places.regions
  const kindOf = regionKinds(dict.values, custom)
  const out: Uint32Array[] = []
  for (let set = 0; set < table.places.size; set++) out.push(laneRegionsOf(values.subarray(offsets[set]!, offsets[set + 1]!), kindOf))
  return out
}

/**
 * The codes of the `maxLanes` busiest lanes, from events per code: most events first, then by
 * label. Labels are looked up once per code with events, not twice per comparison.
 */
export function rankLanes(counts: ArrayLike<number>, labelOf: (code: number) => string, maxLanes: number): { codes: number[]; labels: Map<number, string> } {
  const used: number[] = []
  for (let c = 0; c < counts.length; c++) if (counts[c]! > 0) used.push(c)
  const labels = new Map(used.map((c) => [c, labelOf(c)]))
  const codes = used.sort((a, b) => counts[b]! - counts[a]! || labels.get(a)!.localeCompare(labels.get(b)!)).slice(0, maxLanes)
  return { codes, labels }
}

function valuesOf(column: MultiColumn, row: number): CodeArray {
  return column.values.subarray(column.offsets[row]!, column.offsets[row + 1]!)
}

/**
 * The `maxLanes` busiest lanes in `span` for rows passing every filter but time, with their rows
 * when the marks fit (MAX_LANE_MARKS), else counts only. Up to two passes over the rows: a count,
 * skipped when `inView` (rows in view per code, from regionGrid) is given, and, only when the
 * marks fit, one collecting their rows.
 */
export function selectLanes(
  table: EventTable,
  mask: Uint8Array,
  span: Span,
  mode: LaneMode,
  laneRegions: readonly Uint32Array[],
  labelOf: (code: number) => string,
  maxLanes: number,
  inView?: Uint32Array,
): LaneSet {
  const size = mode === 'region' ? table.places.regions.dict.values.length : table.actors.dict.values.length
  const counts = inView ?? new Uint32Array(size)
  const { startMs, endMs, place } = table
  const { fromMs, toMs } = span
  const codesOf = (row: number): CodeArray => (mode === 'region' ? laneRegions[place[row]!]! : valuesOf(table.actors, row))
  const isInView = (row: number): boolean => startMs[row]! < toMs && endMs[row]! > fromMs && (mask[row]! & NOT_TIME) === 0
  if (!inView && mode === 'region') {
    // Rows in view per place set, then each set's lanes: one increment per row, no lookups.
    const perSet = new Uint32Array(table.places.size)
    for (let row = 0; row < table.size; row++) {
      if (startMs[row]! < toMs && endMs[row]! > fromMs && (mask[row]! & NOT_TIME) === 0) perSet[place[row]!]!++
    }
    for (let set = 0; set < perSet.length; set++) {
      const n = perSet[set]!
      if (n === 0) continue
      for (const c of laneRegions[set]!) counts[c]! += n
    }
  } else if (!inView) {
    for (let row = 0; row < table.size; row++) {
      if (!isInView(row)) continue
      for (const c of codesOf(row)) counts[c]!++
    }
  }
  const { codes: chosen, labels } = rankLanes(counts, labelOf, maxLanes)
  const marks = chosen.reduce((sum, c) => sum + counts[c]!, 0)
  const density = marks > MAX_LANE_MARKS
  const laneIndex = new Map(chosen.map((c, i) => [c, i]))
  const rows: number[][] = chosen.map(() => [])
  if (!density) {
    for (let row = 0; row < table.size; row++) {
      if (!isInView(row)) continue
      for (const c of codesOf(row)) {
        const lane = laneIndex.get(c)
        if (lane !== undefined) rows[lane]!.push(row)
      }
    }
    for (const list of rows) list.sort((a, b) => startMs[a]! - startMs[b]! || a - b)
  }
  return {
    lanes: chosen.map((code, i) => ({ code, label: labels.get(code)!, rows: rows[i]!, count: counts[code]! })),
    density,
  }
}

/**
 * Events per pixel column and lane, and the highest level in each, for density drawing:
 * `counts[lane * columns + col]`. An event spanning several columns adds its share to each.
 * Region lanes come from regionGrid (use it directly to choose and draw lanes in one pass).
 */
export function laneDensity(
  table: EventTable,
  mask: Uint8Array,
  lanes: readonly Lane[],
  mode: LaneMode,
  laneRegions: readonly Uint32Array[],
  columns: number,
  columnOf: (ms: number) => number,
  span: Span,
): { counts: Float32Array; maxLevel: Uint8Array } {
  const codes = lanes.map((l) => l.code)
  if (mode === 'region') return gridLanes(regionGrid(table, mask, span, laneRegions, columns, columnOf), codes)
  const days = dayColumns(span, columns, columnOf)
  const counts = new Float32Array(lanes.length * columns)
  const maxLevel = new Uint8Array(lanes.length * columns)
  // Lane of each actor code (-1: not a lane), so that the row loop does array reads only.
  const laneOfCode = new Int32Array(table.actors.dict.values.length).fill(-1)
  codes.forEach((code, i) => {
    if (code < laneOfCode.length) laneOfCode[code] = i
  })
  const { startMs, endMs, level } = table
  const { fromMs, toMs } = span
  const { offsets, values } = table.actors
  for (let row = 0; row < table.size; row++) {
    const s = startMs[row]!
    const e = endMs[row]!
    if (s >= toMs || e <= fromMs || (mask[row]! & NOT_TIME) !== 0) continue
    const c0 = columnOfMs(days, s)
    const c1 = Math.max(c0, columnOfMs(days, e - 1))
    const share = 1 / (c1 - c0 + 1)
    const lv = level[row]!
    for (let k = offsets[row]!; k < offsets[row + 1]!; k++) {
      const lane = laneOfCode[values[k]!]!
      if (lane >= 0) addSpan(counts, maxLevel, lane * columns, c0, c1, share, lv)
    }
  }
  return { counts, maxLevel }
}

function addSpan(counts: Float32Array, maxLevel: Uint8Array, base: number, c0: number, c1: number, share: number, lv: number): void {
  for (let c = c0; c <= c1; c++) {
    const i = base + c
    counts[i]! += share
    if (lv > maxLevel[i]!) maxLevel[i] = lv
  }
}
