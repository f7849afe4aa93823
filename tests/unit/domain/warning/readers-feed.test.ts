import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { readAny } from '../../../../src/domain/ingest/read-any.ts'
import type { EventTable } from '../../../../src/domain/table-types.ts'
import { surgeRows } from '../../../../src/domain/warning/place-report.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../../../src/domain/warning/settings.ts'
import { placeSeries, weeklyCounts } from '../../../../src/domain/warning/weekly-counts.ts'
import { weekStartIso } from '../../../../src/domain/warning/weeks.ts'

function tableOf(path: string): EventTable {
  const outcome = readAny(readFileSync(path, 'utf8'), { fileName: path, now: 0 })
  if (!outcome.ok) throw new Error(outcome.reason)
  expect(outcome.result.rejected).toBe(0)
  return buildEventTable(outcome.result.dataset)
}

function weeksOf(table: EventTable, country: string): Record<string, number> {
  const counts = weeklyCounts(table, 'country')
  const series = placeSeries(counts, counts.places.indexOf(country), 'count')
  return Object.fromEntries(Array.from(series, (v, w) => [weekStartIso(counts.firstWeek + w), v]))
}

const endOf = (day: string): number => Date.parse(`${day}T00:00:00Z`) + 86_400_000

describe('readers feed early warning with the dates they read', () => {
  const acled = tableOf('tests/fixtures/warning/acled-weekly.csv')
  const gdelt = tableOf('tests/fixtures/warning/gdelt-weekly.export.tsv')

  it('ACLED: month-precision events (time_precision 3) are spread over March, not put on the 1st', () => {
    const ke = weeksOf(acled, 'KE')
    // The regular pattern 1, 2, 3, 2 from the week of 6 January: the 8th week (24 Feb) holds 2,
    // the 9th (3 Mar) 1. March 2025 has 31 days; 1–2 March fall in the week of 24 February.
    expect(ke['2025-02-24']).toBeCloseTo(2 + (10 * 2) / 31, 12)
    expect(ke['2025-03-03']).toBeCloseTo(1 + (10 * 7) / 31, 12)
    expect(ke['2025-03-31']).toBeCloseTo(1 + (10 * 1) / 31, 12)
    const week = surgeRows(acled, 'country', endOf('2025-03-02'), DEFAULT_WARNING_SETTINGS)
    expect(week.rows).toEqual([])
  })

  it('ACLED: the Sudanese week of 19 May is a surge, Kenya is not', () => {
    const { rows } = surgeRows(acled, 'country', endOf('2025-05-25'), DEFAULT_WARNING_SETTINGS)
    expect(rows.map((r) => [r.place, r.weekStart, r.observed])).toEqual([['SD', '2025-05-19', 15]])
    expect(rows[0]!.expected).toBeCloseTo(3, 0)
  })

  it('GDELT: events are dated by SQLDATE (Sunday), not by when they were added (Monday)', () => {
    const sd = weeksOf(gdelt, 'SD')
    expect(sd['2025-05-19']).toBe(3 + 15)
    expect(sd['2025-05-26']).toBeUndefined()
    const { rows } = surgeRows(gdelt, 'country', endOf('2025-05-25'), DEFAULT_WARNING_SETTINGS)
    expect(rows.map((r) => [r.place, r.name, r.weekStart])).toEqual([['SD', 'Sudan', '2025-05-19']])
  })
})
