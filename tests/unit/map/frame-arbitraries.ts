/** What the map-frame property tests share: a frame's items as plain rows, and a generated table row. */
import fc from 'fast-check'
import type { PointFrame } from '../../../src/domain/engine/map-points.ts'

/** Each item as [x, y, ref, count, level, approximate]. */
export function itemsOf(frame: PointFrame): number[][] {
  return Array.from({ length: frame.size }, (_, i) => [frame.x[i]!, frame.y[i]!, frame.ref[i]!, frame.count[i]!, frame.level[i]!, frame.approximate[i]!])
}

/** A row with a position (or none), a level, an approximate flag and mask bits 1 and 2 (2 is the map's own filter). */
export const frameRow = fc.record({
  lat: fc.oneof(fc.double({ min: -89, max: 89, noNaN: true }), fc.constant(Number.NaN)),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
  level: fc.integer({ min: 1, max: 5 }),
  approximate: fc.integer({ min: 0, max: 1 }),
  mask: fc.constantFrom(0, 0, 0, 1, 2, 3),
})
