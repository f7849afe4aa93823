import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KeptTitles } from '../../../../src/domain/engine/local/kept-titles.ts'
import { titlesHolding } from '../../../../src/domain/engine/local/text-search.ts'
import { dataHash } from '../../../../src/domain/export/view-file.ts'
import { packStrings } from '../../../../src/domain/ingest/packed-strings.ts'
import { titleAt } from '../../../../src/domain/table.ts'
import { handTable } from '../hand-table.ts'
import { stringsContaining } from '../../../../src/domain/string-column.ts'

/** Runs an index build to its end, each step at once. */
async function indexed(titles: readonly string[]): Promise<KeptTitles> {
  const kept = new KeptTitles(packStrings(titles))
  await kept.indexInSteps((step) => step())
  return kept
}

const ones = (hits: Uint8Array): number[] => [...hits.keys()].filter((i) => hits[i] === 1)

describe('titles kept by the worker', () => {
  const titles = ['Drone strike near Kharkiv', 'Ceasefire talks (Doha)', 'KHARKIV: shelling resumes', 'Straße gesperrt — Ünïcödé', '東京 cyber-attack']

  it('answer a search as the page would, before and after their index is built', async () => {
    const kept = new KeptTitles(packStrings(titles))
    expect(kept.indexed).toBe(false)
    expect(ones(kept.search('kharkiv'))).toEqual([0, 2])
    expect(ones(kept.search('talks (doha'))).toEqual([1])
    expect(ones(kept.search('ünïcödé'))).toEqual([3])
    expect(ones(kept.search('cyber-a'))).toEqual([4])
    const built = await indexed(titles)
    expect(built.indexed).toBe(true)
    expect(ones(built.search('kharkiv'))).toEqual([0, 2])
    expect(ones(built.search('talks (doha'))).toEqual([1])
    expect(ones(built.search('東京'))).toEqual([4])
    expect(ones(built.search(': '))).toEqual([2])
  })

  it('build their index a chunk of titles a step', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `Report ${i} on ${i % 7 === 0 ? 'Sahel' : 'Baltic'} shipping`)
    const kept = new KeptTitles(packStrings(many))
    let steps = 0
    const pending: (() => void)[] = []
    const done = kept.indexInSteps((step) => {
      steps++
      pending.push(step)
    })
    // Searched through every title while the index is being built.
    expect(kept.indexed).toBe(false)
    expect(ones(kept.search('report 14 on'))).toEqual([14])
    while (pending.length > 0) pending.shift()!()
    await done
    // 20,000 titles in chunks of 8,192: three chunks, two steps handed to `later`.
    expect(steps).toBe(2)
    expect(ones(kept.search('report 14 on'))).toEqual([14])
    expect(kept.search('sahel').reduce((a, b) => a + b, 0)).toBe(Math.ceil(20_000 / 7))
  })

  it('are read by row, and a row past the end is refused', () => {
    const kept = new KeptTitles(packStrings(titles))
    expect(kept.read([4, 0])).toEqual(['東京 cyber-attack', 'Drone strike near Kharkiv'])
    expect(() => kept.read([5])).toThrow(/row 5 is not one of the 5 rows/)
  })

  it("give the data's fingerprint of the page's table", () => {
    const table = handTable([
      { title: 'Older', date: '2024-01-02', level: 2 },
      { title: 'Newer', date: '2024-05-06', level: 4 },
    ])
    expect(titleAt(table, 0)).toBe('Newer')
    // Stored newest first: row 0 is 'Newer'.
    const kept = new KeptTitles(packStrings(['Newer', 'Older']))
    expect(kept.hash(table)).toBe(dataHash(table))
    expect(() => kept.hash({ ...table, startMs: new Float64Array(3) })).toThrow(/3 rows, the titles 2/)
  })

  // Titles and needles from an alphabet that has case pairs (ASCII, accented, ß, dotless ı and
  // dotted İ, Greek), CJK, a surrogate pair, ASCII punctuation and spaces.
  const unit = fc.constantFrom(...'aAbBzZ09 -:.,()/\'"éÉßİıΣσς東京😀'.match(/./gu)!)
  const title = fc.array(unit, { maxLength: 14 }).map((u) => u.join(''))
  it('search as the in-page search does, whatever the text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(title, { minLength: 1, maxLength: 30 }), fc.array(unit, { minLength: 1, maxLength: 4 }), fc.nat(), async (list, needleUnits, pick) => {
        // A needle as the engine passes it: trimmed, lower case; half the time a piece of a title.
        const from = list[pick % list.length]!
        const raw = pick % 2 === 0 && from.length > 0 ? from.slice(pick % from.length, (pick % from.length) + 1 + (pick % 4)) : needleUnits.join('')
        const needle = raw.trim().toLowerCase()
        fc.pre(needle !== '')
        const expected = stringsContaining(list, needle)
        expect(new KeptTitles(packStrings(list)).search(needle)).toEqual(expected)
        expect((await indexed(list)).search(needle)).toEqual(expected)
        // And as the page's own indexed path (text-search.ts) for an in-page column.
        expect(titlesHolding(list, needle)).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })
})
