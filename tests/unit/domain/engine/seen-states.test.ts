import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import { computeMask, updateMask } from '../../../../src/domain/engine/local/mask.ts'
import { MAX_MASK_BYTES, MAX_STATES, rememberState, seenMask, seenStates, stateKey } from '../../../../src/domain/engine/local/seen-states.ts'
import { computeViews, type CountViews } from '../../../../src/domain/engine/local/views.ts'
import { expectSameViews, firstDifference } from './same-views.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import type { EventTable } from '../../../../src/domain/table-types.ts'

// A state come back to hands out the mask it had, and its views are not recounted: these tests
// hold that to a fresh computeMask and computeViews of the same filters.
const table = generateSyntheticTable({ size: 4000, seed: 5 })
const [lo, hi] = table.extentMs

/** The mask and views of `spec` from scratch, for comparison. */
function fresh(t: EventTable, spec: FilterSpec): { mask: Uint8Array; views: CountViews } {
  const mask = computeMask(t, spec)
  return { mask, views: computeViews(t, mask) }
}

const base: FilterSpec = { ...EMPTY_FILTER, timeRange: { fromMs: lo + (hi - lo) * 0.3, toMs: hi }, regions: ['europe', 'asia', 'africa'], levels: [2, 3, 4, 5] }
const narrowed: FilterSpec = { ...base, countries: ['US', 'FR'], categories: ['armed-conflict'], text: 'unrest' }

describe('filter states come back to', () => {
  it('an undone narrowing gives back the mask it had, with the views of a fresh pass', () => {
    const first = computeMask(table, base)
    const before = computeViews(table, first)
    const next = updateMask(table, first, base, { ...base, countries: ['US'] })
    computeViews(table, next)
    const undone = updateMask(table, next, { ...base, countries: ['US'] }, base)
    expect(undone).toBe(first)
    const views = computeViews(table, undone)
    expectSameViews(views, fresh(table, base).views)
    // Views are copies: the state's counts are kept for the next time and never shared. The
    // timeline, read-only, is the one made for the same counts and levels before.
    expect(views.levelCounts).not.toBe(before.levelCounts)
    expect(views.timeline).toBe(before.timeline)
  })

  it('a time-brush move shares the timeline it cannot change; a level toggle makes a new one', () => {
    const first = computeMask(table, base)
    const before = computeViews(table, first)
    const [lo, hi] = table.extentMs
    const brushed = { ...base, timeRange: { fromMs: lo + (hi - lo) * 0.4, toMs: hi } }
    const moved = updateMask(table, first, base, brushed)
    const after = computeViews(table, moved)
    expect(after.timeline).toBe(before.timeline)
    expectSameViews(after, fresh(table, brushed).views)
    const toggled = { ...brushed, levels: base.levels.filter((l) => l !== 3) }
    const views = computeViews(table, updateMask(table, moved, brushed, toggled))
    expect(views.timeline).not.toBe(after.timeline)
    expectSameViews(views, fresh(table, toggled).views)
  })

  it('clearing every filter and setting them again ends where a fresh pass does, both ways', () => {
    let mask = computeMask(table, narrowed)
    computeViews(table, mask)
    for (const [from, to] of [[narrowed, EMPTY_FILTER], [EMPTY_FILTER, narrowed], [narrowed, EMPTY_FILTER]] as const) {
      mask = updateMask(table, mask, from, to)
      const expected = fresh(table, to)
      expect(firstDifference(mask, expected.mask)).toBe(-1)
      expectSameViews(computeViews(table, mask), expected.views)
    }
  })

  it('lists are sets and text is read as the mask reads it: the same state whatever the order or case', () => {
    expect(stateKey({ ...base, countries: ['US', 'FR'], text: ' Unrest ' })).toBe(stateKey({ ...base, countries: ['FR', 'US'], text: 'unrest' }))
    expect(stateKey({ ...base, countries: ['US'] })).not.toBe(stateKey({ ...base, actors: ['US'] }))
    expect(stateKey({ ...base, timeRange: null })).not.toBe(stateKey(base))
  })

  it('any walk over a few states, with brushes and level toggles between, gives fresh views at every step', () => {
    // A small pool of states, so that the walk comes back to states it left, widening and narrowing.
    const pool: FilterSpec[] = [
      EMPTY_FILTER,
      { ...EMPTY_FILTER, levels: [3, 4, 5] },
      base,
      { ...base, countries: ['US'] },
      { ...base, countries: ['US'], categories: ['armed-conflict'] },
      { ...base, categories: ['armed-conflict'] },
      { ...base, regions: ['europe'] },
      { ...base, levels: [4, 5] },
      { ...base, text: 'unrest' },
      { ...base, actors: table.actors.dict.values.slice(0, 3) },
      narrowed,
    ]
    const brush = fc.integer({ min: 0, max: 3650 }).map((day): FilterSpec => ({ ...base, timeRange: { fromMs: lo + day * DAY_MS, toMs: hi } }))
    const step = fc.oneof(fc.constantFrom(...pool), brush)
    fc.assert(
      fc.property(fc.array(step, { minLength: 2, maxLength: 14 }), (specs) => {
        let spec = specs[0]!
        let mask = computeMask(table, spec)
        computeViews(table, mask)
        for (const next of specs.slice(1)) {
          mask = updateMask(table, mask, spec, next)
          spec = next
          const expected = fresh(table, spec)
          expect(firstDifference(mask, expected.mask)).toBe(-1)
          expectSameViews(computeViews(table, mask), expected.views)
        }
      }),
      { numRuns: 40, seed: 22 },
    )
  })

  it('every filter cleared from a state never seen gives the views of the whole table, for each table its own', () => {
    const other = generateSyntheticTable({ size: 3000, seed: 8 })
    for (const t of [table, other, table]) {
      for (const to of [EMPTY_FILTER, { ...EMPTY_FILTER, levels: [4, 5] as const }]) {
        const mask = computeMask(t, narrowed)
        computeViews(t, mask)
        const cleared = updateMask(t, mask, narrowed, { ...to, levels: [...to.levels] })
        const expected = fresh(t, { ...to, levels: [...to.levels] })
        expect(firstDifference(cleared, expected.mask)).toBe(-1)
        const views = computeViews(t, cleared)
        expectSameViews(views, expected.views)
        expect(views.levelCounts.reduce((a, b) => a + b, 0)).toBe(t.size)
      }
    }
  })

  it('a state left is found again by an equal spec, never by one that differs only past the time range', () => {
    const t = generateSyntheticTable({ size: 500, seed: 9 })
    const left = { ...base, countries: ['US', 'FR'], text: ' Unrest ' }
    const mask = computeMask(t, left)
    rememberState(t, left, mask)
    expect(seenMask(t, { ...base, countries: ['FR', 'US'], text: 'unrest' })).toBe(mask)
    expect(seenMask(t, { ...left, actors: ['US'] })).toBeUndefined()
    expect(seenMask(t, { ...left, timeRange: { fromMs: base.timeRange!.fromMs + 1, toMs: base.timeRange!.toMs } })).toBeUndefined()
    expect(seenMask(t, { ...left, timeRange: null })).toBeUndefined()
  })

  it('the oldest state kept is still come back to when leaving a new state would push it out', () => {
    const t = generateSyntheticTable({ size: 500, seed: 10 })
    const specs = Array.from({ length: MAX_STATES + 1 }, (_, i) => ({ ...base, timeRange: { fromMs: base.timeRange!.fromMs + i * DAY_MS, toMs: base.timeRange!.toMs } }))
    const first = computeMask(t, specs[0]!)
    let mask = first
    for (let i = 1; i < specs.length; i++) mask = updateMask(t, mask, specs[i - 1]!, specs[i]!)
    // Kept now: the MAX_STATES states left, the first of them the oldest.
    expect(updateMask(t, mask, specs.at(-1)!, specs[0]!)).toBe(first)
  })

  it('a state of one table is never given for another, even of the same size and filters', () => {
    const other = generateSyntheticTable({ size: table.size, seed: 6 })
    const first = computeMask(table, base)
    computeViews(table, first)
    updateMask(table, first, base, EMPTY_FILTER)
    expect(seenMask(table, base)).toBe(first)
    expect(seenMask(other, base)).toBeUndefined()
    let mask = computeMask(other, EMPTY_FILTER)
    computeViews(other, mask)
    mask = updateMask(other, mask, EMPTY_FILTER, base)
    expect(mask).not.toBe(first)
    expectSameViews(computeViews(other, mask), fresh(other, base).views)
  })

  it('keeps a bounded number of states and bytes, always the last one left', () => {
    const small = generateSyntheticTable({ size: 500, seed: 3 })
    let spec = base
    let mask = computeMask(small, spec)
    for (let day = 1; day <= 10; day++) {
      const next: FilterSpec = { ...base, timeRange: { fromMs: lo + day * DAY_MS, toMs: hi } }
      mask = updateMask(small, mask, spec, next)
      spec = next
    }
    expect(seenStates(small)).toEqual({ states: MAX_STATES, maskBytes: MAX_STATES * small.size })
    // Masks of 3 MB each: only two fit the byte bound; a single larger one is still kept.
    const large = { size: 3_000_000 } as EventTable
    for (let i = 0; i < 3; i++) rememberState(large, { ...base, text: `w${i}` }, new Uint8Array(large.size))
    expect(seenStates(large)).toEqual({ states: Math.floor(MAX_MASK_BYTES / large.size), maskBytes: Math.floor(MAX_MASK_BYTES / large.size) * large.size })
    const huge = { size: MAX_MASK_BYTES + 1 } as EventTable
    rememberState(huge, base, new Uint8Array(huge.size))
    rememberState(huge, narrowed, new Uint8Array(huge.size))
    expect(seenStates(huge).states).toBe(1)
    expect(seenMask(huge, narrowed)).toBeDefined()
  })
})
