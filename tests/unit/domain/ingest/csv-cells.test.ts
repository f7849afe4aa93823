import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { numberOfCell } from '../../../../src/domain/ingest/csv-cells.ts'

/** The rule numberOfCell follows, written as the regular expression it replaced. */
function numberByPattern(cell: string): number | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cell)) return null
  const n = Number(cell)
  return Number.isFinite(n) ? n : null
}

describe('numberOfCell', () => {
  it('reads plain decimal numbers', () => {
    expect(numberOfCell('12')).toBe(12)
    expect(numberOfCell('-3.5')).toBe(-3.5)
    expect(numberOfCell('+.5')).toBe(0.5)
    expect(numberOfCell('1.')).toBe(1)
    expect(numberOfCell('1e3')).toBe(1000)
    expect(numberOfCell('2.5E-2')).toBe(0.025)
    expect(numberOfCell('007')).toBe(7)
    expect(numberOfCell('20.775')).toBe(20.775)
    expect(numberOfCell('-111.283')).toBe(-111.283)
    expect(Object.is(numberOfCell('-0'), -0)).toBe(true)
  })

  it('refuses anything else', () => {
    for (const cell of ['', '.', '-', '+', 'e5', '.e5', '1e', '1e+', '1.2.3', ' 1', '1 ', '0x10', 'Infinity', 'NaN', '1,5', '١٢', '1e999']) {
      expect(numberOfCell(cell), cell).toBeNull()
    }
  })

  it('agrees with the pattern and Number on any mix of number characters', () => {
    const chars = fc.constantFrom('0', '1', '4', '9', '.', '-', '+', 'e', 'E', 'x', ' ')
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 26 }), (parts) => {
        const cell = parts.join('')
        expect(Object.is(numberOfCell(cell), numberByPattern(cell))).toBe(true)
      }),
      { numRuns: 10_000, seed: 3 },
    )
  })

  it('reads every double as Number does, in its shortest and fixed forms', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 20 }), (d, digits) => {
        for (const cell of [String(d), d.toFixed(digits), d.toExponential(Math.min(digits, 16))]) {
          expect(Object.is(numberOfCell(cell), numberByPattern(cell))).toBe(true)
        }
      }),
      { numRuns: 5_000, seed: 5 },
    )
  })
})
