/**
 * The local engine keeps the map's frame and the timeline's part with each live row mask, so
 * that a filter state come back to (an undo, a preset cleared) is drawn without a pass over the
 * rows. What it gives back must be what a fresh engine gives for the same request.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../src/domain/build-table.ts'
import type { FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import type { TimelineAsk, ViewRequest } from '../../src/domain/engine/views-engine.ts'
import { datasetOf, filters, laneAsk, rawEvents, requestFor } from './conformance.ts'

const DAY_MS = 86_400_000
const range = (fromDay: number, days: number) => ({ fromMs: Date.UTC(2020, 0, 1) + fromDay * DAY_MS, toMs: Date.UTC(2020, 0, 1) + (fromDay + days) * DAY_MS })

/** The timeline's ask for `filter` as the chart makes it: a new object each time, lanes and markers over the span. */
function timelineAsk(filter: FilterSpec): TimelineAsk {
  const lanes = laneAsk(filter, 'region', 4)
  return { madeFor: filter.timeRange, indexTimes: [], indexLines: [], lanes, markers: lanes.span }
}

/** `base` with `filter`, and the timeline's ask made again for it; the map's ask stays the same object. */
function withFilter(base: ViewRequest, filter: FilterSpec): ViewRequest {
  return { ...base, filter, timeline: timelineAsk(filter) }
}

const states = fc.array(
  fc.record({
    timeRange: fc.option(
      fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 900 })).map(([from, days]) => range(from, days)),
      { nil: null },
    ),
    levels: fc.subarray([1, 2, 3, 4, 5] as const, { maxLength: 4 }).map((l) => [...l].sort()),
  }),
  { minLength: 2, maxLength: 4 },
)

describe('local engine: parts kept with their mask', () => {
  it('gives the map and the timeline a fresh engine gives when filter states are come back to', () => {
    fc.assert(
      fc.property(rawEvents, filters, states, (raw, filter, visits) => {
        const table = buildEventTable(datasetOf(raw))
        const engine = new LocalEngine(table)
        const base = requestFor(filter)
        // Each state, then each again in reverse: the states are left and come back to.
        for (const state of [...visits, ...[...visits].reverse()]) {
          const request = withFilter(base, { ...filter, ...state })
          const kept = engine.answer(request)
          const fresh = new LocalEngine(table).answer(request)
          expect(kept.points).toEqual(fresh.points)
          expect(kept.timeline).toEqual(fresh.timeline)
          expect(kept.matched).toBe(fresh.matched)
        }
      }),
      { numRuns: 60 },
    )
  })

  it('hands out the very frame and timeline part made for a state when it is come back to, and makes them again for a moved map', () => {
    const events = Array.from({ length: 40 }, (_, i) => ({
      id: `e${i}`,
      title: `Event ${i}`,
      date: new Date(Date.UTC(2024, 0, 1) + i * 9 * DAY_MS).toISOString().slice(0, 10),
      threatLevel: (i % 5) + 1,
      countries: [i % 2 === 0 ? 'UA' : 'SY'],
      location: { lat: 30 + (i % 20), lon: 20 + (i % 17) },
    }))
    const table = buildEventTable(datasetOf(events))
    const engine = new LocalEngine(table)
    const base = requestFor()
    const all = withFilter(base, base.filter)
    const ninety = withFilter(base, { ...base.filter, timeRange: { fromMs: Date.UTC(2024, 6, 1), toMs: Date.UTC(2024, 9, 1) } })
    const first = engine.answer(all)
    const narrowed = engine.answer(ninety)
    expect(narrowed.points).not.toBe(first.points)
    expect(narrowed.matched).toBeLessThan(first.matched)
    // Back to every event, with a timeline ask made again (equal, another object).
    const back = engine.answer(withFilter(base, base.filter))
    expect(back.points).toBe(first.points)
    expect(back.timeline).toBe(first.timeline)
    // The map moved: its frame is made again for the new viewport.
    const viewport = { ...base.points!.viewport, originX: base.points!.viewport.originX + 40 }
    const moved = engine.answer({ ...withFilter(base, base.filter), points: { viewport } })
    expect(moved.points).not.toBe(first.points)
    expect(moved.points!.viewport).toBe(viewport)
  })
})
