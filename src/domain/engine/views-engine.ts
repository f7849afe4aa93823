import type { Alert, WatchItem } from '../alerts.ts'
import type { ComparisonRow } from '../period-comparison.ts'
import type { DatePrecision, EpochMs, RegionDef, ThreatEvent, ThreatLevel } from '../model.ts'
import type { IndexSettings, ThreatIndex } from '../threat-index.ts'
import type { Span } from '../timeline/buckets.ts'
import type { WarningResult } from '../warning/dashboard-warning.ts'
import type { WarningCounts } from '../warning/warning-counts.ts'
import type { FilterSpec } from './filter-spec.ts'
import type { MapViewport, PointFrame, PointsAsk } from './map-points.ts'

/**
 * The seam between the panels and the data: a panel says what it wants to see in a ViewRequest,
 * an engine answers with Views. The local engine answers from typed columns in the tab; another
 * engine can answer the same request where the data lives. Views are plain data: nothing in
 * them needs the table to be read. Events are named by an EventRef, which only the engine that
 * gave it can turn back into an event (`events`).
 */

/** An engine's handle on one event of the data it answered from. */
export type EventRef = number

/** How the as-of instant is chosen: the data's latest day (default), now, or a fixed instant. */
export type AsOfSetting =
  | { readonly mode: 'latest' }
  | { readonly mode: 'today' }
  | { readonly mode: 'fixed'; readonly ms: EpochMs }

export const LATEST_AS_OF: AsOfSetting = { mode: 'latest' }

/**
 * The window the gauges and the map score. 'range' (the default): with a time range set and the
 * as-of at "latest", the range itself, up to the as-of; 'rolling': the index settings' window
 * ending at the as-of. Without a time range, or with an as-of chosen, both are the rolling window.
 */
export type IndexWindowMode = 'range' | 'rolling'

/** The window the gauges and the map scored: [fromMs, toMs), and whether it is the time range. */
export interface IndexWindow {
  readonly fromMs: EpochMs
  readonly toMs: EpochMs
  readonly byRange: boolean
}

export type LaneMode = 'region' | 'actor'

/** What an index line follows: a region, a country or an actor, by its value. */
export interface IndexSubject {
  readonly kind: 'region' | 'country' | 'actor'
  readonly id: string
}

/** Most index lines the chart draws at once. */
export const MAX_INDEX_LINES = 5

export function subjectKey(s: IndexSubject): string {
  return `${s.kind}:${s.id}`
}

/** The timeline's ask: the span it shows is the time filter's, or the data's whole extent. */
export interface TimelineAsk {
  /**
   * The time filter this ask was made for (the very object in the request's filter). A new time
   * filter moves the chart's span, so an ask made for another one is stale: the store leaves its
   * part until the chart asks for the new span, rather than making it twice.
   */
  readonly madeFor: Span | null
  /** Instants at which to score each index line (the ends of the chart's buckets), ascending. */
  readonly indexTimes: readonly EpochMs[]
  readonly indexLines: readonly IndexSubject[]
  /** Lanes under the chart, or null when they are not shown. */
  readonly lanes: LaneAsk | null
  /** The level 4–5 markers over the span, or null when they are not drawn. */
  readonly markers: Span | null
}

export interface LaneAsk {
  readonly mode: LaneMode
  readonly limit: number
  readonly span: Span
  /** Pixel columns of the density grid, and the bucket edges that map time onto them. */
  readonly columns: number
  readonly bucketStarts: readonly EpochMs[]
  readonly bucketEnd: EpochMs
}

/** Region gauges beside the overall one; regions in the region filter come first. */
export interface GaugesAsk {
  readonly limit: number
}

export interface MapAsk {
  readonly shadeBy: 'countries' | 'regions'
}

export interface ListAsk {
  /** The first row of the window, counted in the list's order (newest first). */
  readonly offset: number
  readonly length: number
}

/** What every panel wants to see. A panel that is not shown asks for nothing (null). */
export interface ViewRequest {
  readonly filter: FilterSpec
  readonly asOf: AsOfSetting
  /** The clock, for an as-of of "today" (the domain reads no clock of its own). */
  readonly nowMs: EpochMs
  readonly index: IndexSettings
  /** Which window the gauges and the map score (see IndexWindowMode). */
  readonly indexWindow: IndexWindowMode
  readonly customRegions: readonly RegionDef[]
  readonly timeline: TimelineAsk | null
  readonly gauges: GaugesAsk | null
  readonly map: MapAsk | null
  /** The map's event layer for the viewport it shows (a separate ask: it changes on every pan). */
  readonly points: PointsAsk | null
  readonly list: ListAsk | null
  readonly watchlist: readonly WatchItem[]
  /** Regions to compare this window against the previous one, or null when the comparison is closed. */
  readonly compare: readonly string[] | null
  /**
   * Whether the engine may answer before what takes longest to fetch (a warehouse's gauge
   * contributions, which name events; under a text or actor filter, also the map's events in
   * view and the actor facet, which read every matching row): that answer carries `later`, the
   * whole one, and leaves what is still coming null (`points`), empty (`actors`, with
   * `actorsPending`) or pending (`gauges.contributionsPending`). An engine that has everything at
   * hand (the local one) answers whole and ignores it.
   */
  readonly early?: boolean
}

/** Counts per value of a facet (a region, country, actor or category), with the highest level. */
export interface Facet {
  readonly values: readonly string[]
  readonly counts: Uint32Array
  readonly maxLevel: Uint8Array
}

/**
 * Counts per day and level over the data's whole extent, time filter ignored. `exact` holds
 * day-precise events; `spread` holds events that cover several days, each spread evenly over
 * them. Index: (day - firstDay) * 5 + (level - 1).
 */
export interface TimelineCounts {
  readonly firstDay: number
  readonly days: number
  readonly exact: Float64Array
  readonly spread: Float64Array
}

/** One event as the timeline's marks and lanes draw it (a few hundred at most). */
export interface EventMarkData {
  readonly ref: EventRef
  readonly title: string
  readonly startMs: EpochMs
  /** The end of the event's span: its end date, or the end of its day, month or year. */
  readonly endMs: EpochMs
  readonly precision: DatePrecision
  readonly level: ThreatLevel
  /** Brought by the last live refresh. */
  readonly isNew: boolean
}

export interface MarkerView {
  /** Level 4–5 events overlapping the span, longest first, then oldest; empty when merged. */
  readonly marks: readonly EventMarkData[]
  readonly total: number
  /** More than the chart marks one by one: it merges them per bar. */
  readonly merged: boolean
}

export interface LaneView {
  /** The lane's value: a region id or an actor name. */
  readonly value: string
  readonly count: number
  /** The lane's events in view, oldest first; empty in density mode. */
  readonly marks: readonly EventMarkData[]
}

export interface LanesView {
  readonly mode: LaneMode
  readonly lanes: readonly LaneView[]
  /** True when the marks would be too many: draw `density` instead. */
  readonly density: boolean
  /** Events per lane and column (`counts[lane * columns + col]`) and the highest level, in density mode. */
  readonly counts: Float32Array | null
  readonly maxLevel: Uint8Array | null
  readonly columns: number
}

export interface TimelineView {
  /** Score of each index line at each of the asked instants (NaN before the line's first event). */
  readonly index: readonly Float64Array[]
  readonly markers: MarkerView | null
  readonly lanes: LanesView | null
}

export interface RegionGauge {
  readonly regionId: string
  readonly index: ThreatIndex
}

export interface GaugesView {
  readonly overall: ThreatIndex
  readonly regions: readonly RegionGauge[]
  /** An early answer's gauges: scored, with their contributions still coming (empty until `Views.later`). */
  readonly contributionsPending?: boolean
  /** Why the contributions of an early answer's gauges could not be found (its `later` part failed). */
  readonly contributionsError?: string
}

export interface WatchedGauge {
  readonly item: WatchItem
  readonly index: ThreatIndex
}

export interface PlaceShade {
  /** Highest level in the window; null is "no recent activity". */
  readonly level: ThreatLevel | null
  /** 0–100. */
  readonly score: number
  /** Matching events in the window. */
  readonly windowCount: number
  /** Matching events at any date. */
  readonly totalCount: number
}

/** Shades by country code (alpha-2) or region id; places without matching events are absent. */
export type Shading = ReadonlyMap<string, PlaceShade>

export interface MapView {
  readonly shadeBy: 'countries' | 'regions'
  readonly shading: Shading
}

/**
 * One row of the events list. The row's text is not part of the answer: a list asks for the
 * events of the rows it shows (`events(refs)`) and draws a placeholder until they come.
 */
export interface ListRow {
  readonly ref: EventRef
  /** The event, when the engine had it at hand (a warehouse reads it with the row); else null. */
  readonly event: ThreatEvent | null
  /** The regions the list names when the event names none: the first its countries lie in. */
  readonly regions: readonly string[]
  /** Marked new by the last live refresh. */
  readonly isNew: boolean
}

export interface ListView {
  readonly offset: number
  readonly rows: readonly ListRow[]
}

/** Every panel's answer. A part a request did not ask for, or that is still being made, is null. */
export interface Views {
  /** Events in the data. */
  readonly size: number
  /** Events that pass every filter. */
  readonly matched: number
  /** The as-of instant in force. */
  readonly asOfMs: EpochMs
  /** The window the gauges, the map, the watched gauges and the comparison scored. */
  readonly indexWindow: IndexWindow
  /** Matching events per level (index 1–5), level filter ignored. */
  readonly levelCounts: Uint32Array
  /** Matching events per day and level over the data's extent, time filter ignored (the timeline's bars). */
  readonly days: TimelineCounts
  /** Per facet value, that facet's own filter ignored (region and country ignore each other too). */
  readonly regions: Facet
  readonly countries: Facet
  readonly actors: Facet
  /**
   * The actor facet is still being asked (an early answer of a warehouse, `ViewRequest.early`):
   * `actors` is empty until `later` brings it.
   */
  readonly actorsPending?: boolean
  /**
   * Why the actor facet could not be fetched (an early answer whose later part failed); `actors`
   * then holds the facet shown before, kept.
   */
  readonly actorsError?: string
  readonly categories: Facet
  readonly timeline: TimelineView | null
  readonly gauges: GaugesView | null
  readonly map: MapView | null
  /**
   * The matching events in the map's viewport, as points or bins, the map's own place filters
   * ignored; null when not asked for, or while the engine is still placing a new table's events.
   */
  readonly points: PointFrame | null
  /**
   * Why the map's events in view could not be fetched (an early answer whose later part failed);
   * `points` then holds the frame drawn before, kept, or null when there was none.
   */
  readonly pointsError?: string
  readonly list: ListView | null
  /** A gauge per watch item (level, category and text filters apply). */
  readonly watched: readonly WatchedGauge[] | null
  readonly compare: readonly ComparisonRow[] | null
  /**
   * An early answer whose cube is still coming (a warehouse under a text or actor filter,
   * `ViewRequest.early`): `size`, `matched`, `asOfMs`, `indexWindow` and `list` are the current
   * filters'; every part the cube makes (`levelCounts`, `days`, the facets, `timeline`, `gauges`,
   * `map`, `points`, `watched`, `compare`) is empty or null until `later` brings it.
   */
  readonly cubePending?: boolean
  /**
   * Why the cube of an early answer could not be fetched (its `later` failed): the parts it makes
   * then hold what was shown before, kept, and are not the answer to the current filters.
   */
  readonly cubeError?: string
  /** How long each panel's part took and where it came from; only an engine that asks elsewhere (a warehouse) says. */
  readonly timings?: PanelTimings
  /**
   * For an early answer (`ViewRequest.early`), the whole one: the same views with what was still
   * coming filled in. It rejects with an AbortError when a newer run supersedes this one.
   */
  readonly later?: Promise<Views>
}

/** Where a panel's part came from: the cube crossfiltered in the tab, the warehouse, or both. */
export type PartSource = 'cube' | 'warehouse' | 'cube+warehouse'

export interface PartTiming {
  /** From the request to the part's answer, ms. */
  readonly ms: number
  readonly source: PartSource
  /** The run fetched a new cube from the warehouse first (its time is in `ms`). */
  readonly cubeFetched: boolean
}

export type PanelTimings = Readonly<Partial<Record<'timeline' | 'map' | 'gauges' | 'events', PartTiming>>>

/** The parts of an answer that a panel waits for; the count and facets always come first. */
export const VIEW_PARTS = ['timeline', 'gauges', 'map', 'points', 'list', 'watched', 'compare'] as const

export type ViewPart = (typeof VIEW_PARTS)[number]

/** What an engine is. */
export interface ViewsEngine {
  /** 'local' for the columnar engine in the tab; another engine names itself. */
  readonly kind: string
  /**
   * Answers `request`. A later call supersedes an earlier one: the earlier promise rejects with
   * an AbortError (and so does one whose `signal` aborts), so a stale answer is never drawn.
   */
  run(request: ViewRequest, signal?: AbortSignal): Promise<Views>
  /** The events behind refs this engine gave, in the same order. */
  events(refs: readonly EventRef[], signal?: AbortSignal): Promise<ThreatEvent[]>
  /**
   * Answers `request` beside the panels' runs, superseding none (an export's answer). Rejects
   * with an AbortError only when its own `signal` aborts.
   */
  snapshot(request: ViewRequest, signal?: AbortSignal): Promise<Views>
  /**
   * A remote engine's events for a picture's map: every event passing every filter (places too)
   * in `viewport` (default: the whole world at zoom 4), as points or binned with their counts, as
   * the map's frame. An engine with the rows at hand (the local one) has none: a picture reads
   * `placedSpans` instead.
   */
  pictureFrame?(request: ViewRequest, viewport?: MapViewport, signal?: AbortSignal): Promise<PointFrame>
  /** Every matching event of `request`, newest first (for exports); with `page`, only those rows of that order. */
  matchingEvents(request: ViewRequest, signal?: AbortSignal, page?: EventPage): Promise<ThreatEvent[]>
  /** The `limit` highest-level matching events, newest first within a level (the briefing's table). */
  topEvents(request: ViewRequest, limit: number, signal?: AbortSignal): Promise<ThreatEvent[]>
  /** The matching event `step` places after or before `ref` in the list's order. */
  adjacent(request: ViewRequest, ref: EventRef | null, step: 1 | -1): Promise<EventRef | null>
  /**
   * Alerts raised by the watchlist on the whole data (a watch ignores the dashboard's filters);
   * with `warning` (early warning's result for this engine's data), the surge rule's alerts too.
   */
  watchAlerts(request: ViewRequest, existing: readonly Pick<Alert, 'id'>[], warning?: WarningResult | null): Promise<Alert[]>
  /**
   * Early warning's weekly counts of all events and of every country, region and actor, over the
   * whole data (filters do not apply), through `throughMs` (quiet weeks up to it count as zeros).
   */
  warningCounts(throughMs: EpochMs, signal?: AbortSignal): Promise<WarningCounts>
  /**
   * The events of one country, region or actor overlapping [fromMs, toMs), whatever the
   * dashboard's filters (the events behind a surge): highest level first, then newest, at most
   * `limit`, with how many there are.
   */
  eventsOf(subject: Subject, fromMs: EpochMs, toMs: EpochMs, limit: number): Promise<SubjectEvents>
  /** A fingerprint of the data's events (a saved view says which data it was made on). */
  dataHash(): Promise<string>
  /**
   * Where and when every matching event that has a place on the map lies, for those overlapping
   * `span` (the timelapse's frames). Rejects when more than `limit` would come (narrow the filters).
   */
  placedSpans(request: ViewRequest, span: Span, limit: number, signal?: AbortSignal): Promise<PlacedSpans>
}

/** Matching events with a place, as columns: position (degrees), level and the span [startMs, endMs) each covers. */
export interface PlacedSpans {
  readonly size: number
  readonly lonDeg: Float32Array
  readonly latDeg: Float32Array
  readonly level: Uint8Array
  readonly startMs: Float64Array
  readonly endMs: Float64Array
}

/** Rows [offset, offset + length) of the matching events in list order (newest first). */
export interface EventPage {
  readonly offset: number
  readonly length: number
}

/** A country, region or actor, by its value. */
export interface Subject {
  readonly kind: 'country' | 'region' | 'actor'
  readonly value: string
}

export interface SubjectEvents {
  readonly refs: readonly EventRef[]
  readonly events: readonly ThreatEvent[]
  readonly total: number
}
