import { describe, expect, it } from 'vitest'
import { rowsAt } from '../../../../src/domain/engine/local/list.ts'

describe('rowsAt', () => {
  // Rows 1, 2, 4 and 7 fail a filter: the matching rows are 0, 3, 5, 6, 8, 9 (list positions 0–5).
  const mask = Uint8Array.from([0, 1, 2, 0, 4, 0, 0, 1, 0, 0])

  it('finds list positions among the matching rows only', () => {
    expect(rowsAt(mask, 6, 0, 6)).toEqual([0, 3, 5, 6, 8, 9])
    expect(rowsAt(mask, 6, 2, 4)).toEqual([5, 6])
    expect(rowsAt(mask, 6, 5, 9)).toEqual([9])
    expect(rowsAt(mask, 6, 6, 8)).toEqual([])
  })

  it('lists positions as rows when every row matches', () => {
    expect(rowsAt(new Uint8Array(10), 10, 7, 10)).toEqual([7, 8, 9])
  })
})
