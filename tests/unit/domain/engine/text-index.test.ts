import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codePostings } from '../../../../src/domain/engine/local/code-postings.ts'
import { buildTextIndex, isSeparator, TextIndexBuilder, tokensOf } from '../../../../src/domain/engine/local/text-index.ts'
import { titlesContaining } from '../../../../src/domain/engine/local/text-search.ts'
import { packStrings } from '../../../../src/domain/ingest/packed-strings.ts'
import { stringAt, stringsContaining } from '../../../../src/domain/string-column.ts'

// Rows 0–4; tokens in order of first sight:
// 0 "Air strike near Kyiv"      → Air(0) strike(1) near(2) Kyiv(3)
// 1 ""                          → none
// 2 "kyiv-port strike, strike"  → kyiv(4) port(5) strike(1) — strike once for the row
// 3 "東京 talks"                 → 東京(6) talks(7)
// 4 "Talks... in Kyiv"          → Talks(8) in(9) Kyiv(3)
const TITLES = ['Air strike near Kyiv', '', 'kyiv-port strike, strike', '東京 talks', 'Talks... in Kyiv']

function tokenRows(titles: readonly string[]): Record<string, number[]> {
  const index = buildTextIndex(titles)
  const out: Record<string, number[]> = {}
  for (let t = 0; t < index.vocabulary.ends.length; t++) {
    out[stringAt(index.vocabulary, t)] = [...index.rows.subarray(index.offsets[t]!, index.offsets[t + 1]!)]
  }
  return out
}

/** The index made the plain way: a Map from each token string to its id, and each token's rows in a list. */
function plainIndex(titles: readonly string[]): { tokens: string[]; rows: number[][] } {
  const ids = new Map<string, number>()
  const rows: number[][] = []
  titles.forEach((title, row) => {
    for (const token of tokensOf(title)) {
      let id = ids.get(token)
      if (id === undefined) ids.set(token, (id = rows.push([]) - 1))
      if (rows[id]!.at(-1) !== row) rows[id]!.push(row)
    }
  })
  return { tokens: [...ids.keys()], rows }
}

describe('the token index over titles', () => {
  it('splits on ASCII characters other than letters and digits only', () => {
    expect(['a', 'Z', '0', '9', 'é', '東'].map((c) => isSeparator(c.charCodeAt(0)))).toEqual([false, false, false, false, false, false])
    expect([' ', '-', ',', '.', "'", '_'].map((c) => isSeparator(c.charCodeAt(0)))).toEqual([true, true, true, true, true, true])
    expect(tokensOf('kyiv-port strike, strike')).toEqual(['kyiv', 'port', 'strike', 'strike'])
    expect(tokensOf('  ...  ')).toEqual([])
  })

  it('lists each token’s rows once, ascending, case kept, for a list and a packed column alike', () => {
    const expected = {
      Air: [0],
      strike: [0, 2],
      near: [0],
      Kyiv: [0, 4],
      kyiv: [2],
      port: [2],
      東京: [3],
      talks: [3],
      Talks: [4],
      in: [4],
    }
    expect(tokenRows(TITLES)).toEqual(expected)
    const packed = buildTextIndex(packStrings(TITLES))
    expect(stringAt(packed.vocabulary, 0)).toBe('Air')
    expect([...packed.offsets]).toEqual([0, 1, 3, 4, 6, 7, 8, 9, 10, 11, 12])
    expect([...packed.rows]).toEqual([0, 0, 2, 0, 0, 4, 2, 2, 3, 3, 4, 4])
  })

  it('lists rows of over 2^20 row–token pairs, added in chunks', () => {
    // 120,000 titles of 9 distinct tokens each: 1,080,000 pairs, more than one block of 1,048,576.
    const titles = Array.from({ length: 120_000 }, (_, i) => `r${i} a${i % 3} b${i % 5} c d e f g h`)
    const builder = new TextIndexBuilder()
    for (let from = 0; from < titles.length; from += 50_000) builder.addChunk(packStrings(titles.slice(from, from + 50_000)))
    const index = builder.finish()
    expect(index.rows).toHaveLength(1_080_000)
    const rowsOf = (token: string): number[] => {
      const ends = index.vocabulary.ends
      const t = Array.from(ends, (_, k) => stringAt(index.vocabulary, k)).indexOf(token)
      return [...index.rows.subarray(index.offsets[t]!, index.offsets[t + 1]!)]
    }
    expect(rowsOf('r119999')).toEqual([119_999])
    expect(rowsOf('h')).toEqual(Array.from({ length: 120_000 }, (_, i) => i))
    expect(rowsOf('a2')).toEqual(Array.from({ length: 40_000 }, (_, i) => i * 3 + 2))
    expect(rowsOf('b4').slice(-2)).toEqual([119_994, 119_999])
  })

  it('keeps token ids of one, two and three bytes, 20,000 distinct tokens and their rows', () => {
    // Ids 0–19,999 by first sight; rows list each twice (rows i and i + 20,000) but once per row.
    const titles = Array.from({ length: 40_000 }, (_, i) => `t${i % 20_000} t${i % 20_000} w`)
    // Blocks of 32 bytes: ids of two and three bytes straddle blocks.
    const builder = new TextIndexBuilder(5)
    builder.addChunk(packStrings(titles))
    const index = builder.finish()
    expect(index.vocabulary.ends).toHaveLength(20_001)
    // t0 (id 0), w (id 1), t1 (id 2) … t126 (id 127), t127 (id 128: two bytes), t16383 (id 16,384: three bytes).
    const rowsOf = (t: number): number[] => [...index.rows.subarray(index.offsets[t]!, index.offsets[t + 1]!)]
    expect(stringAt(index.vocabulary, 1)).toBe('w')
    expect(rowsOf(1)).toHaveLength(40_000)
    expect([stringAt(index.vocabulary, 128), ...rowsOf(128)]).toEqual(['t127', 127, 20_127])
    expect([stringAt(index.vocabulary, 16_384), ...rowsOf(16_384)]).toEqual(['t16383', 16_383, 36_383])
    expect([stringAt(index.vocabulary, 20_000), ...rowsOf(20_000)]).toEqual(['t19999', 19_999, 39_999])
  })

  // Titles from units with case pairs, non-ASCII letters, CJK, both halves of a surrogate pair
  // (alone too) and separators, so that tokens collide in length and share prefixes.
  const unit = fc.constantFrom('a', 'A', 'b', '1', 'é', '東', '\uD83D', '\uDE00', ' ', '-', '.')
  const title = fc.array(unit, { maxLength: 12 }).map((u) => u.join(''))
  it('builds the index the plain way does, in any chunks, and the same row lists in a Blob in any slices (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(title, { maxLength: 60 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 30 }), async (titles, chunk, slicePairs) => {
        const built = (): TextIndexBuilder => {
          // Blocks of 8 bytes: ids of two and three bytes straddle blocks.
          const builder = new TextIndexBuilder(3)
          for (let from = 0; from < titles.length; from += chunk) builder.addChunk(packStrings(titles.slice(from, from + chunk)))
          return builder
        }
        const index = built().finish()
        const plain = plainIndex(titles)
        expect(Array.from(index.vocabulary.ends, (_, t) => stringAt(index.vocabulary, t))).toEqual(plain.tokens)
        expect(Array.from(plain.rows, (_, t) => [...index.rows.subarray(index.offsets[t]!, index.offsets[t + 1]!)])).toEqual(plain.rows)
        expect(index.titleCount).toBe(titles.length)
        const inBlob = built().finishToBlob(slicePairs)
        expect(inBlob.vocabulary).toEqual(index.vocabulary)
        expect(inBlob.offsets).toEqual(index.offsets)
        expect(inBlob.titleCount).toBe(titles.length)
        expect([...new Uint32Array(await inBlob.postings.arrayBuffer())]).toEqual([...index.rows])
      }),
      { numRuns: 300 },
    )
  })

  it('finds the titles holding a needle, ignoring case, as a search of every title does', () => {
    const index = buildTextIndex(TITLES)
    const search = (needle: string): number[] => [...titlesContaining(index, TITLES, needle)]
    expect(search('kyiv')).toEqual([1, 0, 1, 0, 1])
    expect(search('KYI')).toEqual([1, 0, 1, 0, 1])
    expect(search('rike')).toEqual([1, 0, 1, 0, 0])
    expect(search('talk')).toEqual([0, 0, 0, 1, 1])
    expect(search('京')).toEqual([0, 0, 0, 1, 0])
    // Across separators: candidates from the rarest token, each checked whole.
    expect(search('strike near')).toEqual([1, 0, 0, 0, 0])
    expect(search('v-p')).toEqual([0, 0, 1, 0, 0])
    expect(search('e, s')).toEqual([0, 0, 1, 0, 0])
    expect(search('strike kyiv')).toEqual([0, 0, 0, 0, 0])
    // Separators alone: every title is searched.
    expect(search('...')).toEqual([0, 0, 0, 0, 1])
    expect(search('nothing')).toEqual([0, 0, 0, 0, 0])
  })

  it('gives the same answer as searching every title, for any titles and needle', () => {
    const alphabet = fc.constantFrom('a', 'B', 'k', 'é', 'É', '東', ' ', '-', '.', 's', 'S', 'ß')
    const text = fc.array(alphabet, { maxLength: 12 }).map((cs) => cs.join(''))
    fc.assert(
      fc.property(fc.array(text, { maxLength: 12 }), fc.array(alphabet, { minLength: 1, maxLength: 4 }), (titles, cs) => {
        const needle = cs.join('').toLowerCase()
        const expected = [...stringsContaining(titles, needle)]
        expect([...titlesContaining(buildTextIndex(titles), titles, needle)]).toEqual(expected)
        const packed = packStrings(titles)
        expect([...titlesContaining(buildTextIndex(packed), packed, needle)]).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })
})

describe('the rows of each value of a multi-column', () => {
  it('inverts the column: each value’s rows, ascending', () => {
    // Rows: [0, 2], [], [2], [1, 0]
    const column = { offsets: Uint32Array.of(0, 2, 2, 3, 5), values: Uint8Array.of(0, 2, 2, 1, 0), dict: { values: ['a', 'b', 'c'], indexOf: new Map() } }
    const { offsets, rows } = codePostings(column)
    expect([...offsets]).toEqual([0, 2, 3, 5])
    expect([...rows]).toEqual([0, 3, 3, 0, 2])
  })
})
