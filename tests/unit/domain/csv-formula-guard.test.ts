import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { guardFormulas, unguardFormulas } from '../../../src/domain/csv-formula-guard.ts'
import { eventsToCsv } from '../../../src/domain/export/csv.ts'
import type { ThreatEvent } from '../../../src/domain/model.ts'
import { testEvent } from './export/test-event.ts'

const STARTERS = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']
const startsFormula = (cell: string): boolean => STARTERS.some((s) => cell.replace(/^ +/, '').startsWith(s))

const event = (title: string): ThreatEvent => testEvent({ id: 'e', title })

describe('guardFormulas', () => {
  it('puts an apostrophe before a formula starter at the start and after every separator', () => {
    expect(guardFormulas('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(guardFormulas('x;=1+1')).toBe("x;'=1+1")
    expect(guardFormulas('a, -b| @c')).toBe("a, '-b| '@c")
    expect(guardFormulas('line\n+1')).toBe("line\n'+1")
    expect(guardFormulas('tab\t=x')).toBe("tab\t'=x")
    expect(guardFormulas('\tx')).toBe("'\tx")
    expect(guardFormulas('＝１＋１;＠x')).toBe("'＝１＋１;'＠x")
  })

  it('leaves text without a formula start alone', () => {
    for (const text of ['plain', 'a=b', '1+1', 'e-mail', 'it’s', "don't", 'x; y', '']) expect(guardFormulas(text)).toBe(text)
  })

  it('adds one more apostrophe to an apostrophe run before a starter, so that reading takes exactly one away', () => {
    expect(guardFormulas("'=x")).toBe("''=x")
    expect(unguardFormulas("''=x")).toBe("'=x")
    expect(unguardFormulas("'=x;'-y")).toBe('=x;-y')
    // An apostrophe the guard did not write stays.
    expect(unguardFormulas("'quoted'")).toBe("'quoted'")
  })

  it('is undone by unguardFormulas, whatever the text', () => {
    const char = fc.constantFrom(...STARTERS, "'", ' ', ';', ',', '|', '\n', 'a', '1', '"')
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(char, { maxLength: 16 }).map((c) => c.join(''))), (text) => {
        expect(unguardFormulas(guardFormulas(text))).toBe(text)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('CSV export in a spreadsheet', () => {
  const titles = ['x;=1+1', '=cmd|calc', 'a,@SUM(1)', 'tab\t+1', '＝HYPERLINK("x")', 'ok; -2', 'line\n=2']
  const csv = eventsToCsv(titles.map(event))

  it('quotes every cell holding a separator, a quote or a line break', () => {
    const titleCells = csv.split('\r\n').slice(1, -1).map((line) => line.slice(line.indexOf(',') + 1, line.lastIndexOf(',2025-11-04')))
    for (const cell of titleCells) if (/[,;|\t"\n]/.test(cell)) expect(cell.startsWith('"') && cell.endsWith('"')).toBe(true)
  })

  it('gives no cell that starts a formula, whichever list separator the spreadsheet uses', () => {
    for (const delimiter of [',', ';', '\t', '|']) {
      const rows = Papa.parse<string[]>(csv, { delimiter, newline: '\r\n' }).data
      for (const cell of rows.flat()) expect(startsFormula(cell), `${JSON.stringify(delimiter)}: ${JSON.stringify(cell)}`).toBe(false)
    }
  })

  it('gives no cell that starts a formula even to a reader that ignores quotes', () => {
    for (const piece of csv.split(/[,;|\t\r\n]/)) expect(startsFormula(piece.replace(/^"+/, '')), JSON.stringify(piece)).toBe(false)
  })
})
