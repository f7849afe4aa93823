import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../src/domain/build-table.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import {
  defaultAsOf,
  indexOfRows,
  indexOfTarget,
  peakScore,
  scoreFromWeight,
  severityWeight,
  talliesOfAll,
  talliesPerValue,
  tallyLevels,
  tallySets,
  countsInWindow,
  type IndexSettings,
} from '../../../src/domain/threat-index.ts'
import { inputRowOf, titleAt } from '../../../src/domain/table.ts'
import { type EventTable } from '../../../src/domain/table-types.ts'

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
  it('closes on 100 on a log scale: every 16-fold of 1 + weight halves the distance left', () => {
    expect(scoreFromWeight(0)).toBe(0)
    expect(scoreFromWeight(1)).toBe(15.9) // 100 × (1 − 2^(−1/4)) = 100 × (1 − 0.8409)
    expect(scoreFromWeight(15)).toBe(50) // 100 × (1 − 16^(−1/4))
    expect(scoreFromWeight(255)).toBe(75) // 100 × (1 − 256^(−1/4))
    expect(scoreFromWeight(4095)).toBe(87.5) // 100 × (1 − 4096^(−1/4))
    expect(scoreFromWeight(1e6)).toBe(96.8)
  })
  it('still tells weights apart at the scale of 100k events', () => {
    // A quiet region (weight 43), a busy one (200), the whole world (870): 61.2, 73.4, 81.6.
    expect([43, 200, 870].map(scoreFromWeight)).toEqual([61.2, 73.4, 81.6])
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

  it('gives score 44.9, level 4 and a rising trend of +26', () => {
    expect(index.score).toBe(44.9)
    expect(index.level).toBe(4)
    expect(index.previousScore).toBe(18.9)
    expect(index.delta).toBe(26)
    expect(index.trend).toBe('rising')
    expect(index.eventCount).toBe(4)
  })

  it('lists contributions largest first, newer first on ties, summing to 1', () => {
    expect(index.contributions.map((c) => titleAt(table, c.row))).toEqual(['A', 'B', 'D', 'C'])
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
    expect(index.score).toBe(scoreFromWeight(4)) // 100 × (1 − 5^(−1/4))
    expect(index.score).toBe(33.1)
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

describe('tallies per place set', () => {
  it('sums each region\'s sets, leaving out rows outside both windows', () => {
    const table = tableOf([
      { id: 'a', title: 'A', date: '2025-11-04', threatLevel: 3, countries: ['RU'] },
      { id: 'b', title: 'B', date: '2025-09-20', threatLevel: 2, countries: ['CN'] },
      { id: 'c', title: 'C', date: '2025-01-20', threatLevel: 2, countries: ['CN'] },
      { id: 'd', title: 'D', date: '2025-11-01', threatLevel: 2, countries: ['RU'] },
    ])
    // Rows are newest first: a (0), d (1), b (2), c (3); c is outside both windows.
    const perSet = tallySets(table, [0, 1, 2], AS_OF, SETTINGS)
    const perRegion = talliesPerValue(perSet, table.places.regions)
    const byName = new Map([...perRegion].map(([code, tallies]) => [table.places.regions.dict.values[code], tallies]))
    // Eastern Europe: a (level 3) and d (level 2), both inside the current window.
    expect([...countsInWindow(byName.get('eastern-europe')!)]).toEqual([0, 1, 1, 0, 0])
    expect([...byName.get('eastern-europe')!]).toEqual([...tallyLevels(table, [0, 1], AS_OF, SETTINGS)])
    // Eastern Asia: b, in the previous window only (46 days before the as-of).
    expect([...countsInWindow(byName.get('eastern-asia')!)]).toEqual([0, 0, 0, 0, 0])
    expect([...byName.get('eastern-asia')!]).toEqual([...tallyLevels(table, [2], AS_OF, SETTINGS)])
    // Weighed once however many regions hold the row: Europe sums the same two rows.
    expect(byName.get('europe')).toEqual(byName.get('eastern-europe'))
    // The rows given, all together.
    expect([...talliesOfAll(perSet)]).toEqual([...tallyLevels(table, [0, 1, 2], AS_OF, SETTINGS)])
  })
})

describe('the peak method (highest level and count)', () => {
  const table = tableOf([
    { id: 'a', title: 'A', date: '2025-11-04', threatLevel: 3, regions: ['eastern-europe'] },
    { id: 'b', title: 'B', date: '2025-10-28', threatLevel: 4, regions: ['eastern-europe'] },
    { id: 'c', title: 'C', date: '2025-10-21', threatLevel: 2, regions: ['eastern-europe'] },
    { id: 'd', title: 'D', date: '2025', threatLevel: 5, regions: ['eastern-europe'] },
  ])
  const PEAK: IndexSettings = { ...SETTINGS, method: 'peak' }

  it('scores the band of the highest level plus the count: the worked example', () => {
    // n = 1 + 1 + 1 + 30/365 = 3.0822; 60 + 20 × 3.0822 / 8.0822 = 67.627
    expect(peakScore(4, 3 + 30 / 365)).toBe(67.6)
    const index = indexOfRows(table, all(table), AS_OF, PEAK)
    expect(index.level).toBe(4)
    expect(index.score).toBe(67.6)
    // Previous window: only D (30/365 of it, not placed) — level 5 as the only evidence, 80 + 0.32.
    expect(index.previousLevel).toBe(5)
    expect(index.previousScore).toBe(80.3)
    expect(index.delta).toBe(-12.7)
    expect(index.trend).toBe('falling')
    // No decay: each day-precise event weighs 1, D its placement.
    expect(index.contributions.map((c) => titleAt(table, c.row))).toEqual(['A', 'B', 'C', 'D'])
    expect(index.contributions.map((c) => c.weight)).toEqual([1, 1, 1, 30 / 365])
    expect(index.contributions.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12)
  })

  it('the seed event alone: level 3, 40 + 20/6 = 43.3', () => {
    const seed = tableOf([{ id: 's', title: 'S', date: '2025-11-04', threatLevel: 'medium', regions: ['Asia'] }])
    const index = indexOfRows(seed, [0], AS_OF, PEAK)
    expect(index).toMatchObject({ level: 3, score: 43.3, previousLevel: null, previousScore: 0, eventCount: 1, previousEventCount: 0 })
  })

  it('stays inside the band however many events pile up, and reads 0 with none', () => {
    expect(peakScore(2, 1e9)).toBeLessThanOrEqual(40)
    expect(peakScore(3, 0.0001)).toBeGreaterThanOrEqual(40)
    expect(peakScore(0, 0)).toBe(0)
    expect(indexOfRows(table, [], AS_OF, PEAK)).toMatchObject({ level: null, score: 0 })
  })
})

describe('previous window and targets', () => {
  const table = tableOf([
    { id: 'a', title: 'A', date: '2025-11-04', threatLevel: 3, countries: ['RU'], actors: ['Kremlin'] },
    { id: 'b', title: 'B', date: '2025-10-28', threatLevel: 4, countries: ['RU'] },
    { id: 'c', title: 'C', date: '2025-09-20', threatLevel: 2, countries: ['RU'], actors: ['Kremlin'] },
    { id: 'f', title: 'F', date: '2025-11-01', threatLevel: 2, countries: ['FR'] },
  ])

  it('reports the previous window level and count', () => {
    const index = indexOfTarget(table, { kind: 'region', value: 'eastern-europe' }, AS_OF, SETTINGS)
    // current: A 4 × 1 + B 8 × 0.5 = 8 → 100 × (1 − 9^(−1/4)) = 42.3; previous (to 6 Oct): C 2 × 0.5^(15/7) = 0.4529 → 8.9
    expect(index).toMatchObject({ level: 4, score: 42.3, previousLevel: 2, previousScore: 8.9, delta: 33.4, eventCount: 2, previousEventCount: 1 })
  })

  it('computes the index of a country, an actor, and nothing for an unknown value', () => {
    expect(indexOfTarget(table, { kind: 'country', value: 'FR' }, AS_OF, SETTINGS)).toMatchObject({ level: 2, score: 20.4, eventCount: 1 })
    const kremlin = indexOfTarget(table, { kind: 'actor', value: 'Kremlin' }, AS_OF, SETTINGS)
    expect(kremlin).toMatchObject({ level: 3, score: 33.1, previousLevel: 2, eventCount: 1 })
    expect(indexOfTarget(table, { kind: 'actor', value: 'Nobody' }, AS_OF, SETTINGS)).toMatchObject({ level: null, score: 0, eventCount: 0 })
    expect(indexOfTarget(table, { kind: 'country', value: 'RU' }, AS_OF, SETTINGS, (row) => inputRowOf(table, row) !== 1).level).toBe(3)
  })
})
