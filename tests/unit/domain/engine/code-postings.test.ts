import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codePostings, codePostingsInSlices } from '../../../../src/domain/engine/local/code-postings.ts'
import type { MultiColumn } from '../../../../src/domain/table-types.ts'

/** A multi-column of `rows` lists of codes below `distinct`, made afresh (the postings are kept per column object). */
function columnOf(lists: readonly (readonly number[])[], distinct: number): MultiColumn {
  const offsets = new Uint32Array(lists.length + 1)
  lists.forEach((list, row) => (offsets[row + 1] = offsets[row]! + list.length))
  const values = Uint16Array.from(lists.flat())
  const names = Array.from({ length: distinct }, (_, v) => `actor ${v}`)
  return { offsets, values, dict: { values: names, indexOf: new Map(names.map((name, v) => [name, v])) } }
}

const lists = fc.integer({ min: 1, max: 40 }).chain((distinct) =>
  fc.tuple(fc.constant(distinct), fc.array(fc.array(fc.nat(distinct - 1), { maxLength: 4 }), { maxLength: 300 })),
)

describe('the actors’ postings built a slice of rows at a time', () => {
  it('come to the postings built at once, for any slice size', () => {
    fc.assert(
      fc.property(lists, fc.integer({ min: 1, max: 64 }), ([distinct, rows], slice) => {
        const sliced = columnOf(rows, distinct)
        const step = codePostingsInSlices(sliced)
        let calls = 0
        while (!step(slice)) calls++
        // A pass to count, then one to place: about two slices' worth of calls per slice of rows.
        expect(calls).toBeLessThanOrEqual(2 * Math.ceil(rows.length / slice) + 1)
        const kept = codePostings(sliced)
        const atOnce = codePostings(columnOf(rows, distinct))
        expect([...kept.offsets]).toEqual([...atOnce.offsets])
        expect([...kept.rows]).toEqual([...atOnce.rows])
      }),
      { numRuns: 200 },
    )
  })

  it('works on no more than a slice of rows a call', () => {
    const column = columnOf([[0, 1], [1], [], [2, 0], [1], [0]], 3)
    const step = codePostingsInSlices(column)
    const done = [step(2), step(2), step(2), step(2), step(2), step(2)]
    // Counting: rows 0–1, 2–3, 4–5 (the prefix sums with the last); placing: the same three slices.
    expect(done).toEqual([false, false, false, false, false, true])
    expect([...codePostings(column).offsets]).toEqual([0, 3, 6, 7])
    expect([...codePostings(column).rows]).toEqual([0, 3, 5, 0, 1, 4, 3])
  })

  it('stop, keeping the whole build, once a filter has built the postings at once', () => {
    const column = columnOf([[0], [1], [0, 1], [1]], 2)
    const step = codePostingsInSlices(column)
    expect(step(1)).toBe(false)
    const atOnce = codePostings(column)
    expect(step(1)).toBe(true)
    expect(codePostings(column)).toBe(atOnce)
    expect([...atOnce.rows]).toEqual([0, 2, 1, 2, 3])
  })
})
