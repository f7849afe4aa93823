import { describe, expect, it } from 'vitest'
import {
  DictionaryBuilder,
  MultiColumnBuilder,
  extentOf,
  rowValues,
} from '../../../src/domain/table.ts'
import { sortByDateDesc } from '../../../src/domain/table-order.ts'

describe('DictionaryBuilder', () => {
  it('codes each value once, in order of first appearance, after the initial values', () => {
    const b = new DictionaryBuilder([''])
    expect(b.code('cyber')).toBe(1)
    expect(b.code('terrorism')).toBe(2)
    expect(b.code('cyber')).toBe(1)
    expect(b.code('')).toBe(0)
    const d = b.build()
    expect(d.values).toEqual(['', 'cyber', 'terrorism'])
    expect(d.indexOf.get('terrorism')).toBe(2)
    expect(d.indexOf.get('nope')).toBeUndefined()
  })
})

describe('MultiColumnBuilder', () => {
  it('stores rows in CSR form, de-duplicating within a row but not across rows', () => {
    const b = new MultiColumnBuilder(3)
    b.pushRow(['RU', 'UA', 'RU'])
    b.pushRow([])
    b.pushRow(['UA'])
    const col = b.build()
    expect([...col.offsets]).toEqual([0, 2, 2, 3])
    expect([...col.values]).toEqual([0, 1, 1])
    expect(col.dict.values).toEqual(['RU', 'UA'])
    expect(rowValues(col, 0)).toEqual(['RU', 'UA'])
    expect(rowValues(col, 1)).toEqual([])
    expect(rowValues(col, 2)).toEqual(['UA'])
  })

  it('pushCodes takes codes and an optional count', () => {
    const b = new MultiColumnBuilder(2, 1, ['a', 'b', 'c'])
    b.pushCodes(new Uint32Array([2, 0, 1]), 2)
    b.pushCodes([1, 1])
    const col = b.build()
    expect([...col.offsets]).toEqual([0, 2, 3])
    expect(rowValues(col, 0)).toEqual(['c', 'a'])
    expect(rowValues(col, 1)).toEqual(['b'])
  })

  it('grows past its initial capacity', () => {
    const rows = 10
    const b = new MultiColumnBuilder(rows, 0.1)
    for (let r = 0; r < rows; r++) b.pushRow(['x', 'y', 'z', `r${r}`])
    const col = b.build()
    expect(col.values.length).toBe(40)
    expect(col.offsets[rows]).toBe(40)
    expect(rowValues(col, 9)).toEqual(['x', 'y', 'z', 'r9'])
    expect(col.dict.values.length).toBe(13)
  })
})

describe('sortByDateDesc', () => {
  it('orders newest first and keeps input order for equal dates', () => {
    const start = new Float64Array([10, 30, 20, 30, 10, 30])
    expect([...sortByDateDesc(start)]).toEqual([1, 3, 5, 2, 0, 4])
  })

  it('handles negative (pre-1970) dates and an empty column', () => {
    expect([...sortByDateDesc(new Float64Array([-5, 0, -10]))]).toEqual([1, 0, 2])
    expect(sortByDateDesc(new Float64Array(0)).length).toBe(0)
  })
})

describe('extentOf', () => {
  it('is the earliest start and the latest end, which need not be on the same row', () => {
    const start = new Float64Array([100, 50, 300])
    const end = new Float64Array([900, 60, 301])
    expect(extentOf(start, end)).toEqual([50, 900])
  })

  it('is [0, 0] when empty', () => {
    expect(extentOf(new Float64Array(0), new Float64Array(0))).toEqual([0, 0])
  })
})
