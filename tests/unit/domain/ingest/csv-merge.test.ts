import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readCsvColumns, type CsvColumns } from '../../../../src/domain/ingest/csv-columns.ts'
import { csvEventAt } from '../../../../src/domain/ingest/csv-event-at.ts'
import { joinCsvHalves } from '../../../../src/domain/ingest/csv-merge.ts'
import { cutCsvInTwo } from '../../../../src/domain/ingest/csv-split.ts'
import { assembleTable, rowValues } from '../../../../src/domain/table.ts'
import { type EventTable } from '../../../../src/domain/table-types.ts'

function readWhole(text: string, maxListed?: number, newline?: '\n' | '\r\n'): CsvColumns {
  const read = readCsvColumns(text, { ...(maxListed === undefined ? {} : { maxListed }), ...(newline ? { newline } : {}) })
  if (!read.ok) throw new Error(read.reason)
  return read.value
}

/** What two threads would read: null when the cut fell inside a quoted cell (the caller reads the whole). */
function readInHalves(text: string, maxListed?: number, firstIndexed = true): CsvColumns | null {
  const cut = cutCsvInTwo(text, 0)
  if (!cut) return null
  const read = readWhole(text.slice(0, cut.at), maxListed, cut.newline)
  // Without its id index, as a first half read in another thread would come.
  const first = firstIndexed ? read : { ...read, idIndex: undefined }
  if (first.endsInOpenQuote) return null
  const second = readWhole(cut.head + text.slice(cut.at), maxListed, cut.newline)
  const half = { read: { ...second, body: '' }, at: cut.at, headLength: cut.head.length, newline: cut.newline }
  return joinCsvHalves(first, half, text, maxListed === undefined ? {} : { maxListed })
}

function tableOf(read: CsvColumns): EventTable {
  return assembleTable(read.columns, () => {
    throw new Error('not needed')
  })
}

/** Everything a reader hands on, with dictionary codes turned back into values. */
function expectSameRead(joined: CsvColumns, whole: CsvColumns): void {
  expect(joined.total).toBe(whole.total)
  expect(joined.rejected).toBe(whole.rejected)
  expect([...joined.rejectedRows]).toEqual([...whole.rejectedRows])
  expect(joined.issues).toEqual(whole.issues)
  expect(joined.warnings).toEqual(whole.warnings)
  expect(joined.unlisted).toBe(whole.unlisted)
  expect(joined.rejectedCells).toEqual(whole.rejectedCells)
  expect(joined.ids).toEqual(whole.ids)
  // Row spans may differ by the blank lines they take in, but each re-reads to the same event.
  const joinedEvent = csvEventAt(joined)
  const wholeEvent = csvEventAt(whole)
  for (let row = 0; row < whole.columns.size; row++) expect(joinedEvent(row)).toEqual(wholeEvent(row))
  const a = tableOf(joined)
  const b = tableOf(whole)
  expect(a.size).toBe(b.size)
  expect(a.startMs).toEqual(b.startMs)
  expect(a.endMs).toEqual(b.endMs)
  expect(a.precision).toEqual(b.precision)
  expect(a.level).toEqual(b.level)
  expect(a.latDeg).toEqual(b.latDeg)
  expect(a.lonDeg).toEqual(b.lonDeg)
  expect(a.approximate).toEqual(b.approximate)
  expect(a.titles).toEqual(b.titles)
  expect(a.sourceRow).toEqual(b.sourceRow)
  for (let row = 0; row < a.size; row++) {
    expect(a.categories.values[a.category[row]!]).toBe(b.categories.values[b.category[row]!])
    expect(rowValues(a.actors, row)).toEqual(rowValues(b.actors, row))
    for (const column of ['countries', 'regions', 'named'] as const) {
      expect(rowValues(a.places[column], a.place[row]!)).toEqual(rowValues(b.places[column], b.place[row]!))
    }
  }
}

describe('cutCsvInTwo', () => {
  it('cuts after the line feed that ends the record holding the middle, never inside quotes', () => {
    const text = 'id,title\n1,"a\nb"\n2,c\n3,d\n'
    // The middle (index 12) is inside the quoted "a\nb": the cut comes after that record.
    expect(cutCsvInTwo(text, 0)).toEqual({ head: 'id,title\n', at: 17, newline: '\n' })
    expect(text.slice(17)).toBe('2,c\n3,d\n')
  })

  it('does not cut short texts, one-record texts, or texts without line feeds', () => {
    expect(cutCsvInTwo('id,title\n1,a\n2,b\n', 1000)).toBeNull()
    expect(cutCsvInTwo('id,title\n', 0)).toBeNull()
    expect(cutCsvInTwo('id,title\r1,a\r2,b\r', 0)).toBeNull()
  })
})

describe('joinCsvHalves', () => {
  it('renumbers the second half and rejects its ids already in the first, pointing at the first row', () => {
    const text = 'id,title,date,level,countries\na,A,2024-01-02,3,FR\nb,B,2024-01-03,9,DE\nc,C,2024-01-04,2,UA\na,A2,2024-01-05,4,FR\nd,,2024-01-06,1,\na,A3,2024-01-07,4,FR\n'
    const joined = readInHalves(text)
    if (!joined) throw new Error('expected a cut')
    // Row 2 has an impossible level; row 4 repeats row 1's id; row 5 has no title; row 6 repeats row 1's id again.
    expect(joined.total).toBe(6)
    expect([...joined.rejectedRows]).toEqual([2, 4, 5, 6])
    expect(joined.issues.filter((i) => i.field === 'id').map((i) => i.message)).toEqual([
      'duplicate id "a" (first in row 1)',
      'duplicate id "a" (first in row 1)',
    ])
    expect(joined.ids).toEqual(['a', 'c'])
    // The first half's index knows its ids alone: it does not come with the joined read.
    expect(joined.idIndex).toBeUndefined()
    expectSameRead(joined, readWhole(text))
  })

  it('reads what one pass reads: generated rows with quotes, line breaks, blanks, CRLF and bad cells', () => {
    const pick = (...values: string[]) => fc.constantFrom(...values)
    const row = fc.tuple(
      fc.nat(40).map((n) => `id${n}`),
      pick('T', 'Кириллица, "q"', '台湾', 'line\nbreak', 'T', ''),
      pick('2024-02-29', '2023', '2023-07', '2024-05-06T10:00Z', '2024-02-30', ''),
      pick('high', '3', 'medium', '1', '7', ''),
      pick('', 'FR', 'France;DE', 'Atlantis', 'UA; RU'),
      pick('', 'Middle East', 'Sahel;Narnia'),
      pick('', 'A; B; A', 'Navy', 'Army;Navy'),
      pick(',', '0,0', '45.5,12.25', '-91,3', '10,181'),
      pick('', '', 'conflict', 'unrest'),
    )
    const header = 'id,title,date,level,countries,regions,actors,lat,lon,category\n'
    const csvCell = (c: string): string => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)
    let compared = 0
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 40 }), fc.boolean(), fc.boolean(), (rows, crlf, blanks) => {
        const lines = rows.map((r) => r.map((c, i) => (i === 7 ? c : csvCell(c))).join(','))
        if (blanks) lines.splice(lines.length >> 1, 0, '', ',,,')
        const text = header + lines.join(crlf ? '\r\n' : '\n') + '\n'
        const joined = readInHalves(text)
        if (!joined) return
        compared++
        const whole = readWhole(text)
        expectSameRead(joined, whole)
        expectSameRead(readInHalves(text, undefined, false)!, whole)
      }),
      { numRuns: 200, seed: 11 },
    )
    expect(compared).toBeGreaterThan(150)
  })

  it('counts every issue when the list is capped', () => {
    const text = 'id,title,date,level\n' + Array.from({ length: 12 }, (_, i) => `${i},,2024,1`).join('\n') + '\n'
    const joined = readInHalves(text, 5)
    if (!joined) throw new Error('expected a cut')
    expect(joined.rejected).toBe(12)
    expect(joined.issues.map((i) => i.row)).toEqual([1, 2, 3, 4, 5])
    expect(joined.unlisted).toBe(7)
  })

  it('does not cut where a stray quote leaves parity open, and a half cut inside quotes says so', () => {
    // `5"` opens no quote for the reader (it is not at the start of a cell), but parity counts it: no boundary is found.
    const text = 'id,title,date,level\n1,5" gun,2024,1\n2,"x",2024,1\n3,y,2024,1\n4,z,2024,1\n'
    expect(cutCsvInTwo(text, 0)).toBeNull()
    // Had a cut fallen inside a quoted cell, the first half's reader reports it and the caller reads the whole.
    expect(readWhole('id,title,date,level\n1,"open\n', undefined, '\n').endsInOpenQuote).toBe(true)
    expect(readWhole('id,title,date,level\n1,"closed",2024,1\n', undefined, '\n').endsInOpenQuote).toBe(false)
  })
})
