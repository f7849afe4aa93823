import { describe, expect, it } from 'vitest'
import { latOfMercatorY, MAX_LATITUDE_DEG, mercatorX, mercatorY, projectColumns } from '../../../src/domain/geo/mercator.ts'

describe('Web Mercator world units', () => {
  it('puts 0,0 at the centre of the 256-unit square and ±180° at its edges', () => {
    expect(mercatorX(0)).toBe(128)
    expect(mercatorY(0)).toBeCloseTo(128, 12)
    expect(mercatorX(-180)).toBe(0)
    expect(mercatorX(180)).toBe(256)
    expect(mercatorX(90)).toBe(192)
  })

  it('maps the latitude limit to the top and bottom edges and clamps beyond it', () => {
    expect(mercatorY(MAX_LATITUDE_DEG)).toBeCloseTo(0, 6)
    expect(mercatorY(-MAX_LATITUDE_DEG)).toBeCloseTo(256, 6)
    expect(mercatorY(89.9)).toBe(mercatorY(MAX_LATITUDE_DEG))
    expect(mercatorY(-90)).toBe(mercatorY(-MAX_LATITUDE_DEG))
  })

  it('matches a hand-computed latitude: 60° N is y = 128 × (1 − ln(tan 75°) / π)', () => {
    // ln(tan(75°)) = ln(3.7320508) = 1.3169579; 1.3169579 / π = 0.4191990; 128 × 0.5808010 = 74.3425
    expect(mercatorY(60)).toBeCloseTo(74.3425, 3)
    expect(latOfMercatorY(mercatorY(60))).toBeCloseTo(60, 9)
    expect(latOfMercatorY(mercatorY(-33.9))).toBeCloseTo(-33.9, 9)
  })

  it('projects columns and keeps rows without a position as NaN, never at 0,0', () => {
    const { x, y } = projectColumns(new Float32Array([0, NaN, 60]), new Float32Array([0, 10, NaN]))
    expect([x[0], y[0]]).toEqual([128, 128])
    expect(Number.isNaN(x[1]!) && Number.isNaN(y[1]!)).toBe(true)
    expect(Number.isNaN(x[2]!) && Number.isNaN(y[2]!)).toBe(true)
  })
})
