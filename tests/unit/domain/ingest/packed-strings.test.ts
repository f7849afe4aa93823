import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { packStrings, unpackStringsInto } from '../../../../src/domain/ingest/packed-strings.ts'

describe('packed strings', () => {
  it('packs strings end to end with where each ends', () => {
    const packed = packStrings(['ab', '', 'cde', '東京'])
    expect(packed.text).toBe('abcde東京')
    expect([...packed.ends]).toEqual([2, 2, 5, 7])
  })

  it('unpacks any slice of rows, appending to what the list holds', () => {
    const packed = packStrings(['ab', '', 'cde', '東京'])
    const out = ['before']
    unpackStringsInto(packed, 1, 3, out)
    expect(out).toEqual(['before', '', 'cde'])
    unpackStringsInto(packed, 3, 4, out)
    expect(out).toEqual(['before', '', 'cde', '東京'])
    unpackStringsInto(packed, 2, 2, out)
    expect(out).toHaveLength(4)
  })

  it('gives back exactly the strings packed, in slices of any size (lone surrogates and empties too)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (list, slice) => {
        const packed = packStrings(list)
        const out: string[] = []
        for (let from = 0; from < list.length; from += slice) unpackStringsInto(packed, from, Math.min(list.length, from + slice), out)
        expect(out).toEqual(list)
      }),
    )
  })
})
