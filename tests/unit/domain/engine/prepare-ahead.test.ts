import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../../../src/domain/engine/local/local-engine.ts'
import { SlicedPass } from '../../../../src/domain/engine/local/sliced-pass.ts'
import type { ViewPart, ViewRequest, Views } from '../../../../src/domain/engine/views-engine.ts'
import type { EpochMs, ThreatLevel } from '../../../../src/domain/model.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { requestFor } from '../../../engine/conformance.ts'

const table = generateSyntheticTable({ size: 20_000, seed: 11 })
const fromMs = Date.UTC(2016, 0, 1)
const toMs = Date.UTC(2026, 0, 1)
const bucketStarts = Array.from({ length: 120 }, (_, m) => Date.UTC(2016, m, 1))
// The store keeps its custom region list while it is unchanged; so does this test.
const noCustomRegions: never[] = []
const PARTS: readonly ViewPart[] = ['timeline', 'map', 'points']

function request(filter: FilterSpec): ViewRequest {
  // A brushed timeline shows the brushed span, as the chart asks for it.
  const span = filter.timeRange ?? { fromMs, toMs }
  return {
    ...requestFor(filter),
    customRegions: noCustomRegions,
    timeline: { madeFor: filter.timeRange, indexTimes: [], indexLines: [], markers: null, lanes: { mode: 'region', limit: 6, span, columns: 300, bucketStarts, bucketEnd: toMs } },
  }
}

/** Prepares the timeline, the map's shading and its points `rows` rows a call until done; the number of calls that did work. */
function prepareAll(engine: LocalEngine, req: ViewRequest, rows: number): number {
  let calls = 0
  while (engine.prepare(req, PARTS, rows)) if (++calls > 10_000) throw new Error('prepare never ends')
  return calls
}

/** The parts prepare makes, bit for bit. */
function partsOf(views: Views): unknown {
  return { lanes: views.timeline?.lanes, shading: views.map?.shading, points: views.points }
}

const filterArb: fc.Arbitrary<FilterSpec> = fc.record({
  range: fc.option(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 900 })), { nil: null }),
  regions: fc.subarray(['eastern-europe', 'western-asia', 'eastern-asia', 'northern-africa']),
  levels: fc.subarray([1, 2, 3, 4, 5] as ThreatLevel[], { minLength: 1 }),
}).map(({ range, regions, levels }) => ({
  ...EMPTY_FILTER,
  timeRange: range === null ? null : { fromMs: (fromMs + range[0] * 86_400_000) as EpochMs, toMs: (fromMs + (range[0] + range[1]) * 86_400_000) as EpochMs },
  regions,
  levels: levels.length === 5 ? [] : [...levels].sort((a, b) => a - b),
}))

describe('LocalEngine.prepare', () => {
  it('makes the lanes and the points a slice at a time, and the answer after it equals a fresh engine’s, bit for bit', () => {
    fc.assert(
      fc.property(fc.array(filterArb, { minLength: 1, maxLength: 5 }), fc.integer({ min: 500, max: 30_000 }), (filters, rows) => {
        const engine = new LocalEngine(table)
        engine.answer(request(EMPTY_FILTER))
        let previous: FilterSpec = EMPTY_FILTER
        for (const filter of filters) {
          const calls = prepareAll(engine, request(filter), rows)
          // A change of more than the levels passes over every row for the points: sliced.
          const levelsOnly = JSON.stringify({ ...filter, levels: [] }) === JSON.stringify({ ...previous, levels: [] })
          if (!levelsOnly) expect(calls).toBeGreaterThanOrEqual(Math.ceil(table.size / rows))
          // Made: nothing left to do until the answer takes it.
          expect(engine.prepare(request(filter), PARTS, rows)).toBe(false)
          const got = engine.answer(request(filter))
          const fresh = new LocalEngine(table).answer(request(filter))
          if (levelsOnly) {
            // Only the levels changed: both come from the grids and bins per level (made ahead
            // here, by idle warming or the toggle itself elsewhere), as a fresh engine's do not.
            const toggled = engineAfterToggle(previous, filter)
            expect(got.points).toEqual(toggled.points)
            expect(got.map).toEqual(toggled.map)
          } else {
            expect(partsOf(got)).toEqual(partsOf(fresh))
          }
          previous = filter
        }
      }),
      { numRuns: 12 },
    )
  })

  it('does nothing for parts without a pass over the rows; after an answer, makes the grids per level the next toggle takes', () => {
    const engine = new LocalEngine(table)
    const req = request({ ...EMPTY_FILTER, regions: ['eastern-asia'] })
    expect(engine.prepare(req, ['gauges', 'list'], 1000)).toBe(false)
    // 4 slices each of the lanes' grid, the map's place totals and its points.
    expect(prepareAll(engine, req, 5000)).toBe(12)
    engine.answer(req)
    // The answer asked for the grid, the totals and the bins per level (for the next level toggle): made now, as idle warming would.
    expect(prepareAll(engine, req, 5000)).toBe(12)
    const toggled = request({ ...EMPTY_FILTER, regions: ['eastern-asia'], levels: [3, 4, 5] })
    expect(engine.prepare(toggled, PARTS, 5000)).toBe(false)
    expect(engine.answer(toggled).points).toEqual(engineAfterToggle(req.filter, toggled.filter).points)
  })
})

/** The answer for `to` of an engine that answered `from` first (a level toggle), without prepare. */
function engineAfterToggle(from: FilterSpec, to: FilterSpec): Views {
  const engine = new LocalEngine(table)
  engine.answer(request(from))
  engine.answer(request(from))
  return engine.answer(request(to))
}

describe('SlicedPass', () => {
  it('gives the value its slices made to the inputs it was started with, once', () => {
    const pass = new SlicedPass<number[]>()
    const made: number[] = []
    const slices = () => ({ step: (rows: number) => (made.push(rows), made.length >= 3), value: () => [...made] })
    const inputs = ['a', 1]
    pass.start(inputs, slices)
    expect(pass.step(10)).toBe(true)
    // Started again for the same inputs: the slices under way go on.
    pass.start(['a', 1], slices)
    expect(pass.step(20)).toBe(true)
    expect(pass.take(['b', 1])).toBeNull()
    // The rest made when taken.
    expect(pass.take(['a', 1])).toEqual([10, 20, Infinity])
    expect(pass.take(['a', 1])).toBeNull()
    expect(pass.step(5)).toBe(false)
  })
})
