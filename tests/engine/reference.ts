/**
 * The reference the engines are held to: the same views computed the plain way, over event
 * objects, one event at a time, with no masks, columns or incremental state. It knows the
 * product's rules (what each filter means, "all filters but mine", how an imprecise date is
 * spread over its days) and nothing of how an engine stores its data.
 */
import { regionExpander } from '../../src/domain/build-table.ts'
import { DAY_MS } from '../../src/domain/dates.ts'
import type { FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import type { Dataset, ThreatEvent } from '../../src/domain/model.ts'
import { lookupRegion } from '../../src/domain/regions.ts'

export interface RefEvent {
  readonly event: ThreatEvent
  readonly startMs: number
  readonly endMs: number
  readonly level: number
  readonly countries: readonly string[]
  /** The event's regions with those of its countries and their parents. */
  readonly regions: readonly string[]
  readonly actors: readonly string[]
  readonly category: string
}

export function refEvents(dataset: Dataset): RefEvent[] {
  const expand = regionExpander(dataset)
  return dataset.events.map((event) => ({
    event,
    startMs: event.date.startMs,
    endMs: Math.max(event.date.endMs, event.endDate?.endMs ?? event.date.endMs),
    level: event.threatLevel,
    countries: event.countries,
    regions: expand(event),
    actors: event.actors.map((a) => a.name),
    category: event.category ?? '',
  }))
}

type Dim = 'time' | 'region' | 'country' | 'actor' | 'level' | 'category' | 'text'

/** Whether `e` passes `filter` on every dimension but those in `ignored`. */
export function passes(e: RefEvent, filter: FilterSpec, ignored: readonly Dim[] = []): boolean {
  const on = (d: Dim): boolean => !ignored.includes(d)
  const any = (selected: readonly string[], values: readonly string[]): boolean => selected.length === 0 || selected.some((s) => values.includes(s))
  if (on('time') && filter.timeRange !== null && !(e.startMs < filter.timeRange.toMs && e.endMs > filter.timeRange.fromMs)) return false
  if (on('region') && !any(filter.regions, e.regions)) return false
  if (on('country') && !any(filter.countries, e.countries)) return false
  if (on('actor') && !any(filter.actors, e.actors)) return false
  if (on('level') && filter.levels.length > 0 && !filter.levels.includes(e.level as never)) return false
  if (on('category') && filter.categories.length > 0 && !filter.categories.includes(e.category)) return false
  const needle = filter.text.trim().toLowerCase()
  if (on('text') && needle !== '') {
    const hay = [e.event.title, e.category, ...e.actors].map((s) => s.toLowerCase())
    if (!hay.some((s) => s.includes(needle))) return false
  }
  return true
}

export interface RefViews {
  readonly matched: number
  /** Ids of the matching events, newest first (start descending; ties in input order). */
  readonly listIds: readonly string[]
  /** Index 1–5; the level filter ignored. */
  readonly levelCounts: readonly number[]
  /** Per value: count and highest level, each facet ignoring its own filter. */
  readonly regions: ReadonlyMap<string, readonly [number, number]>
  readonly countries: ReadonlyMap<string, readonly [number, number]>
  readonly actors: ReadonlyMap<string, readonly [number, number]>
  readonly categories: ReadonlyMap<string, readonly [number, number]>
  /** Events per UTC day (all levels), the time filter ignored; an event over several days adds 1/days to each. */
  readonly perDay: ReadonlyMap<number, number>
}

function tally(events: readonly RefEvent[], valuesOf: (e: RefEvent) => readonly string[]): Map<string, readonly [number, number]> {
  const out = new Map<string, readonly [number, number]>()
  for (const e of events) {
    for (const v of new Set(valuesOf(e))) {
      const [n, max] = out.get(v) ?? [0, 0]
      out.set(v, [n + 1, Math.max(max, e.level)])
    }
  }
  return out
}

export function referenceViews(events: readonly RefEvent[], filter: FilterSpec): RefViews {
  const matching = events.map((e, i) => ({ e, i })).filter(({ e }) => passes(e, filter))
  matching.sort((a, b) => b.e.startMs - a.e.startMs || a.i - b.i)
  const levelCounts = [0, 0, 0, 0, 0, 0]
  for (const e of events) if (passes(e, filter, ['level'])) levelCounts[e.level]!++
  const perDay = new Map<number, number>()
  for (const e of events) {
    if (!passes(e, filter, ['time'])) continue
    const d0 = Math.floor(e.startMs / DAY_MS)
    const d1 = Math.ceil(e.endMs / DAY_MS)
    const days = Math.max(1, d1 - d0)
    for (let d = d0; d < d0 + days; d++) perDay.set(d, (perDay.get(d) ?? 0) + 1 / days)
  }
  return {
    matched: matching.length,
    listIds: matching.map(({ e }) => e.event.id),
    levelCounts,
    regions: tally(events.filter((e) => passes(e, filter, ['region', 'country'])), (e) => e.regions),
    countries: tally(events.filter((e) => passes(e, filter, ['region', 'country'])), (e) => e.countries),
    actors: tally(events.filter((e) => passes(e, filter, ['actor'])), (e) => e.actors),
    // An event with no category counts under the empty value.
    categories: tally(events.filter((e) => passes(e, filter, ['category'])), (e) => [e.category]),
    perDay,
  }
}

/**
 * The index window of a request. With a time range set and the as-of left at "latest", the range
 * itself, up to the as-of (the gauges and the map read "highest level, 1 Apr 2022 – 31 Jan 2025");
 * otherwise the rolling window of `windowDays` ending at the as-of. The as-of is the end of the
 * latest event's day, or the range's end when that is earlier.
 */
export function referenceWindow(
  events: readonly RefEvent[],
  filter: FilterSpec,
  windowDays: number,
  mode: 'range' | 'rolling',
): { readonly fromMs: number; readonly toMs: number } {
  const range = filter.timeRange
  const latestStart = events.reduce((max, e) => Math.max(max, e.startMs), -Infinity)
  let asOf = events.length === 0 ? 0 : (Math.floor(latestStart / DAY_MS) + 1) * DAY_MS
  if (range !== null && range.toMs < asOf) asOf = range.toMs
  if (range !== null && mode === 'range') return { fromMs: range.fromMs, toMs: asOf > range.fromMs ? asOf : range.toMs }
  return { fromMs: asOf - windowDays * DAY_MS, toMs: asOf }
}

const touches = (e: RefEvent, w: { readonly fromMs: number; readonly toMs: number }): boolean => e.startMs < w.toMs && e.endMs > w.fromMs

/**
 * Per country (or region): events at any date and in the index window that pass every filter
 * but time (the index has its own window) and the map's own selection (that place kind).
 */
export function referenceShading(
  events: readonly RefEvent[],
  filter: FilterSpec,
  shadeBy: 'countries' | 'regions',
  window: { readonly fromMs: number; readonly toMs: number },
): Map<string, { total: number; window: number }> {
  const out = new Map<string, { total: number; window: number }>()
  for (const e of events) {
    if (!passes(e, filter, ['time', shadeBy === 'countries' ? 'country' : 'region'])) continue
    for (const place of new Set(shadeBy === 'countries' ? e.countries : e.regions)) {
      const n = out.get(place) ?? { total: 0, window: 0 }
      n.total++
      if (touches(e, window)) n.window++
      out.set(place, n)
    }
  }
  return out
}

/**
 * Events in the window behind the overall gauge and behind each region's, every filter but time
 * applied. With a place filter only the regions that share a country with the selection (or are
 * selected) are gauged.
 */
export function referenceGauges(
  events: readonly RefEvent[],
  filter: FilterSpec,
  window: { readonly fromMs: number; readonly toMs: number },
): { overall: number; regions: Map<string, number> } {
  const selection = new Set<string>(filter.countries)
  for (const id of filter.regions) for (const c of lookupRegion(id)?.countries ?? []) selection.add(c)
  const placeFiltered = filter.regions.length > 0 || filter.countries.length > 0
  const related = (regionId: string): boolean =>
    !placeFiltered || filter.regions.includes(regionId) || (lookupRegion(regionId)?.countries ?? []).some((c) => selection.has(c))
  let overall = 0
  const regions = new Map<string, number>()
  for (const e of events) {
    if (!passes(e, filter, ['time']) || !touches(e, window)) continue
    overall++
    for (const r of new Set(e.regions)) if (related(r)) regions.set(r, (regions.get(r) ?? 0) + 1)
  }
  return { overall, regions }
}

/** The regions an event's lane takes: its sub-regions and dataset regions, else its continents, else all it has. */
function laneRegionsOfEvent(e: RefEvent): string[] {
  const regions = [...new Set(e.regions)]
  const kind = (id: string): string => lookupRegion(id)?.kind ?? 'custom'
  const specific = regions.filter((r) => kind(r) === 'sub-region' || kind(r) === 'custom')
  const continents = regions.filter((r) => kind(r) === 'continent')
  return specific.length > 0 ? specific : continents.length > 0 ? continents : regions
}

export interface RefLane {
  readonly value: string
  /** Ids of the lane's events in the span. */
  readonly ids: readonly string[]
  readonly maxLevel: number
}

/**
 * The timeline's lanes: among the events that pass every filter but time and overlap the span,
 * the `limit` regions (each event in its most specific regions) or actors with the most events,
 * ties by label; drawn as density when they hold more than `maxMarks` marks in all.
 */
export function referenceLanes(
  events: readonly RefEvent[],
  filter: FilterSpec,
  mode: 'region' | 'actor',
  span: { readonly fromMs: number; readonly toMs: number },
  limit: number,
  maxMarks: number,
): { lanes: RefLane[]; density: boolean } {
  const byValue = new Map<string, RefEvent[]>()
  for (const e of events) {
    if (!passes(e, filter, ['time']) || !touches(e, span)) continue
    for (const v of new Set(mode === 'region' ? laneRegionsOfEvent(e) : e.actors)) byValue.set(v, [...(byValue.get(v) ?? []), e])
  }
  const label = (v: string): string => (mode === 'region' ? (lookupRegion(v)?.name ?? v) : v)
  const chosen = [...byValue.entries()].sort(([a, ea], [b, eb]) => eb.length - ea.length || label(a).localeCompare(label(b))).slice(0, limit)
  const lanes = chosen.map(([value, list]) => ({ value, ids: list.map((e) => e.event.id), maxLevel: Math.max(...list.map((e) => e.level)) }))
  return { lanes, density: lanes.reduce((n, l) => n + l.ids.length, 0) > maxMarks }
}
