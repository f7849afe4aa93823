import { describe, expect, it } from 'vitest'
import { DIM } from '../../../src/domain/engine/local/mask.ts'
import { projectColumns } from '../../../src/domain/geo/mercator.ts'
import { buildFrame, FrameScratch } from '../../../src/domain/engine/local/point-frame.ts'
import type { MapViewport } from '../../../src/domain/engine/map-points.ts'
import { MAP_IGNORED_BITS } from '../../../src/domain/engine/local/shading.ts'

// Four events: two near 0,0 (one approximate), one at 0°, 90° E, one without a position.
const lat = new Float32Array([0, 1, 0, NaN])
const lon = new Float32Array([0, 1, 90, NaN])
const level = new Uint8Array([2, 5, 3, 4])
const approximate = new Uint8Array([0, 1, 0, 1])
const projected = projectColumns(lat, lon)
// Zoom 1 (512 px world), container 512 × 512 showing the whole world.
const world: MapViewport = { scale: 2, originX: 0, originY: 0, width: 512, height: 512 }

describe('buildFrame', () => {
  it('draws each passing event at its projected pixel and skips rows without a position', () => {
    const mask = new Uint8Array(4)
    const frame = buildFrame({ projected, level, approximate, mask, fresh: null }, world, MAP_IGNORED_BITS, new FrameScratch())
    expect(frame.mode).toBe('points')
    expect(frame.size).toBe(3)
    expect(Array.from(frame.ref)).toEqual([0, 1, 2])
    expect(frame.x[0]).toBe(256)
    expect(frame.y[0]).toBeCloseTo(256, 4)
    expect(frame.x[2]).toBe(384) // 90° E: (90 + 180) / 360 × 512
    expect(Array.from(frame.level)).toEqual([2, 5, 3])
    expect(Array.from(frame.approximate)).toEqual([0, 1, 0])
  })

  it('ignores the map’s own selection (countries, when it shades countries) but not the others, a region filter included', () => {
    const mask = new Uint8Array([DIM.country, DIM.region | DIM.country, DIM.level, 0])
    const frame = buildFrame({ projected, level, approximate, mask, fresh: null }, world, MAP_IGNORED_BITS, new FrameScratch())
    expect(Array.from(frame.ref)).toEqual([0])
  })

  it('leaves out events outside the visible rectangle', () => {
    const mask = new Uint8Array(4)
    // Pan so that the container's left edge is at 300 px: 0° (256 px) is off screen, 90° E is at 84 px.
    const view: MapViewport = { ...world, originX: 300, width: 200 }
    const frame = buildFrame({ projected, level, approximate, mask, fresh: null }, view, MAP_IGNORED_BITS, new FrameScratch())
    expect(Array.from(frame.ref)).toEqual([2])
    expect(frame.x[0]).toBe(84)
  })

  it('bins into grid cells with count, mean position and highest level above the point limit', () => {
    const mask = new Uint8Array(4)
    const frame = buildFrame({ projected, level, approximate, mask, fresh: null }, world, MAP_IGNORED_BITS, new FrameScratch(), 2, 32)
    expect(frame.mode).toBe('bins')
    expect(frame.visible).toBe(3)
    expect(frame.size).toBe(2)
    // 0,0 (256, 256) and 1,1 (≈257.4, ≈254.6) share the cell [248, 280) × [248, 280) with the 8 px margin.
    const both = Array.from(frame.count).indexOf(2)
    expect(both).toBeGreaterThanOrEqual(0)
    expect(frame.level[both]).toBe(5)
    expect(frame.approximate[both]).toBe(0) // one of the two has its own position
    expect(frame.x[both]).toBeCloseTo((256 + 256 + (1 / 360) * 512) / 2, 4)
    expect(Array.from(frame.count).reduce((a, b) => a + b, 0)).toBe(3)
  })
})
