import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { frameRow, itemsOf } from './frame-arbitraries.ts'
import { projectColumns } from '../../../src/domain/geo/mercator.ts'
import { binByLevel, binByLevelSlices, combineLevels } from '../../../src/domain/engine/local/level-bins.ts'
import { DIM } from '../../../src/domain/engine/local/mask.ts'
import { buildFrame, FrameScratch, type PointColumns } from '../../../src/domain/engine/local/point-frame.ts'
import type { MapViewport } from '../../../src/domain/engine/map-points.ts'


describe('bins per level', () => {
  it('recombine into the frame buildFrame makes for any set of levels', () => {
    const row = frameRow
    const view = fc.record({
      zoom: fc.integer({ min: 0, max: 4 }),
      originX: fc.integer({ min: -100, max: 1000 }),
      originY: fc.integer({ min: -100, max: 1000 }),
      width: fc.integer({ min: 50, max: 900 }),
      height: fc.integer({ min: 50, max: 600 }),
    })
    const levels = fc.array(fc.boolean(), { minLength: 5, maxLength: 5 })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 300 }), view, levels, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 50 }), (rows, v, shown, pointLimit, sliceRows) => {
        const selected = Uint8Array.from(shown, (on) => (on ? 1 : 0))
        // The level filter's bit on every row whose level is not shown.
        const mask = Uint8Array.from(rows, (r) => r.mask | (shown[r.level - 1] ? 0 : DIM.level))
        const columns: PointColumns = {
          projected: projectColumns(new Float32Array(rows.map((r) => r.lat)), new Float32Array(rows.map((r) => r.lon))),
          level: Uint8Array.from(rows, (r) => r.level),
          approximate: Uint8Array.from(rows, (r) => r.approximate),
          mask,
          fresh: null,
        }
        const viewport: MapViewport = { scale: 2 ** v.zoom, originX: v.originX, originY: v.originY, width: v.width, height: v.height }
        const want = buildFrame(columns, viewport, 2, new FrameScratch(), pointLimit)
        // The bins do not depend on the level bits: made from a mask with none set.
        const bins = binByLevel({ ...columns, mask: Uint8Array.from(rows, (r) => r.mask) }, viewport, 2)
        // Made a few rows at a time, the same bins.
        const slices = binByLevelSlices({ ...columns, mask: Uint8Array.from(rows, (r) => r.mask) }, viewport, 2)
        while (!slices.step(sliceRows)) {
          // goes on
        }
        expect(slices.value()).toEqual(bins)
        const frame = combineLevels(bins, selected, pointLimit)
        if (want.mode === 'points') {
          expect(frame).toBeNull()
          return
        }
        expect(frame).not.toBeNull()
        expect(frame!.visible).toBe(want.visible)
        expect(itemsOf(frame!)).toEqual(itemsOf(want))
      }),
      { numRuns: 300 },
    )
  })

  it('counts the rows in view per level by hand', () => {
    // Four rows at 0° 0° (levels 1, 1, 3, 5) and one at 80° N 170° E. The world is 256 px wide at
    // scale 1, so 0° 0° is at (128, 128): the centre of a 160 px view from (48, 48), and 170° E at
    // x ≈ 249, past the view's right edge and margin (208 + 8).
    const lat = Float32Array.from([0, 0, 0, 0, 80])
    const lon = Float32Array.from([0, 0, 0, 0, 170])
    const viewport: MapViewport = { scale: 1, originX: 48, originY: 48, width: 160, height: 160 }
    const columns = { projected: projectColumns(lat, lon), level: Uint8Array.from([1, 1, 3, 5, 5]), approximate: new Uint8Array(5), mask: new Uint8Array(5) }
    const bins = binByLevel(columns, viewport, 0)
    expect(Array.from(bins.visible)).toEqual([2, 0, 1, 0, 1])
    // Levels 1 and 3 shown, point limit 2: three rows in view, one bin of three at the centre.
    const frame = combineLevels(bins, Uint8Array.from([1, 0, 1, 0, 0]), 2)!
    expect(frame.mode).toBe('bins')
    expect([frame.size, frame.count[0], frame.level[0], frame.ref[0], frame.x[0], frame.y[0]]).toEqual([1, 3, 3, 0, 80, 80])
    // Level 5 alone: one row in view, within the limit: a points frame, which buildFrame makes.
    expect(combineLevels(bins, Uint8Array.from([0, 0, 0, 0, 1]), 2)).toBeNull()
  })
})
