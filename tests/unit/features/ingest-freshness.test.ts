import { describe, expect, it } from 'vitest'
import { packStrings } from '../../../src/domain/ingest/packed-strings.ts'
import { newIdsOf } from '../../../src/features/ingest/utils/freshness.ts'
import { describeAge, isStale } from '../../../src/ui/freshness.ts'
import { groupIssues, reasonOf } from '../../../src/features/ingest/utils/group-issues.ts'

describe('freshness', () => {
  it('says how old the data is in words', () => {
    expect(describeAge(30_000)).toBe('updated just now')
    expect(describeAge(4 * 60_000 + 59_000)).toBe('updated 4 min ago')
    expect(describeAge(3 * 3_600_000)).toBe('updated 3 h ago')
    expect(describeAge(50 * 3_600_000)).toBe('updated 2 days ago')
  })

  it('is stale only past the threshold', () => {
    expect(isStale(0, 15 * 60_000, 15 * 60_000)).toBe(false)
    expect(isStale(0, 15 * 60_000 + 1, 15 * 60_000)).toBe(true)
  })

  it('finds the ids a refresh brought', () => {
    expect([...newIdsOf(['a', 'b'], ['b', 'c', 'd'])]).toEqual(['c', 'd'])
    expect(newIdsOf(null, ['x']).size).toBe(0)
    // Packed ids, as an import keeps them.
    expect([...newIdsOf(packStrings(['a', 'b']), packStrings(['b', 'c', 'd']))]).toEqual(['c', 'd'])
  })
})

describe('grouping issues by reason', () => {
  it('takes quoted values and row references out of the reason', () => {
    expect(reasonOf('not a real date: "2023-02-30"')).toBe('not a real date: …')
    expect(reasonOf('duplicate id "a" (first in row 3)')).toBe('duplicate id … (repeated)')
  })

  it('groups by field and reason, largest first', () => {
    const groups = groupIssues([
      { row: 1, field: 'title', message: 'missing title' },
      { row: 2, field: 'date', message: 'not a real date: "x"' },
      { row: 5, field: 'date', message: 'not a real date: "y"' },
    ])
    expect(groups.map((g) => [g.field, g.reason, g.issues.map((i) => i.row)])).toEqual([
      ['date', 'not a real date: …', [2, 5]],
      ['title', 'missing title', [1]],
    ])
  })
})
