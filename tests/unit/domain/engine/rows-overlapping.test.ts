import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../src/domain/dates.ts'
import { rowsOverlapping } from '../../../../src/domain/engine/local/time-edges.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { titleAt } from '../../../../src/domain/table.ts'
import type { EventTable } from '../../../../src/domain/table-types.ts'
import { handTable } from '../hand-table.ts'

/** The rows rowsOverlapping gives, in its order: the stretch, then the older long rows. */
function visited(table: EventTable, fromMs: number, toMs: number): number[] {
  const { from, to, older } = rowsOverlapping(table, fromMs, toMs)
  const out: number[] = []
  for (let row = from; row < to; row++) out.push(row)
  out.push(...older)
  return out
}

const overlaps = (table: EventTable, row: number, fromMs: number, toMs: number): boolean => table.startMs[row]! < toMs && table.endMs[row]! > fromMs

describe('rowsOverlapping', () => {
  it('visits, in row order, every row a pass over the whole table keeps', () => {
    const table = generateSyntheticTable({ size: 5000, seed: 3 })
    const [lo, hi] = table.extentMs
    fc.assert(
      fc.property(fc.double({ min: -0.1, max: 1.1, noNaN: true }), fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: DAY_MS - 1 }), (at, days, extraMs) => {
        const fromMs = lo + (hi - lo) * at
        const toMs = fromMs + days * DAY_MS + extraMs + 1
        const rows = visited(table, fromMs, toMs)
        for (let i = 1; i < rows.length; i++) expect(rows[i]!).toBeGreaterThan(rows[i - 1]!)
        const kept = rows.filter((row) => overlaps(table, row, fromMs, toMs))
        const all = [...Array(table.size).keys()].filter((row) => overlaps(table, row, fromMs, toMs))
        expect(kept).toEqual(all)
        // Far fewer rows than the table for a short span.
        if (days < 30) expect(rows.length).toBeLessThan(table.size / 2)
      }),
      { numRuns: 80, seed: 20261206 },
    )
  })

  it('finds a year-long row far behind the stretch (hand-checked)', () => {
    const table = handTable([
      { date: '2025-03-02', level: 1, title: 'after' },
      { date: '2025-03-01', level: 1, title: 'in the span' },
      { date: '2025-02-01', level: 1, title: 'a month before' },
      { date: '2025', level: 1, title: 'the year' },
      { date: '2024-12-31', level: 1, title: 'the year before' },
    ])
    const names = visited(table, Date.UTC(2025, 2, 1), Date.UTC(2025, 2, 2)).map((row) => titleAt(table, row))
    expect(names).toEqual(['in the span', 'the year'])
  })
})
