import { describe, expect, it } from 'vitest'
import { clipRingToWorld, crossesAntimeridian, splitPolygon, unwrapRing, type LonLat } from '../../../src/features/map/utils/antimeridian.ts'

const maxStep = (ring: readonly LonLat[]): number => {
  let max = 0
  for (let i = 1; i < ring.length; i++) max = Math.max(max, Math.abs(ring[i]![0] - ring[i - 1]![0]))
  return max
}

describe('antimeridian splitting', () => {
  // A square from 170° E to 170° W (190° unwrapped), between 10° and 20° N, as topojson gives it.
  const fijiLike: LonLat[] = [
    [170, 10],
    [180, 10],
    [-170, 10],
    [-170, 20],
    [180, 20],
    [170, 20],
    [170, 10],
  ]

  it('detects the jump and unwraps it into continuous longitudes', () => {
    expect(crossesAntimeridian(fijiLike)).toBe(true)
    expect(crossesAntimeridian([[0, 0], [10, 0], [10, 10], [0, 0]])).toBe(false)
    expect(unwrapRing(fijiLike).map((p) => p[0])).toEqual([170, 180, 190, 190, 180, 170, 170])
  })

  it('splits a crossing polygon into an east piece up to 180° and a west piece from −180°', () => {
    const pieces = splitPolygon([fijiLike])
    expect(pieces).toHaveLength(2)
    const [west, east] = pieces.map((p) => p[0]!)
    // The −360° shift gives the western piece, −180°…−170°; the unshifted one is 170°…180°.
    expect(Math.min(...west!.map((p) => p[0]))).toBe(-180)
    expect(Math.max(...west!.map((p) => p[0]))).toBe(-170)
    expect(Math.min(...east!.map((p) => p[0]))).toBe(170)
    expect(Math.max(...east!.map((p) => p[0]))).toBe(180)
    for (const piece of [west!, east!]) expect(maxStep(piece)).toBeLessThanOrEqual(10)
  })

  it('closes a ring around the south pole along −90° (Antarctica) instead of drawing a line across the map', () => {
    const antarcticaLike: LonLat[] = [
      [-180, -80],
      [-90, -75],
      [0, -70],
      [90, -75],
      [180, -80],
      [-180, -80],
    ]
    const pieces = splitPolygon([antarcticaLike])
    const lons = pieces.flatMap((p) => p[0]!.map((q) => q[0]))
    expect(Math.min(...lons)).toBe(-180)
    expect(Math.max(...lons)).toBe(180)
    for (const piece of pieces) {
      const ring = piece[0]!
      // Any edge that spans the map runs along the pole (off the Mercator map), never across it.
      for (let i = 1; i < ring.length; i++) {
        if (Math.abs(ring[i]![0] - ring[i - 1]![0]) > 180) expect([ring[i]![1], ring[i - 1]![1]]).toEqual([-90, -90])
      }
      expect(ring.some((p) => p[1] === -90)).toBe(true)
    }
  })

  it('leaves a polygon that does not cross untouched', () => {
    const square: LonLat[] = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    expect(splitPolygon([square])).toEqual([[square]])
    expect(clipRingToWorld(square, 360)).toEqual([])
  })
})
