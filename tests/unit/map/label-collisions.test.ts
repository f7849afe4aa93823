import { describe, expect, it } from 'vitest'
import { CHIP_RADIUS_PX, chipsClearOf } from '../../../src/features/map/utils/label-collisions.ts'

describe('chipsClearOf', () => {
  it('leaves out a chip that would cover a bin disc, and keeps one just clear of it', () => {
    const disc = { x: 100, y: 100, r: 16 }
    // Clear at 7 + 16 + 2 = 25 px from the disc's centre.
    const chips = [
      { x: 124, y: 100, level: 3 },
      { x: 100, y: 125, level: 2 },
    ]
    expect(chipsClearOf(chips, [disc])).toEqual([{ x: 100, y: 125, level: 2 }])
  })

  it('keeps the more severe of two chips that would touch, then the first of equals', () => {
    const chips = [
      { x: 0, y: 0, level: 3 },
      { x: 10, y: 0, level: 5 },
      { x: 40, y: 0, level: 4 },
      { x: 55, y: 0, level: 4 },
      { x: 56, y: 0, level: 4 },
    ]
    const kept = chipsClearOf(chips, [])
    // 5 at x 10 beats the 3 at x 0; at x 40 and 56, 16 px apart (≥ 2 × 7 + 2), both fit; x 55 is 15 px from 40.
    expect(kept).toEqual([chips[1], chips[2], chips[4]])
    for (const a of kept) for (const b of kept) if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(2 * CHIP_RADIUS_PX + 2)
  })
})
