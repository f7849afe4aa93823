/**
 * Web Mercator in world units (0–256 across the world, as Leaflet draws it), and the box a
 * picture's map shows: around the matching events, or the map's current view.
 */

const DEG = Math.PI / 180
const MAX_LAT = 85.0511287798

export const mercX = (lonDeg: number): number => ((lonDeg + 180) / 360) * 256

export function mercY(latDeg: number): number {
  const lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, latDeg))
  const sin = Math.sin(lat * DEG)
  return (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * 256
}

/** A box in world units: x grows east, y grows south. */
export interface WorldBox {
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
}

export const WHOLE_WORLD: WorldBox = { x0: 0, y0: mercY(75), x1: 256, y1: mercY(-58) }

/** Smallest span a fitted map shows, in world units (about 12° of longitude): one event is not a close-up of a street. */
const MIN_SPAN = (12 / 360) * 256

/** Points at least this many before the fit leaves out the outermost. */
const TRIM_FROM = 20

/**
 * Moves the `k`-th smallest of `a[lo..hi]` to `a[k]`, smaller ones before it and larger ones after
 * (Hoare's selection, median of three): linear time on average, where a sort is n log n.
 */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1
    // Median of three as the pivot, which also keeps sorted input linear.
    if (a[mid]! < a[lo]!) swap(a, mid, lo)
    if (a[hi]! < a[lo]!) swap(a, hi, lo)
    if (a[hi]! < a[mid]!) swap(a, hi, mid)
    const pivot = a[mid]!
    let i = lo
    let j = hi
    while (i <= j) {
      while (a[i]! < pivot) i++
      while (a[j]! > pivot) j--
      if (i <= j) swap(a, i++, j--)
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else return
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!
  a[i] = a[j]!
  a[j] = t
}

/** The `cut`-th smallest and the `cut`-th largest of `a` (reordered in place). */
function outerPair(a: Float64Array, cut: number): [number, number] {
  const last = a.length - 1
  select(a, cut, 0, last)
  select(a, last - cut, cut, last)
  return [a[cut]!, a[last - cut]!]
}

/**
 * The box around the points (NaN skipped), padded by a tenth each side and at least MIN_SPAN
 * wide and tall; the whole world when there are none. From TRIM_FROM points on, the outermost
 * `trim` share on each side is left out of the fit (one summit in Alaska does not turn a map of
 * Eastern Europe into a map of the world); the chart says how many events lie outside.
 */
export function boxAroundPoints(lonDeg: ArrayLike<number>, latDeg: ArrayLike<number>, trim = 0.03): WorldBox {
  // The outermost points kept are found by selection in typed arrays: a million points take milliseconds.
  let count = 0
  for (let i = 0; i < lonDeg.length; i++) if (!Number.isNaN(lonDeg[i]!) && !Number.isNaN(latDeg[i]!)) count++
  if (count === 0) return WHOLE_WORLD
  const xs = new Float64Array(count)
  const ys = new Float64Array(count)
  let at = 0
  for (let i = 0; i < lonDeg.length; i++) {
    const lon = lonDeg[i]!
    const lat = latDeg[i]!
    if (Number.isNaN(lon) || Number.isNaN(lat)) continue
    xs[at] = mercX(lon)
    ys[at] = mercY(lat)
    at++
  }
  const cut = count >= TRIM_FROM ? Math.floor(count * trim) : 0
  const [x0, x1] = outerPair(xs, cut)
  const [y0, y1] = outerPair(ys, cut)
  const grow = (a: number, b: number): [number, number] => {
    const pad = Math.max((b - a) * 0.1, (MIN_SPAN - (b - a)) / 2, 0)
    return [a - pad, b + pad]
  }
  const [gx0, gx1] = grow(x0, x1)
  const [gy0, gy1] = grow(y0, y1)
  return { x0: Math.max(0, gx0), x1: Math.min(256, gx1), y0: Math.max(0, gy0), y1: Math.min(256, gy1) }
}

/** The box a Leaflet view shows in a viewport of `widthPx` × `heightPx` (centre and zoom). */
export function boxOfView(view: { latDeg: number; lonDeg: number; zoom: number }, widthPx: number, heightPx: number): WorldBox {
  const k = 2 ** view.zoom
  const cx = mercX(view.lonDeg)
  const cy = mercY(view.latDeg)
  const hw = widthPx / k / 2
  const hh = heightPx / k / 2
  return { x0: cx - hw, x1: cx + hw, y0: Math.max(0, cy - hh), y1: Math.min(256, cy + hh) }
}

/** A box grown (never shrunk) to the aspect of a plot `w` × `h`, kept on the world vertically. */
export function fitAspect(box: WorldBox, w: number, h: number): WorldBox {
  const bw = box.x1 - box.x0
  const bh = box.y1 - box.y0
  const want = w / h
  if (bw / bh < want) {
    const nw = bh * want
    const cx = (box.x0 + box.x1) / 2
    return { ...box, x0: cx - nw / 2, x1: cx + nw / 2 }
  }
  const nh = bw / want
  let cy = (box.y0 + box.y1) / 2
  cy = Math.max(nh / 2, Math.min(256 - nh / 2, cy))
  return { ...box, y0: cy - nh / 2, y1: cy + nh / 2 }
}

/** The longitude and latitude bounds of a world box: [west, south, east, north] in degrees. */
export function boxBoundsDeg(box: WorldBox): [number, number, number, number] {
  const lon = (x: number): number => (x / 256) * 360 - 180
  const lat = (y: number): number => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 256))) * 180) / Math.PI
  return [lon(box.x0), lat(box.y1), lon(box.x1), lat(box.y0)]
}

/** Whether a point lies inside a shape's rings (even–odd rule, in degrees: fine for "is this event in that country"). */
export function pointInRings(lonDeg: number, latDeg: number, rings: readonly (readonly (readonly [number, number])[])[]): boolean {
  let inside = false
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!
      const [xj, yj] = ring[j]!
      if (yi > latDeg !== yj > latDeg && lonDeg < ((xj - xi) * (latDeg - yi)) / (yj - yi) + xi) inside = !inside
    }
  }
  return inside
}
