import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BIN_MARGIN, buildFrame, buildFrameSlices, FrameScratch, type PointColumns } from '../../../src/domain/engine/local/point-frame.ts'
import type { MapViewport, PointFrame } from '../../../src/domain/engine/map-points.ts'

/** The frame written the plain way: list the visible rows, then keep them as points or bin them. */
function referenceFrame(columns: PointColumns, viewport: MapViewport, ignoreBits: number, pointLimit: number, binPx: number): PointFrame {
  const { projected, level, approximate, mask, fresh } = columns
  const { scale, originX, originY, width, height } = viewport
  const visible: { row: number; sx: number; sy: number }[] = []
  for (let row = 0; row < mask.length; row++) {
    if ((mask[row]! & ~ignoreBits) !== 0) continue
    const sx = projected.x[row]! * scale - originX
    const sy = projected.y[row]! * scale - originY
    if (sx >= -BIN_MARGIN && sx <= width + BIN_MARGIN && sy >= -BIN_MARGIN && sy <= height + BIN_MARGIN) visible.push({ row, sx, sy })
  }
  if (visible.length <= pointLimit) {
    return {
      viewport,
      mode: 'points',
      size: visible.length,
      visible: visible.length,
      x: Float32Array.from(visible, (v) => v.sx),
      y: Float32Array.from(visible, (v) => v.sy),
      ref: Uint32Array.from(visible, (v) => v.row),
      count: new Uint32Array(visible.length).fill(1),
      level: Uint8Array.from(visible, (v) => level[v.row]!),
      approximate: Uint8Array.from(visible, (v) => approximate[v.row]!),
      fresh: Uint8Array.from(visible, (v) => fresh?.[v.row] ?? 0),
    }
  }
  const cols = Math.ceil((width + 2 * BIN_MARGIN) / binPx) + 1
  const cells = new Map<number, { count: number; sumX: number; sumY: number; level: number; exact: boolean; first: number }>()
  for (const v of visible) {
    const sx = Math.fround(v.sx)
    const sy = Math.fround(v.sy)
    const c = Math.floor((sy + BIN_MARGIN) / binPx) * cols + Math.floor((sx + BIN_MARGIN) / binPx)
    const cell = cells.get(c) ?? { count: 0, sumX: 0, sumY: 0, level: 0, exact: false, first: v.row }
    cell.count++
    cell.sumX += sx
    cell.sumY += sy
    cell.level = Math.max(cell.level, level[v.row]!)
    cell.exact ||= approximate[v.row] === 0
    cells.set(c, cell)
  }
  const bins = [...cells].sort((a, b) => a[0] - b[0]).map(([, cell]) => cell)
  return {
    viewport,
    mode: 'bins',
    size: bins.length,
    visible: visible.length,
    x: Float32Array.from(bins, (b) => b.sumX / b.count),
    y: Float32Array.from(bins, (b) => b.sumY / b.count),
    ref: Uint32Array.from(bins, (b) => b.first),
    count: Uint32Array.from(bins, (b) => b.count),
    level: Uint8Array.from(bins, (b) => b.level),
    approximate: Uint8Array.from(bins, (b) => (b.exact ? 0 : 1)),
    fresh: new Uint8Array(bins.length),
  }
}

const rowArb = fc.record({
  x: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(NaN)),
  y: fc.double({ min: 0, max: 1, noNaN: true }),
  level: fc.integer({ min: 1, max: 5 }),
  approximate: fc.integer({ min: 0, max: 1 }),
  mask: fc.integer({ min: 0, max: 7 }),
})

describe('buildFrameSlices', () => {
  it('makes the plain frame, points or bins, whatever the slice sizes and frames made in between', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 40 }),
        fc.record({ scale: fc.constantFrom(256, 512, 1024), originX: fc.integer({ min: -50, max: 300 }), originY: fc.integer({ min: -50, max: 300 }), width: fc.integer({ min: 1, max: 400 }), height: fc.integer({ min: 1, max: 400 }) }),
        fc.constantFrom(0, 1, 2, 3),
        (rows, sliceSizes, pointLimit, viewport, ignoreBits) => {
          const columns: PointColumns = {
            projected: { x: Float32Array.from(rows, (r) => r.x), y: Float32Array.from(rows, (r) => r.y) },
            level: Uint8Array.from(rows, (r) => r.level),
            approximate: Uint8Array.from(rows, (r) => r.approximate),
            mask: Uint8Array.from(rows, (r) => r.mask),
            fresh: null,
          }
          const shared = new FrameScratch()
          const slices = buildFrameSlices(columns, viewport, ignoreBits, new FrameScratch(), pointLimit, 16)
          let done = false
          for (let i = 0; !done; i++) {
            done = slices.step(sliceSizes[i % sliceSizes.length]!)
            // Another frame on the engine's own scratch meanwhile (a pan) leaves this one as it was.
            buildFrame(columns, { ...viewport, originX: viewport.originX + 7 }, ignoreBits, shared, pointLimit, 16)
          }
          expect(slices.value()).toEqual(referenceFrame(columns, viewport, ignoreBits, pointLimit, 16))
          expect(buildFrame(columns, viewport, ignoreBits, shared, pointLimit, 16)).toEqual(referenceFrame(columns, viewport, ignoreBits, pointLimit, 16))
        },
      ),
      { numRuns: 200 },
    )
  })
})
