import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readCsvColumns } from '../../../../src/domain/ingest/csv-columns.ts'
import { CsvFirstRows, CsvStreamValidator } from '../../../../src/domain/ingest/csv-stream.ts'
import { IdHashes } from '../../../../src/domain/ingest/id-hashes.ts'

const HUNDRED = readFileSync(new URL('../../../fixtures/csv/hundred-ten-bad.csv', import.meta.url), 'utf8')

/** Feeds `text` in slices of `sliceChars`, read in pieces of about `pieceChars`. */
function stream(text: string, pieceChars: number, sliceChars: number) {
  const v = new CsvStreamValidator(pieceChars)
  for (let i = 0; i < text.length; i += sliceChars) v.push(text.slice(i, i + sliceChars))
  const report = v.finish()
  if ('ok' in report || v.idsToLocate.size === 0) return report
  // Duplicates across pieces: a second pass names their first rows.
  const finder = new CsvFirstRows(v.idsToLocate, pieceChars)
  for (let i = 0; i < text.length; i += sliceChars) finder.push(text.slice(i, i + sliceChars))
  return v.withFirstRows(report, finder.finish())
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

  it('without the second pass, says a duplicate was first in an earlier row', () => {
    const v = new CsvStreamValidator(1000)
    v.push(tricky(2000))
    const report = v.finish()
    expect('issues' in report && report.issues).toContainEqual({ row: 97, field: 'id', message: 'duplicate id "e7" (first in an earlier row)' })
    expect(v.idsToLocate.has('e7')).toBe(true)
  })
})

describe('the id table of a streamed validation', () => {
  it('reserves room once for the rows expected, and still finds every id', () => {
    const seen = new IdHashes()
    seen.reserve(100_000)
    // 100,000 ids at most 85 % full: 117,648 slots (not a power of two).
    expect(seen.capacity).toBe(117_648)
    for (let i = 1; i <= 100_000; i++) expect(seen.add(`row-${i}`)).toBe(true)
    expect(seen.capacity).toBe(117_648)
    expect(seen.add('row-99999')).toBe(false)
    // Past the reserve it grows by a quarter, and still knows every id.
    for (let i = 100_001; i <= 100_010; i++) seen.add(`row-${i}`)
    expect(seen.capacity).toBe(147_060)
    expect(seen.add('row-1')).toBe(false)
    expect(seen.add('row-100011')).toBe(true)
  })

  it('sizes the table from the first piece when the input size is known', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `e${i},Event ${i},2024-01-0${1 + (i % 9)},3`)
    const text = `id,title,date,threatLevel\n${rows.join('\n')}\n`
    const v = new CsvStreamValidator(4096, text.length)
    v.push(text)
    const report = v.finish()
    expect(report).toMatchObject({ total: 2000, accepted: 2000, rejected: 0 })
  })
})
