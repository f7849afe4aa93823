import { describe, expect, it } from 'vitest'
import { niceTicks } from '../../../../src/features/timeline/utils/nice-ticks.ts'

describe('count axis ticks', () => {
  it('steps by 1, 2 or 5 × 10^k from 0 to at least the maximum, whole numbers only', () => {
    expect(niceTicks(12)).toEqual([0, 5, 10, 15])
    expect(niceTicks(2)).toEqual([0, 1, 2])
    expect(niceTicks(0.3)).toEqual([0, 1])
    expect(niceTicks(3000)).toEqual([0, 1000, 2000, 3000])
    expect(niceTicks(0)).toEqual([0, 1])
  })
})
