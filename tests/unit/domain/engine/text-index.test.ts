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

  it('lists rows past the first 4 MB block of its build (over 2^20 row–token pairs), in chunks', () => {
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
