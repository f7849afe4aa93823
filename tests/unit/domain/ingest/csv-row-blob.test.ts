import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readCsvColumns } from '../../../../src/domain/ingest/csv-columns.ts'
import { csvEventAt, type CsvRowSource } from '../../../../src/domain/ingest/csv-event-at.ts'
import { csvBlobReader, csvRowBlob, csvRowBlobByRow, csvRowBlobInSlices, type CsvRowBlob } from '../../../../src/domain/ingest/csv-row-blob.ts'

function source(text: string): CsvRowSource {
  const read = readCsvColumns(text, {})
  if (!read.ok) throw new Error(read.reason)
  return read.value
}

const HEADER = 'id,title,date,threatLevel,summary\n'

describe('csvRowBlob', () => {
  it("keeps each accepted row's UTF-8 bytes, one after another, with their offsets", async () => {
    // Row 2 is rejected (no date): only rows 1 and 3 are kept.
    const text = HEADER + 'a,Café ✓,2024-01-02,2,x\nb,Dropped,,2,y\nc,"Two\nlines",2024-01-03,1,z\n'
    const kept = csvRowBlob(source(text))
    // Each row's span holds its line end.
    const rowA = 'a,Café ✓,2024-01-02,2,x\n'
    const rowC = 'c,"Two\nlines",2024-01-03,1,z\n'
    // "é" is two bytes, "✓" three: row a is 24 characters and 27 bytes; row c is ASCII, 29.
    expect([rowA.length, rowC.length]).toEqual([24, 29])
    expect([...kept.offsets]).toEqual([0, 27, 56])
    expect(await kept.blob.text()).toBe(rowA + rowC)
    const events = await csvBlobReader(kept)([1, 0])
    expect(events.map((e) => [e.id, e.title])).toEqual([['c', 'Two\nlines'], ['a', 'Café ✓']])
  })

  it('tells its progress every 65,536 rows', () => {
    const src = source(HEADER + Array.from({ length: 140_000 }, (_, i) => `r${i},T,2024-01-02,1,`).join('\n') + '\n')
    const told: number[] = []
    const kept = csvRowBlob(src, (fraction) => told.push(fraction))
    expect(told).toEqual([65_535 / 140_000, 131_071 / 140_000])
    expect(kept.offsets).toHaveLength(140_001)
  })

  it('refuses a row the import does not hold', async () => {
    const read = csvBlobReader(csvRowBlob(source(HEADER + 'a,A,2024-01-02,2,x\n')))
    await expect(read([1])).rejects.toThrow(/row 1 is not one of the import's 1 rows/)
    await expect(read([])).resolves.toEqual([])
  })

  it('reads rows far apart in several slices, the same as rows read one by one from the text', async () => {
    // ~600 bytes a row: 64 KiB is ~110 rows, so rows 0, 500 and 1999 are read in separate slices.
    const lines = Array.from({ length: 2000 }, (_, i) => `r${i},Title ${i} ${'word '.repeat(100)},2024-01-02,${(i % 5) + 1},s${i}`)
    const src = source(HEADER + lines.join('\n') + '\n')
    const reader = csvBlobReader(csvRowBlob(src))
    const rows = [1999, 0, 500, 501, 0, 1998]
    const events = await reader(rows)
    expect(events.map((e) => e.id)).toEqual(['r1999', 'r0', 'r500', 'r501', 'r0', 'r1998'])
    const eventAt = csvEventAt(src)
    expect(events).toEqual(rows.map((row) => eventAt(row)))
    // Every row at once: one pass in slices of at most 16 MiB.
    const all = await csvBlobReader(csvRowBlob(src))(Array.from({ length: 2000 }, (_, i) => i))
    expect(all.map((e) => e.summary)).toEqual(lines.map((_, i) => `s${i}`))
  })

  it('reads any rows asked, in any order, as the text reader does (property)', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', 'é', '東', '😀', ',', '"', '\n', '\r\n', '5'), maxLength: 12 })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ title: cell.map((t) => `T${t}`), summary: cell, level: fc.integer({ min: 1, max: 5 }), day: fc.integer({ min: 1, max: 28 }) }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (rows, picks) => {
          const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`
          const text = HEADER + rows.map((r, i) => `e${i},${quote(r.title)},2024-02-${String(r.day).padStart(2, '0')},${r.level},${quote(r.summary)}`).join('\r\n') + '\r\n'
          const src = source(text)
          const n = src.rowStart.length
          if (n === 0) return
          const asked = picks.map((p) => p % n)
          const eventAt = csvEventAt(src)
          expect(await csvBlobReader(csvRowBlob(src))(asked)).toEqual(asked.map((row) => eventAt(row)))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('gives the same bytes and offsets encoding runs of rows as encoding each row alone (property)', async () => {
    const bytesOf = async (kept: CsvRowBlob): Promise<number[]> => [...new Uint8Array(await kept.blob.arrayBuffer())]
    const unit = fc.constantFrom('a', 'Z', ',', '\n', 'é', 'ß', '東', '😀', '\uD83D', '\uDE00', '\u00FF', '\u07FF', '\u0800')
    await fc.assert(
      fc.asyncProperty(
        // Rows as lengths of text, and whether each is kept: a row left out makes a gap in the runs.
        fc.array(fc.record({ text: fc.string({ unit, maxLength: 9 }), kept: fc.boolean(), gap: fc.nat({ max: 2 }) }), { maxLength: 40 }),
        async (rows) => {
          let body = ''
          const starts: number[] = []
          const ends: number[] = []
          for (const row of rows) {
            body += 'x'.repeat(row.gap)
            if (row.kept) starts.push(body.length)
            body += row.text
            if (row.kept) ends.push(body.length)
          }
          const src: CsvRowSource = { body, rowStart: Uint32Array.from(starts), rowEnd: Uint32Array.from(ends), headers: ['id'], mapping: ['id'], delimiter: ',' }
          const runs = csvRowBlob(src)
          const alone = csvRowBlobByRow(src)
          expect([...runs.offsets]).toEqual([...alone.offsets])
          expect(await bytesOf(runs)).toEqual(await bytesOf(alone))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('gives the same bytes and offsets as each row alone over several buffers of mixed text, and tells the same progress', async () => {
    // ~9 MB: runs fill the 4 MiB buffer more than once; one row in 40 outside ASCII, one row over a buffer.
    const lines = Array.from({ length: 150_000 }, (_, i) => `r${i},${i % 40 === 0 ? 'Zürich 東京 😀' : 'Paris'} ${'w'.repeat(i % 90)},2024-01-02,1\n`)
    lines[70_000] = `big,${'y'.repeat(5_000_000)}\n`
    const body = lines.join('')
    const starts: number[] = []
    const ends: number[] = []
    let at = 0
    for (const [i, line] of lines.entries()) {
      // Every seventh row left out.
      if (i % 7 !== 3) {
        starts.push(at)
        ends.push(at + line.length)
      }
      at += line.length
    }
    const src: CsvRowSource = { body, rowStart: Uint32Array.from(starts), rowEnd: Uint32Array.from(ends), headers: ['id'], mapping: ['id'], delimiter: ',' }
    const told: number[] = []
    const runs = csvRowBlob(src, (f) => told.push(f))
    const alone = csvRowBlobByRow(src)
    expect(Buffer.from(runs.offsets.buffer).equals(Buffer.from(alone.offsets.buffer))).toBe(true)
    expect(Buffer.from(await runs.blob.arrayBuffer()).equals(Buffer.from(await alone.blob.arrayBuffer()))).toBe(true)
    // 128,571 rows kept: told once, at row 65,535, as row by row.
    expect(starts).toHaveLength(128_571)
    expect(told).toEqual([65_535 / 128_571])
  })

  it('made a slice of rows at a time, pausing between slices, by hand', async () => {
    const text = HEADER + 'a,Café ✓,2024-01-02,2,x\nb,Dropped,,2,y\nc,"Two\nlines",2024-01-03,1,z\nd,D,2024-01-04,3,w\n'
    let pauses = 0
    // Row b is rejected, so row a is a run of its own and rows c and d (next to each other in the
    // text) another: a pause is made between runs once a slice's rows are done, here one row.
    const kept = await csvRowBlobInSlices(source(text), async () => void pauses++, 1)
    expect(pauses).toBe(1)
    expect([...kept.offsets]).toEqual([0, 27, 56, 75])
    expect(await kept.blob.text()).toBe('a,Café ✓,2024-01-02,2,x\nc,"Two\nlines",2024-01-03,1,z\nd,D,2024-01-04,3,w\n')
    await expect(csvRowBlobInSlices(source(text), async () => {}, 0)).rejects.toThrow(/positive whole number, not 0/)
  })

  it('made in slices of any size, gives the same bytes, offsets and events as made at once (property)', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ' ', 'é', '東', '😀', ',', '"', '\n'), maxLength: 10 })
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ title: cell, summary: cell, dated: fc.boolean() }), { maxLength: 25 }), fc.integer({ min: 1, max: 30 }), async (rows, sliceRows) => {
        const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`
        const src = source(HEADER + rows.map((r, i) => `e${i},${quote(`T${r.title}`)},${r.dated ? '2024-02-01' : ''},3,${quote(r.summary)}`).join('\n') + '\n')
        const once = csvRowBlob(src)
        let pauses = 0
        const sliced = await csvRowBlobInSlices(src, async () => void pauses++, sliceRows)
        expect([...sliced.offsets]).toEqual([...once.offsets])
        expect(new Uint8Array(await sliced.blob.arrayBuffer())).toEqual(new Uint8Array(await once.blob.arrayBuffer()))
        const all = Array.from({ length: src.rowStart.length }, (_, i) => i)
        expect(await csvBlobReader(sliced)(all)).toEqual(await csvBlobReader(once)(all))
        // No more pauses than slices of rows (a run can take a slice past its size).
        expect(pauses).toBeLessThanOrEqual(Math.max(0, Math.ceil(src.rowStart.length / sliceRows) - 1))
      }),
      { numRuns: 60 },
    )
  })
})
