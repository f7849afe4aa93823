/**
 * The map's event layer from the table's columns: the rows that pass the filters the map does
 * not ignore and fall inside the viewport, as points or, past the point limit, binned into a
 * screen grid. One pass over the rows; scratch space is reused between frames and each answer
 * gets its own exact-size copy (a frame is plain data that outlives the next one).
 */
import type { ProjectedPoints } from '../../geo/mercator.ts'
import { BIN_PX, frameItems, POINT_LIMIT, type MapViewport, type PointFrame } from '../map-points.ts'

/** The columns a frame reads. */
export interface PointColumns {
  readonly projected: ProjectedPoints
  readonly level: Uint8Array
  readonly approximate: Uint8Array
  readonly mask: Uint8Array
  /** 1 per row brought by the last live refresh, or null. */
  readonly fresh: Uint8Array | null
}

/** Margin (px) so a point half off the edge is still drawn. */
export const BIN_MARGIN = 8

/** Scratch space for the points kept before the limit; grows to the point limit at most. */
export class FrameScratch {
  x = new Float32Array(0)
  y = new Float32Array(0)
  row = new Uint32Array(0)

  ensure(n: number): void {
    if (this.x.length >= n) return
    const size = Math.max(n, 1024)
    this.x = new Float32Array(size)
    this.y = new Float32Array(size)
    this.row = new Uint32Array(size)
  }
}

/**
 * Builds the frame for a viewport. `ignoreBits` are the mask bits the map ignores (its own
 * filters). Visible events are kept as points until there are more than `pointLimit`, and from
 * then on they go straight into the bin grid (count, position sums, highest level per cell), so
 * a million visible events are never copied out first. `binPx` must be a power of two.
 */
export function buildFrame(
  columns: PointColumns,
  viewport: MapViewport,
  ignoreBits: number,
  scratch: FrameScratch,
  pointLimit = POINT_LIMIT,
  binPx = BIN_PX,
): PointFrame {
  const { projected, level, approximate, mask, fresh } = columns
  const n = mask.length
  const { scale, originX, originY, width, height } = viewport
  const cols = Math.ceil((width + 2 * BIN_MARGIN) / binPx) + 1
  const cells = cols * (Math.ceil((height + 2 * BIN_MARGIN) / binPx) + 1)
  scratch.ensure(Math.min(n, pointLimit))
  const { x: bx, y: by, row: brow } = scratch
  const keep = ~ignoreBits
  const px = projected.x
  const py = projected.y
  let visible = 0
  let r = 0
  for (; r < n; r++) {
    if ((mask[r]! & keep) !== 0) continue
    const sx = px[r]! * scale - originX
    const sy = py[r]! * scale - originY
    // NaN positions fail both comparisons and are skipped.
    if (!(sx >= -BIN_MARGIN && sx <= width + BIN_MARGIN && sy >= -BIN_MARGIN && sy <= height + BIN_MARGIN)) continue
    // One more than the limit: bins from here on.
    if (visible === pointLimit) break
    bx[visible] = sx
    by[visible] = sy
    brow[visible] = r
    visible++
  }
  if (r === n) {
    const items = frameItems(visible)
    for (let i = 0; i < visible; i++) {
      const row = brow[i]!
      items.x[i] = bx[i]!
      items.y[i] = by[i]!
      items.ref[i] = row
      items.count[i] = 1
      items.level[i] = level[row]!
      items.approximate[i] = approximate[row]!
      items.fresh[i] = fresh?.[row] ?? 0
    }
    return { viewport, mode: 'points', size: visible, ...items, visible }
  }
  const counts = new Uint32Array(cells)
  const sumX = new Float64Array(cells)
  const sumY = new Float64Array(cells)
  const maxLevel = new Uint8Array(cells)
  const exact = new Uint8Array(cells)
  const first = new Int32Array(cells).fill(-1)
  // Bins are whole numbers of pixels from the margin: for a power-of-two size (BIN_PX) a multiply by
  // the inverse is the exact division, and truncation is the floor of these non-negative offsets.
  const perPx = 1 / binPx
  // Positions are binned and averaged as drawn points hold them (single precision), so a frame
  // bins the same whether its points were kept first or not.
  const bin = (sx: number, sy: number, row: number): void => {
    const c = ((sy + BIN_MARGIN) * perPx | 0) * cols + ((sx + BIN_MARGIN) * perPx | 0)
    counts[c]!++
    sumX[c]! += sx
    sumY[c]! += sy
    if (level[row]! > maxLevel[c]!) maxLevel[c] = level[row]!
    if (approximate[row] === 0) exact[c] = 1
    if (first[c] === -1) first[c] = row
  }
  for (let i = 0; i < visible; i++) bin(bx[i]!, by[i]!, brow[i]!)
  for (; r < n; r++) {
    if ((mask[r]! & keep) !== 0) continue
    const sx = px[r]! * scale - originX
    const sy = py[r]! * scale - originY
    if (!(sx >= -BIN_MARGIN && sx <= width + BIN_MARGIN && sy >= -BIN_MARGIN && sy <= height + BIN_MARGIN)) continue
    bin(Math.fround(sx), Math.fround(sy), r)
    visible++
  }
  let size = 0
  for (let c = 0; c < cells; c++) if (counts[c]! > 0) size++
  const items = frameItems(size)
  let i = 0
  for (let c = 0; c < cells; c++) {
    const k = counts[c]!
    if (k === 0) continue
    items.x[i] = sumX[c]! / k
    items.y[i] = sumY[c]! / k
    items.ref[i] = first[c]!
    items.count[i] = k
    items.level[i] = maxLevel[c]!
    items.approximate[i] = exact[c] ? 0 : 1
    i++
  }
  return { viewport, mode: 'bins', size, ...items, visible }
}
