import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cutBetweenRows, rowTextOf, sliceRowText, wholeRowText } from '../../../../src/domain/ingest/row-text.ts'

describe('row text in pieces', () => {
  const body = 'h\nrow-one\nrow-two\nrow-three\n'
  // Accepted rows start at 2, 10 and 18 (the header is no row).
  const starts = new Uint32Array([2, 10, 18])

  it('cuts only where a row starts, once a piece has reached its size', () => {
    expect(cutBetweenRows(body, starts, 8)).toEqual(['h\nrow-one\n', 'row-two\n', 'row-three\n'])
    expect(cutBetweenRows(body, starts, 12)).toEqual(['h\nrow-one\nrow-two\n', 'row-three\n'])
    expect(cutBetweenRows(body, starts, 100)).toEqual([body])
    // Row starts out of order: no cut is safe.
    expect(cutBetweenRows(body, new Uint32Array([10, 2]), 1)).toEqual([body])
  })

  it('slices a row from the piece that holds it', () => {
    const text = rowTextOf(cutBetweenRows(body, starts, 8))
    expect(typeof text).toBe('object')
    expect(sliceRowText(text, 2, 10)).toBe('row-one\n')
    expect(sliceRowText(text, 10, 18)).toBe('row-two\n')
    expect(sliceRowText(text, 18, 28)).toBe('row-three\n')
    expect(wholeRowText(text)).toBe(body)
    // One piece is the string itself; none is the empty text.
    expect(rowTextOf(['abc'])).toBe('abc')
    expect(rowTextOf([])).toBe('')
  })

  it('gives every row the same text as the whole, for any rows and piece size', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 50 }), (rows, size) => {
        const head = 'head\n'
        const whole = head + rows.join('')
        const rowStart = new Uint32Array(rows.length)
        const rowEnd = new Uint32Array(rows.length)
        let at = head.length
        rows.forEach((row, i) => {
          rowStart[i] = at
          at += row.length
          rowEnd[i] = at
        })
        const text = rowTextOf(cutBetweenRows(whole, rowStart, size))
        expect(wholeRowText(text)).toBe(whole)
        rows.forEach((row, i) => expect(sliceRowText(text, rowStart[i]!, rowEnd[i]!)).toBe(row))
      }),
    )
  })
})
