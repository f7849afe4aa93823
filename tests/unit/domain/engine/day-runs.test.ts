import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../src/domain/dates.ts'
import { rowEndDay, timelineFrame } from '../../../../src/domain/engine/local/day-index.ts'
import { dayRuns, SPREAD } from '../../../../src/domain/engine/local/day-runs.ts'
import { computeMask } from '../../../../src/domain/engine/local/mask.ts'
import { countDay } from '../../../../src/domain/engine/local/view-counts.ts'
import { computeViews } from '../../../../src/domain/engine/local/views.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import type { ThreatLevel } from '../../../../src/domain/model.ts'
import type { EventTable } from '../../../../src/domain/table-types.ts'
import { handTable, type HandRow } from '../hand-table.ts'

/** The timeline index a row is counted whole on, by countDay's rule; SPREAD when it is not. */
function dayAtOf(table: EventTable, row: number): number {
  const { firstDay, days } = timelineFrame(table)
  const d0 = Math.floor(table.startMs[row]! / DAY_MS)
  const single = rowEndDay(table.startMs[row]!, table.endMs[row]!) - d0 === 1
  return single && d0 - firstDay >= 0 && d0 - firstDay < days ? (d0 - firstDay) * 5 : SPREAD
}

const rowArb: fc.Arbitrary<HandRow> = fc
  .record({
    day: fc.integer({ min: 0, max: 40 }),
    form: fc.constantFrom('day', 'month', 'instant', 'span'),
    hour: fc.integer({ min: 0, max: 23 }),
    length: fc.integer({ min: 1, max: 5 }),
    level: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ day, form, hour, length, level }) => {
    const date = new Date(Date.UTC(2024, 0, 1 + day, hour))
    const iso = date.toISOString()
    const end = new Date(Date.UTC(2024, 0, 1 + day + length, hour)).toISOString().slice(0, 10)
    return {
      date: form === 'day' ? iso.slice(0, 10) : form === 'month' ? iso.slice(0, 7) : form === 'instant' ? iso.replace('.000', '') : iso.slice(0, 10),
      ...(form === 'span' ? { endDate: end } : {}),
      level: level as ThreatLevel,
      title: 't',
    }
  })

describe('dayRuns', () => {
  it('cuts rows into runs of one day, and a run of its own for rows spread over several (hand-checked)', () => {
    // Stored newest first: the two rows of 3 March, 2 March, 1 March, then the year 2023 (the frame's first day).
    const table = handTable([
      { date: '2024-03-02', level: 2, title: 'd' },
      { date: '2024-03-03', level: 1, title: 'a' },
      { date: '2023', level: 3, title: 'c' },
      { date: '2024-03-03', level: 4, title: 'b' },
      { date: '2024-03-01', level: 5, title: 'e' },
    ])
    const runs = dayRuns(table)
    expect([...runs.starts]).toEqual([0, 2, 3, 4, 5])
    // Days from 1 January 2023: 365 to 1 January 2024, then 31 + 29 to 1 March, × 5 levels.
    expect([...runs.dayAt]).toEqual([427 * 5, 426 * 5, 425 * 5, SPREAD])
    expect(dayRuns(table)).toBe(runs)
  })

  it('gives each row the day countDay counts it on, in runs that cover every row once', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), (rows) => {
        const table = handTable(rows)
        const { starts, dayAt } = dayRuns(table)
        expect(starts[0]).toBe(0)
        expect(starts[dayAt.length]).toBe(table.size)
        for (let run = 0; run < dayAt.length; run++) {
          expect(starts[run + 1]!).toBeGreaterThan(starts[run]!)
          if (run > 0) expect(dayAt[run]).not.toBe(dayAt[run - 1])
          for (let row = starts[run]!; row < starts[run + 1]!; row++) expect(dayAt[run]).toBe(dayAtOf(table, row))
        }
      }),
      { numRuns: 200, seed: 20261206 },
    )
  })

  it('leaves the timeline as counting each row with countDay', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), (rows) => {
        const table = handTable(rows)
        const { firstDay, days } = timelineFrame(table)
        const exact = new Float64Array(days * 5)
        const spreadDiff = new Float64Array((days + 1) * 5)
        for (let row = 0; row < table.size; row++) countDay(exact, spreadDiff, firstDay, days, table.startMs[row]!, table.endMs[row]!, table.level[row]! - 1, 1)
        const views = computeViews(table, computeMask(table, EMPTY_FILTER))
        expect([...views.timeline.exact]).toEqual([...exact])
        for (let l = 0; l < 5; l++) {
          let running = 0
          for (let d = 0; d < days; d++) {
            running += spreadDiff[d * 5 + l]!
            expect(views.timeline.spread[d * 5 + l]).toBeCloseTo(running < 1e-9 ? 0 : running, 9)
          }
        }
      }),
      { numRuns: 100, seed: 20261207 },
    )
  })
})
