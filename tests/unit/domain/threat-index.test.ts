import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../src/domain/build-table.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import {
  defaultAsOf,
  indexOfRows,
  rowsByRegion,
  scoreFromWeight,
  severityWeight,
  type IndexSettings,
} from '../../../src/domain/threat-index.ts'
import type { EventTable } from '../../../src/domain/table.ts'

const SETTINGS: IndexSettings = { windowDays: 30, halfLifeDays: 7 }
const AS_OF = Date.UTC(2025, 10, 5) // the end of 4 November 2025

function tableOf(events: object[]): EventTable {
  const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 't', events }))
  if (!outcome.ok) throw new Error(outcome.reason)
  expect(outcome.result.rejected).toBe(0)
  return buildEventTable(outcome.result.dataset)
}

const all = (t: EventTable): number[] => Array.from({ length: t.size }, (_, i) => i)

describe('severity and score', () => {
  it('doubles severity per level', () => {
    expect([1, 2, 3, 4, 5].map(severityWeight)).toEqual([1, 2, 4, 8, 16])
  })
  it('saturates towards 100', () => {
    expect(scoreFromWeight(0)).toBe(0)
    expect(scoreFromWeight(16)).toBe(63.2) // 100 × (1 − 1/e)
    expect(scoreFromWeight(1e6)).toBe(100)
  })
})

describe('the worked example in docs/threat-index.md', () => {
  const table = tableOf([
    { id: 'a', title: 'A', date: '2025-11-04', threatLevel: 3, regions: ['eastern-europe'] },
    { id: 'b', title: 'B', date: '2025-10-28', threatLevel: 4, regions: ['eastern-europe'] },
    { id: 'c', title: 'C', date: '2025-10-21', threatLevel: 2, regions: ['eastern-europe'] },
    { id: 'd', title: 'D', date: '2025', threatLevel: 5, regions: ['eastern-europe'] },
  ])
  const index = indexOfRows(table, all(table), AS_OF, SETTINGS)

  it('gives score 45.9, level 4 and a rising trend of +38', () => {
    expect(index.score).toBe(45.9)
    expect(index.level).toBe(4)
    expect(index.previousScore).toBe(7.9)
    expect(index.delta).toBe(38)
    expect(index.trend).toBe('rising')
    expect(index.eventCount).toBe(4)
  })

  it('lists contributions largest first, newer first on ties, summing to 1', () => {
    expect(index.contributions.map((c) => table.titles[c.row])).toEqual(['A', 'B', 'D', 'C'])
    expect(index.contributions.map((c) => c.weight)).toEqual([4, 4, (16 * 30) / 365, 0.5])
    const sum = index.contributions.reduce((s, c) => s + c.share, 0)
    expect(sum).toBeCloseTo(1, 12)
    expect(index.contributions[0]!.share).toBeCloseTo(4 / (8.5 + (16 * 30) / 365), 12)
  })
})

describe('edge cases', () => {
  it('reads "no recent activity" for no events, not low', () => {
    const table = tableOf([])
    const index = indexOfRows(table, [], AS_OF, SETTINGS)
    expect(index).toMatchObject({ level: null, score: 0, eventCount: 0, trend: 'steady', contributions: [] })
    expect(defaultAsOf(table)).toBe(0)
  })

  it('reads no recent activity when every event is older than the window', () => {
    const table = tableOf([{ id: 'old', title: 'Old', date: '2024-01-01', threatLevel: 5 }])
    const index = indexOfRows(table, all(table), AS_OF, SETTINGS)
    expect(index.level).toBeNull()
    expect(index.score).toBe(0)
  })

  it('the seed event alone: level 3 on its own day, as-of defaults to the end of that day', () => {
    const table = tableOf([
      { id: 'seed', title: 'Xi hosts Mishustin', date: '2025-11-04', threatLevel: 'medium', regions: ['Asia', 'Eastern Europe'] },
    ])
    expect(defaultAsOf(table)).toBe(AS_OF)
    const index = indexOfRows(table, [0], defaultAsOf(table), SETTINGS)
    expect(index.level).toBe(3)
    expect(index.score).toBe(scoreFromWeight(4)) // 22.1
    expect(index.score).toBe(22.1)
    expect(index.contributions).toEqual([{ row: 0, weight: 4, share: 1 }])
    expect(index.trend).toBe('rising')
  })

  it('a lone year-precision event sets the level when nothing better placed exists', () => {
    const table = tableOf([{ id: 'y', title: 'Y', date: '2025', threatLevel: 5 }])
    const index = indexOfRows(table, [0], AS_OF, SETTINGS)
    expect(index.level).toBe(5)
    expect(index.score).toBe(scoreFromWeight((16 * 30) / 365))
    expect(index.trend).toBe('steady') // the previous window holds the same share of the year
  })

  it('an event after the as-of instant does not count', () => {
    const table = tableOf([{ id: 'f', title: 'F', date: '2025-11-05', threatLevel: 5 }])
    expect(indexOfRows(table, [0], AS_OF, SETTINGS).level).toBeNull()
  })

  it('ties in weight are broken by date, newest first, then row', () => {
    const table = tableOf([
      { id: 'p', title: 'P', date: '2025-11-01', threatLevel: 4 },
      { id: 'q', title: 'Q', date: '2025-11-01', threatLevel: 4 },
    ])
    const index = indexOfRows(table, [1, 0], AS_OF, SETTINGS)
    expect(index.contributions.map((c) => c.row)).toEqual([0, 1])
    expect(index.contributions[0]!.share).toBe(0.5)
  })

  it('falls when the previous window was worse', () => {
    const table = tableOf([{ id: 'p', title: 'P', date: '2025-10-05', threatLevel: 5 }])
    const index = indexOfRows(table, [0], AS_OF, SETTINGS)
    expect(index.level).toBeNull()
    expect(index.trend).toBe('falling')
    expect(index.delta).toBeLessThan(-5)
  })
})

describe('rowsByValue', () => {
  it('groups rows of the current and previous windows by region', () => {
    const table = tableOf([
      { id: 'a', title: 'A', date: '2025-11-04', threatLevel: 3, countries: ['RU'] },
      { id: 'b', title: 'B', date: '2025-09-20', threatLevel: 2, countries: ['CN'] },
      { id: 'c', title: 'C', date: '2025-01-20', threatLevel: 2, countries: ['CN'] },
    ])
    const groups = rowsByRegion(table, () => true, AS_OF, SETTINGS)
    const byName = new Map([...groups].map(([code, rows]) => [table.places.regions.dict.values[code], rows]))
    expect(byName.get('eastern-europe')).toEqual([0])
    expect(byName.get('eastern-asia')).toEqual([1])
  })
})
