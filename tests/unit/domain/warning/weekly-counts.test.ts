import { describe, expect, it } from 'vitest'
import { weeklyCounts, placeSeries } from '../../../../src/domain/warning/weekly-counts.ts'
import { weekStartIso } from '../../../../src/domain/warning/weeks.ts'
import { handTable } from '../hand-table.ts'

const table = handTable([
  // Wednesday of the week of Monday 10 March 2025.
  { date: '2025-03-12', level: 2, title: 'day event', countries: ['FR'], regions: ['western-europe', 'europe'], actors: ['Police'] },
  // A month-precision date: March 2025 is 31 days, Saturday the 1st to Monday the 31st.
  { date: '2025-03', level: 3, title: 'month event', countries: ['FR'], regions: ['western-europe', 'europe'] },
  { date: '2025-03-14T22:00Z', level: 5, title: 'two countries', countries: ['FR', 'DE'], regions: ['western-europe', 'europe'], actors: ['Police', 'Army'] },
])

function byWeek(kind: 'country' | 'region' | 'actor', place: string, measure: 'count' | 'weighted' = 'count'): Record<string, number> {
  const counts = weeklyCounts(table, kind)
  const series = placeSeries(counts, counts.places.indexOf(place), measure)
  const out: Record<string, number> = {}
  series.forEach((v, w) => {
    if (v !== 0) out[weekStartIso(counts.firstWeek + w)] = v
  })
  return out
}

describe('weekly counts', () => {
  it('spread a month-precision date over its days as the timeline does, never on the 1st', () => {
    const fr = byWeek('country', 'FR')
    // Month event: 2 of 31 days in the week of 24 Feb, 7 in each full week, 1 on Monday the 31st.
    expect(fr['2025-02-24']).toBeCloseTo(2 / 31, 12)
    expect(fr['2025-03-03']).toBeCloseTo(7 / 31, 12)
    // Week of the 10th: the day event, the two-country event and 7/31 of the month.
    expect(fr['2025-03-10']).toBeCloseTo(2 + 7 / 31, 12)
    expect(fr['2025-03-17']).toBeCloseTo(7 / 31, 12)
    expect(fr['2025-03-24']).toBeCloseTo(7 / 31, 12)
    expect(fr['2025-03-31']).toBeCloseTo(1 / 31, 12)
    expect(Object.values(fr).reduce((a, b) => a + b, 0)).toBeCloseTo(3, 12)
  })

  it('count an event in each of its countries, and weigh by severity', () => {
    expect(byWeek('country', 'DE')).toEqual({ '2025-03-10': 1 })
    // Levels 2 and 5 weigh 2 and 16; the level-3 month event weighs 4, 7/31 of it in this week.
    expect(byWeek('country', 'FR', 'weighted')['2025-03-10']).toBeCloseTo(2 + 16 + (4 * 7) / 31, 12)
  })

  it('count regions once per event and actors per event they are in', () => {
    expect(byWeek('region', 'europe')['2025-03-10']).toBeCloseTo(2 + 7 / 31, 12)
    expect(byWeek('actor', 'Police')).toEqual({ '2025-03-10': 2 })
    expect(byWeek('actor', 'Army')).toEqual({ '2025-03-10': 1 })
  })

  it('stretch the frame to an as-of date after the last event with quiet weeks', () => {
    const counts = weeklyCounts(table, 'country', Date.parse('2025-05-01T00:00:00Z'))
    expect(weekStartIso(counts.firstWeek + counts.weeks - 1)).toBe('2025-04-28')
    expect(weeklyCounts(table, 'country').weeks).toBe(6)
  })

  it('give an empty frame for an empty table', () => {
    const counts = weeklyCounts(handTable([]), 'country')
    expect(counts.weeks).toBe(0)
    expect(counts.places).toEqual([])
  })
})
