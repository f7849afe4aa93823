/**
 * Bins that never overlap. A screen grid puts nearby events in one cell, but two cells' discs,
 * drawn at their events' mean positions, can still touch or cover each other (and their counts)
 * where events crowd near a cell edge. Here overlapping discs are merged, largest first, until no
 * two drawn discs (with their halos) meet: the agglomerative step of collision-aware clustering
 * (as in Leaflet.markercluster's grid-then-merge), run on the few hundred bins of a frame, not on
 * the events.
 */
import { BIN_PX, frameItems, itemRadius, type PointFrame } from './map-points.ts'

/**
 * Clear space (px) kept between two drawn discs: each disc's halo stroke reaches up to 1.75 px
 * outside its radius (the dashed ring of an approximate bin is 3.5 px wide), so two discs this
 * far apart never share a pixel.
 */
export const BIN_GAP_PX = 4

/** The largest bin radius (itemRadius caps it) plus the gap: no two bins farther apart can meet. */
const REACH_PX = BIN_PX + BIN_GAP_PX

/**
 * The frame with overlapping bins merged: a merged bin holds the sum of the counts at their
 * count-weighted mean position, the highest level, the first event (lowest ref) and is
 * approximate only when both were. Counts and `visible` are kept. Bins are taken largest count
 * first (ties by position), so the result does not depend on the order the engine listed them.
 * A points frame is returned as it is.
 */
export function separateBins(frame: PointFrame): PointFrame {
  if (frame.mode !== 'bins' || frame.size < 2) return frame
  const n = frame.size
  const x = Float64Array.from(frame.x)
  const y = Float64Array.from(frame.y)
  const count = Uint32Array.from(frame.count)
  const level = Uint8Array.from(frame.level)
  const approximate = Uint8Array.from(frame.approximate)
  const ref = Uint32Array.from(frame.ref)
  const alive = new Uint8Array(n).fill(1)
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => count[b]! - count[a]! || y[a]! - y[b]! || x[a]! - x[b]!)
  const radius = (i: number): number => itemRadius({ mode: 'bins', level, count }, i)

  let merged = true
  while (merged) {
    merged = false
    // A hash of REACH_PX squares: discs that can meet lie in neighbouring squares.
    const grid = new Map<number, number[]>()
    const keyOf = (gx: number, gy: number): number => gy * 100_003 + gx
    for (const i of order) {
      if (!alive[i]) continue
      const key = keyOf(Math.floor(x[i]! / REACH_PX), Math.floor(y[i]! / REACH_PX))
      const list = grid.get(key)
      if (list) list.push(i)
      else grid.set(key, [i])
    }
    for (const i of order) {
      if (!alive[i]) continue
      const gx = Math.floor(x[i]! / REACH_PX)
      const gy = Math.floor(y[i]! / REACH_PX)
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          for (const j of grid.get(keyOf(gx + dx, gy + dy)) ?? []) {
            if (j === i || !alive[j]) continue
            const reach = radius(i) + radius(j) + BIN_GAP_PX
            const ddx = x[j]! - x[i]!
            const ddy = y[j]! - y[i]!
            if (ddx * ddx + ddy * ddy >= reach * reach) continue
            const total = count[i]! + count[j]!
            x[i] = (x[i]! * count[i]! + x[j]! * count[j]!) / total
            y[i] = (y[i]! * count[i]! + y[j]! * count[j]!) / total
            count[i] = total
            if (level[j]! > level[i]!) level[i] = level[j]!
            approximate[i] = approximate[i]! & approximate[j]!
            if (ref[j]! < ref[i]!) ref[i] = ref[j]!
            alive[j] = 0
            merged = true
          }
        }
      }
    }
  }

  let size = 0
  for (let i = 0; i < n; i++) size += alive[i]!
  const items = frameItems(size)
  let k = 0
  // Kept in the engine's order, so a frame with nothing to merge is unchanged.
  for (let i = 0; i < n; i++) {
    if (!alive[i]) continue
    items.x[k] = x[i]!
    items.y[k] = y[i]!
    items.ref[k] = ref[i]!
    items.count[k] = count[i]!
    items.level[k] = level[i]!
    items.approximate[k] = approximate[i]!
    k++
  }
  return { viewport: frame.viewport, mode: 'bins', size, ...items, visible: frame.visible }
}
