/**
 * What the event canvas draws for one view of the map: the rows that pass the filters (all but
 * the map's own region and country filters) and fall inside the visible rectangle, either as
 * individual points or, when there are too many to tell apart, binned into a screen grid.
 * Pure and allocation-light: scratch buffers are reused from frame to frame.
 */
import type { ProjectedPoints } from './mercator.ts'

/** Where the map looks: world units → container pixels is `x * scale - originX`. */
export interface ViewFrame {
  /** 2^zoom: container pixels per world unit. */
  readonly scale: number
  /** Container pixel position of world unit 0 is −originX (origin = top-left corner in zoomed pixels). */
  readonly originX: number
  readonly originY: number
  readonly width: number
  readonly height: number
}

/** The columns a frame reads, straight from the EventTable. */
export interface PointColumns {
  readonly projected: ProjectedPoints
  readonly level: Uint8Array
  readonly approximate: Uint8Array
  readonly mask: Uint8Array
}

/** Above this many visible events the canvas draws bins instead of points. */
export const POINT_LIMIT = 2500

/** Bin side in container pixels. */
export const BIN_PX = 32

/** Margin (px) so a point half off the edge is still drawn. */
const MARGIN = 8

/**
 * Drawable items in container pixels. In 'points' mode item i is one event (`row[i]`); in
 * 'bins' mode it is a grid cell holding `count[i]` events, drawn at their mean position, with
 * `row[i]` the first of them. `level` is the event's level or the cell's highest;
 * `approximate` is 1 when the event's (or every binned event's) position is a centroid.
 */
export interface Frame {
  readonly mode: 'points' | 'bins'
  readonly size: number
  readonly x: Float32Array
  readonly y: Float32Array
  readonly row: Uint32Array
  readonly count: Uint32Array
  readonly level: Uint8Array
  readonly approximate: Uint8Array
  /** Events in view that pass the filters (the sum of `count`). */
  readonly visible: number
}

/** Reusable scratch space; grows to the table's size once. */
export class FrameBuffers {
  x = new Float32Array(0)
  y = new Float32Array(0)
  row = new Uint32Array(0)
  count = new Uint32Array(0)
  level = new Uint8Array(0)
  approximate = new Uint8Array(0)

  ensure(n: number): void {
    if (this.x.length >= n) return
    const size = Math.max(n, 1024)
    this.x = new Float32Array(size)
    this.y = new Float32Array(size)
    this.row = new Uint32Array(size)
    this.count = new Uint32Array(size)
    this.level = new Uint8Array(size)
    this.approximate = new Uint8Array(size)
  }
}

/**
 * Builds the frame for a view. `ignoreBits` are the mask bits this panel ignores (its own
 * filters). Cost: one pass over the rows plus one over the visible ones.
 */
export function buildFrame(
  columns: PointColumns,
  view: ViewFrame,
  ignoreBits: number,
  buffers: FrameBuffers,
  pointLimit = POINT_LIMIT,
  binPx = BIN_PX,
): Frame {
  const { projected, level, approximate, mask } = columns
  const n = mask.length
  buffers.ensure(n)
  const { x: bx, y: by, row: brow } = buffers
  const { scale, originX, originY, width, height } = view
  const keep = ~ignoreBits
  const px = projected.x
  const py = projected.y
  let visible = 0
  for (let r = 0; r < n; r++) {
    if ((mask[r]! & keep) !== 0) continue
    const sx = px[r]! * scale - originX
    const sy = py[r]! * scale - originY
    // NaN positions fail both comparisons and are skipped.
    if (!(sx >= -MARGIN && sx <= width + MARGIN && sy >= -MARGIN && sy <= height + MARGIN)) continue
    bx[visible] = sx
    by[visible] = sy
    brow[visible] = r
    visible++
  }
  if (visible <= pointLimit) {
    for (let i = 0; i < visible; i++) {
      const r = brow[i]!
      buffers.count[i] = 1
      buffers.level[i] = level[r]!
      buffers.approximate[i] = approximate[r]!
    }
    return { mode: 'points', size: visible, ...slices(buffers, visible), visible }
  }
  return binFrame(buffers, visible, level, approximate, width, height, binPx)
}

function slices(b: FrameBuffers, size: number): Omit<Frame, 'mode' | 'size' | 'visible'> {
  return {
    x: b.x.subarray(0, size),
    y: b.y.subarray(0, size),
    row: b.row.subarray(0, size),
    count: b.count.subarray(0, size),
    level: b.level.subarray(0, size),
    approximate: b.approximate.subarray(0, size),
  }
}

/** Grid binning of the visible points: count, mean position, highest level per cell. */
export function binFrame(
  b: FrameBuffers,
  visible: number,
  level: Uint8Array,
  approximate: Uint8Array,
  width: number,
  height: number,
  binPx: number,
): Frame {
  const cols = Math.ceil((width + 2 * MARGIN) / binPx) + 1
  const rows = Math.ceil((height + 2 * MARGIN) / binPx) + 1
  const cells = cols * rows
  const counts = new Uint32Array(cells)
  const sumX = new Float64Array(cells)
  const sumY = new Float64Array(cells)
  const maxLevel = new Uint8Array(cells)
  const exact = new Uint8Array(cells)
  const first = new Int32Array(cells).fill(-1)
  for (let i = 0; i < visible; i++) {
    const sx = b.x[i]!
    const sy = b.y[i]!
    const c = Math.floor((sy + MARGIN) / binPx) * cols + Math.floor((sx + MARGIN) / binPx)
    const r = b.row[i]!
    counts[c]!++
    sumX[c]! += sx
    sumY[c]! += sy
    if (level[r]! > maxLevel[c]!) maxLevel[c] = level[r]!
    if (approximate[r] === 0) exact[c] = 1
    if (first[c] === -1) first[c] = r
  }
  let size = 0
  for (let c = 0; c < cells; c++) {
    const k = counts[c]!
    if (k === 0) continue
    b.x[size] = sumX[c]! / k
    b.y[size] = sumY[c]! / k
    b.row[size] = first[c]!
    b.count[size] = k
    b.level[size] = maxLevel[c]!
    b.approximate[size] = exact[c] ? 0 : 1
    size++
  }
  return { mode: 'bins', size, ...slices(b, size), visible }
}

/** Radius in px of a drawn item: points by level, bins by the square root of their count. */
export function itemRadius(frame: Frame, i: number): number {
  if (frame.mode === 'points') return 2.5 + frame.level[i]! * 0.7
  return Math.min(BIN_PX / 2, 4 + Math.sqrt(frame.count[i]!) * 1.1)
}
