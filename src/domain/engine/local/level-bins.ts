/**
 * The map's screen bins kept per threat level, so that a level toggle recombines bins instead of
 * visiting a million rows. Made from the rows that pass every filter but the level (and the
 * map's own, which it ignores); a frame for any set of levels then takes O(cells × 5).
 */
import { BIN_PX, frameItems, POINT_LIMIT, type MapViewport, type PointFrame } from '../map-points.ts'
import { DIM } from './mask.ts'
import { BIN_MARGIN, type PointColumns } from './point-frame.ts'
import type { Slices } from './level-split.ts'

const LEVELS = 5

/** Per cell and level (`cell * 5 + level - 1`): count, position sums, first row, any exact position. */
export interface LevelBins {
  readonly viewport: MapViewport
  /** Rows in view per level (index level - 1). */
  readonly visible: Uint32Array
  readonly count: Uint32Array
  readonly sumX: Float64Array
  readonly sumY: Float64Array
  readonly first: Int32Array
  readonly exact: Uint8Array
}

/**
 * One pass over the rows: the bins of every level for `viewport`, with `ignoreBits` (the map's
 * own filters) and the level bit ignored. Positions are binned as buildFrame bins them (single
 * precision, the same grid), so a frame combined from these equals buildFrame's.
 */
export function binByLevel(columns: Omit<PointColumns, 'fresh'>, viewport: MapViewport, ignoreBits: number, binPx = BIN_PX): LevelBins {
  const slices = binByLevelSlices(columns, viewport, ignoreBits, binPx)
  slices.step(Infinity)
  return slices.value()
}

/** `binByLevel` made a number of rows at a time (`step`), for idle time, with the same bins. */
export function binByLevelSlices(columns: Omit<PointColumns, 'fresh'>, viewport: MapViewport, ignoreBits: number, binPx = BIN_PX): Slices<LevelBins> {
  const { projected, level, approximate, mask } = columns
  const { scale, originX, originY, width, height } = viewport
  const cols = Math.ceil((width + 2 * BIN_MARGIN) / binPx) + 1
  const cells = cols * (Math.ceil((height + 2 * BIN_MARGIN) / binPx) + 1)
  const visible = new Uint32Array(LEVELS)
  const count = new Uint32Array(cells * LEVELS)
  const sumX = new Float64Array(cells * LEVELS)
  const sumY = new Float64Array(cells * LEVELS)
  const first = new Int32Array(cells * LEVELS).fill(-1)
  const exact = new Uint8Array(cells * LEVELS)
  const keep = ~(ignoreBits | DIM.level)
  const perPx = 1 / binPx
  const px = projected.x
  const py = projected.y
  let next = 0
  const step = (rows: number): boolean => {
    const until = Math.min(mask.length, next + rows)
    for (let r = next; r < until; r++) {
      if ((mask[r]! & keep) !== 0) continue
      const rawX = px[r]! * scale - originX
      const rawY = py[r]! * scale - originY
      if (!(rawX >= -BIN_MARGIN && rawX <= width + BIN_MARGIN && rawY >= -BIN_MARGIN && rawY <= height + BIN_MARGIN)) continue
      const sx = Math.fround(rawX)
      const sy = Math.fround(rawY)
      const l = level[r]! - 1
      const i = (((sy + BIN_MARGIN) * perPx | 0) * cols + ((sx + BIN_MARGIN) * perPx | 0)) * LEVELS + l
      visible[l]!++
      count[i]!++
      sumX[i]! += sx
      sumY[i]! += sy
      if (first[i] === -1) first[i] = r
      if (approximate[r] === 0) exact[i] = 1
    }
    next = until
    return next >= mask.length
  }
  return { step, value: () => ({ viewport, visible, count, sumX, sumY, first, exact }) }
}

/**
 * The bins frame for the levels in `selected` (1 per level, index level - 1), or null when at
 * most `pointLimit` of their rows are in view: that frame is points, which buildFrame makes.
 */
export function combineLevels(bins: LevelBins, selected: Uint8Array, pointLimit = POINT_LIMIT): PointFrame | null {
  let visible = 0
  for (let l = 0; l < LEVELS; l++) if (selected[l] === 1) visible += bins.visible[l]!
  if (visible <= pointLimit) return null
  const cells = bins.count.length / LEVELS
  const { count, sumX, sumY, first, exact } = bins
  let size = 0
  for (let c = 0; c < cells; c++) {
    for (let l = 0; l < LEVELS; l++) {
      if (selected[l] === 1 && count[c * LEVELS + l]! > 0) {
        size++
        break
      }
    }
  }
  const items = frameItems(size)
  let out = 0
  for (let c = 0; c < cells; c++) {
    let k = 0
    let x = 0
    let y = 0
    let firstRow = -1
    let top = 0
    let anyExact = 0
    for (let l = 0; l < LEVELS; l++) {
      const i = c * LEVELS + l
      if (selected[l] !== 1 || count[i] === 0) continue
      k += count[i]!
      x += sumX[i]!
      y += sumY[i]!
      if (firstRow === -1 || first[i]! < firstRow) firstRow = first[i]!
      top = l + 1
      anyExact |= exact[i]!
    }
    if (k === 0) continue
    items.x[out] = x / k
    items.y[out] = y / k
    items.ref[out] = firstRow
    items.count[out] = k
    items.level[out] = top
    items.approximate[out] = anyExact === 1 ? 0 : 1
    out++
  }
  return { viewport: bins.viewport, mode: 'bins', size, ...items, visible }
}
