import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import { computeMask, DIM } from '../../../../src/domain/engine/local/mask.ts'
import { updateTimeEdges } from '../../../../src/domain/engine/local/time-edges.ts'
import { noChangedValues, valueTallies, type ValueTallies } from '../../../../src/domain/engine/local/value-tallies.ts'
import { deltaCounts, fullCounts } from '../../../../src/domain/engine/local/view-counts.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { firstDifference } from './same-views.ts'

// After a time-brush move the views' tallies are patched: only the values whose counts changed
// are summed again. These tests hold the patch to the tallies summed from scratch.
const table = generateSyntheticTable({ size: 3000, seed: 23 })
const [lo] = table.extentMs
const ALL = new Uint8Array([1, 1, 1, 1, 1])

function expectSameTallies(actual: ValueTallies, expected: ValueTallies): void {
  for (const key of ['countries', 'regions', 'actors', 'categories'] as const) {
    expect(firstDifference(actual[key].counts, expected[key].counts), key).toBe(-1)
    expect(firstDifference(actual[key].maxLevel, expected[key].maxLevel), key).toBe(-1)
  }
}

/** The counts after moving the brush of `spec` to `next`, with the values they changed flagged. */
function moved(spec: FilterSpec, next: FilterSpec) {
  const parent = computeMask(table, spec)
  const previous = fullCounts(table, parent)
  const mask = parent.slice()
  const touched = updateTimeEdges(table, mask, spec.timeRange!, next.timeRange!, DIM.time)!
  const changed = noChangedValues(table)
  const counts = deltaCounts(table, parent, mask, touched, previous, DIM.time, changed)
  return { mask, previous, counts, changed }
}

describe('valueTallies after a brush move', () => {
  it('patches only the flagged values: with nothing flagged it gives the tallies before the move', () => {
    const spec: FilterSpec = { ...EMPTY_FILTER, timeRange: { fromMs: lo + 400 * DAY_MS, toMs: lo + 900 * DAY_MS } }
    const next: FilterSpec = { ...spec, timeRange: { fromMs: lo + 430 * DAY_MS, toMs: lo + 900 * DAY_MS } }
    const { previous, counts, changed } = moved(spec, next)
    const before = valueTallies(table, previous, ALL, null)
    const flagged = changed.actors.reduce((sum, f) => sum + f, 0)
    expect(flagged).toBeGreaterThan(0)
    changed.places.fill(0)
    changed.actors.fill(0)
    changed.categories.fill(0)
    const stale = valueTallies(table, counts, ALL, { previous, changed, rows: 1 })
    expectSameTallies(stale, before)
    // and the rows moved out of the brush did change some actor's count
    const fresh = valueTallies(table, fullCounts(table, computeMask(table, next)), ALL, null)
    expect(firstDifference(fresh.actors.counts, before.actors.counts)).toBeGreaterThanOrEqual(0)
  })

  it('sums every value when the changed rows outnumber half the values (no flag is read)', () => {
    const spec: FilterSpec = { ...EMPTY_FILTER, timeRange: { fromMs: lo + 400 * DAY_MS, toMs: lo + 900 * DAY_MS } }
    const next: FilterSpec = { ...spec, timeRange: { fromMs: lo + 431 * DAY_MS, toMs: lo + 900 * DAY_MS } }
    const { previous, counts, changed } = moved(spec, next)
    valueTallies(table, previous, ALL, null)
    changed.places.fill(0)
    changed.actors.fill(0)
    changed.categories.fill(0)
    const many = table.actors.dict.values.length + table.places.size + table.categories.values.length
    const summed = valueTallies(table, counts, ALL, { previous, changed, rows: many })
    expectSameTallies(summed, valueTallies(table, fullCounts(table, computeMask(table, next)), ALL, null))
  })

  it('any brush move and levels: the patched tallies equal the tallies summed from scratch', () => {
    const dayArb = fc.integer({ min: -20, max: 3700 })
    const levelsArb = fc.subarray([1, 2, 3, 4, 5] as const)
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 500 }), dayArb, fc.integer({ min: 1, max: 500 }), levelsArb, (d0, n0, d1, n1, levels) => {
        const spec: FilterSpec = { ...EMPTY_FILTER, levels: [...levels], timeRange: { fromMs: lo + d0 * DAY_MS, toMs: lo + (d0 + n0) * DAY_MS } }
        const next: FilterSpec = { ...spec, timeRange: { fromMs: lo + d1 * DAY_MS + 3_600_000, toMs: lo + (d1 + n1) * DAY_MS } }
        const selected = new Uint8Array(5)
        for (const l of levels) selected[l - 1] = 1
        if (levels.length === 0) selected.fill(1)
        const { previous, counts, changed } = moved(spec, next)
        valueTallies(table, previous, selected, null)
        const patched = valueTallies(table, counts, selected, { previous, changed, rows: 1 })
        expectSameTallies(patched, valueTallies(table, fullCounts(table, computeMask(table, next)), selected, null))
        // the flags are cleared for the next update
        expect(changed.places.every((f) => f === 0) && changed.actors.every((f) => f === 0) && changed.categories.every((f) => f === 0)).toBe(true)
      }),
      { numRuns: 60, seed: 20261206 },
    )
  })
})
