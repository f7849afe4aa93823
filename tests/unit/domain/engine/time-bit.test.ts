import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { DIM, updateDimension } from '../../../../src/domain/engine/local/mask.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { titleAt } from '../../../../src/domain/table.ts'
import type { EventTable } from '../../../../src/domain/table-types.ts'
import { handTable } from '../hand-table.ts'

// The time bit is set without reading the dates of rows that cannot overlap the range; these
// tests hold it to the comparison of every row's dates.
function byEveryRow(table: EventTable, mask: Uint8Array, fromMs: number, toMs: number): Uint8Array {
  const out = mask.slice()
  for (let row = 0; row < table.size; row++) {
    const pass = table.startMs[row]! < toMs && table.endMs[row]! > fromMs
    out[row] = (out[row]! & ~DIM.time) | (pass ? 0 : DIM.time)
  }
  return out
}

describe('the time bit of a range set from scratch', () => {
  it('equals every row’s comparison, for any range and any other bits', () => {
    const table = generateSyntheticTable({ size: 4000, seed: 5 })
    const [lo, hi] = table.extentMs
    fc.assert(
      fc.property(fc.double({ min: -0.1, max: 1.1, noNaN: true }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: DAY_MS - 1 }), fc.integer({ min: 0, max: 255 }), (at, days, extraMs, seed) => {
        const fromMs = lo + (hi - lo) * at
        const toMs = fromMs + days * DAY_MS + extraMs + 1
        const mask = new Uint8Array(table.size)
        for (let row = 0; row < mask.length; row++) mask[row] = (row * 31 + seed) & 0x7f
        const expected = byEveryRow(table, mask, fromMs, toMs)
        updateDimension(table, mask, { ...EMPTY_FILTER, timeRange: { fromMs, toMs } }, 'time')
        expect(mask).toEqual(expected)
      }),
      { numRuns: 60, seed: 20261206 },
    )
  })

  it('keeps a year-long row that began long before the range (hand-checked)', () => {
    const table = handTable([
      { date: '2025-03-02', level: 1, title: 'after' },
      { date: '2025-03-01', level: 1, title: 'in the span' },
      { date: '2025-02-01', level: 1, title: 'a month before' },
      { date: '2025', level: 1, title: 'the year' },
      { date: '2024-12-31', level: 1, title: 'the year before' },
    ])
    const mask = new Uint8Array(table.size)
    updateDimension(table, mask, { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2025, 2, 1), toMs: Date.UTC(2025, 2, 2) } }, 'time')
    const passing = [...mask.keys()].filter((row) => mask[row] === 0).map((row) => titleAt(table, row))
    expect(passing.sort()).toEqual(['in the span', 'the year'])
  })
})
