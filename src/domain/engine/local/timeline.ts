import type { RegionDef } from '../../model.ts'
import { lookupRegion } from '../../regions.ts'
import type { EventTable } from '../../table-types.ts'
import type { Span } from '../../timeline/buckets.ts'
import type { IndexSettings } from '../../threat-index.ts'
import type { LaneAsk, LanesView, TimelineAsk, TimelineView } from '../views-engine.ts'
import { indexSeries, subjectRows } from './index-series.ts'
import { gridForLevels, gridLanes, laneColumnOf, regionGrid, regionGridSlices, type RegionGrid } from './lane-grid.ts'
import { laneDensity, laneRegionsBySet, selectLanes } from './lanes.ts'
import { markOf } from './marks.ts'
import { MARKER_MIN_LEVEL, selectMarkers, type MarkerSet } from './markers.ts'
import type { LevelSplitUse, Memo } from './level-split.ts'

/** The engine's level split for the lane grid, and its memo of the last markers. */
type LevelGrids = LevelSplitUse<RegionGrid> & { readonly markers: Memo<MarkerSet> }

/** The timeline's part of the answer: index lines, markers and lanes as asked (the day counts come with every answer). */
export function timelineView(
  table: EventTable,
  mask: Uint8Array,
  ask: TimelineAsk,
  settings: IndexSettings,
  custom: readonly RegionDef[],
  newRows: Uint8Array | null,
  levels?: LevelGrids,
): TimelineView {
  const index = ask.indexTimes.length === 0 ? [] : ask.indexLines.map((s) => indexSeries(table, subjectRows(table, mask, s), ask.indexTimes, settings))
  let markers = null
  if (ask.markers !== null) {
    const set = markersOf(table, mask, ask.markers, levels)
    markers = { marks: set.rows.map((row) => markOf(table, row, newRows)), total: set.total, merged: set.merged }
  }
  return { index, markers, lanes: ask.lanes === null ? null : lanesView(table, mask, ask.lanes, custom, newRows, levels) }
}

// Each ask's key, made once.
const askKeys = new WeakMap<TimelineAsk, string>()

/**
 * What a timeline ask asks for, as a string: asks with the same key get the same part, so a span
 * come back to (a preset undone) finds the part made for it. `madeFor` is left out: it tells the
 * store which time filter the ask was made for, and the part does not depend on it.
 */
export function timelineAskKey(ask: TimelineAsk): string {
  let key = askKeys.get(ask)
  if (key === undefined) {
    const { madeFor: _madeFor, ...asked } = ask
    key = JSON.stringify(asked)
    askKeys.set(ask, key)
  }
  return key
}

// The lane regions of each place set, per table and custom region list.
const laneRegionsCache = new WeakMap<EventTable, { custom: readonly RegionDef[]; sets: Uint32Array[] }>()

function laneRegionsOf(table: EventTable, custom: readonly RegionDef[]): Uint32Array[] {
  const cached = laneRegionsCache.get(table)
  if (cached?.custom === custom) return cached.sets
  const sets = laneRegionsBySet(table, custom)
  laneRegionsCache.set(table, { custom, sets })
  return sets
}

/**
 * The busiest lanes in the asked span, with their marks when they fit, else their density per
 * pixel column. Region lanes come from one pass that counts every region and its density.
 */
function lanesView(table: EventTable, mask: Uint8Array, ask: LaneAsk, custom: readonly RegionDef[], newRows: Uint8Array | null, levels?: LevelGrids): LanesView {
  const { mode, span, columns } = ask
  const laneRegions = laneRegionsOf(table, custom)
  const columnOf = laneColumnOf(ask)
  const labelOf = (code: number): string =>
    mode === 'region' ? (lookupRegion(table.places.regions.dict.values[code]!, custom)?.name ?? table.places.regions.dict.values[code]!) : table.actors.dict.values[code]!
  const valueOf = (code: number): string => (mode === 'region' ? table.places.regions.dict.values[code]! : table.actors.dict.values[code]!)
  const grid = mode === 'region' ? regionGridOf(table, mask, ask, laneRegions, columnOf, levels) : null
  const set = selectLanes(table, mask, span, mode, laneRegions, labelOf, ask.limit, grid?.inView)
  const lanes = set.lanes.map((lane) => ({ value: valueOf(lane.code), count: lane.count, marks: lane.rows.map((row) => markOf(table, row, newRows)) }))
  if (!set.density) return { mode, lanes, density: false, counts: null, maxLevel: null, columns }
  const codes = set.lanes.map((l) => l.code)
  const { counts, maxLevel } = grid ? gridLanes(grid, codes) : laneDensity(table, mask, set.lanes, mode, laneRegions, columns, columnOf, span)
  return { mode, lanes, density: true, counts, maxLevel, columns }
}

/** The region grid: recombined from a grid per level while only the level filter changes (LevelSplit), else from the rows. */
function regionGridOf(table: EventTable, mask: Uint8Array, ask: LaneAsk, laneRegions: readonly Uint32Array[], columnOf: (ms: number) => number, levels?: LevelGrids): RegionGrid {
  const { span, columns } = ask
  const inputs = [levels?.levelFree, span.fromMs, span.toMs, columns, ask.bucketStarts.join(), ask.bucketEnd, laneRegions]
  const byLevel = levels?.split.get(
    inputs,
    () => regionGrid(table, mask, span, laneRegions, columns, columnOf, true),
    () => regionGridSlices(table, mask, span, laneRegions, columns, columnOf, true),
  )
  return byLevel ? gridForLevels(byLevel, levels!.selected) : regionGrid(table, mask, span, laneRegions, columns, columnOf)
}

const NO_MARKERS: MarkerSet = { rows: [], total: 0, merged: false }

/**
 * The level 4–5 markers in `span`. Markers show only those levels, so a toggle of levels 1–3
 * leaves them as they were: kept while the other filters (the level-free token), the span and
 * the levels marked stay the same; a few are kept, so a toggle back finds its markers.
 */
function markersOf(table: EventTable, mask: Uint8Array, span: Span, levels?: LevelGrids): MarkerSet {
  if (levels === undefined) return selectMarkers(table, mask, span)
  const marked = Array.from(levels.selected.subarray(MARKER_MIN_LEVEL - 1)).join()
  // With every marked level hidden there is nothing to look for.
  if (!marked.includes('1')) return NO_MARKERS
  return levels.markers.get([levels.levelFree, span.fromMs, span.toMs, marked], () => selectMarkers(table, mask, span))
}
