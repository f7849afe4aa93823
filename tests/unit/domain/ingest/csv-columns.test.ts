import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { readCsvColumns } from '../../../../src/domain/ingest/csv-columns.ts'
import { csvEventAt } from '../../../../src/domain/ingest/csv-event-at.ts'
import { readCsvDetailed } from '../../../../src/domain/ingest/csv.ts'
import { assembleTable, rowCountries, rowRegions, rowValues } from '../../../../src/domain/table.ts'

/** Both CSV paths must accept, reject, report and tabulate the same. */
function expectSamePaths(text: string): void {
  const slow = readCsvDetailed(text)
  const fast = readCsvColumns(text)
  expect(fast.ok).toBe(slow.outcome.ok)
  if (!slow.outcome.ok || !fast.ok) return
  const result = slow.outcome.result
  const value = fast.value
  expect(value.total).toBe(result.total)
  expect([...value.rejectedRows]).toEqual(result.rejectedRows)
  expect(value.issues).toEqual(result.issues)
  expect(value.warnings).toEqual(result.warnings)
  expect(value.rejectedCells).toEqual(slow.rejectedCells)
  expect(value.ids).toEqual(result.dataset.events.map((e) => e.id))
  const expected = buildEventTable(result.dataset)
  const eventAt = csvEventAt(value)
  const table = assembleTable(value.columns, (_, row) => eventAt(row))
  expect(table.size).toBe(expected.size)
  expect(table.startMs).toEqual(expected.startMs)
  expect(table.endMs).toEqual(expected.endMs)
  expect(table.precision).toEqual(expected.precision)
  expect(table.level).toEqual(expected.level)
  expect(table.latDeg).toEqual(expected.latDeg)
  expect(table.lonDeg).toEqual(expected.lonDeg)
  expect(table.approximate).toEqual(expected.approximate)
  expect(table.titles).toEqual(expected.titles)
  expect(table.byDateDesc).toEqual(expected.byDateDesc)
  for (let row = 0; row < table.size; row++) {
    expect(rowCountries(table, row)).toEqual(rowCountries(expected, row))
    expect(rowRegions(table, row).sort()).toEqual(rowRegions(expected, row).sort())
    expect(rowValues(table.actors, row)).toEqual(rowValues(expected.actors, row))
    expect(table.categories.values[table.category[row]!]).toBe(expected.categories.values[expected.category[row]!])
    expect(table.eventAt(row)).toEqual(result.dataset.events[row])
  }
}

describe('readCsvColumns', () => {
  it('matches the event path on the 100-row fixture (90 accepted, 10 rejected)', () => {
    const text = readFileSync(new URL('../../../fixtures/csv/hundred-ten-bad.csv', import.meta.url), 'utf8')
    const fast = readCsvColumns(text)
    if (!fast.ok) throw new Error(fast.reason)
    expect(fast.value.total).toBe(100)
    expect(fast.value.columns.size).toBe(90)
    expect(fast.value.rejected).toBe(10)
    expectSamePaths(text)
  })

  it('matches the event path on generated rows, good and bad', () => {
    const pick = (...values: string[]) => fc.constantFrom(...values)
    const row = fc.tuple(
      fc.nat(60).map((n) => `id${n}`),
      pick('T', 'Кириллица, "q"', '台湾', 'line\nbreak', 'T', ''),
      pick('2024-02-29', '2023', '2023-07', '2024-05-06T10:00Z', '2024-02-30', 'soon', ''),
      pick('high', '3', 'medium', '1', '5', '7', 'purple', ''),
      pick('', 'FR', 'France;DE', 'Atlantis', 'UA; RU', 'JP;JP'),
      pick('', 'Middle East', 'Sahel;Narnia', 'Eastern Europe'),
      pick('', 'A; B; A', 'Navy', ' ; '),
      pick(',', ',', '0,0', '45.5,12.25', '45.5,12.25', '-91,3', 'x,', '10,181'),
      pick('', '', '2025', '2022', 'bad'),
      pick('', '', '50', '150'),
    )
    const header = 'id,title,date,level,countries,regions,actors,lat,lon,end_date,confidence\n'
    const csvCell = (c: string): string => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)
    let accepted = 0
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const text = header + rows.map((r) => r.map((c, i) => (i === 7 ? c : csvCell(c))).join(',')).join('\r\n') + '\n'
        expectSamePaths(text)
        const fast = readCsvColumns(text)
        if (fast.ok) accepted += fast.value.columns.size
      }),
      { numRuns: 150, seed: 7 },
    )
    // The generator must reach accepted rows, or the comparison above proves little.
    expect(accepted).toBeGreaterThan(40)
  })

  it('lists at most maxListed issues and counts the rest', () => {
    const text = 'id,title,date,level\n' + Array.from({ length: 10 }, (_, i) => `${i},,2024,1`).join('\n')
    const fast = readCsvColumns(text, { maxListed: 4 })
    if (!fast.ok) throw new Error(fast.reason)
    expect(fast.value.rejected).toBe(10)
    expect(fast.value.issues).toHaveLength(4)
    expect(fast.value.unlisted).toBe(6)
  })

  it('reports the header and mapping when a required column is missing', () => {
    const fast = readCsvColumns('ident,title,date\n1,T,2024\n')
    expect(fast).toEqual({
      ok: false,
      reason: 'no column for id, threatLevel (expected a header row such as id,title,date,threatLevel)',
      headers: ['ident', 'title', 'date'],
      mapping: ['extra', 'title', 'date'],
    })
  })
})
