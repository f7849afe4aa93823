import { centroidOf } from '../domain/build-table.ts'
import type { PlacedEvent } from '../domain/export/geojson.ts'
import type { PlacedSpans, ViewRequest, Views } from '../domain/engine/views-engine.ts'
import type { Span } from '../domain/timeline/buckets.ts'
import type { ThreatEvent } from '../domain/model.ts'
import { requestOf } from './run-views.ts'
import type { WatchfloorState } from './store-types.ts'

/**
 * What exports read, from whichever engine answers: at once from the tab's table, or from a
 * warehouse — every matching event fetched in pages, newest first, with progress, and at most
 * WAREHOUSE_EXPORT_CAP of them (the caller tells the user when the cap cut the export short).
 */

/** Most events a data export or picture takes from a warehouse: the newest this many. */
export const WAREHOUSE_EXPORT_CAP = 100_000

/** Events per page fetched from a warehouse. */
export const WAREHOUSE_EXPORT_PAGE = 5_000

export interface FetchedEvents {
  readonly events: readonly ThreatEvent[]
  /** Events matching the filters; more than `events.length` when the cap cut the export short. */
  readonly total: number
}

export interface FetchOptions {
  /** Events fetched so far of those that will be. */
  readonly onProgress?: (done: number, of: number) => void
  readonly signal?: AbortSignal
  readonly cap?: number
}

/** The events matching the filters, newest first; from a warehouse, in pages up to the cap. */
export async function fetchMatchingEvents(s: WatchfloorState, options: FetchOptions = {}): Promise<FetchedEvents> {
  const request = requestOf(s)
  if (s.remote === null) {
    const events = await s.engine.matchingEvents(request, options.signal)
    return { events, total: events.length }
  }
  const remote = s.remote
  const total = s.views.matched
  const target = Math.min(total, options.cap ?? WAREHOUSE_EXPORT_CAP)
  const events: ThreatEvent[] = []
  options.onProgress?.(0, target)
  while (events.length < target) {
    const page = await remote.matchingEvents(request, options.signal, { offset: events.length, length: Math.min(WAREHOUSE_EXPORT_PAGE, target - events.length) })
    if (page.length === 0) break
    for (const e of page) events.push(e)
    options.onProgress?.(events.length, target)
  }
  return { events, total }
}

/**
 * Where the map draws an event fetched from a warehouse, as the warehouse placed it: its own
 * location, else its first known country's centroid (approximate), else nowhere (NaN).
 */
export function placedOf(event: ThreatEvent): PlacedEvent {
  if (event.location) return { event, latDeg: event.location.latDeg, lonDeg: event.location.lonDeg, approximate: false }
  const centroid = centroidOf(event.countries)
  return centroid ? { event, latDeg: centroid[0], lonDeg: centroid[1], approximate: true } : { event, latDeg: NaN, lonDeg: NaN, approximate: true }
}

/** The matching events with their drawn places (GeoJSON, map pictures). */
export async function fetchPlacedEvents(s: WatchfloorState, options: FetchOptions = {}): Promise<{ placed: readonly PlacedEvent[]; total: number }> {
  if (s.remote === null) {
    const placed = await s.engine.placedEvents(requestOf(s), options.signal)
    return { placed, total: placed.length }
  }
  const { events, total } = await fetchMatchingEvents(s, options)
  return { placed: events.map(placedOf), total }
}

/** Most events a timelapse takes from a warehouse (positions and spans only, a few numbers each). */
export const WAREHOUSE_TIMELAPSE_CAP = 500_000

/**
 * The matching events with a place that overlap `span`, for a timelapse: all of them, from the
 * tab's table or the warehouse (which refuses beyond WAREHOUSE_TIMELAPSE_CAP: narrow the filters).
 */
export function fetchPlacedSpans(s: WatchfloorState, span: Span, signal?: AbortSignal): Promise<PlacedSpans> {
  const request = requestOf(s)
  return s.remote === null ? s.engine.placedSpans(request, span, Infinity) : s.remote.placedSpans(request, span, WAREHOUSE_TIMELAPSE_CAP, signal)
}

/** The highest-level matching events, newest first within a level. */
export function fetchTopEvents(s: WatchfloorState, limit: number): Promise<readonly ThreatEvent[]> {
  return s.remote === null ? s.engine.topEvents(requestOf(s), limit) : s.remote.topEvents(requestOf(s), limit)
}

/** The answer an export draws from: `request` answered beside the panels' runs. */
export function exportAnswer(s: WatchfloorState, request: ViewRequest): Promise<Views> {
  return s.remote === null ? Promise.resolve(s.engine.answer(request)) : s.remote.snapshot(request)
}
