import { describe, expect, it } from 'vitest'
import { drawNewRings } from '../../../src/features/map/utils/draw-events.ts'
import type { PointFrame } from '../../../src/domain/engine/map-points.ts'

/** A 2D context that records the circles of its current path and what was stroked. */
function recordingContext() {
  let path: { x: number; y: number; r: number }[] = []
  const strokes: { circles: { x: number; y: number; r: number }[]; style: string; dash: number[]; width: number }[] = []
  let dash: number[] = []
  const ctx = {
    lineWidth: 1,
    strokeStyle: '',
    beginPath: () => (path = []),
    moveTo: () => {},
    arc: (x: number, y: number, r: number) => path.push({ x, y, r }),
    setLineDash: (d: number[]) => (dash = d),
    stroke: () => strokes.push({ circles: [...path], style: ctx.strokeStyle, dash, width: ctx.lineWidth }),
  }
  return { ctx: ctx as unknown as CanvasRenderingContext2D, strokes }
}

function frameOf(mode: 'points' | 'bins', rows: number[], levels: number[], isNew: Uint8Array): PointFrame {
  return {
    viewport: { scale: 1, originX: 0, originY: 0, width: 100, height: 100 },
    mode,
    size: rows.length,
    x: Float32Array.from(rows, (_, i) => 10 + i * 20),
    y: Float32Array.from(rows, () => 50),
    ref: Uint32Array.from(rows),
    count: Uint32Array.from(rows, () => 1),
    level: Uint8Array.from(levels),
    approximate: new Uint8Array(rows.length),
    fresh: Uint8Array.from(rows, (row) => isNew[row] ?? 0),
    visible: rows.length,
  }
}

describe('drawNewRings', () => {
  const colours = { halo: '#000000', text: '#ffffff' }

  it('rings only the drawn events whose row is flagged new, in one path: a halo, then a dashed ring', () => {
    // Frame items show rows 7, 2 and 5; rows 2 and 9 are new (9 is not drawn).
    const isNew = new Uint8Array(10)
    isNew[2] = 1
    isNew[9] = 1
    const { ctx, strokes } = recordingContext()
    expect(drawNewRings(ctx, frameOf('points', [7, 2, 5], [1, 3, 5], isNew), colours)).toBe(1)
    // Item 1 (row 2) at x 30, level 3: disc radius 2.5 + 3 × 0.7 = 4.6, ring 3.5 further out.
    expect(strokes).toHaveLength(2)
    expect(strokes[0]!.circles).toEqual([{ x: 30, y: 50, r: expect.closeTo(8.1, 5) as number }])
    expect(strokes[0]).toMatchObject({ style: '#000000', dash: [], width: 3.5 })
    expect(strokes[1]).toMatchObject({ style: '#ffffff', dash: [3, 2], width: 1.75 })
  })

  it('draws nothing when no drawn event is new, and nothing over bins', () => {
    const isNew = Uint8Array.from([1, 1, 1, 0])
    const none = recordingContext()
    expect(drawNewRings(none.ctx, frameOf('points', [3], [2], isNew), colours)).toBe(0)
    expect(none.strokes).toHaveLength(0)
    const bins = recordingContext()
    expect(drawNewRings(bins.ctx, frameOf('bins', [0, 1], [2, 4], isNew), colours)).toBe(0)
    expect(bins.strokes).toHaveLength(0)
  })
})
