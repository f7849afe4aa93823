import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { GridIndex } from '../../../src/features/map/utils/spatial-index.ts'

describe('GridIndex', () => {
  const xs = new Float32Array([10, 12, 100, 399, 250])
  const ys = new Float32Array([10, 11, 100, 299, 40])
  const index = new GridIndex(xs, ys, xs.length, 400, 300, 24)

  it('finds the items within a radius, nearest first', () => {
    expect(index.within(11, 10, 5)).toEqual([0, 1])
    expect(index.within(12.5, 11, 5)).toEqual([1, 0])
    expect(index.nearest(101, 101, 3)).toBe(2)
    expect(index.nearest(200, 200, 10)).toBe(-1)
  })

  it('finds items in neighbouring cells and at the far edge', () => {
    // 250,40 lies in cell (10, 1); a query from cell (9, 1) still reaches it.
    expect(index.within(239, 40, 12)).toEqual([4])
    expect(index.within(399, 299, 1)).toEqual([3])
  })

  it('agrees with a linear scan on random points', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 300 })), { maxLength: 80 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (points, qx, qy, radius) => {
          const x = Float32Array.from(points.map((p) => p[0]))
          const y = Float32Array.from(points.map((p) => p[1]))
          const found = new GridIndex(x, y, points.length, 500, 300, 16).within(qx, qy, radius)
          const expected = points
            .map((p, i) => ({ i, d2: (p[0] - qx) ** 2 + (p[1] - qy) ** 2 }))
            .filter((p) => p.d2 <= radius * radius)
            .sort((a, b) => a.d2 - b.d2 || a.i - b.i)
            .map((p) => p.i)
          expect(found).toEqual(expected)
        },
      ),
      { numRuns: 200 },
    )
  })
})
