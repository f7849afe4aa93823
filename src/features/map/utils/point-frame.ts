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

/** Bin side in container pixels: a power of two (see buildFrame). */
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

/**
 * Reusable scratch space for the drawn items. A frame holds at most the point limit's worth of
 * points or one item per grid cell, so it grows to that, never to the table's size.
 */
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
 * filters). One pass over the rows: visible events are kept as points until there are more than
 * `pointLimit`, and from then on they go straight into the bin grid (count, position sums,
 * highest level per cell), so a million visible events are never copied out first.
 * `binPx` must be a power of two (as BIN_PX is).
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
  const { scale, originX, originY, width, height } = view
  const cols = Math.ceil((width + 2 * MARGIN) / binPx) + 1
  const cells = cols * (Math.ceil((height + 2 * MARGIN) / binPx) + 1)
  buffers.ensure(Math.max(Math.min(n, pointLimit), cells))
  const { x: bx, y: by, row: brow } = buffers
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
    if (!(sx >= -MARGIN && sx <= width + MARGIN && sy >= -MARGIN && sy <= height + MARGIN)) continue
    // One more than the limit: bins from here on.
    if (visible === pointLimit) break
    bx[visible] = sx
    by[visible] = sy
    brow[visible] = r
    visible++
  }
  if (r === n) {
    for (let i = 0; i < visible; i++) {
      const row = brow[i]!
      buffers.count[i] = 1
      buffers.level[i] = level[row]!
      buffers.approximate[i] = approximate[row]!
    }
    return { mode: 'points', size: visible, ...slices(buffers, visible), visible }
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
    const c = ((sy + MARGIN) * perPx | 0) * cols + ((sx + MARGIN) * perPx | 0)
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
    if (!(sx >= -MARGIN && sx <= width + MARGIN && sy >= -MARGIN && sy <= height + MARGIN)) continue
    bin(Math.fround(sx), Math.fround(sy), r)
    visible++
  }
  let size = 0
  for (let c = 0; c < cells; c++) {
    const k = counts[c]!
    if (k === 0) continue
    bx[size] = sumX[c]! / k
    by[size] = sumY[c]! / k
    brow[size] = first[c]!
    buffers.count[size] = k
    buffers.level[size] = maxLevel[c]!
    buffers.approximate[size] = exact[c] ? 0 : 1
    size++
  }
  return { mode: 'bins', size, ...slices(buffers, size), visible }
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

/** Radius in px of a drawn item: points by level, bins by the square root of their count. */
export function itemRadius(frame: Frame, i: number): number {
  if (frame.mode === 'points') return 2.5 + frame.level[i]! * 0.7
  return Math.min(BIN_PX / 2, 4 + Math.sqrt(frame.count[i]!) * 1.1)
}
