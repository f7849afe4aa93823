import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../src/domain/dates.ts'
import { firstVersion, MAX_VERSIONS, nextVersion, settle } from '../../../../src/domain/engine/local/count-versions.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import { computeMask, updateMask } from '../../../../src/domain/engine/local/mask.ts'
import { computeViews } from '../../../../src/domain/engine/local/views.ts'
import type { ThreatLevel } from '../../../../src/domain/model.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { expectSameViews } from './same-views.ts'

// A time-brush move writes its rows into the counts it started from (count-versions.ts), and the
// counts of every state left stay readable through the rows kept to undo it. These tests hold
// the versions to counts made from scratch, and the views of states come back to (as the kept
// filter states give them back, seen-states.ts) to a full pass.
const table = generateSyntheticTable({ size: 3000, seed: 31 })
const [lo, hi] = table.extentMs

describe('count versions', () => {
  it('a move and the way back, hand-checked on the counts of two rows', () => {
    // Rows 0 and 1 of the table: their level, place set, actors and category.
    const placeLevels = new Uint32Array(table.places.size * 5)
    const actorLevels = new Uint32Array(table.actors.dict.values.length * 5)
    const categoryLevels = new Uint32Array(table.categories.values.length * 5)
    const first = firstVersion(table, { placeLevels, actorLevels, categoryLevels })
    // Row 0 joins every view but the timeline (bits 8 | 16 | 32), row 1 joins only the map (8).
    const rows = new Uint32Array([0, 1])
    const second = nextVersion(table, first, { placeLevels, actorLevels, categoryLevels }, rows, new Uint8Array([0, 0]), new Uint8Array([8 | 16 | 32, 8]))
    const at = (row: number): number => table.place[row]! * 5 + table.level[row]! - 1
    const now = settle(second)
    expect(now.placeLevels).toBe(placeLevels) // written in place, not copied
    const bothOnOneSet = at(0) === at(1)
    expect(now.placeLevels[at(0)]).toBe(bothOnOneSet ? 2 : 1)
    expect(now.categoryLevels[table.category[0]! * 5 + table.level[0]! - 1]).toBe(1)
    const firstActor = table.actors.values[table.actors.offsets[0]!]
    if (firstActor !== undefined) expect(now.actorLevels[firstActor * 5 + table.level[0]! - 1]).toBeGreaterThanOrEqual(1)
    // Back to the first version: every count 0 again, in the same arrays; then forward again.
    const back = settle(first)
    expect(back.placeLevels).toBe(placeLevels)
    expect(back.placeLevels.every((c) => c === 0) && back.actorLevels.every((c) => c === 0) && back.categoryLevels.every((c) => c === 0)).toBe(true)
    expect(settle(second).placeLevels[at(0)]).toBe(bothOnOneSet ? 2 : 1)
  })

  it('a family takes MAX_VERSIONS versions, then a move copies into a new one', () => {
    const levels = { placeLevels: new Uint32Array(table.places.size * 5), actorLevels: new Uint32Array(table.actors.dict.values.length * 5), categoryLevels: new Uint32Array(table.categories.values.length * 5) }
    const none = new Uint32Array(0)
    let version = firstVersion(table, levels)
    for (let i = 1; i < MAX_VERSIONS; i++) version = nextVersion(table, version, levels, none, new Uint8Array(0), new Uint8Array(0))
    expect(settle(version).placeLevels).toBe(levels.placeLevels)
    const next = nextVersion(table, version, levels, none, new Uint8Array(0), new Uint8Array(0))
    expect(settle(next).placeLevels).not.toBe(levels.placeLevels)
    expect(next.family).not.toBe(version.family)
  })

  it('random brush moves, filter changes and returns to kept states give the views of a full pass', () => {
    const rangeArb = fc
      .tuple(fc.integer({ min: -40, max: 3700 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: DAY_MS - 1 }))
      .map(([day, length, offsetMs]) => ({ fromMs: lo + day * DAY_MS + offsetMs, toMs: Math.min(hi + DAY_MS, lo + (day + length) * DAY_MS + offsetMs + 1) }))
    // A step: move the brush (by a little or anywhere), change the levels or the regions, or go back to a state left before.
    const stepArb = fc.oneof(
      { weight: 5, arbitrary: fc.tuple(fc.constant('nudge' as const), fc.integer({ min: -3, max: 3 })) },
      { weight: 2, arbitrary: fc.tuple(fc.constant('move' as const), rangeArb) },
      { weight: 1, arbitrary: fc.tuple(fc.constant('levels' as const), fc.subarray([1, 2, 3, 4, 5] as ThreatLevel[])) },
      { weight: 1, arbitrary: fc.tuple(fc.constant('regions' as const), fc.subarray(['europe', 'asia', 'africa'])) },
      { weight: 3, arbitrary: fc.tuple(fc.constant('back' as const), fc.nat()) },
    )
    fc.assert(
      fc.property(rangeArb, fc.array(stepArb, { minLength: 1, maxLength: 90 }), (first, steps) => {
        let spec: FilterSpec = { ...EMPTY_FILTER, timeRange: first }
        let mask = computeMask(table, spec)
        computeViews(table, mask)
        const seen: { spec: FilterSpec; mask: Uint8Array }[] = [{ spec, mask }]
        for (const [kind, arg] of steps) {
          if (kind === 'back') {
            // A kept state come back to: its very mask, as seen-states.ts hands it out again.
            ;({ spec, mask } = seen[arg % seen.length]!)
            expectSameViews(computeViews(table, mask), computeViews(table, computeMask(table, spec)))
            continue
          }
          const range = spec.timeRange ?? first
          const next: FilterSpec =
            kind === 'nudge'
              ? { ...spec, timeRange: { fromMs: range.fromMs + arg * DAY_MS, toMs: range.toMs } }
              : kind === 'move'
                ? { ...spec, timeRange: arg }
                : kind === 'levels'
                  ? { ...spec, levels: arg }
                  : { ...spec, regions: arg }
          if (next.timeRange !== null && !(next.timeRange.toMs > next.timeRange.fromMs)) continue
          mask = updateMask(table, mask, spec, next)
          spec = next
          seen.push({ spec, mask })
          expectSameViews(computeViews(table, mask), computeViews(table, computeMask(table, spec)))
        }
      }),
      { numRuns: 40, seed: 20261206 },
    )
  })
})
