import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BlobTitles, utf8Ends } from '../../../../src/domain/engine/local/blob-titles.ts'
import { KeptTitles } from '../../../../src/domain/engine/local/kept-titles.ts'
import { packStrings } from '../../../../src/domain/ingest/packed-strings.ts'
import { stringsContaining } from '../../../../src/domain/string-column.ts'

/** Titles as the fresh worker is handed them: a Blob of their UTF-8 text and their byte ends. */
function blobTitles(titles: readonly string[]): BlobTitles {
  const packed = packStrings(titles)
  return new BlobTitles(new Blob([packed.text]), utf8Ends(packed))
}

async function indexed(titles: readonly string[]): Promise<BlobTitles> {
  const kept = blobTitles(titles)
  await kept.buildIndex()
  return kept
}

const ones = (hits: Uint8Array): number[] => [...hits.keys()].filter((i) => hits[i] === 1)

describe('titles kept as a Blob', () => {
  it('counts each title’s UTF-8 bytes, hand-counted', () => {
    // 'a' 1 byte; 'é' 2; '東' 3; '😀' 4 (a surrogate pair); '' none.
    expect([...utf8Ends(packStrings(['a', 'é', '', '東', '😀', 'aé東😀']))]).toEqual([1, 3, 3, 6, 10, 20])
    expect(new Blob([packStrings(['a', 'é', '', '東', '😀', 'aé東😀']).text]).size).toBe(20)
  })

  it('refuses ends that do not match the Blob', () => {
    expect(() => new BlobTitles(new Blob(['abc']), new Uint32Array([1, 4]))).toThrow("the titles' Blob holds 3 bytes, their ends say 4")
  })

  it('reads titles by row, in the order asked, repeats and empty titles included', async () => {
    const kept = blobTitles(['Kyiv shelled', '', 'Ünïcödé 東京 😀', '\uFEFFbom first', 'last'])
    expect(await kept.read([2, 0, 1, 2, 3, 4])).toEqual(['Ünïcödé 東京 😀', 'Kyiv shelled', '', 'Ünïcödé 東京 😀', '\uFEFFbom first', 'last'])
    expect(await kept.read([])).toEqual([])
    await expect(kept.read([5])).rejects.toThrow('row 5 is not one of the 5 rows whose titles are kept')
  })

  it('reads rows far apart in several slices, each the right title', async () => {
    // 20,000 titles of 10 bytes: rows 0 and 19,999 lie 200 KB apart, beyond one near slice.
    const titles = Array.from({ length: 20_000 }, (_, i) => `t-${String(i).padStart(7, '0')}`)
    const kept = blobTitles(titles)
    expect(await kept.read([19_999, 0, 10_000])).toEqual(['t-0019999', 't-0000000', 't-0010000'])
    // Searched over three chunks of 8,192 titles, before and after the index.
    const last = Array.from({ length: 10 }, (_, i) => 19_990 + i)
    expect(ones(await kept.search('t-001999'))).toEqual(last)
    expect(ones(await kept.search('0008191'))).toEqual([8191])
    await kept.buildIndex()
    expect(ones(await kept.search('t-001999'))).toEqual(last)
    expect(ones(await kept.search('0008192'))).toEqual([8192])
  })

  it('searches before and after its index is built, hand-checked', async () => {
    const titles = ['Shelling near Kharkiv', 'Protest in Lagos', 'kharkiv: power cut', 'Lagos-Kharkiv flight', '']
    const before = blobTitles(titles)
    expect(before.indexed).toBe(false)
    expect(ones(await before.search('kharkiv'))).toEqual([0, 2, 3])
    const after = await indexed(titles)
    expect(after.indexed).toBe(true)
    expect(ones(await after.search('kharkiv'))).toEqual([0, 2, 3])
    // Spans a separator: the candidates checked against the whole needle.
    expect(ones(await after.search('lagos-k'))).toEqual([3])
    expect(ones(await after.search('in lagos'))).toEqual([1])
    // Separators alone: every title searched.
    expect(ones(await after.search(': '))).toEqual([2])
  })

  it('reads the row lists of tokens far apart in its index in several slices', async () => {
    // 'alpha' is the first token, 'alphabet' the last: 20,000 one-row lists lie between them
    // (80 KB of the postings' Blob), so each is read in a slice of its own.
    const titles = ['alpha', ...Array.from({ length: 20_000 }, (_, i) => `t${i}`), 'Alphabet soup', 'alpha t7']
    const kept = await indexed(titles)
    expect(ones(await kept.search('alpha'))).toEqual([0, 20_001, 20_002])
    // 't19999' is row 20,000's token; the title 'alpha t7' holds 't7', as do t7, t70… t7999.
    expect(ones(await kept.search('t19999'))).toEqual([20_000])
    expect(ones(await kept.search('t7')).length).toBe(1 + 10 + 100 + 1000 + 1)
    expect(ones(await kept.search('alpha t'))).toEqual([20_002])
    expect(ones(await kept.search('soup'))).toEqual([20_001])
  })

  it('searches through an index made by another holder of the same titles, and refuses one of other titles', async () => {
    const titles = ['Shelling near Kharkiv', 'Protest in Lagos', 'kharkiv: power cut', 'Lagos-Kharkiv flight', '']
    const packed = packStrings(titles)
    const blob = new Blob([packed.text])
    // The index made from a copy of the ends, as a thread of its own would be handed them.
    const index = await new BlobTitles(blob, utf8Ends(packed).slice()).makeIndex()
    expect(index.titleCount).toBe(5)
    const kept = new BlobTitles(blob, utf8Ends(packed))
    expect(kept.indexed).toBe(false)
    kept.useIndex(index)
    expect(kept.indexed).toBe(true)
    expect(ones(await kept.search('kharkiv'))).toEqual([0, 2, 3])
    expect(ones(await kept.search('lagos-k'))).toEqual([3])
    expect(ones(await kept.search('power'))).toEqual([2])
    const other = blobTitles(['a', 'b'])
    expect(() => other.useIndex(index)).toThrow('the index covers 5 titles, 2 are kept')
    expect(other.indexed).toBe(false)
    expect(() => kept.useIndex({ ...index, postings: new Blob([new Uint8Array(4)]) })).toThrow("the index's row lists hold 4 bytes, its offsets say")
  })

  it('gives the fingerprint of the titles held in memory', async () => {
    const titles = ['b', 'Ünï', '', 'a😀']
    const columns = { sourceRow: new Uint32Array([3, 1, 2, 0]), startMs: new Float64Array([4, 3, 2, 1]), endMs: new Float64Array([4, 3, 2, 1]), level: new Uint8Array([1, 2, 3, 4]) }
    expect(await blobTitles(titles).hash(columns)).toBe(new KeptTitles(packStrings(titles)).hash(columns))
    await expect(blobTitles(titles).hash({ ...columns, startMs: new Float64Array(2) })).rejects.toThrow('the columns hold 2 rows, the titles 4')
  })

  // Titles from an alphabet with case pairs, accents, ß, İ/ı, Greek, CJK, a surrogate pair, a
  // byte-order mark, ASCII punctuation and spaces; empty titles included.
  const unit = fc.constantFrom(...'aAbBzZ09 -:.,()/\'"éÉßİıΣσς東京😀\uFEFF'.match(/./gu)!)
  const title = fc.array(unit, { maxLength: 14 }).map((u) => u.join(''))
  it('answers as the titles held in memory do: reads, searches, fingerprint (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(title, { minLength: 1, maxLength: 40 }), fc.array(unit, { minLength: 1, maxLength: 4 }), fc.nat(), async (list, needleUnits, pick) => {
        const from = list[pick % list.length]!
        const raw = pick % 2 === 0 && from.length > 0 ? from.slice(pick % from.length, (pick % from.length) + 1 + (pick % 4)) : needleUnits.join('')
        const needle = raw.trim().toLowerCase()
        const memory = new KeptTitles(packStrings(list))
        const rows = list.map((_, i) => (i * 7 + pick) % list.length)
        expect(await blobTitles(list).read(rows)).toEqual(memory.read(rows))
        const expected = stringsContaining(list, needle)
        expect(await blobTitles(list).search(needle)).toEqual(expected)
        expect(await (await indexed(list)).search(needle)).toEqual(expected)
        const n = list.length
        const columns = { sourceRow: Uint32Array.from(rows), startMs: Float64Array.from(rows), endMs: Float64Array.from(rows), level: new Uint8Array(n) }
        // sourceRow must be a permutation for the fingerprint: the rows in reverse order.
        const order = { ...columns, sourceRow: Uint32Array.from({ length: n }, (_, i) => n - 1 - i) }
        expect(await blobTitles(list).hash(order)).toBe(memory.hash(order))
      }),
      { numRuns: 200 },
    )
  })
})
