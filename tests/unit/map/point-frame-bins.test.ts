import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { frameRow, itemsOf } from './frame-arbitraries.ts'
import { projectColumns } from '../../../src/domain/geo/mercator.ts'
import { buildFrame, FrameScratch, type PointColumns } from '../../../src/domain/engine/local/point-frame.ts'
import { BIN_PX, type MapViewport } from '../../../src/domain/engine/map-points.ts'

const MARGIN = 8

/** The frame by its definition: collect every visible event (as single-precision pixels), then bin them if too many. */
function reference(c: PointColumns, view: MapViewport, ignoreBits: number, pointLimit: number, binPx: number) {
  const pts: { x: number; y: number; row: number }[] = []
  for (let r = 0; r < c.mask.length; r++) {
    if ((c.mask[r]! & ~ignoreBits) !== 0) continue
    const x = c.projected.x[r]! * view.scale - view.originX
    const y = c.projected.y[r]! * view.scale - view.originY
    if (x >= -MARGIN && x <= view.width + MARGIN && y >= -MARGIN && y <= view.height + MARGIN) pts.push({ x: Math.fround(x), y: Math.fround(y), row: r })
  }
  if (pts.length <= pointLimit) {
    return { mode: 'points', visible: pts.length, items: pts.map((p) => [p.x, p.y, p.row, 1, c.level[p.row]!, c.approximate[p.row]!]) }
  }
  const cols = Math.ceil((view.width + 2 * MARGIN) / binPx) + 1
  const cells = new Map<number, { n: number; sx: number; sy: number; level: number; exact: boolean; first: number }>()
  for (const p of pts) {
    const cell = Math.floor((p.y + MARGIN) / binPx) * cols + Math.floor((p.x + MARGIN) / binPx)
    const b = cells.get(cell) ?? { n: 0, sx: 0, sy: 0, level: 0, exact: false, first: p.row }
    b.n++
    b.sx += p.x
    b.sy += p.y
    b.level = Math.max(b.level, c.level[p.row]!)
    b.exact ||= c.approximate[p.row] === 0
    cells.set(cell, b)
  }
  const items = [...cells.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, b]) => [Math.fround(b.sx / b.n), Math.fround(b.sy / b.n), b.first, b.n, b.level, b.exact ? 0 : 1])
  return { mode: 'bins', visible: pts.length, items }
}


describe('buildFrame in one pass', () => {
  it('gives the frame of its definition for any rows, filters, view and point limit', () => {
    const row = frameRow
    const view = fc.record({
      zoom: fc.integer({ min: 0, max: 6 }),
      originX: fc.integer({ min: -100, max: 2000 }),
      originY: fc.integer({ min: -100, max: 2000 }),
      width: fc.integer({ min: 50, max: 900 }),
      height: fc.integer({ min: 50, max: 600 }),
    })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 300 }), view, fc.integer({ min: 0, max: 40 }), (rows, v, pointLimit) => {
        const columns: PointColumns = {
          projected: projectColumns(new Float32Array(rows.map((r) => r.lat)), new Float32Array(rows.map((r) => r.lon))),
          level: new Uint8Array(rows.map((r) => r.level)),
          approximate: new Uint8Array(rows.map((r) => r.approximate)),
          mask: new Uint8Array(rows.map((r) => r.mask)),
          fresh: null,
        }
        const frameView: MapViewport = { scale: 2 ** v.zoom, originX: v.originX, originY: v.originY, width: v.width, height: v.height }
        // Bit 2 is the panel's own filter: ignored.
        const frame = buildFrame(columns, frameView, 2, new FrameScratch(), pointLimit, BIN_PX)
        const want = reference(columns, frameView, 2, pointLimit, BIN_PX)
        expect(frame.mode).toBe(want.mode)
        expect(frame.visible).toBe(want.visible)
        expect(itemsOf(frame)).toEqual(want.items)
      }),
      { numRuns: 200 },
    )
  })

  it('keeps its scratch space to the point limit or the grid, not the table', () => {
    const n = 50_000
    const lat = new Float32Array(n).map((_, i) => (i % 120) - 60)
    const lon = new Float32Array(n).map((_, i) => (i % 340) - 170)
    const buffers = new FrameScratch()
    const world: MapViewport = { scale: 2, originX: 0, originY: 0, width: 512, height: 512 }
    const frame = buildFrame(
      { projected: projectColumns(lat, lon), level: new Uint8Array(n).fill(3), approximate: new Uint8Array(n), mask: new Uint8Array(n), fresh: null },
      world,
      0,
      buffers,
    )
    expect(frame.mode).toBe('bins')
    expect(frame.visible).toBe(n)
    expect(Array.from(frame.count).reduce((a, b) => a + b, 0)).toBe(n)
    // A 512 px view has 18 × 18 cells of 32 px with the margins; the point limit is 2,500.
    expect(buffers.x.length).toBe(2500)
  })
})
