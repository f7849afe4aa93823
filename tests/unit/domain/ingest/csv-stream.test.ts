import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readCsvColumns } from '../../../../src/domain/ingest/csv-columns.ts'
import { CsvStreamValidator, IdRows } from '../../../../src/domain/ingest/csv-stream.ts'

const HUNDRED = readFileSync(new URL('../../../fixtures/csv/hundred-ten-bad.csv', import.meta.url), 'utf8')

/** Feeds `text` in slices of `sliceChars`, read in pieces of about `pieceChars`. */
function stream(text: string, pieceChars: number, sliceChars: number) {
  const v = new CsvStreamValidator(pieceChars)
  for (let i = 0; i < text.length; i += sliceChars) v.push(text.slice(i, i + sliceChars))
  return v.finish()
}

function whole(text: string) {
  const read = readCsvColumns(text)
  if (!read.ok) throw new Error(read.reason)
  const v = read.value
  return { format: 'csv', total: v.total, accepted: v.total - v.rejected, rejected: v.rejected, issues: v.issues, warnings: v.warnings, unlisted: 0 }
}

/** Rows with a quoted cell across two lines, bad dates and ids repeated far apart. */
function tricky(rows: number): string {
  const lines = ['id,title,date,threatLevel,summary']
  for (let i = 1; i <= rows; i++) {
    const id = i % 97 === 0 ? `e${i - 90}` : `e${i}`
    const date = i % 13 === 0 ? '2024-02-30' : `2024-0${1 + (i % 9)}-1${i % 10}`
    lines.push(`${id},"Event ${i}, with a comma",${date},${1 + (i % 5)},"line one\nline ""two"""`)
  }
  return lines.join('\n') + '\n'
}

describe('CsvStreamValidator', () => {
  it.each([
    ['the 100-row fixture in 300-char pieces', HUNDRED, 300, 7],
    ['the 100-row fixture in one piece', HUNDRED, 1 << 20, 1 << 20],
    ['quoted line breaks and far duplicates in 1000-char pieces', tricky(2000), 1000, 333],
    ['quoted line breaks and far duplicates in 64 KB pieces', tricky(2000), 64 * 1024, 4096],
  ])('finds what one reader of the whole finds: %s', (_what, text, pieceChars, sliceChars) => {
    expect(stream(text, pieceChars, sliceChars)).toEqual(whole(text))
  })

  it('rejects an id repeated in a later piece, naming its first row', () => {
    const report = stream(tricky(2000), 1000, 500)
    // Row 97 repeats the id of row 7.
    expect('issues' in report && report.issues).toContainEqual({ row: 97, field: 'id', message: 'duplicate id "e7" (first in row 7)' })
  })

  it('fails on a header without the needed columns, like the whole-text reader', () => {
    const report = stream('name,when\nx,2024\n', 4, 3)
    expect(report).toEqual({ ok: false, reason: expect.stringMatching(/id|title|date/) })
  })

  it('remembers ids by a 64-bit hash with their first row, growing as needed', () => {
    const seen = new IdRows()
    for (let i = 1; i <= 200_000; i++) expect(seen.firstRowOrAdd(`id-${i}`, i)).toBe(0)
    expect(seen.firstRowOrAdd('id-123456', 1)).toBe(123_456)
    expect(seen.firstRowOrAdd('id-200001', 7)).toBe(0)
  })
})
