import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readCsvColumns } from '../../../../src/domain/ingest/csv-columns.ts'
import { readCsvDetailed } from '../../../../src/domain/ingest/csv.ts'

/** tests/fixtures/csv/unclosed-quote.csv: 12 rows; row 7 opens a quote that row 9's quote "closes". */
const FILE = readFileSync(new URL('../../../fixtures/csv/unclosed-quote.csv', import.meta.url), 'utf8')
const HEADER = 'id,title,date,threatLevel,countries'

describe('a quote that is never closed', () => {
  it('is reported at its row, with the rows read into it counted as rejected (both CSV readers)', () => {
    const slow = readCsvDetailed(FILE)
    const fast = readCsvColumns(FILE)
    if (!slow.outcome.ok || !fast.ok) throw new Error('the file should read')
    const result = slow.outcome.result
    // 12 rows: 9 accepted, row 7 and the two rows read into its quote rejected.
    expect(result.total).toBe(12)
    expect(result.dataset.events.map((e) => e.id)).toEqual(['q-01', 'q-02', 'q-03', 'q-04', 'q-05', 'q-06', 'q-10', 'q-11', 'q-12'])
    expect(result.rejectedRows).toEqual([7, 8, 9])
    expect(result.issues[0]).toEqual({
      row: 7,
      field: 'quote',
      message: 'a quote opened here is never closed; the next 2 rows were read into it (close the quote, or double it inside the cell, and import again)',
    })
    expect(result.issues.slice(1).map((i) => [i.row, i.message])).toEqual([
      [8, 'read into the quote left open in row 7'],
      [9, 'read into the quote left open in row 7'],
    ])
    // The rows read into the quote are downloadable with their own cells.
    expect(slow.rejectedCells[1]).toEqual(['q-08', 'Event 8', '2024-03-08', '3', 'FR'])
    expect(fast.value.total).toBe(12)
    expect([...fast.value.rejectedRows]).toEqual([7, 8, 9])
    expect(fast.value.issues).toEqual(result.issues)
    expect(fast.value.rejectedCells).toEqual(slow.rejectedCells)
    expect(fast.value.quoteLeftOpen).toBe(true)
  })

  it('names every row to the end of the file when no later quote closes it', () => {
    const text = `${HEADER}\na,"Open,2024-01-01,3,FR\nb,Two,2024-01-02,3,FR\r\nc,Three,2024-01-03,3,FR\n\n`
    const slow = readCsvDetailed(text)
    if (!slow.outcome.ok) throw new Error('the file should read')
    expect(slow.outcome.result.total).toBe(3)
    expect(slow.outcome.result.issues.map((i) => [i.row, i.message.split(';')[0]])).toEqual([
      [1, 'a quote opened here is never closed'],
      [2, 'read into the quote left open in row 1'],
      [3, 'read into the quote left open in row 1'],
    ])
    expect(slow.outcome.result.issues[0]!.message).toContain('the next 2 rows were read into it')
  })

  it('leaves quoted cells over several lines, and blank lines, alone', () => {
    const text = `${HEADER}\n\na,"Two\nlines, quoted",2024-01-01,3,FR\n\nb,"Said ""no""",2024-01-02,3,FR\n`
    const slow = readCsvDetailed(text)
    const fast = readCsvColumns(text)
    if (!slow.outcome.ok || !fast.ok) throw new Error('the file should read')
    expect(slow.outcome.result.issues).toEqual([])
    expect(slow.outcome.result.dataset.events.map((e) => e.title)).toEqual(['Two\nlines, quoted', 'Said "no"'])
    expect(fast.value.quoteLeftOpen).toBe(false)
  })
})
