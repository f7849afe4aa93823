import { evaluateWatchlist, type Alert } from '../../alerts.ts'
import type { PlacedEvent } from '../../export/geojson.ts'
import { topEventRows } from '../../export/top-events.ts'
import { comparePeriods } from '../../period-comparison.ts'
import { lookupRegion } from '../../regions.ts'
import type { EventTable } from '../../table-types.ts'
import { eventsOfRows } from '../../table.ts'
import type { FilterSpec } from '../filter-spec.ts'
import { projectColumns, type ProjectedPoints } from '../../geo/mercator.ts'
import type { MapViewport, PointFrame } from '../map-points.ts'
import {
  VIEW_PARTS,
  type EventRef,
  type Facet,
  type ViewPart,
  type ViewRequest,
  type EventPage,
  type Views,
  type ViewsEngine,
  type Subject,
  type SubjectEvents,
  type PlacedSpans,
} from '../views-engine.ts'
import { dataHash } from '../../export/view-file.ts'
import type { EpochMs, ThreatEvent } from '../../model.ts'
import { subjectEventRows } from './events-of.ts'
import type { WarningResult } from '../../warning/dashboard-warning.ts'
import type { Span } from '../../timeline/buckets.ts'
import { surgeAlerts } from '../../warning/surge-alerts.ts'
import type { WarningCounts } from '../../warning/warning-counts.ts'
import { resolveAsOf, scoringFor } from './as-of.ts'
import { selectGauges, type GaugeTallies } from './gauges.ts'
import { listWindow } from './list.ts'
import { binByLevel, binByLevelSlices, combineLevels, type LevelBins } from './level-bins.ts'
import type { RegionGrid } from './lane-grid.ts'
import { LevelSplit, Memo } from './level-split.ts'
import type { MarkerSet } from './markers.ts'
import { changedDimensions, computeMask, DIM, filteredBits, updateMask } from './mask.ts'
import { PartCache } from './part-cache.ts'
import { buildFrame, FrameScratch } from './point-frame.ts'
import { separateBins } from '../bin-spacing.ts'
import { mapOwnBits, shadePlaces } from './shading.ts'
import { windowTallying, type WindowTallies } from './window-tallies.ts'
import { timelineAskKey, timelineView } from './timeline.ts'
import { computeViews, selectedLevels } from './views.ts'
import type { Tally } from './value-tallies.ts'
import { selectWatchedGauges } from './watched.ts'
import type { LevelTallies } from '../../threat-index.ts'

const ALL_PARTS: ReadonlySet<ViewPart> = new Set(VIEW_PARTS)

/**
 * Tables from this size have their map positions made off the engine's thread (see
 * `setPositions`); smaller ones on first need. Web Mercator costs about 35 ns a row once
 * optimised (2 ms at 50,000 rows, 35 ms at a million), several times that on its first large run.
 */
export const POSITIONS_ELSEWHERE_ROWS = 50_000

/** Compare ignores the time filter (own window) and the place filters (it names its own regions). */
const COMPARE_IGNORED = DIM.time | DIM.region | DIM.country

function abortError(): Error {
  return new DOMException('A newer request superseded this one.', 'AbortError')
}

/**
 * The columnar engine: answers every request from the table's typed columns in this tab. It
 * keeps the row masks of the last filter and each part of the last answer, so that a filter
 * change visits only the rows whose mask changed (see views.ts), and a request that changes one
 * panel's ask makes only that panel's part again. `answer` is synchronous (the staged first
 * paint asks for the parts one task at a time); `run` wraps it in the interface's promise.
 */
export class LocalEngine implements ViewsEngine {
  readonly kind = 'local'
  private filter: FilterSpec | null = null
  private mask: Uint8Array = new Uint8Array(0)
  // The map's frame and the timeline's marks and lanes are kept with each live mask: going back to
  // a filter state (an undo, a preset cleared) draws them without a pass over the rows.
  private readonly parts = new PartCache<ViewPart | 'counts' | 'facets' | 'scoring'>(new Set(['points', 'timeline']))
  private running: AbortController | null = null

  /** 1 per row brought by the last live refresh; null when none. */
  private newRows: Uint8Array | null = null

  /** Each row's position in world units (NaN where it has none), once made. */
  private positions: ProjectedPoints | null = null
  private readonly scratch = new FrameScratch()

  constructor(readonly table: EventTable) {}

  /** Marks the rows a live refresh brought (flags for another table mark nothing). */
  markNew(flags: Uint8Array | null): void {
    this.newRows = flags !== null && flags.length === this.table.size ? flags : null
  }

  /** Makes the row masks for `filter` ahead of the first request (see state's prepareEngine). */
  prepareMask(filter: FilterSpec): void {
    this.maskFor(filter)
  }

  /** True while a large table's map positions are still to be made and given (`setPositions`). */
  get awaitsPositions(): boolean {
    return this.positions === null && this.table.size >= POSITIONS_ELSEWHERE_ROWS
  }

  /** Copies of the position columns, to project elsewhere (a worker). */
  positionColumns(): { readonly latDeg: Float32Array; readonly lonDeg: Float32Array } {
    return { latDeg: this.table.latDeg.slice(), lonDeg: this.table.lonDeg.slice() }
  }

  /** Takes the projected positions made elsewhere (`projectColumns` of `positionColumns()`). */
  setPositions(positions: ProjectedPoints): void {
    if (positions.x.length === this.table.size && positions.y.length === this.table.size) this.positions = positions
  }

  /** The map positions: made now for a small table; null while a large one's are made elsewhere. */
  private placed(): ProjectedPoints | null {
    if (this.positions === null && !this.awaitsPositions) this.positions = projectColumns(this.table.latDeg, this.table.lonDeg)
    return this.positions
  }

  /** The matching event `step` places after (+1) or before (−1) `ref` in list order; the first or last when `ref` is not listed. */
  adjacentNow(request: ViewRequest, ref: EventRef | null, step: 1 | -1): EventRef | null {
    const rows = this.matchedRowsFor(request)
    if (rows.length === 0) return null
    const at = ref === null ? -1 : rows.indexOf(ref)
    const next = at === -1 ? (step === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + step))
    return rows[next]!
  }

  /**
   * The answer to `request`. Only the parts in `parts` are made if they are out of date; a part
   * not asked for now is still given when the last one made is still current, else null.
   */
  answer(request: ViewRequest, parts: ReadonlySet<ViewPart> = ALL_PARTS): Views {
    const { table } = this
    const mask = this.maskFor(request.filter)
    const counts = this.parts.get('counts', [mask], () => computeViews(table, mask))
    const resolvedAsOfMs = resolveAsOf(table, request.asOf, request.nowMs, request.filter)
    const range = request.filter.timeRange
    const scoring = this.parts.get(
      'scoring',
      [range?.fromMs, range?.toMs, request.indexWindow, request.asOf.mode, resolvedAsOfMs, request.index],
      () => scoringFor(request.filter, request.asOf, request.indexWindow, resolvedAsOfMs, request.index),
    )
    // The gauges, the map, the watched gauges and the comparison score the scoring window; the
    // timeline's index lines keep the rolling window at each bucket's end.
    const { asOfMs, settings } = scoring
    const part = <T>(name: ViewPart, inputs: readonly unknown[], make: () => T): T | null =>
      parts.has(name) ? this.parts.get(name, inputs, make) : (this.parts.peek<T>(name, inputs) ?? null)

    const facets = this.parts.get('facets', [counts], () => ({
      regions: facet(table.places.regions.dict.values, counts.regions),
      countries: facet(table.places.countries.dict.values, counts.countries),
      actors: facet(table.actors.dict.values, counts.actors),
      categories: facet(table.categories.values, counts.categories),
    }))
    const { timeline, gauges, map, points, list, compare } = request
    const positions = points === null ? null : this.placed()
    // The gauges and the shading weigh the same window rows when no country is picked: one pass.
    const tally = windowTallying(table, mask, asOfMs, settings, { kept: this.windowTallies, filterBits: filteredBits(request.filter) })
    return {
      size: table.size,
      matched: counts.matched,
      asOfMs: resolvedAsOfMs,
      indexWindow: scoring.window,
      levelCounts: counts.levelCounts,
      days: counts.timeline,
      ...facets,
      timeline:
        timeline === null
          ? null
          : part('timeline', [mask, timelineAskKey(timeline), request.index, request.customRegions, this.newRows], () =>
              timelineView(table, mask, timeline, request.index, request.customRegions, this.newRows, {
                split: this.laneGrids,
                markers: this.markers,
                levelFree: this.levelFree,
                selected: selectedLevels(table, mask),
              }),
            ),
      gauges:
        gauges === null
          ? null
          : part('gauges', [mask, asOfMs, settings, gauges.limit, request.filter.regions, request.filter.countries, request.customRegions], () =>
              selectGauges(
                table,
                mask,
                asOfMs,
                settings,
                request.filter,
                request.customRegions,
                gauges.limit,
                { split: this.gaugeTallies, levelFree: this.levelFree, selected: selectedLevels(table, mask) },
                tally,
              ),
            ),
      map:
        map === null
          ? null
          : part('map', [mask, asOfMs, settings, map.shadeBy], () => ({
              shadeBy: map.shadeBy,
              shading: shadePlaces(
                table,
                map.shadeBy,
                mask,
                asOfMs,
                settings,
                {
                  totals: this.placeTotals,
                  windows: this.placeWindows,
                  levelFree: this.levelFree,
                  timeLevelFree: this.timeLevelFree,
                  selected: selectedLevels(table, mask),
                },
                tally,
              ),
            })),
      points:
        points === null || positions === null
          ? null
          : part('points', [mask, points, positions, this.newRows, map?.shadeBy], () =>
              // The map ignores only its own selection (the places it shades), as its shading does.
              separateBins(this.pointFrame(mask, points.viewport, positions, mapOwnBits(map?.shadeBy ?? 'countries'))),
            ),
      list: list === null ? null : part('list', [counts, list.offset, list.length, this.newRows], () => listWindow(table, mask, counts.matched, list, this.newRows)),
      watched: part('watched', [mask, asOfMs, settings, request.watchlist], () =>
        selectWatchedGauges(table, mask, asOfMs, settings, request.watchlist),
      ),
      compare:
        compare === null
          ? null
          : part('compare', [mask, asOfMs, settings, compare, request.customRegions], () =>
              comparePeriods(
                table,
                compare.map((id) => ({ kind: 'region' as const, value: id, label: lookupRegion(id, request.customRegions)?.name ?? id })),
                asOfMs,
                settings,
                (row) => (mask[row]! & ~COMPARE_IGNORED) === 0,
              ),
            ),
    }
  }

  /** The map's frame: from bins per level while only the level filter changes (see LevelSplit), else from the rows. */
  private pointFrame(mask: Uint8Array, viewport: MapViewport, projected: ProjectedPoints, ignoreBits: number): PointFrame {
    const { table } = this
    const columns = { projected, level: table.level, approximate: table.approximate, mask, fresh: this.newRows }
    const { scale, originX, originY, width, height } = viewport
    const bins = this.levelBins.get(
      [this.levelFree, scale, originX, originY, width, height, projected, this.newRows, ignoreBits],
      () => binByLevel(columns, viewport, ignoreBits),
      () => binByLevelSlices(columns, viewport, ignoreBits),
    )
    return (bins && combineLevels(bins, selectedLevels(table, mask))) ?? buildFrame(columns, viewport, ignoreBits, this.scratch)
  }

  /**
   * Makes ahead one of the parts split by level that the last answer will need on its first
   * level change (see LevelSplit), so that the change recombines instead of visiting the rows:
   * the lanes' grid and the map's bins up to `rows` rows a call, the others (small) at once.
   * False once none is left to make. Meant for idle time, one call a task.
   */
  warmLevelSplit(rows = Infinity): boolean {
    for (const split of [this.laneGrids, this.levelBins, this.gaugeTallies, this.placeWindows, this.placeTotals] as const) if (split.warm(rows)) return true
    return false
  }

  private readonly levelBins = new LevelSplit<LevelBins>()
  private readonly laneGrids = new LevelSplit<RegionGrid>()
  private readonly placeTotals = new LevelSplit<Uint32Array>()
  private readonly gaugeTallies = new LevelSplit<GaugeTallies>()
  private readonly placeWindows = new LevelSplit<Map<number, LevelTallies>>()
  private readonly markers = new Memo<MarkerSet>(4)
  // The window rows and tallies of the last two sets of filter bits (the gauges' and the shading's).
  private readonly windowTallies = new Memo<WindowTallies>(2)

  run(request: ViewRequest, signal?: AbortSignal): Promise<Views> {
    this.running?.abort()
    const controller = new AbortController()
    this.running = controller
    if (signal?.aborted || controller.signal.aborted) return Promise.reject(abortError())
    return Promise.resolve(this.answer(request))
  }

  /**
   * The events of `rows` (rows of this engine's table), in the same order: the one place the
   * engine reads rows' text, always asynchronously: from the import's worker that keeps it, or
   * built here for tables whose events are at hand (`eventsOfRows`).
   */
  private eventsAt(rows: ArrayLike<number>): Promise<ThreatEvent[]> {
    return eventsOfRows(this.table, rows)
  }

  events(refs: readonly EventRef[]): Promise<ThreatEvent[]> {
    return this.eventsAt(refs.filter((row) => row >= 0 && row < this.table.size))
  }

  /** The matching rows of `request`, newest first. */
  private matchedRowsFor(request: ViewRequest): Uint32Array {
    const mask = this.maskFor(request.filter)
    return this.parts.get('counts', [mask], () => computeViews(this.table, mask)).matchedRows
  }

  /** Every matching event with the position the map draws it at, newest first (for GeoJSON). */
  async placedEvents(request: ViewRequest, _signal?: AbortSignal): Promise<PlacedEvent[]> {
    const { table } = this
    const rows = this.matchedRowsFor(request)
    const events = await this.eventsAt(rows)
    return events.map((event, i) => {
      const row = rows[i]!
      return { event, latDeg: table.latDeg[row]!, lonDeg: table.lonDeg[row]!, approximate: table.approximate[row] === 1 }
    })
  }

  matchingEvents(request: ViewRequest, _signal?: AbortSignal, page?: EventPage): Promise<ThreatEvent[]> {
    const rows = this.matchedRowsFor(request)
    return this.eventsAt(page === undefined ? rows : rows.subarray(page.offset, page.offset + page.length))
  }

  /** The highest-level matching events, newest first within a level (speaker notes, the briefing's table). */
  topEvents(request: ViewRequest, limit: number): Promise<ThreatEvent[]> {
    return this.eventsAt(topEventRows(this.table, this.matchedRowsFor(request), limit))
  }

  snapshot(request: ViewRequest): Promise<Views> {
    return Promise.resolve(this.answer(request))
  }

  adjacent(request: ViewRequest, ref: EventRef | null, step: 1 | -1): Promise<EventRef | null> {
    return Promise.resolve(this.adjacentNow(request, ref, step))
  }

  async watchAlerts(request: ViewRequest, existing: readonly Pick<Alert, 'id'>[], warning?: WarningResult | null): Promise<Alert[]> {
    // The time filter does not move a watch's as-of: brushing the timeline raises no old alerts.
    const asOfMs = resolveAsOf(this.table, request.asOf, request.nowMs)
    const eventsOf = (rows: readonly number[]): Promise<ThreatEvent[]> => this.eventsAt(rows)
    const raised = await evaluateWatchlist(this.table, request.watchlist, asOfMs, request.index, existing, request.nowMs, eventsOf)
    if (!warning) return raised
    return raised.concat(await surgeAlerts(this.table, request.watchlist, warning, request.index, [...existing, ...raised], request.nowMs, eventsOf))
  }

  placedSpans(request: ViewRequest, span: Span, limit: number): Promise<PlacedSpans> {
    const { latDeg, lonDeg, level, startMs, endMs } = this.table
    const matched = this.matchedRowsFor(request)
    // Counted first, then gathered into columns of that size: no list of rows, no event objects.
    const drawn = (row: number): boolean => Number.isFinite(latDeg[row]!) && Number.isFinite(lonDeg[row]!) && startMs[row]! < span.toMs && endMs[row]! > span.fromMs
    let size = 0
    for (let i = 0; i < matched.length; i++) if (drawn(matched[i]!)) size++
    if (size > limit) return Promise.reject(new Error(`${size} events would be drawn, more than ${limit}: narrow the filters.`))
    const out = { size, lonDeg: new Float32Array(size), latDeg: new Float32Array(size), level: new Uint8Array(size), startMs: new Float64Array(size), endMs: new Float64Array(size) }
    let at = 0
    for (let i = 0; i < matched.length; i++) {
      const row = matched[i]!
      if (!drawn(row)) continue
      out.lonDeg[at] = lonDeg[row]!
      out.latDeg[at] = latDeg[row]!
      out.level[at] = level[row]!
      out.startMs[at] = startMs[row]!
      out.endMs[at] = endMs[row]!
      at++
    }
    return Promise.resolve(out)
  }

  async warningCounts(throughMs: EpochMs): Promise<WarningCounts> {
    // Loaded on demand: the tab's own early warning counts in its worker, and the first download stays small.
    const { warningCountsOf } = await import('../../warning/warning-counts.ts')
    return warningCountsOf(this.table, throughMs)
  }

  async eventsOf(subject: Subject, fromMs: EpochMs, toMs: EpochMs, limit: number): Promise<SubjectEvents> {
    const { rows, total } = subjectEventRows(this.table, subject.kind, subject.value, fromMs, toMs, limit)
    return { refs: rows, events: await this.eventsAt(rows), total }
  }

  /** See `dataHash`, now (made once: the table does not change). Throws for titles kept by another thread: use `dataHash`. */
  dataHashNow(): string {
    if (this.table.remoteTitles) throw new Error("the data's titles are kept by its worker: its fingerprint is asked with dataHash()")
    this.hash ??= dataHash(this.table)
    return this.hash
  }

  private hash: string | undefined
  private remoteHash: Promise<string> | undefined

  /** The fingerprint (view-file.ts): made here, or by the thread that keeps the titles, from the same columns. */
  dataHash(): Promise<string> {
    const remote = this.table.remoteTitles
    if (remote === undefined) return Promise.resolve(this.dataHashNow())
    this.remoteHash ??= remote.hash(this.table)
    // A failed ask is not kept: the next one asks again.
    this.remoteHash.catch(() => (this.remoteHash = undefined))
    return this.remoteHash
  }

  /** The row masks for `filter`: updated from the last filter's, dimension by dimension. */
  private maskFor(filter: FilterSpec): Uint8Array {
    if (this.filter === filter) return this.mask
    const changed = this.filter === null ? null : changedDimensions(this.filter, filter)
    if (changed === null || changed.some((dim) => dim !== 'level')) this.levelFree = {}
    if (changed === null || changed.some((dim) => dim !== 'level' && dim !== 'time')) this.timeLevelFree = {}
    this.mask = this.filter === null ? computeMask(this.table, filter) : updateMask(this.table, this.mask, this.filter, filter)
    this.filter = filter
    return this.mask
  }

  /** A new object whenever a filter other than the level filter changes (see LevelSplit). */
  private levelFree: object = {}

  /** A new object whenever a filter other than the level and time filters changes (the map's whole-table totals ignore both). */
  private timeLevelFree: object = {}
}

function facet(values: readonly string[], tally: Tally): Facet {
  return { values, counts: tally.counts, maxLevel: tally.maxLevel }
}

