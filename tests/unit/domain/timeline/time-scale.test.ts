import { describe, expect, it } from 'vitest'
import type { Bucket } from '../../../../src/domain/timeline/buckets.ts'
import { timeScale } from '../../../../src/domain/timeline/time-scale.ts'

const month = (y: number, m: number): Bucket => ({
  startMs: Date.UTC(y, m, 1),
  endMs: Date.UTC(y, m + 1, 1),
  exact: [0, 0, 0, 0, 0],
  spread: [0, 0, 0, 0, 0],
})

describe('time scale over equal bands', () => {
  const buckets = [month(2024, 0), month(2024, 1), month(2024, 2)]
  const scale = timeScale(buckets, 40, 300)

  it('places an instant proportionally within its bucket band', () => {
    expect(scale.x(Date.UTC(2024, 0, 1))).toBe(40)
    // February 2024 has 29 days: noon on day 15 (14.5 days in) is half-way through its band.
    expect(scale.x(Date.UTC(2024, 1, 15, 12))).toBeCloseTo(40 + 100 + 50, 10)
    expect(scale.x(Date.UTC(2024, 3, 1))).toBe(340)
    expect(scale.x(Date.UTC(2030, 0, 1))).toBe(340)
  })

  it('inverts x back to time', () => {
    expect(scale.time(190)).toBe(Date.UTC(2024, 1, 15, 12))
    expect(scale.time(0)).toBe(Date.UTC(2024, 0, 1))
    for (const ms of [Date.UTC(2024, 0, 3), Date.UTC(2024, 2, 30, 6)]) expect(scale.time(scale.x(ms))).toBeCloseTo(ms, -1)
  })
})
