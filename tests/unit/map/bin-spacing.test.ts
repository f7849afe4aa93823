import { describe, expect, it } from 'vitest'
import { BIN_GAP_PX, separateBins } from '../../../src/domain/engine/bin-spacing.ts'
import { buildFrame, FrameScratch } from '../../../src/domain/engine/local/point-frame.ts'
import { frameItems, itemRadius, type MapViewport, type PointFrame } from '../../../src/domain/engine/map-points.ts'
import { projectColumns } from '../../../src/domain/geo/mercator.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'

/** How far a drawn disc reaches past its radius: the halo of a dashed approximate ring, 3.5 px wide. */
const HALO_PX = 1.75

const VIEW: MapViewport = { scale: 2, originX: 0, originY: 0, width: 512, height: 512 }

function binsFrame(items: readonly { x: number; y: number; count: number; level: number; approximate?: number; ref?: number }[]): PointFrame {
  const f = frameItems(items.length)
  items.forEach((it, i) => {
    f.x[i] = it.x
    f.y[i] = it.y
    f.count[i] = it.count
    f.level[i] = it.level
    f.approximate[i] = it.approximate ?? 0
    f.ref[i] = it.ref ?? i
  })
  const visible = items.reduce((sum, it) => sum + it.count, 0)
  return { viewport: VIEW, mode: 'bins', size: items.length, ...f, visible }
}

/** Pairs of drawn discs (radius plus halo) that share a pixel. */
function overlaps(frame: PointFrame): string[] {
  const out: string[] = []
  for (let i = 0; i < frame.size; i++) {
    for (let j = i + 1; j < frame.size; j++) {
      const d = Math.hypot(frame.x[i]! - frame.x[j]!, frame.y[i]! - frame.y[j]!)
      const reach = itemRadius(frame, i) + itemRadius(frame, j) + 2 * HALO_PX
      if (d < reach) out.push(`${i}–${j}: ${d.toFixed(2)} px apart, reach ${reach.toFixed(2)}`)
    }
  }
  return out
}

describe('separateBins', () => {
  it('merges two touching discs into one at their count-weighted mean, keeping the count, highest level and first event', () => {
    // 100 events → r = 4 + 10 × 1.1 = 15; 25 events → r = 4 + 5 × 1.1 = 9.5. 20 px apart < 15 + 9.5 + 4.
    const frame = separateBins(binsFrame([
      { x: 100, y: 100, count: 100, level: 2, ref: 7 },
      { x: 120, y: 100, count: 25, level: 5, approximate: 1, ref: 3 },
    ]))
    expect(frame.size).toBe(1)
    // (100 × 100 + 120 × 25) / 125 = 104
    expect(frame.x[0]).toBe(104)
    expect(frame.y[0]).toBe(100)
    expect(frame.count[0]).toBe(125)
    expect(frame.level[0]).toBe(5)
    expect(frame.approximate[0]).toBe(0)
    expect(frame.ref[0]).toBe(3)
    expect(frame.visible).toBe(125)
  })

  it('leaves discs alone that are clear of each other, and a points frame as it is', () => {
    // r 15 and 9.5: 15 + 9.5 + 4 = 28.5 px is just enough.
    const apart = binsFrame([
      { x: 100, y: 100, count: 100, level: 2 },
      { x: 128.5, y: 100, count: 25, level: 5 },
    ])
    expect(separateBins(apart)).toEqual(apart)
    const points: PointFrame = { ...apart, mode: 'points' }
    expect(separateBins(points)).toBe(points)
  })

  it('merges a chain whose first merge makes the next overlap, in any order given', () => {
    const items = [
      { x: 100, y: 100, count: 400, level: 1 },
      { x: 128, y: 100, count: 4, level: 3 },
      { x: 150, y: 100, count: 36, level: 4 },
      { x: 300, y: 300, count: 9, level: 2 },
    ]
    const a = separateBins(binsFrame(items))
    const b = separateBins(binsFrame([...items].reverse()))
    expect(overlaps(a)).toEqual([])
    expect(a.size).toBe(b.size)
    const sorted = (f: PointFrame): number[] => Array.from(f.count).sort((p, q) => p - q)
    expect(sorted(a)).toEqual(sorted(b))
    expect(sorted(a).reduce((s, n) => s + n, 0)).toBe(449)
  })

  it('at 100,000 events on the world map, no two drawn bins meet and every event is still counted', () => {
    const table = generateSyntheticTable({ size: 100_000, seed: 7 })
    const projected = projectColumns(table.latDeg, table.lonDeg)
    const columns = { projected, level: table.level, approximate: table.approximate, mask: new Uint8Array(table.size), fresh: null }
    for (const view of [
      { scale: 1366 / 256, originX: 0, originY: 1366 / 2 - 384, width: 1366, height: 768 },
      { scale: 2, originX: 0, originY: 0, width: 512, height: 512 },
    ]) {
      const grid = buildFrame(columns, view, 0, new FrameScratch())
      expect(grid.mode).toBe('bins')
      // The grid alone draws discs over each other: what this fixes.
      expect(overlaps(grid).length).toBeGreaterThan(0)
      const frame = separateBins(grid)
      expect(overlaps(frame)).toEqual([])
      expect(Array.from(frame.count).reduce((s, n) => s + n, 0)).toBe(grid.visible)
      expect(frame.visible).toBe(grid.visible)
    }
    expect(BIN_GAP_PX).toBeGreaterThanOrEqual(2 * HALO_PX)
  })
})
