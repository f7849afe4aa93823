import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { packStrings } from '../../../../src/domain/ingest/packed-strings.ts'
import { stringList } from '../../../../src/domain/string-column.ts'

describe('packed strings', () => {
  it('packs strings end to end with where each ends', () => {
    const packed = packStrings(['ab', '', 'cde', '東京'])
    expect(packed.text).toBe('abcde東京')
    expect([...packed.ends]).toEqual([2, 2, 5, 7])
  })

  it('gives back exactly the strings packed (lone surrogates and empties too)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 60 }), (list) => {
        expect(stringList(packStrings(list))).toEqual(list)
      }),
    )
  })
})
