import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { frameItems, type PointFrame } from '../../../../../src/domain/engine/map-points.ts'
import { PICTURE_COLOURS } from '../../../../../src/domain/export/picture/colours.ts'
import { framePoints } from '../../../../../src/domain/export/picture/frame-points.ts'
import { eventDots, mapProjection, type MapPoints } from '../../../../../src/domain/export/picture/map-chart.ts'
import { WHOLE_WORLD } from '../../../../../src/domain/export/picture/map-fit.ts'
import { estimateText } from '../../../../../src/domain/export/picture/measure.ts'
import { typeScale } from '../../../../../src/domain/export/picture/presets.ts'
import { mercatorX, mercatorY } from '../../../../../src/domain/geo/mercator.ts'

const ctx = {
  measure: estimateText,
  type: typeScale({ widthPx: 1920, heightPx: 1080 }),
  colours: PICTURE_COLOURS.light,
  levelColours: { 1: '#111111', 2: '#222222', 3: '#333333', 4: '#444444', 5: '#555555' },
  idPrefix: 't-',
} as const
const plot = { x: 0, y: 0, w: 1200, h: 800 }
const project = mapProjection(WHOLE_WORLD, plot)

function frameOf(items: readonly { lon: number; lat: number; count: number; level: number }[], viewport = { scale: 16, originX: 1000, originY: 2000, width: 1366, height: 768 }): PointFrame {
  const frame = frameItems(items.length)
  items.forEach((it, i) => {
    frame.x[i] = mercatorX(it.lon) * viewport.scale - viewport.originX
    frame.y[i] = mercatorY(it.lat) * viewport.scale - viewport.originY
    frame.count[i] = it.count
    frame.level[i] = it.level
  })
  return { viewport, mode: 'bins', size: items.length, ...frame, visible: items.reduce((n, it) => n + it.count, 0) }
}

describe('framePoints', () => {
  it('places each item of a frame at its longitude and latitude, with its level and count', () => {
    // Kyiv (50.45° N, 30.52° E) and Paris (48.86° N, 2.35° E), as bins of 3 and 4 events.
    const points = framePoints(frameOf([{ lon: 30.52, lat: 50.45, count: 3, level: 5 }, { lon: 2.35, lat: 48.86, count: 4, level: 2 }]))
    expect([...points.lonDeg].map((v) => Math.round(v * 1000) / 1000)).toEqual([30.52, 2.35])
    expect([...points.latDeg].map((v) => Math.round(v * 1000) / 1000)).toEqual([50.45, 48.86])
    expect([...points.level]).toEqual([5, 2])
    expect([...points.count!]).toEqual([3, 4])
  })

  it('draws a bin of n events as the picture draws n events at its place (property)', () => {
    const item = fc.record({ lon: fc.double({ min: -179, max: 179, noNaN: true }), lat: fc.double({ min: -80, max: 80, noNaN: true }), count: fc.integer({ min: 1, max: 40 }), level: fc.integer({ min: 1, max: 5 }) })
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const binned = framePoints(frameOf(items))
        // The same places, one point per event, unweighted.
        const n = items.reduce((sum, it) => sum + it.count, 0)
        const expanded: MapPoints = { lonDeg: new Float32Array(n), latDeg: new Float32Array(n), level: new Uint8Array(n) }
        let at = 0
        items.forEach((it, i) => {
          for (let k = 0; k < it.count; k++, at++) {
            expanded.lonDeg[at] = binned.lonDeg[i]!
            expanded.latDeg[at] = binned.latDeg[i]!
            expanded.level[at] = it.level
          }
        })
        expect(eventDots(binned, project, plot, ctx)).toEqual(eventDots(expanded, project, plot, ctx))
      }),
    )
  })
})
