import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER } from '../../../src/domain/engine/filter-spec.ts'
import { describeIndexWindow, describeScope, describeScored } from '../../../src/domain/panel-captions.ts'

const range = { fromMs: Date.UTC(2022, 3, 1), toMs: Date.UTC(2025, 1, 1), byRange: true }
const rolling = { fromMs: Date.UTC(2025, 0, 2), toMs: Date.UTC(2025, 1, 1), byRange: false }

describe('panel captions', () => {
  it('names the index window: the time range, or the rolling days to the as-of', () => {
    expect(describeIndexWindow(range)).toBe('1 Apr 2022 – 31 Jan 2025')
    expect(describeIndexWindow(rolling)).toBe('30 days to 31 Jan 2025')
  })

  it('names the places and actors, leaving out a panel’s own selection', () => {
    const filter = { ...EMPTY_FILTER, regions: ['eastern-europe'], countries: ['FR', 'ML'], actors: ['Wagner Group'] }
    expect(describeScope(EMPTY_FILTER, [])).toBe('')
    expect(describeScope(filter, [])).toBe('Eastern Europe, France +1 more · Wagner Group')
    expect(describeScope(filter, [], ['countries'])).toBe('Eastern Europe · Wagner Group')
    expect(describeScored('Highest level', range, describeScope({ ...EMPTY_FILTER, regions: ['eastern-europe'] }, []))).toBe(
      'Highest level, 1 Apr 2022 – 31 Jan 2025 · Eastern Europe',
    )
  })
})
