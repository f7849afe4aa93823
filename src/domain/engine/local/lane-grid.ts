import { DAY_MS } from '../../dates.ts'
import { DIM } from './mask.ts'
import { rowsOverlapping } from './time-edges.ts'
import type { EventTable } from '../../table-types.ts'
import type { Span } from '../../timeline/buckets.ts'
import { timeScale } from '../../timeline/time-scale.ts'
import type { LaneAsk } from '../views-engine.ts'
import type { Slices } from './level-split.ts'

/** Mask bits of every filter but time: lanes show the time filter's whole span. */
const NOT_TIME = ~DIM.time

/** Threat levels 1–5, kept apart in a grid made with `levelsApart`. */
const LEVELS = 5

/** The pixel column (0 … columns) of an instant, on the chart's own time scale over the ask's buckets. */
export function laneColumnOf(ask: LaneAsk): (ms: number) => number {
  const buckets = ask.bucketStarts.map((startMs, i) => ({ startMs, endMs: ask.bucketStarts[i + 1] ?? ask.bucketEnd, exact: [], spread: [] }))
  const scale = timeScale(buckets, 0, ask.columns)
  return (ms) => Math.floor(scale.x(ms))
}

/** The pixel column of each whole UTC day of a span, so that a row loop looks up a day, not an instant. */
export interface DayColumns {
  /** The span's first day, in days since 1970-01-01 (UTC). */
  readonly firstDay: number
  /** Column of day `firstDay + d` at `column[d]`, within [0, columns). */
  readonly column: Int32Array
}

/** Each day's column, taken at its midday by `columnOf` and clamped to [0, columns). */
export function dayColumns(span: Span, columns: number, columnOf: (ms: number) => number): DayColumns {
  const firstDay = Math.floor(span.fromMs / DAY_MS)
  const days = Math.max(1, Math.ceil(span.toMs / DAY_MS) - firstDay)
  const column = new Int32Array(days)
  for (let d = 0; d < days; d++) column[d] = Math.max(0, Math.min(columns - 1, columnOf((firstDay + d) * DAY_MS + DAY_MS / 2)))
  return { firstDay, column }
}

/** The column of the day holding `ms`; days outside the span take the nearest end's column. */
export function columnOfMs(days: DayColumns, ms: number): number {
  return days.column[Math.max(0, Math.min(days.column.length - 1, Math.floor(ms / DAY_MS) - days.firstDay))]!
}

/** Region lanes' counts and density for every region that can be a lane, from one pass over the rows. */
export interface RegionGrid {
  readonly columns: number
  /** Rows in view per region dictionary code (a row counts in each of its lane regions). */
  readonly inView: Uint32Array
  /** The grid row of each region code, -1 for a code that is no place set's lane region. */
  readonly slotOf: Int32Array
  /** `counts[slot * columns + col]`: events per region and column; a row spanning several columns adds its share to each. */
  readonly counts: Float32Array
  /** The highest level per region and column, 0 for none. */
  readonly maxLevel: Uint8Array
}

/** The region grid of the levels in `selected` (1 per level, index level - 1) from regionGrid's with levels apart. */
export function gridForLevels(byLevel: RegionGrid, selected: Uint8Array): RegionGrid {
  const { columns, slotOf } = byLevel
  const slots = columns === 0 ? 0 : byLevel.counts.length / (columns * LEVELS)
  const counts = new Float32Array(slots * columns)
  const maxLevel = new Uint8Array(slots * columns)
  for (let slot = 0; slot < slots; slot++) {
    for (let l = 0; l < LEVELS; l++) {
      if (selected[l] !== 1) continue
      const from = (slot * LEVELS + l) * columns
      for (let col = 0; col < columns; col++) {
        const v = byLevel.counts[from + col]!
        if (v === 0) continue
        counts[slot * columns + col]! += v
        maxLevel[slot * columns + col] = l + 1
      }
    }
  }
  const inView = new Uint32Array(byLevel.inView.length / LEVELS)
  for (let code = 0; code < inView.length; code++) {
    for (let l = 0; l < LEVELS; l++) if (selected[l] === 1) inView[code]! += byLevel.inView[code * LEVELS + l]!
  }
  return { columns, inView, slotOf, counts, maxLevel }
}


/**
 * For each region code, the rows passing every filter but time that overlap `span` (counted in
 * the lane regions of their place set, `laneRegions`), in total and per pixel column with the
 * highest level. One pass over the rows that can overlap the span (`rowsOverlapping`) serves both choosing the busiest region lanes and
 * drawing their density; its size is lane regions × columns (tens × a few hundred), whatever the
 * row count. Rows accumulate in row order, so a region's cells equal a per-lane pass's exactly.
 * With `levelsApart`, the level filter is ignored and each level kept apart: grid row
 * `slot * 5 + level - 1` and `inView[code * 5 + level - 1]`; `gridForLevels` makes any level
 * set's grid from it.
 */
export function regionGrid(
  table: EventTable,
  mask: Uint8Array,
  span: Span,
  laneRegions: readonly Uint32Array[],
  columns: number,
  columnOf: (ms: number) => number,
  levelsApart = false,
): RegionGrid {
  const slices = regionGridSlices(table, mask, span, laneRegions, columns, columnOf, levelsApart)
  slices.step(Infinity)
  return slices.value()
}

/**
 * `regionGrid` made a number of rows at a time (`step`), for idle time: the rows are visited in
 * the same order, so the grid is the same to the last bit.
 */
export function regionGridSlices(
  table: EventTable,
  mask: Uint8Array,
  span: Span,
  laneRegions: readonly Uint32Array[],
  columns: number,
  columnOf: (ms: number) => number,
  levelsApart = false,
): Slices<RegionGrid> {
  const depth = levelsApart ? LEVELS : 1
  const keep = levelsApart ? NOT_TIME & ~DIM.level : NOT_TIME
  const codeCount = table.places.regions.dict.values.length
  const inView = new Uint32Array(codeCount * depth)
  // A grid row only for the regions that some place set has as a lane region.
  const slotOf = new Int32Array(codeCount).fill(-1)
  let slots = 0
  for (const codes of laneRegions) for (const code of codes) if (slotOf[code] === -1) slotOf[code] = slots++
  const counts = new Float32Array(slots * depth * columns)
  const maxLevel = new Uint8Array(slots * depth * columns)
  const { firstDay, column } = dayColumns(span, columns, columnOf)
  const lastDay = column.length - 1
  // Each place set's lane regions as first cells in one flat list: the row loop reads arrays only.
  const setStart = new Uint32Array(laneRegions.length + 1)
  const cellList: number[] = []
  laneRegions.forEach((codes, set) => {
    for (const code of codes) cellList.push(slotOf[code]! * depth * columns)
    setStart[set + 1] = cellList.length
  })
  const codeList: number[] = []
  for (const codes of laneRegions) for (const code of codes) codeList.push(code)
  const setCodes = Int32Array.from(codeList)
  const cells = Int32Array.from(cellList)
  const perSet = new Uint32Array(laneRegions.length * depth)
  const { startMs, endMs, place, level } = table
  const { fromMs, toMs } = span
  // Only the rows that can overlap the span, in row order (a stretch, then older long rows).
  const near = rowsOverlapping(table, fromMs, toMs)
  const stretch = near.to - near.from
  const rows = stretch + near.older.length
  let next = 0
  // Rows are stored by date, so neighbours mostly share their dates: their columns are reused
  // (kept from one step to the next).
  let keptS = NaN
  let keptE = NaN
  let keptC0 = 0
  let keptC1 = 0
  const step = (count: number): boolean => {
    let lastS = keptS
    let lastE = keptE
    let c0 = keptC0
    let c1 = keptC1
    const until = Math.min(rows, next + count)
    for (let i = next; i < until; i++) {
      const row = i < stretch ? near.from + i : near.older[i - stretch]!
      const s = startMs[row]!
      const e = endMs[row]!
      if (s >= toMs || e <= fromMs || (mask[row]! & keep) !== 0) continue
      const set = place[row]!
      const lv = level[row]!
      const apart = levelsApart ? lv - 1 : 0
      perSet[set * depth + apart]!++
      if (s !== lastS || e !== lastE) {
        lastS = s
        lastE = e
        c0 = column[Math.max(0, Math.min(lastDay, Math.floor(s / DAY_MS) - firstDay))]!
        c1 = Math.max(c0, column[Math.max(0, Math.min(lastDay, Math.floor((e - 1) / DAY_MS) - firstDay))]!)
      }
      const to = setStart[set + 1]!
      const shift = apart * columns
      if (c0 === c1) {
        for (let k = setStart[set]!; k < to; k++) {
          const i = cells[k]! + shift + c0
          counts[i]! += 1
          if (lv > maxLevel[i]!) maxLevel[i] = lv
        }
        continue
      }
      const share = 1 / (c1 - c0 + 1)
      for (let k = setStart[set]!; k < to; k++) {
        for (let i = cells[k]! + shift + c0, end = cells[k]! + shift + c1; i <= end; i++) {
          counts[i]! += share
          if (lv > maxLevel[i]!) maxLevel[i] = lv
        }
      }
    }
    next = until
    keptS = lastS
    keptE = lastE
    keptC0 = c0
    keptC1 = c1
    return next >= rows
  }
  let grid: RegionGrid | null = null
  const value = (): RegionGrid => {
    if (grid !== null) return grid
    for (let set = 0; set < laneRegions.length; set++) {
      for (let l = 0; l < depth; l++) {
        const n = perSet[set * depth + l]!
        if (n > 0) for (let k = setStart[set]!; k < setStart[set + 1]!; k++) inView[setCodes[k]! * depth + l]! += n
      }
    }
    grid = { columns, inView, slotOf, counts, maxLevel }
    return grid
  }
  return { step, value }
}

/** The grid's cells of `codes`, in that order: `counts[lane * columns + col]`, as laneDensity returns them. */
export function gridLanes(grid: RegionGrid, codes: readonly number[]): { counts: Float32Array; maxLevel: Uint8Array } {
  const { columns } = grid
  const counts = new Float32Array(codes.length * columns)
  const maxLevel = new Uint8Array(codes.length * columns)
  codes.forEach((code, lane) => {
    const slot = grid.slotOf[code] ?? -1
    if (slot < 0) return
    counts.set(grid.counts.subarray(slot * columns, (slot + 1) * columns), lane * columns)
    maxLevel.set(grid.maxLevel.subarray(slot * columns, (slot + 1) * columns), lane * columns)
  })
  return { counts, maxLevel }
}
