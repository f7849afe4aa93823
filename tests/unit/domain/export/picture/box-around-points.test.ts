import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { boxAroundPoints, mercX, mercY, WHOLE_WORLD, type WorldBox } from '../../../../../src/domain/export/picture/map-fit.ts'

/** The box as first written: plain arrays sorted by a comparator (slow at a million points, plainly right). */
function referenceBox(lonDeg: ArrayLike<number>, latDeg: ArrayLike<number>, trim = 0.03): WorldBox | null {
  const xs: number[] = []
  const ys: number[] = []
  for (let i = 0; i < lonDeg.length; i++) {
    if (Number.isNaN(lonDeg[i]!) || Number.isNaN(latDeg[i]!)) continue
    xs.push(mercX(lonDeg[i]!))
    ys.push(mercY(latDeg[i]!))
  }
  if (xs.length === 0) return null
  xs.sort((a, b) => a - b)
  ys.sort((a, b) => a - b)
  const cut = xs.length >= 20 ? Math.floor(xs.length * trim) : 0
  const grow = (a: number, b: number): [number, number] => {
    const pad = Math.max((b - a) * 0.1, ((12 / 360) * 256 - (b - a)) / 2, 0)
    return [a - pad, b + pad]
  }
  const [x0, x1] = grow(xs[cut]!, xs[xs.length - 1 - cut]!)
  const [y0, y1] = grow(ys[cut]!, ys[ys.length - 1 - cut]!)
  return { x0: Math.max(0, x0), x1: Math.min(256, x1), y0: Math.max(0, y0), y1: Math.min(256, y1) }
}

describe('the box around a picture map’s points', () => {
  it('leaves out the outermost 3 % on each side from 20 points on', () => {
    // 100 points on the equator at 0°, 1°, … 99° E, and one far west at 170° W:
    // cut = floor(101 × 0.03) = 3, so the box runs from the 4th smallest (2° E) to the 4th largest (96° E).
    const lon = new Float32Array([...Array.from({ length: 100 }, (_, i) => i), -170])
    const lat = new Float32Array(101)
    const box = boxAroundPoints(lon, lat)
    const width = mercX(96) - mercX(2)
    expect(box.x0).toBeCloseTo(mercX(2) - width * 0.1, 9)
    expect(box.x1).toBeCloseTo(mercX(96) + width * 0.1, 9)
  })
  it('keeps every point below 20 points, however far', () => {
    const box = boxAroundPoints(new Float32Array([0, 10, -170]), new Float32Array([0, 0, 0]))
    expect(box.x0).toBeCloseTo(Math.max(0, mercX(-170) - (mercX(10) - mercX(-170)) * 0.1), 9)
  })
  it('gives the box of plain sorted arrays, NaN skipped, for any points', () => {
    const lonLat = fc.tuple(fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constant(NaN)), fc.double({ min: -85, max: 85, noNaN: true }))
    fc.assert(
      fc.property(fc.array(lonLat, { maxLength: 120 }), fc.double({ min: 0, max: 0.2, noNaN: true }), (points, trim) => {
        const lon = new Float32Array(points.map(([x]) => x))
        const lat = new Float32Array(points.map(([, y]) => y))
        const expected = referenceBox(lon, lat, trim)
        const box = boxAroundPoints(lon, lat, trim)
        if (expected === null) expect(box).toEqual(WHOLE_WORLD)
        else expect(box).toEqual(expected)
      }),
    )
  })
  it('gives the same box with many equal points and sorted or reversed input', () => {
    const few = fc.constantFrom(-170, -3.5, 0, 0, 12.25, 30, 179)
    fc.assert(
      fc.property(fc.array(fc.tuple(few, few), { minLength: 1, maxLength: 600 }), fc.constantFrom('as drawn', 'sorted', 'reversed'), (points, order) => {
        const sorted = order === 'as drawn' ? points : [...points].sort((a, b) => a[0] - b[0])
        const list = order === 'reversed' ? sorted.reverse() : sorted
        const lon = new Float32Array(list.map(([x]) => x))
        const lat = new Float32Array(list.map(([, y]) => y / 3))
        expect(boxAroundPoints(lon, lat)).toEqual(referenceBox(lon, lat))
      }),
    )
  })
})
