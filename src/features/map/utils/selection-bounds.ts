import type { MapShape } from './world-shapes.ts'

/** [[south, west], [north, east]] in degrees; east may exceed 180 for a box across the antimeridian. */
export type Bounds = [[number, number], [number, number]]

/**
 * The smallest box around the shapes whose id is in `ids`, or null when none is drawn. Longitudes
 * are taken round the globe: the box spans everything but the widest gap between the shapes, so
 * Russia with Chukotka east of 180° is one box over the antimeridian, not the whole world.
 */
export function selectionBounds(shapes: readonly MapShape[], ids: ReadonlySet<string>): Bounds | null {
  const spans: [number, number][] = []
  let south = Infinity
  let north = -Infinity
  for (const shape of shapes) {
    if (shape.id === null || !ids.has(shape.id)) continue
    for (const polygon of shape.polygons) {
      let west = Infinity
      let east = -Infinity
      for (const ring of polygon) {
        for (const [lon, lat] of ring) {
          if (lon! < west) west = lon!
          if (lon! > east) east = lon!
          if (lat! < south) south = lat!
          if (lat! > north) north = lat!
        }
      }
      if (west <= east) spans.push([west, east])
    }
  }
  if (spans.length === 0) return null
  spans.sort((a, b) => a[0] - b[0])
  // The widest gap between consecutive spans (the last to the first goes round through 180°).
  let farthest = -Infinity
  for (const span of spans) farthest = Math.max(farthest, span[1])
  let reach = spans[0]![1]
  let gap = spans[0]![0] + 360 - farthest
  let west = spans[0]![0]
  let east = farthest
  for (let i = 1; i < spans.length; i++) {
    const [start, end] = spans[i]!
    if (start - reach > gap) {
      gap = start - reach
      west = start
      east = reach + 360
    }
    reach = Math.max(reach, end)
  }
  return [
    [south, west],
    [north, east],
  ]
}
