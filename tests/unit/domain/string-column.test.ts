import { describe, expect, it } from 'vitest'
import { packStrings } from '../../../src/domain/ingest/packed-strings.ts'
import {
  isPackedColumn,
  packedColumn,
  stringAt,
  stringCount,
  stringList,
  stringSet,
  stringsContaining,
} from '../../../src/domain/string-column.ts'
import { titleAt } from '../../../src/domain/table.ts'

// "Kyiv" (4), "" (0), "Black Sea" (9), "東京" (2), "kyiv port" (9): ends 4, 4, 13, 15, 24.
const LIST = ['Kyiv', '', 'Black Sea', '東京', 'kyiv port']
const PACKED = { text: 'KyivBlack Sea東京kyiv port', ends: Uint32Array.of(4, 4, 13, 15, 24) }

describe('string columns, a list or packed', () => {
  it('packs a list into the text and the ends written out by hand', () => {
    const packed = packStrings(LIST)
    expect(packed.text).toBe(PACKED.text)
    expect([...packed.ends]).toEqual([4, 4, 13, 15, 24])
    expect(packedColumn(PACKED)).toBe(PACKED)
    expect(packedColumn(LIST)).toEqual(PACKED)
  })

  it('reads string i of either form, empty strings included, and nothing past the end', () => {
    expect(isPackedColumn(PACKED)).toBe(true)
    expect(isPackedColumn(LIST)).toBe(false)
    for (const column of [LIST, PACKED]) {
      expect(stringCount(column)).toBe(5)
      expect([0, 1, 2, 3, 4].map((i) => stringAt(column, i))).toEqual(['Kyiv', '', 'Black Sea', '東京', 'kyiv port'])
      expect(stringAt(column, 5)).toBe('')
      expect(stringAt(column, -1)).toBe('')
      expect(stringList(column)).toEqual(LIST)
      expect([...stringSet(column)].sort()).toEqual(['', 'Black Sea', 'Kyiv', 'kyiv port', '東京'])
    }
    expect(stringCount({ text: '', ends: new Uint32Array(0) })).toBe(0)
  })

  it('finds the strings holding a needle, ignoring case, the same in both forms', () => {
    for (const column of [LIST, PACKED]) {
      expect([...stringsContaining(column, 'kyiv')]).toEqual([1, 0, 0, 0, 1])
      expect([...stringsContaining(column, 'SEA')]).toEqual([0, 0, 1, 0, 0])
      expect([...stringsContaining(column, '東')]).toEqual([0, 0, 0, 1, 0])
      // Regular-expression characters are taken literally.
      expect([...stringsContaining(column, 'k.iv')]).toEqual([0, 0, 0, 0, 0])
      // Every string holds the empty needle.
      expect([...stringsContaining(column, '')]).toEqual([1, 1, 1, 1, 1])
    }
  })

  it('does not count an occurrence that runs from one packed string into the next', () => {
    // "ivBl" spans "Kyiv" and "Black Sea"; "a東" spans "Black Sea" and "東京"; "京k" spans "東京" and "kyiv port".
    expect([...stringsContaining(PACKED, 'ivbl')]).toEqual([0, 0, 0, 0, 0])
    expect([...stringsContaining(PACKED, 'a東')]).toEqual([0, 0, 0, 0, 0])
    expect([...stringsContaining(PACKED, '京k')]).toEqual([0, 0, 0, 0, 0])
    // A spanning occurrence does not hide one that starts inside it: "aa" spans "xa"|"ab" and
    // then lies inside "aab" one unit further on.
    const overlap = packStrings(['xa', 'aab'])
    expect([...stringsContaining(overlap, 'aa')]).toEqual([0, 1])
  })

  it('reads a table’s title through titleAt whatever the form of its column', () => {
    expect([0, 1, 2].map((row) => titleAt({ titles: PACKED }, row))).toEqual(['Kyiv', '', 'Black Sea'])
    expect([0, 1, 2].map((row) => titleAt({ titles: LIST }, row))).toEqual(['Kyiv', '', 'Black Sea'])
  })
})
