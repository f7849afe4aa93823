import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { DAY_MS } from '../../../../src/domain/dates.ts'
import { computeMask } from '../../../../src/domain/engine/local/mask.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { DEFAULT_INDEX_SETTINGS, indexOfRows } from '../../../../src/domain/threat-index.ts'
import { indexSeries, subjectRows } from '../../../../src/domain/engine/local/index-series.ts'
import { titleAt } from '../../../../src/domain/table.ts'

describe('index over time', () => {
  it('matches the gauges’ index at every point on generated data', () => {
    const table = generateSyntheticTable({ size: 3000, seed: 11, days: 730 })
    const mask = computeMask(table, { ...EMPTY_FILTER, levels: [2, 3, 4, 5] })
    const region = table.places.regions.dict.values.find((id) => id === 'europe') ?? table.places.regions.dict.values[0]!
    const rows = subjectRows(table, mask, { kind: 'region', id: region })
    expect(rows.length).toBeGreaterThan(50)
    const times = Array.from({ length: 24 }, (_, i) => table.extentMs[0] + (i + 1) * 30 * DAY_MS)
    const series = indexSeries(table, rows, times, DEFAULT_INDEX_SETTINGS)
    times.forEach((t, i) => expect(series[i]).toBeCloseTo(indexOfRows(table, rows, t).score, 9))
  })

  it('scores a hand-checked case: one critical event 7 days before as-of, and a year-only event', () => {
    const outcome = readNativeJson(
      JSON.stringify({
        schemaVersion: 1,
        name: 't',
        events: [
          { id: 'c', title: 'c', date: '2024-06-01', threatLevel: 5, countries: ['UA'] },
          { id: 'y', title: 'y', date: '2024', threatLevel: 3, countries: ['UA'] },
          { id: 'x', title: 'x', date: '2024-06-01', threatLevel: 5, countries: ['FR'] },
        ],
      }),
    )
    if (!outcome.ok) throw new Error(outcome.reason)
    const table = buildEventTable(outcome.result.dataset)
    const rows = subjectRows(table, computeMask(table, EMPTY_FILTER), { kind: 'country', id: 'UA' })
    expect(rows.map((r) => titleAt(table, r))).toEqual(['y', 'c'])
    const asOf = Date.UTC(2024, 5, 9) // end of 8 June: the event's day ended 7 days before.
    const [before, at] = indexSeries(table, rows, [Date.UTC(2023, 11, 1), asOf], DEFAULT_INDEX_SETTINGS)
    expect(Number.isNaN(before!)).toBe(true)
    // Critical: 16 × 0.5^(7/7) = 8. Year-only elevated: 4 × 30/366 of 2024 inside the window, age 0.
    const total = 8 + (4 * 30) / 366
    // 100 × (1 − 9.328^(−1/4)) = 42.8
    expect(at).toBeCloseTo(Math.round(1000 * (1 - (1 + total) ** -0.25)) / 10, 9)
    expect(at).toBe(42.8)
  })
})
