import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import type { ViewRequest, Views, ViewsEngine } from '../../src/domain/engine/views-engine.ts'
import { checkSequence, datasetOf, filters, rawEvents, requestFor } from './conformance.ts'
import { refEvents } from './reference.ts'

/** The local engine with one view deliberately broken by `spoil`. */
function broken(engine: LocalEngine, spoil: (views: Views, request: ViewRequest) => Views): ViewsEngine {
  return {
    kind: 'broken',
    run: async (request) => spoil(await engine.run(request), request),
    events: (refs) => engine.events(refs),
    snapshot: async (request) => spoil(await engine.snapshot(request), request),
    matchingEvents: (request, signal, page) => engine.matchingEvents(request, signal, page),
    topEvents: (request, limit) => engine.topEvents(request, limit),
    adjacent: (request, ref, step) => engine.adjacent(request, ref, step),
    watchAlerts: (request, existing, warning) => engine.watchAlerts(request, existing, warning),
    warningCounts: (throughMs) => engine.warningCounts(throughMs),
    placedSpans: (request, span, limit) => engine.placedSpans(request, span, limit),
    eventsOf: (subject, fromMs, toMs, limit) => engine.eventsOf(subject, fromMs, toMs, limit),
    dataHash: () => engine.dataHash(),
  }
}

const SPOILERS: Record<string, (views: Views, request: ViewRequest) => Views> = {
  'a level count off by one': (v) => ({ ...v, levelCounts: Uint32Array.from(v.levelCounts, (n, l) => (l === 3 ? n + 1 : n)) }),
  'the region facet honouring its own filter': (v, r) => ({
    ...v,
    regions: { ...v.regions, counts: Uint32Array.from(v.regions.counts, (n, code) => (r.filter.regions.length > 0 && !r.filter.regions.includes(v.regions.values[code]!) ? 0 : n)) },
  }),
  'the map following its own region filter': (v, r) => {
    const points = v.points
    if (points === null || r.filter.regions.length === 0 || points.size === 0) return v
    return { ...v, points: { ...points, size: points.size - 1, visible: points.visible - points.count[points.size - 1]!, ref: points.ref.subarray(0, -1), count: points.count.subarray(0, -1) } }
  },
  'a lane missing its last mark': (v) => {
    const lanes = v.timeline?.lanes
    if (!lanes || lanes.density || lanes.lanes.length === 0) return v
    const [first, ...rest] = lanes.lanes
    return { ...v, timeline: { ...v.timeline!, lanes: { ...lanes, lanes: [{ ...first!, marks: first!.marks.slice(0, -1) }, ...rest] } } }
  },
  'the list oldest first': (v) => ({ ...v, list: v.list && { ...v.list, rows: [...v.list.rows].reverse() } }),
  'an imprecise date as a spike on its first day': (v) => {
    const { firstDay, days, exact, spread } = v.days
    const spiked = new Float64Array(spread.length)
    for (let i = 0; i < spread.length; i++) if (spread[i]! > 0 && (i < 5 || spread[i - 5] === 0)) spiked[i] = 1
    return { ...v, days: { firstDay, days, exact, spread: spiked } }
  },
}

// A few dozen generated events (several samples joined, ids made unique again).
const dataset = datasetOf(
  fc
    .sample(rawEvents, { numRuns: 8, seed: 42 })
    .flat()
    .map((e, i) => ({ ...e, id: `e${i}` })),
)
const requests = [requestFor(), ...fc.sample(filters, { numRuns: 12, seed: 7 }).map((f, i) => requestFor(f, i % 3, 25, { lanes: i % 2 === 0 ? 'region' : 'actor' })), requestFor({ ...EMPTY_FILTER, regions: ['europe'] }, 1)]

describe('the conformance suite catches a broken engine', () => {
  it('finds nothing to say about the local engine on these requests', async () => {
    expect(await checkSequence(new LocalEngine(buildEventTable(dataset)), refEvents(dataset), requests)).toEqual([])
  })

  it.each(Object.keys(SPOILERS))('reports %s', async (name) => {
    const engine = broken(new LocalEngine(buildEventTable(dataset)), SPOILERS[name]!)
    const found = await checkSequence(engine, refEvents(dataset), requests)
    expect(found.length).toBeGreaterThan(0)
  })
})
