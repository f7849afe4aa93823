import { describe, expect, it } from 'vitest'
import { formatCompactCount, formatCount } from '../../../src/ui/format.ts'

/** Counts around every place the formatting changes: unit edges, rounding halves, digit groups. */
function edgeCounts(): number[] {
  const out = new Set<number>([0, 1, 9, 10, 99, 100, 999])
  for (let p = 3; p <= 15; p++) {
    const size = 10 ** p
    for (const m of [1, 1.049, 1.05, 1.0499, 1.0501, 9.949, 9.95, 99.949, 99.95, 999.449, 999.45, 999.949, 999.95, 999.999]) {
      const n = Math.round(size * m)
      for (const d of [-1, 0, 1]) out.add(n + d)
    }
  }
  // A seeded spread of ordinary counts (a linear congruential sequence: the same every run).
  let x = 12345
  for (let i = 0; i < 2000; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31
    out.add(Math.floor((x / 2 ** 31) * 10 ** (1 + (i % 13))))
  }
  return [...out]
}

describe('formatCount', () => {
  it('groups thousands with commas and rounds to a whole number', () => {
    expect([0, 7, 999, 1_000, 12_345, 1_234_567, 2.5, 1_234.49].map(formatCount)).toEqual(['0', '7', '999', '1,000', '12,345', '1,234,567', '3', '1,234'])
  })

  it('writes what Intl en-GB writes, for counts by hand and for anything else through Intl', () => {
    const intl = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })
    for (const n of [...edgeCounts(), -1, -2.5, -1_234.5, -0, 0.4, 1e21, Number.MAX_SAFE_INTEGER, NaN, Infinity]) {
      expect(formatCount(n), String(n)).toBe(intl.format(n))
    }
  })
})

describe('formatCompactCount against Intl', () => {
  it('writes what Intl en-US compact writes with one decimal at most', () => {
    const intl = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })
    for (const n of [...edgeCounts(), -1_234, 0.5, 2.25, NaN]) expect(formatCompactCount(n), String(n)).toBe(intl.format(n))
  })

  it('moves to the next unit when rounding reaches a thousand of the one below', () => {
    expect([1_049, 1_050, 9_950, 999_949, 999_950, 999_950_000, 1e15].map(formatCompactCount)).toEqual(['1K', '1.1K', '10K', '999.9K', '1M', '1B', '1000T'])
  })
})
