import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { readCsvColumns } from '../../../../src/domain/ingest/csv-columns.ts'
import { csvEventAt } from '../../../../src/domain/ingest/csv-event-at.ts'
import type { ColumnTarget } from '../../../../src/domain/ingest/csv-headers.ts'
import { readCsvDetailed } from '../../../../src/domain/ingest/csv.ts'
import { assembleTable, inputRowOf, rowCountries, rowRegions, rowValues } from '../../../../src/domain/table.ts'

/** Both CSV paths must accept, reject, report and tabulate the same. */
function expectSamePaths(text: string, overrides?: ReadonlyMap<number, ColumnTarget>): void {
  const slow = readCsvDetailed(text, overrides ? { overrides } : {})
  const fast = readCsvColumns(text, overrides ? { overrides } : {})
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
  const table = assembleTable(value.columns, (_, _row, inputRow) => eventAt(inputRow))
  expect(table.size).toBe(expected.size)
  expect(table.startMs).toEqual(expected.startMs)
  expect(table.endMs).toEqual(expected.endMs)
  expect(table.precision).toEqual(expected.precision)
  expect(table.level).toEqual(expected.level)
  expect(table.latDeg).toEqual(expected.latDeg)
  expect(table.lonDeg).toEqual(expected.lonDeg)
  expect(table.approximate).toEqual(expected.approximate)
  expect(table.titles).toEqual(expected.titles)
  expect(table.sourceRow).toEqual(expected.sourceRow)
  for (let row = 0; row < table.size; row++) {
    expect(rowCountries(table, row)).toEqual(rowCountries(expected, row))
    expect(rowRegions(table, row).sort()).toEqual(rowRegions(expected, row).sort())
    expect(rowValues(table.actors, row)).toEqual(rowValues(expected.actors, row))
    expect(table.categories.values[table.category[row]!]).toBe(expected.categories.values[expected.category[row]!])
    expect(table.eventAt(row)).toEqual(result.dataset.events[inputRowOf(table, row)])
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

  it('matches the event path on validated-only columns, padded cells and short rows', () => {
    const pick = (...values: string[]) => fc.constantFrom(...values)
    const row = fc.tuple(
      fc.nat(40).map((n) => `id${n}`),
      pick('T', ' T ', '\u00a0T', 'T\t', ''),
      pick('2024-02-29', ' 2023 ', '2023-07-01', '2022-11', '2023-7', '24-02-03', '2024-02-03T25:00Z', '2024-02-03 10:00', '2024-02-03T10:00+0530'),
      pick('3', ' 3 ', '03', '3.0', '0', '6', 'HIGH', ' severe ', '+2', '5e0'),
      pick('', '', '', 'stable', 'Improving', 'sideways', ' deteriorating '),
      pick('', '', '', '0', '12', '1.5', '-1', '1e2', ' 7 '),
      pick('', '', '', '40', '100.5', '+.5', '1.', '.', '1e', '-0'),
      pick('', 'Conflict', ' conflict ', 'unrest'),
      pick('', '', '', ' 45.5 ', '-0', '1e1', '.5', '90.0001'),
      pick('', '', '', '12.25', '-180', '1E2', '181', 'x'),
    )
    const header = 'id,title,date,level,trend,fatalities,confidence,category,lat,lon\n'
    const csvCell = (c: string): string => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)
    let accepted = 0
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), fc.nat(10), (rows, cut) => {
        // Some rows lose their last cells (a short row reads them as empty).
        const lines = rows.map((r, i) => r.slice(0, i % 3 === 0 ? 10 - (cut % 4) : 10).map(csvCell).join(','))
        const text = header + lines.join('\n') + '\n'
        expectSamePaths(text)
        const fast = readCsvColumns(text)
        if (fast.ok) accepted += fast.value.columns.size
      }),
      { numRuns: 150, seed: 11 },
    )
    expect(accepted).toBeGreaterThan(40)
  })

  it('lets the later of two columns mapped by hand to one field win, as the event path does', () => {
    const text = 'id,title,date,level,when\na,T,2024,3,2023\nb,T,2024,3,\nc,T,2024,3,soon\n'
    const overrides = new Map<number, ColumnTarget>([[2, 'date'], [4, 'date']])
    expectSamePaths(text, overrides)
    const fast = readCsvColumns(text, { overrides })
    if (!fast.ok) throw new Error(fast.reason)
    // Row 1 takes 2023 from the later column, row 2 keeps 2024, row 3's "soon" is not a date.
    expect(fast.value.columns.startMs[0]).toBe(Date.UTC(2023, 0, 1))
    expect(fast.value.columns.startMs[1]).toBe(Date.UTC(2024, 0, 1))
    expect(fast.value.issues).toEqual([{ row: 3, field: 'date', message: 'not a real date: "soon"' }])
  })

  it('numbers rows in duplicate-id issues from the first accepted row, past blank lines and rejected rows', () => {
    const text = 'id,title,date,level\na,,2024,3\n\na,T,2024,3\nb,T,2024,3\n,,,\na,T,2025,1\nb,T,2024-02-30,1\nb,T,2024,2\n'
    const fast = readCsvColumns(text)
    if (!fast.ok) throw new Error(fast.reason)
    expect(fast.value.total).toBe(6)
    expect(fast.value.ids).toEqual(['a', 'b'])
    expect([...fast.value.rejectedRows]).toEqual([1, 4, 5, 6])
    expect(fast.value.issues).toEqual([
      { row: 1, field: 'title', message: 'missing title' },
      { row: 4, field: 'id', message: 'duplicate id "a" (first in row 2)' },
      { row: 5, field: 'date', message: 'not a real date: "2024-02-30"' },
      { row: 6, field: 'id', message: 'duplicate id "b" (first in row 3)' },
    ])
    expectSamePaths(text)
  })

  it('counts the known ids held by accepted rows only', () => {
    const text = 'id,title,date,level\na,,2024,3\na,T,2024,3\nb,T,2024-02-30,3\nc,T,2024,3\n'
    // a is accepted (row 2; row 1 lacks a title), b only in a rejected row, c accepted, z absent.
    const read = readCsvColumns(text, { knownIds: ['a', 'b', 'c', 'z'] })
    if (!read.ok) throw new Error(read.reason)
    expect(read.value.knownHeld).toBe(2)
    const without = readCsvColumns(text)
    expect(without.ok && without.value.knownHeld).toBeUndefined()
  })

  it('keeps nothing from one file to the next', () => {
    const first = readCsvColumns('id,title,date,level,countries\na,T,2024,3,FR\n')
    const second = readCsvColumns('id,title,date,level,regions\na,T,2023,high,FR\n')
    if (!first.ok || !second.ok) throw new Error('both should read')
    // The same id in another file is no duplicate; the same cells mean what this file's header says.
    expect(second.value.rejected).toBe(0)
    expect(second.value.warnings).toEqual([{ row: 1, field: 'regions', message: 'unknown region "FR" ignored' }])
    expect(second.value.columns.level[0]).toBe(4)
    expect(second.value.columns.startMs[0]).toBe(Date.UTC(2023, 0, 1))
    expect(first.value.warnings).toEqual([])
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
