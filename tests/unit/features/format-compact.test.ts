import { describe, expect, it } from 'vitest'
import { formatCompactCount } from '../../../src/ui/format.ts'

describe('formatCompactCount', () => {
  it('keeps small counts whole and shortens thousands and millions for a narrow axis', () => {
    expect([0, 950, 2_000, 12_000, 60_000, 125_000, 1_500_000].map(formatCompactCount)).toEqual(['0', '950', '2K', '12K', '60K', '125K', '1.5M'])
  })
})
