import { expect } from 'vitest'
import type { CountViews } from '../../../../src/domain/engine/local/views.ts'

/** The first index where two arrays differ by more than `tolerance`, or -1. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>, tolerance = 0): number {
  if (a.length !== b.length) return Math.min(a.length, b.length)
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > tolerance) return i
  return -1
}

/** Same views; spread is compared to 1e-9 (its sums run in a different order). */
export function expectSameViews(actual: CountViews, expected: CountViews): void {
  expect(actual.matched).toBe(expected.matched)
  expect(firstDifference(actual.matchedRows, expected.matchedRows)).toBe(-1)
  expect([...actual.levelCounts]).toEqual([...expected.levelCounts])
  expect(firstDifference(actual.timeline.exact, expected.timeline.exact)).toBe(-1)
  expect(firstDifference(actual.timeline.spread, expected.timeline.spread, 1e-9)).toBe(-1)
  for (const key of ['countries', 'regions', 'actors', 'categories'] as const) {
    expect(firstDifference(actual[key].counts, expected[key].counts), key).toBe(-1)
    expect(firstDifference(actual[key].maxLevel, expected[key].maxLevel), key).toBe(-1)
  }
}
