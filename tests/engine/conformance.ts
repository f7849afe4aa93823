/**
 * The engine conformance suite: any ViewsEngine is run through the same requests over the same
 * data and its answers are checked against the reference (reference.ts). `checkAnswer` returns
 * what differs, in words, so that the suite can also show it catches a broken engine.
 */
import fc from 'fast-check'
import { DAY_MS } from '../../src/domain/dates.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import { LATEST_AS_OF, type Facet, type IndexWindowMode, type LaneAsk, type LaneMode, type ViewRequest, type Views, type ViewsEngine } from '../../src/domain/engine/views-engine.ts'
import { MAX_LANE_MARKS } from '../../src/domain/engine/local/lanes.ts'
import { readNativeJson } from '../../src/domain/ingest/native-json.ts'
import type { Dataset, ThreatEvent, ThreatLevel } from '../../src/domain/model.ts'
import { DEFAULT_INDEX_SETTINGS } from '../../src/domain/threat-index.ts'
import { countryByCode } from '../../src/domain/regions.ts'
import type { MapViewport } from '../../src/domain/engine/map-points.ts'
import { passes, referenceGauges, referenceLanes, referenceShading, referenceViews, referenceWindow, type RefEvent } from './reference.ts'

/** Makes the engine under test for a dataset. */
export type EngineFactory = (dataset: Dataset) => ViewsEngine | Promise<ViewsEngine>

export const COUNTRIES = ['UA', 'RU', 'CN', 'FR', 'EG', 'IL', 'ML', 'NE', 'TW'] as const
export const REGIONS = ['eastern-europe', 'sahel', 'middle-east', 'eastern-asia', 'europe', 'africa'] as const
export const ACTORS = ['Wagner Group', 'PLA Navy', 'Hamas', 'NATO', 'JNIM'] as const
export const CATEGORIES = ['conflict', 'diplomacy', 'cyber', 'maritime'] as const
const WORDS = ['strike', 'talks', 'blockade', 'drone', 'summit', 'ceasefire', 'sanctions', 'Strait'] as const

/** A dataset read through the native JSON reader, as a user's file would be. */
export function datasetOf(events: readonly Record<string, unknown>[]): Dataset {
  const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 'Conformance', events }), 'conformance.json')
  if (!outcome.ok) throw new Error(outcome.reason)
  if (outcome.result.dataset.events.length !== events.length) throw new Error('a conformance event was rejected')
  return outcome.result.dataset
}

/** Raw events with dates of every precision, spans, several places and actors. */
export const rawEvents = fc
  .array(
    fc.record({
      year: fc.integer({ min: 2021, max: 2024 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      precision: fc.constantFrom('year', 'month', 'day', 'day', 'day'),
      spanDays: fc.option(fc.integer({ min: 1, max: 40 }), { freq: 4 }),
      level: fc.integer({ min: 1, max: 5 }),
      countries: fc.subarray([...COUNTRIES], { maxLength: 3 }),
      regions: fc.subarray(['sahel', 'middle-east', 'eastern-europe'], { maxLength: 1 }),
      actors: fc.subarray([...ACTORS], { maxLength: 2 }),
      category: fc.option(fc.constantFrom(...CATEGORIES), { freq: 3 }),
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 60, size: 'medium' },
  )
  .map((list) =>
    list.map((e, i) => {
      const mm = String(e.month).padStart(2, '0')
      const dd = String(e.day).padStart(2, '0')
      const date = e.precision === 'year' ? `${e.year}` : e.precision === 'month' ? `${e.year}-${mm}` : `${e.year}-${mm}-${dd}`
      const endDate =
        e.spanDays !== null && e.precision === 'day' ? new Date(Date.UTC(e.year, e.month - 1, e.day) + e.spanDays * DAY_MS).toISOString().slice(0, 10) : undefined
      return {
        id: `e${i}`,
        title: `${e.words.join(' ')} ${i}`,
        date,
        ...(endDate ? { endDate } : {}),
        threatLevel: e.level,
        countries: e.countries,
        regions: e.countries.length === 0 && e.regions.length === 0 ? ['europe'] : e.regions,
        actors: e.actors,
        ...(e.category !== null ? { category: e.category } : {}),
      }
    }),
  )

/** Filters over the same values the events use, a time range inside 2020–2025 and text from the titles. */
export const filters: fc.Arbitrary<FilterSpec> = fc.record({
  timeRange: fc.option(
    fc.tuple(fc.integer({ min: 0, max: 6 * 365 }), fc.integer({ min: 1, max: 3 * 365 })).map(([from, len]) => {
      const fromMs = Date.UTC(2020, 0, 1) + from * DAY_MS
      return { fromMs, toMs: fromMs + len * DAY_MS }
    }),
    { freq: 2 },
  ),
  regions: fc.subarray([...REGIONS], { maxLength: 2 }),
  countries: fc.subarray([...COUNTRIES], { maxLength: 2 }),
  actors: fc.subarray([...ACTORS], { maxLength: 2 }),
  levels: fc.subarray([1, 2, 3, 4, 5] as ThreatLevel[], { maxLength: 3 }),
  categories: fc.subarray([...CATEGORIES], { maxLength: 2 }),
  text: fc.oneof(fc.constant(''), fc.constantFrom(...WORDS, 'wagner', 'CYBER', ' talks ')),
})

/** The whole world at zoom 1 (a 512 px square): every placed event is in view. */
export const WORLD_VIEWPORT: MapViewport = { scale: 2, originX: 0, originY: 0, width: 512, height: 512 }

/** How the map shades and which window the index scores, varied by the property test. */
/** The events of an answer's list window, as the list reads them (its rows carry refs; a warehouse brings the events too). */
export function listedEvents(engine: ViewsEngine, views: Views): Promise<ThreatEvent[]> {
  return engine.events((views.list?.rows ?? []).map((r) => r.ref))
}

export interface RequestOptions {
  readonly shadeBy?: 'countries' | 'regions'
  readonly indexWindow?: IndexWindowMode
  /** Lanes under the timeline (the time filter's span, else 2020–2025), or none. */
  readonly lanes?: LaneMode | null
  readonly laneLimit?: number
}

/** The timeline's lanes over the time filter's span (2020–2025 without one): 12 buckets on 240 columns. */
export function laneAsk(filter: FilterSpec, mode: LaneMode, limit = 4): LaneAsk {
  const span = filter.timeRange ?? { fromMs: Date.UTC(2020, 0, 1), toMs: Date.UTC(2026, 0, 1) }
  const step = (span.toMs - span.fromMs) / 12
  return { mode, limit, span, columns: 240, bucketStarts: Array.from({ length: 12 }, (_, i) => span.fromMs + Math.round(i * step)), bucketEnd: span.toMs }
}

/** A request for the whole dashboard with `filter`, the list window at `offset`. */
export function requestFor(filter: FilterSpec = EMPTY_FILTER, offset = 0, length = 25, options: RequestOptions = {}): ViewRequest {
  return {
    filter,
    asOf: LATEST_AS_OF,
    nowMs: Date.UTC(2026, 0, 1),
    index: DEFAULT_INDEX_SETTINGS,
    indexWindow: options.indexWindow ?? 'range',
    customRegions: [],
    timeline:
      options.lanes === undefined || options.lanes === null
        ? null
        : { madeFor: filter.timeRange, indexTimes: [], indexLines: [], lanes: laneAsk(filter, options.lanes, options.laneLimit), markers: null },
    gauges: { limit: 5 },
    map: { shadeBy: options.shadeBy ?? 'countries' },
    points: { viewport: WORLD_VIEWPORT },
    list: { offset, length },
    watchlist: [],
    compare: null,
  }
}

function facetMismatch(name: string, facet: Facet, expected: ReadonlyMap<string, readonly [number, number]>): string[] {
  const out: string[] = []
  const seen = new Map<string, readonly [number, number]>()
  facet.values.forEach((value, code) => {
    const n = facet.counts[code] ?? 0
    if (n > 0) seen.set(value, [n, facet.maxLevel[code] ?? 0])
  })
  for (const [value, [n, max]] of expected) {
    const got = seen.get(value)
    if (got === undefined) out.push(`${name} ${value}: missing (expected ${n} events, level ${max})`)
    else if (got[0] !== n || got[1] !== max) out.push(`${name} ${value}: ${got[0]} events, level ${got[1]}; expected ${n}, level ${max}`)
  }
  for (const [value, [n]] of seen) if (!expected.has(value)) out.push(`${name} ${value}: ${n} events; expected none`)
  return out
}

function perDayOf(views: Views): Map<number, number> {
  const { firstDay, days, exact, spread } = views.days
  const out = new Map<number, number>()
  for (let d = 0; d < days; d++) {
    let n = 0
    for (let l = 0; l < 5; l++) n += exact[d * 5 + l]! + spread[d * 5 + l]!
    if (n > 1e-9) out.set(firstDay + d, n)
  }
  return out
}

/** What differs between an engine's answer and the reference's, in words; empty when they agree. */
export async function checkAnswer(engine: ViewsEngine, events: readonly RefEvent[], request: ViewRequest): Promise<string[]> {
  const views = await engine.run(request)
  const expected = referenceViews(events, request.filter)
  const out: string[] = []
  if (views.size !== events.length) out.push(`size ${views.size}; expected ${events.length}`)
  if (views.matched !== expected.matched) out.push(`matched ${views.matched}; expected ${expected.matched}`)
  for (let l = 1; l <= 5; l++) {
    if (views.levelCounts[l] !== expected.levelCounts[l]) out.push(`level ${l}: ${views.levelCounts[l]}; expected ${expected.levelCounts[l]}`)
  }
  out.push(...facetMismatch('region', views.regions, expected.regions))
  out.push(...facetMismatch('country', views.countries, expected.countries))
  out.push(...facetMismatch('actor', views.actors, expected.actors))
  out.push(...facetMismatch('category', views.categories, expected.categories))
  const days = perDayOf(views)
  for (const d of new Set([...days.keys(), ...expected.perDay.keys()])) {
    const got = days.get(d) ?? 0
    const want = expected.perDay.get(d) ?? 0
    if (Math.abs(got - want) > 1e-6) out.push(`day ${new Date(d * DAY_MS).toISOString().slice(0, 10)}: ${got.toFixed(4)}; expected ${want.toFixed(4)}`)
  }
  const list = request.list
  if (list !== null) {
    const want = expected.listIds.slice(list.offset, list.offset + list.length)
    const rows = views.list?.rows ?? []
    // A row's event is the engine's own when it brought it with the list; it must agree with events(refs).
    const read = await engine.events(rows.map((r) => r.ref))
    const got = read.map((e) => e.id)
    if (got.join(',') !== want.join(',')) out.push(`list at ${list.offset}: ${got.join(',')}; expected ${want.join(',')}`)
    rows.forEach((r, i) => {
      if (r.event !== null && r.event.id !== read[i]?.id) out.push(`list row ${i} brought ${r.event.id}; events([ref]) gave ${read[i]?.id}`)
    })
  }
  out.push(...(await pointsMismatch(engine, events, request, views)))
  out.push(...(await lanesMismatch(engine, events, request, views)))
  out.push(...scoredMismatch(views, events, request))
  return out
}

/**
 * The map's events: every event that passes the filters but the map's own selection is in the
 * world view, as points (each once) or bins (counts adding up).
 */
async function pointsMismatch(engine: ViewsEngine, events: readonly RefEvent[], request: ViewRequest, views: Views): Promise<string[]> {
  if (request.points === null) return []
  const frame = views.points
  if (frame === null) return ['points: no answer']
  // An event is drawn at its own position, else at the centroid of its first known country.
  const placed = (e: RefEvent): boolean => e.event.location !== undefined || e.event.countries.some((c) => countryByCode(c) !== undefined)
  // The map ignores only its own selection: countries when it shades countries, regions when it shades regions.
  const own = request.map?.shadeBy === 'regions' ? 'region' : 'country'
  const want = events.filter((e) => placed(e) && passes(e, request.filter, [own])).map((e) => e.event.id)
  const out: string[] = []
  if (frame.visible !== want.length) out.push(`points: ${frame.visible} in view; expected ${want.length}`)
  let total = 0
  for (let i = 0; i < frame.size; i++) total += frame.count[i]!
  if (total !== frame.visible) out.push(`points: items hold ${total} events; visible says ${frame.visible}`)
  if (frame.mode === 'points') {
    const got = (await engine.events(Array.from(frame.ref))).map((e) => e.id).sort()
    if (got.join(',') !== [...want].sort().join(',')) out.push(`points: ${got.join(',')}; expected ${[...want].sort().join(',')}`)
  }
  return out
}

/**
 * The timeline's lanes: the same lanes in the same order with the same counts; their marks (each
 * lane's events, oldest first) when they fit, else density cells adding up to each lane's count
 * with the lane's highest level.
 */
async function lanesMismatch(engine: ViewsEngine, events: readonly RefEvent[], request: ViewRequest, views: Views): Promise<string[]> {
  const ask = request.timeline?.lanes ?? null
  if (ask === null) return []
  const got = views.timeline?.lanes ?? null
  if (got === null) return ['lanes: no answer']
  const want = referenceLanes(events, request.filter, ask.mode, ask.span, ask.limit, MAX_LANE_MARKS)
  const out: string[] = []
  const describe = (lanes: readonly { value: string; count: number }[]): string => lanes.map((l) => `${l.value}=${l.count}`).join(', ')
  const wantLanes = want.lanes.map((l) => ({ value: l.value, count: l.ids.length }))
  if (describe(got.lanes) !== describe(wantLanes)) out.push(`lanes: ${describe(got.lanes)}; expected ${describe(wantLanes)}`)
  if (got.density !== want.density) out.push(`lanes: density ${got.density}; expected ${want.density}`)
  if (out.length > 0) return out
  for (const [i, lane] of got.lanes.entries()) {
    const expected = want.lanes[i]!
    if (!got.density) {
      const ids = (await engine.events(lane.marks.map((m) => m.ref))).map((e) => e.id).sort()
      if (ids.join(',') !== [...expected.ids].sort().join(',')) out.push(`lane ${lane.value}: marks ${ids.join(',')}; expected ${[...expected.ids].sort().join(',')}`)
      if (lane.marks.some((m, k) => k > 0 && m.startMs < lane.marks[k - 1]!.startMs)) out.push(`lane ${lane.value}: marks not oldest first`)
      continue
    }
    const row = got.counts!.subarray(i * got.columns, (i + 1) * got.columns)
    const sum = row.reduce((a, b) => a + b, 0)
    const top = Math.max(...got.maxLevel!.subarray(i * got.columns, (i + 1) * got.columns))
    if (Math.abs(sum - expected.ids.length) > 1e-3 * expected.ids.length) out.push(`lane ${lane.value}: density adds up to ${sum.toFixed(3)}; expected ${expected.ids.length}`)
    if (top !== expected.maxLevel) out.push(`lane ${lane.value}: highest level ${top}; expected ${expected.maxLevel}`)
  }
  return out
}

/**
 * The gauges and the map against the reference: the window they score, the events in it behind
 * each gauge and place, and the places and regions they name (the map's own selection ignored,
 * the gauges narrowed to regions that share a country with a place filter).
 */
function scoredMismatch(views: Views, events: readonly RefEvent[], request: ViewRequest): string[] {
  const out: string[] = []
  const window = referenceWindow(events, request.filter, request.index.windowDays, request.indexWindow)
  const got = views.indexWindow
  if (got.fromMs !== window.fromMs || got.toMs !== window.toMs) out.push(`window ${got.fromMs}–${got.toMs}; expected ${window.fromMs}–${window.toMs}`)
  if (request.map !== null && views.map !== null) {
    const expected = referenceShading(events, request.filter, request.map.shadeBy, window)
    for (const [place, n] of expected) {
      const shade = views.map.shading.get(place)
      if (shade === undefined) out.push(`map ${place}: missing (expected ${n.total} events, ${n.window} in the window)`)
      else if (shade.totalCount !== n.total || shade.windowCount !== n.window) {
        out.push(`map ${place}: ${shade.totalCount} events, ${shade.windowCount} in the window; expected ${n.total}, ${n.window}`)
      }
    }
    for (const place of views.map.shading.keys()) if (!expected.has(place)) out.push(`map ${place}: shaded; expected no events`)
  }
  if (request.gauges !== null && views.gauges !== null) {
    const expected = referenceGauges(events, request.filter, window)
    if (views.gauges.overall.eventCount !== expected.overall) out.push(`overall gauge: ${views.gauges.overall.eventCount} events; expected ${expected.overall}`)
    for (const g of views.gauges.regions) {
      const want = expected.regions.get(g.regionId)
      if (want === undefined && g.index.eventCount > 0) out.push(`gauge ${g.regionId}: shown; expected none`)
      else if (want !== undefined && g.index.eventCount !== want) out.push(`gauge ${g.regionId}: ${g.index.eventCount} events; expected ${want}`)
    }
    const shown = new Set(views.gauges.regions.map((g) => g.regionId))
    if (shown.size < request.gauges.limit) {
      for (const [regionId, n] of expected.regions) if (n > 0 && !shown.has(regionId)) out.push(`gauge ${regionId}: missing (expected ${n} events)`)
    }
  }
  return out
}

/** Runs `requests` in order through one engine (so that incremental paths are taken), collecting every difference. */
export async function checkSequence(engine: ViewsEngine, events: readonly RefEvent[], requests: readonly ViewRequest[]): Promise<string[]> {
  const out: string[] = []
  for (const [i, request] of requests.entries()) out.push(...(await checkAnswer(engine, events, request)).map((m) => `request ${i}: ${m}`))
  return out
}

