import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../src/domain/dates.ts'
import { computeMask, updateMask } from '../../../../src/domain/engine/local/mask.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import type { ThreatLevel } from '../../../../src/domain/model.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { computeViews } from '../../../../src/domain/engine/local/views.ts'
import { expectSameViews, firstDifference } from './same-views.ts'

// computeViews updates the previous views by the rows whose mask changed when the mask came
// from updateMask; these tests hold that path to the full pass over every row.
const table = generateSyntheticTable({ size: 3000, seed: 11 })
const [lo, hi] = table.extentMs
const actorNames = table.actors.dict.values.slice(0, 30)

const specArb: fc.Arbitrary<FilterSpec> = fc.record({
  timeRange: fc.option(
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([a, b]) => ({
      fromMs: lo + (hi - lo) * Math.min(a, b),
      toMs: lo + (hi - lo) * Math.max(a, b) + DAY_MS,
    })),
    { nil: null },
  ),
  regions: fc.subarray(['europe', 'asia', 'africa', 'eastern-europe', 'middle-east']),
  countries: fc.subarray(['US', 'FR', 'CN', 'RU', 'IN', 'BR', 'NG']),
  actors: fc.subarray(actorNames, { maxLength: 4 }),
  levels: fc.subarray([1, 2, 3, 4, 5] as ThreatLevel[]),
  categories: fc.subarray(['armed-conflict', 'cyber', 'diplomacy', 'terrorism']),
  text: fc.constantFrom('', 'unrest', 'armed', 'in '),
})

describe('computeViews after updateMask (incremental)', () => {
  it('a level toggle gives the same views as a full pass (hand-checked case)', () => {
    const before: FilterSpec = { ...EMPTY_FILTER, levels: [2, 3, 4, 5], regions: ['europe'] }
    const after: FilterSpec = { ...before, levels: [3, 4, 5] }
    const first = computeMask(table, before)
    computeViews(table, first)
    const next = updateMask(table, first, before, after)
    const views = computeViews(table, next)
    const full = computeViews(table, computeMask(table, after))
    expectSameViews(views, full)
    // Level 2 is now filtered out: no matching row has it, but the level view (which ignores
    // the level filter) still counts it.
    expect(views.matched).toBe(full.levelCounts[3]! + full.levelCounts[4]! + full.levelCounts[5]!)
    expect(views.levelCounts[2]).toBeGreaterThan(0)
  })

  it('any sequence of filter changes gives the same views as a full pass each time', () => {
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 1, maxLength: 6 }), (specs) => {
        let spec = EMPTY_FILTER
        let mask = computeMask(table, spec)
        computeViews(table, mask)
        for (const next of specs) {
          mask = updateMask(table, mask, spec, next)
          spec = next
          expectSameViews(computeViews(table, mask), computeViews(table, computeMask(table, spec)))
        }
      }),
      { numRuns: 40, seed: 20251104 },
    )
  })

  it('a moved time brush (only the rows near its edges are visited) gives the same masks and views', () => {
    const rangeArb = fc
      .tuple(fc.integer({ min: -40, max: 3700 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: DAY_MS - 1 }))
      .map(([day, length, offsetMs]) => ({ fromMs: lo + day * DAY_MS + offsetMs, toMs: lo + (day + length) * DAY_MS + offsetMs + 1 }))
    fc.assert(
      fc.property(rangeArb, fc.array(rangeArb, { minLength: 1, maxLength: 6 }), fc.constantFrom<ThreatLevel[]>([], [4, 5]), (first, moves, levels) => {
        let spec: FilterSpec = { ...EMPTY_FILTER, levels, timeRange: first }
        let mask = computeMask(table, spec)
        computeViews(table, mask)
        for (const timeRange of moves) {
          const next: FilterSpec = { ...spec, timeRange }
          mask = updateMask(table, mask, spec, next)
          spec = next
          const full = computeMask(table, spec)
          expect(firstDifference(mask, full)).toBe(-1)
          expectSameViews(computeViews(table, mask), computeViews(table, full))
        }
      }),
      { numRuns: 60, seed: 7 },
    )
  })

  it('one filter set, changed or cleared at a time gives the same masks and views as a full pass', () => {
    // Each step changes one dimension of a random state: the single-dimension paths of
    // updateMask (a row-by-row bit rewritten from the old mask, a per-code dimension) and the
    // views' recount or delta after them, narrowing and widening.
    type Key = 'actors' | 'text' | 'countries' | 'categories' | 'regions'
    const stepArb: fc.Arbitrary<[Key, FilterSpec]> = fc.constantFrom<Key>('actors', 'text', 'countries', 'categories', 'regions').chain((key) =>
      specArb.map((random): [Key, FilterSpec] => [key, random]),
    )
    fc.assert(
      fc.property(specArb, fc.array(stepArb, { minLength: 1, maxLength: 8 }), (first, steps) => {
        let spec = first
        let mask = computeMask(table, spec)
        computeViews(table, mask)
        for (const [key, random] of steps) {
          const next: FilterSpec = { ...spec, [key]: random[key] }
          const before = mask.slice()
          const previous = mask
          mask = updateMask(table, mask, spec, next)
          spec = next
          expect(firstDifference(previous, before)).toBe(-1)
          const full = computeMask(table, spec)
          expect(firstDifference(mask, full)).toBe(-1)
          expectSameViews(computeViews(table, mask), computeViews(table, full))
        }
      }),
      { numRuns: 80, seed: 20261206 },
    )
  })

  it('does not share arrays between successive views', () => {
    const a = computeMask(table, EMPTY_FILTER)
    const va = computeViews(table, a)
    const b = updateMask(table, a, EMPTY_FILTER, { ...EMPTY_FILTER, levels: [5] })
    const vb = computeViews(table, b)
    expect(vb.levelCounts).not.toBe(va.levelCounts)
    expect(vb.timeline.exact).not.toBe(va.timeline.exact)
    expect(va.matched).toBe(table.size)
  })
})
