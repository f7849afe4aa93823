
/**
 * The map's event layer as the engine answers it: for the viewport the map shows, the matching
 * events inside it as points, or, when there are too many to tell apart, binned into a screen
 * grid. Positions are container pixels of that viewport, so a canvas draws them as they are.
 */

/** Where the map looks: world units (Web Mercator, see geo/mercator.ts) → container pixels is `x * scale - originX`. */
export interface MapViewport {
  /** 2^zoom: container pixels per world unit. */
  readonly scale: number
  /** Container pixel position of world unit 0 is −originX (origin = top-left corner in zoomed pixels). */
  readonly originX: number
  readonly originY: number
  readonly width: number
  readonly height: number
}

/** The map's ask for its event layer: the viewport it draws. */
export interface PointsAsk {
  readonly viewport: MapViewport
}

/** Above this many visible events the layer is answered in bins instead of points. */
export const POINT_LIMIT = 2500

/** Bin side in container pixels: a power of two (the local engine divides by multiplying). */
export const BIN_PX = 32

/**
 * Drawable items in container pixels of `viewport`. In 'points' mode item i is one event
 * (`ref[i]`); in 'bins' mode it is a grid cell holding `count[i]` events, drawn at their mean
 * position, with `ref[i]` the first of them. `level` is the event's level or the cell's highest;
 * `approximate` is 1 when the event's (or every binned event's) position is a centroid; `fresh`
 * is 1 for an event the last live refresh brought (points mode only: a bin's one
 * representative says nothing about the others in it).
 */
export interface PointFrame extends FrameItems {
  readonly viewport: MapViewport
  readonly mode: 'points' | 'bins'
  readonly size: number
  /** Matching events in view (the sum of `count`). */
  readonly visible: number
}

/** Radius in px of a drawn item: points by level, bins by the square root of their count. */
export function itemRadius(frame: Pick<PointFrame, 'mode' | 'level' | 'count'>, i: number): number {
  if (frame.mode === 'points') return 2.5 + frame.level[i]! * 0.7
  return Math.min(BIN_PX / 2, 4 + Math.sqrt(frame.count[i]!) * 1.1)
}

/** A frame's items, writable while an engine fills them. */
export interface FrameItems {
  readonly x: Float32Array
  readonly y: Float32Array
  readonly ref: Uint32Array
  readonly count: Uint32Array
  readonly level: Uint8Array
  readonly approximate: Uint8Array
  readonly fresh: Uint8Array
}

/** Room for `n` items, all zero. */
export function frameItems(n: number): FrameItems {
  return {
    x: new Float32Array(n),
    y: new Float32Array(n),
    ref: new Uint32Array(n),
    count: new Uint32Array(n),
    level: new Uint8Array(n),
    approximate: new Uint8Array(n),
    fresh: new Uint8Array(n),
  }
}
