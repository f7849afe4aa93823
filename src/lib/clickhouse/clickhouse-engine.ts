import { evaluateAlertsFrom } from './remote-alerts.ts'
import { DAY_MS } from '../../domain/dates.ts'
import { alertEventOf, MAX_ALERT_EVENTS, type Alert } from '../../domain/alerts.ts'
import type { WarningResult } from '../../domain/warning/dashboard-warning.ts'
import { surgeAlertOf, surgeCandidates } from '../../domain/warning/surge-alerts.ts'
import type { WarningCounts } from '../../domain/warning/warning-counts.ts'
import { fetchWarningCounts } from './remote-weekly.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../domain/engine/filter-spec.ts'
import type {
  EventPage,
  EventRef,
  Facet,
  GaugesView,
  IndexSubject,
  ListRow,
  MapView,
  PanelTimings,
  PartSource,
  PartTiming,
  PlacedSpans,
  TimelineAsk,
  TimelineView,
  ViewRequest,
  Views,
  ViewsEngine,
  WatchedGauge,
} from '../../domain/engine/views-engine.ts'
import { POINT_LIMIT, type MapViewport, type PointFrame } from '../../domain/engine/map-points.ts'
import type { EpochMs, RegionDef, ThreatEvent } from '../../domain/model.ts'
import { comparisonRow, type ComparisonRow } from '../../domain/period-comparison.ts'
import { lookupRegion } from '../../domain/regions.ts'
import type { IndexSettings, IndexTarget, ThreatIndex } from '../../domain/threat-index.ts'
import type { FilterDim } from '../../domain/warehouse/filter-sql.ts'
import type { Span } from '../../domain/timeline/buckets.ts'
import { BIT, PLACE_BITS, cubeCounts, cubeMask, type TableStats } from './cube-counts.ts'
import { cubeCells, cubeGauges, cubeIndex, cubeShading, cubeTargetTest } from './cube-gauges.ts'
import { chooseGrain, coarseKey, cubeShape, fetchCube, hasCoarse, keptCubeEvents, type Cube } from './cube.ts'
import { scoringFor } from '../../domain/engine/local/as-of.ts'
import { remotePoints, worldColumnsOf, type WorldColumns } from './remote-points.ts'
import { keptTilesEvents } from './tile-bins.ts'
import { KeptAnswers } from './kept-answers.ts'
import { answerKey, EMPTY_FACET, hasFailedPart, retryEarly, wholeLater } from './later-parts.ts'
import { warehouseLanes } from './warehouse-lanes.ts'
import { actorLevelsOf, facetOfLevels, type ActorLevels } from './actor-levels.ts'
import { MAX_ACTOR_LEVELS, MAX_ACTORS, RemoteRows } from './remote-rows.ts'
import { keptActorFacet, keptActorLevels, keptFacetAnswers, keptFacetEvents } from './kept-actors.ts'
import { sourceTableOf } from './source-kind.ts'
import { customRegionsOf } from './custom-regions.ts'
import { tableStats } from './table-stats.ts'
import { abortError, WarehouseClient, type WarehouseConnection } from './warehouse-client.ts'
import { indexSeriesOf, type IndexTally } from './weighted-index.ts'

/**
 * The ClickHouse engine: the same answers as the local engine, for data that stays in the
 * warehouse. Counts, facets (but actors), the timeline's bars, gauges, map shading, comparison
 * and region or country indexes come from the sparse cube (cube.ts), crossfiltered in the tab;
 * the warehouse answers what needs rows or actors: the list window, events by ref, exports, the
 * next event, the actor facet, markers, actor indexes and the events behind an index.
 * docs/warehouse.md lists which view comes from where.
 *
 * A later `run` supersedes an earlier one: the earlier one's HTTP requests are aborted and its
 * promise rejects with an AbortError, so a stale answer is never drawn.
 */
export class ClickHouseEngine implements ViewsEngine {
  readonly kind = 'clickhouse'
  private running: AbortController | null = null
  private cube: { key: string; promise: Promise<Cube>; controller: AbortController; ready: boolean } | null = null
  private readonly remote: RemoteRows

  /**
   * The actor facets answered, by filter (the actor filter aside, which the facet ignores, and
   * the level filter, which the tab applies to a facet by level), the newest last: a run whose
   * filter was answered before — a pan of the map, a level toggle, a filter undone — asks the
   * warehouse for nothing the facet needs. Only answers are kept, so an aborted run leaves
   * nothing behind.
   */
  private readonly facets = new Map<string, KeptFacet>()

  /** The last map frame's events in view and the events passing its filter, per shading and zoom, the newest last. */
  private readonly lastFrames = new Map<string, { visible: number; matched: number }>()

  /**
   * The exports' answers asked without a signal (snapshot, pictureFrame, topEvents), by request:
   * a picture's preview and its file, and the briefing's pictures, ask the warehouse once. Like
   * the cube, an answer is of the table as it was read.
   */
  private readonly exportAnswers = new KeptAnswers(KEPT_EXPORT_ANSWERS)

  /** The last whole answer a later part of which failed, by request (`answerKey`); null when none. */
  private failed: { key: string; views: Views } | null = null

  private constructor(
    private readonly client: WarehouseClient,
    readonly stats: TableStats,
    /** Whether the warehouse keeps a cube beside the table that holds every event (cube.ts reads it then). */
    readonly keptCube: boolean,
    /** The cube's period in days (cube.ts, chooseGrain). */
    readonly grainDays: number,
    /** Whether the map reads the table's stored projection or projects `lat` and `lon` (a table not upgraded yet). */
    readonly worldColumns: WorldColumns,
    /** Whether the warehouse keeps an actor facet beside the table that holds every event (kept-actors.ts reads it then). */
    readonly keptFacet = false,
    /** Whether the warehouse keeps map tiles beside the table that hold every event (remote-points.ts bins from them then). */
    readonly keptTiles = false,
  ) {
    this.remote = new RemoteRows(client, client.connection.table)
  }

  /**
   * Connects: reads the table's size and extent, which also proves the address, credentials and
   * table, and chooses the cube's grain from its shape (`grainDays` sets it instead).
   */
  static async open(connection: WarehouseConnection, signal?: AbortSignal, options: { grainDays?: number } = {}): Promise<ClickHouseEngine> {
    const probe = new WarehouseClient(connection)
    // A view (a GDELT table where it sits, gdelt-view.ts) is read without FINAL.
    const table = await sourceTableOf(probe, connection.table, signal)
    const client = new WarehouseClient({ ...connection, table })
    await probe.close()
    const stats = await tableStats(client, table, signal)
    const [kept, keptActors] = await Promise.all([keptCubeEvents(client, table, signal), keptFacetEvents(client, table, signal)])
    const keptCube = kept !== null && kept === stats.size
    let grainDays = options.grainDays
    if (grainDays === undefined) {
      const shape = await cubeShape(client, table, keptCube, signal)
      grainDays = chooseGrain(shape.cells, shape.combinations, (stats.maxEndMs - stats.minStartMs) / DAY_MS)
    }
    const keptFacet = keptActors !== null && keptActors === stats.size
    const tiles = table.view === true ? null : await keptTilesEvents(client, table, signal)
    return new ClickHouseEngine(client, stats, keptCube, grainDays, await worldColumnsOf(client, connection.table, signal), keptFacet, tiles !== null && tiles === stats.size)
  }

  /** Where the data is, without credentials: what exports and the header name. */
  get source(): string {
    const { url, table } = this.client.connection
    return `ClickHouse ${table.database}.${table.table} at ${url}`
  }

  close(): Promise<void> {
    this.running?.abort()
    this.cube?.controller.abort()
    return this.client.close()
  }

  /** The as-of instant in force, as the local engine's resolveAsOf. */
  asOfFor(request: ViewRequest, filter: FilterSpec | null = request.filter): EpochMs {
    switch (request.asOf.mode) {
      case 'today':
        return request.nowMs
      case 'fixed':
        return request.asOf.ms
      case 'latest': {
        const latest = this.stats.size === 0 ? 0 : (Math.floor(this.stats.maxStartMs / DAY_MS) + 1) * DAY_MS
        const rangeEnd = filter?.timeRange?.toMs
        return rangeEnd !== undefined && rangeEnd < latest ? rangeEnd : latest
      }
    }
  }

  /** The cube for the coarse part of `filter`, fetched once per coarse filter set; a fetch for another set is aborted. */
  private cubeFor(filter: FilterSpec): Promise<Cube> {
    const key = coarseKey(filter)
    if (this.cube?.key === key) return this.cube.promise
    this.cube?.controller.abort()
    const controller = new AbortController()
    const promise = fetchCube(this.client, this.client.connection.table, filter, controller.signal, this.keptCube, this.grainDays)
    const entry = { key, promise, controller, ready: false }
    this.cube = entry
    promise.then(
      () => {
        entry.ready = true
      },
      () => {
        if (this.cube === entry) this.cube = null
      },
    )
    return promise
  }

  async run(request: ViewRequest, signal?: AbortSignal): Promise<Views> {
    this.running?.abort()
    const controller = new AbortController()
    this.running = controller
    signal?.addEventListener('abort', () => controller.abort(), { once: true })
    if (signal?.aborted) controller.abort()
    const own = controller.signal
    const aborted = new Promise<never>((_, reject) => {
      if (own.aborted) reject(abortError())
      own.addEventListener('abort', () => reject(abortError()), { once: true })
    })
    aborted.catch(() => undefined)
    const failed = request.early === true && this.failed?.key === answerKey(request) ? this.failed.views : null
    const views = await Promise.race([failed === null ? this.answer(request, own) : this.retry(request, failed, own), aborted])
    if (own.aborted) throw abortError()
    return views
  }

  /** Keeps the whole answer of `request` when a later part of it failed, so that the same request again (a retry) asks for that part alone. */
  private keepFailed(request: ViewRequest, later: Promise<Views>): void {
    const key = answerKey(request)
    later.then(
      (whole) => {
        if (hasFailedPart(whole)) this.failed = { key, views: whole }
        else if (this.failed?.key === key) this.failed = null
      },
      () => undefined,
    )
  }

  /**
   * The same request again after a later part of its answer failed: the parts that came are
   * answered as they were, and the warehouse is asked only for the failed ones (the map's events,
   * the actor facet, the events behind the gauges), which follow in `later` as in any early answer.
   */
  private async retry(request: ViewRequest, last: Views, signal: AbortSignal): Promise<Views> {
    const { filter } = request
    const early = retryEarly(last)
    const scoring = scoringFor(filter, request.asOf, request.indexWindow, this.asOfFor(request), request.index)
    const scored: ViewRequest = { ...request, index: scoring.settings }
    const points = request.points
    // Only the gauges' events need the cube (their ranking); the answer that came is drawn without waiting for it.
    const gaugesAgain = async (): Promise<GaugesView> => {
      const cube = await Promise.race([this.cubeFor(filter), rejectOnAbort(signal)])
      return this.gauges(cube, cubeMask(cube, filter), scored, scoring.asOfMs, signal)
    }
    const later = wholeLater(
      early,
      {
        actors: last.actorsError !== undefined ? this.actorFacet(filter, signal) : last.actors,
        points: last.pointsError !== undefined && points !== null ? this.points(filter, last.matched, request.map?.shadeBy ?? 'countries', points.viewport, signal) : last.points,
        gauges: last.gauges?.contributionsError !== undefined ? gaugesAgain() : last.gauges,
      },
      signal,
      () => last.timings,
    )
    this.keepFailed(request, later)
    later.catch(() => undefined)
    return { ...early, later }
  }

  /**
   * Every panel's answer. The list window and the actor facet need no cube, so they are asked
   * beside it; the map's events after it (their first query is chosen by the cube's count). An
   * early answer (`request.early`) holds back what would keep the first paint waiting on the
   * warehouse: the gauges' contributions always, and under a text or actor filter (the coarse
   * filter: every matching row is read for them, tiles and kept facets cannot answer it) also
   * the map's events in view and an actor facet not kept yet. Those are asked once the first
   * answer's queries are, and `later` is the whole answer, the same as a run that is not early.
   *
   * Under a text or actor filter whose cube is not at hand yet, an early answer comes in three
   * steps: first the count of the matches and the list window (`cubePending`: every part the cube
   * makes is empty or null), then in its `later` the cube's panels with the parts above still
   * to come, then in that answer's `later` the whole answer. The count and the list are asked
   * before the cube, so an endpoint answering one query at a time answers them first.
   */
  private async answer(request: ViewRequest, signal: AbortSignal, forExport = false): Promise<Views> {
    const { filter } = request
    const started = performance.now()
    const cubeFetched = this.cube?.key !== coarseKey(filter)
    const staged = request.early === true && hasCoarse(filter)
    const countFirst = staged && !forExport && !(this.cube?.key === coarseKey(filter) && this.cube.ready)
    const took = new Map<string, number>()
    const timed = async <T>(name: string, part: Promise<T> | T): Promise<T> => {
      const value = await part
      took.set(name, performance.now() - started)
      return value
    }
    const countAsked = countFirst ? this.remote.count(filter, signal) : null
    const listAsked = request.list === null ? null : timed('events', this.remote.listWindow(filter, request.list.offset, Math.min(request.list.length, 500), signal))
    const keptActors = this.keptActorFacetOf(filter)
    // An export draws no actor facet: it is not asked for one.
    const actorsAsked = keptActors !== null ? keptActors : staged || forExport ? null : this.actorFacet(filter, signal)
    // Each asked part is awaited below; until then (the cube may fail first) a rejection is not left unhandled.
    for (const part of [listAsked, actorsAsked]) if (part instanceof Promise) part.catch(() => undefined)
    const asked = (cubeAsked: Promise<Cube>): Asked => ({ started, cubeFetched, staged, took, timed, listAsked, cubeAsked, actorsAsked })
    if (countAsked === null) return this.fromCube(request, signal, forExport, asked(this.cubeFor(filter)))
    // The cube is asked once the count and the list are answered: beside them it would take the
    // warehouse's cores from them (and the list's own queries would wait behind it on an
    // endpoint answering one query at a time), and the first paint is theirs.
    const [matched, list] = await Promise.all([countAsked, listAsked])
    if (signal.aborted) throw abortError()
    const resolvedAsOfMs = this.asOfFor(request)
    const scoring = scoringFor(filter, request.asOf, request.indexWindow, resolvedAsOfMs, request.index)
    const later = this.fromCube(request, signal, forExport, asked(this.cubeFor(filter)))
    later.catch(() => undefined)
    return {
      size: this.stats.size,
      matched,
      asOfMs: resolvedAsOfMs,
      indexWindow: scoring.window,
      levelCounts: new Uint32Array(6),
      days: { firstDay: 0, days: 0, exact: new Float64Array(0), spread: new Float64Array(0) },
      regions: EMPTY_FACET,
      countries: EMPTY_FACET,
      // Under a text or actor filter the facet is one kept, or still to come.
      actors: keptActors ?? EMPTY_FACET,
      ...(keptActors === null ? { actorsPending: true } : {}),
      categories: EMPTY_FACET,
      timeline: null,
      gauges: null,
      map: null,
      points: null,
      list: list === null ? null : { offset: request.list?.offset ?? 0, rows: list },
      watched: null,
      compare: null,
      cubePending: true,
      timings: timingsOf(request, took, performance.now() - started, cubeFetched),
      later,
    }
  }

  /** The answer once the cube has come: every panel but what an early answer holds back (`answer`). */
  private async fromCube(request: ViewRequest, signal: AbortSignal, forExport: boolean, asked: Asked): Promise<Views> {
    const { filter } = request
    const { started, cubeFetched, staged, took, timed, listAsked, cubeAsked, actorsAsked } = asked
    // A newer run rejects this one at once, though the cube (shared by runs of the same coarse filter) goes on.
    const cube = await Promise.race([cubeAsked, rejectOnAbort(signal)])
    if (signal.aborted) throw abortError()
    const mask = cubeMask(cube, filter)
    const counts = cubeCounts(cube, mask, this.stats, filter.timeRange)
    const inTabMs = performance.now() - started
    const resolvedAsOfMs = this.asOfFor(request)
    // The gauges, the map, the watched gauges and the comparison score the scoring window (the
    // time range, or the rolling window), as the local engine does; the index lines keep the rolling one.
    const scoring = scoringFor(filter, request.asOf, request.indexWindow, resolvedAsOfMs, request.index)
    const { asOfMs } = scoring
    const settings = request.index
    const scored: ViewRequest = { ...request, index: scoring.settings }
    const shadeBy = request.map?.shadeBy ?? 'countries'
    const pointsOf = (ask: NonNullable<ViewRequest['points']>): Promise<PointFrame> => timed('map', this.points(filter, counts.matched, shadeBy, ask.viewport, signal))
    const [actors, list, gauges, timeline, watched, points] = await Promise.all([
      actorsAsked ?? EMPTY_FACET,
      listAsked,
      request.gauges === null ? null : timed('gauges', request.early === true || forExport ? this.earlyGauges(cube, mask, scored, asOfMs) : this.gauges(cube, mask, scored, asOfMs, signal)),
      request.timeline === null ? null : timed('timeline', this.timeline(cube, mask, request.timeline, filter, settings, request.customRegions, signal)),
      this.watched(cube, mask, scored, asOfMs, signal),
      request.points === null || (staged && !forExport) ? null : pointsOf(request.points),
    ])
    const map: MapView | null =
      request.map === null
        ? null
        : {
            shadeBy: request.map.shadeBy,
            shading: cubeShading(cube, mask, request.map.shadeBy === 'countries' ? counts.countries.values : counts.regions.values, asOfMs, scoring.settings, request.map.shadeBy),
          }
    const views: Views = {
      size: this.stats.size,
      matched: counts.matched,
      asOfMs: resolvedAsOfMs,
      indexWindow: scoring.window,
      levelCounts: counts.levelCounts,
      days: counts.days,
      regions: counts.regions,
      countries: counts.countries,
      actors,
      ...(actorsAsked === null ? { actorsPending: true } : {}),
      categories: counts.categories,
      timeline,
      gauges,
      map,
      points,
      list: list === null ? null : { offset: request.list?.offset ?? 0, rows: list },
      watched,
      compare: request.compare === null ? null : this.compare(cube, mask, request.compare, scored, asOfMs),
      timings: timingsOf(request, took, inTabMs, cubeFetched),
    }
    // An export's answer is whole without what it does not draw (the actor facet, the events behind the gauges).
    if (forExport) return views
    const pendingPoints = staged && request.points !== null
    const pendingGauges = gauges !== null && gauges.contributionsPending === true
    if (actorsAsked !== null && !pendingPoints && !pendingGauges) return views
    // What was held back, asked once the rest is answered, so it never holds the first paint.
    // Each part succeeds or fails on its own: a part the warehouse refused says why (`actorsError`,
    // `pointsError`, `gauges.contributionsError`) and the others are whole. Only an abort rejects.
    const later = wholeLater(
      views,
      {
        actors: actorsAsked === null ? this.actorFacet(filter, signal) : actors,
        points: pendingPoints ? pointsOf(request.points!) : points,
        gauges: pendingGauges ? this.gauges(cube, mask, scored, asOfMs, signal) : gauges,
      },
      signal,
      () => timingsOf(request, took, inTabMs, cubeFetched),
    )
    this.keepFailed(request, later)
    later.catch(() => undefined)
    return { ...views, later }
  }

  /** The actor facet for `filter` when an earlier answer left it kept (no query), else null. */
  private keptActorFacetOf(filter: FilterSpec): Facet | null {
    const kept = this.facets.get(JSON.stringify({ ...filter, actors: [], levels: [] })) ?? this.facets.get(JSON.stringify({ ...filter, actors: [] }))
    if (kept === undefined) return null
    return 'byLevel' in kept ? facetOfLevels(kept.byLevel, filter.levels, MAX_ACTORS) : kept.facet
  }

  /**
   * The actor facet: summed in the tab from the kept facet by level for the filter's other
   * dimensions, so a level toggle asks the warehouse nothing for it; asked of the warehouse per
   * filter when the table has too many actors for that (MAX_ACTOR_LEVELS).
   */
  private async actorFacet(filter: FilterSpec, signal: AbortSignal): Promise<Facet> {
    const kept = this.keptActorFacetOf(filter)
    if (kept !== null) return kept
    const anyLevel = JSON.stringify({ ...filter, actors: [], levels: [] })
    const exact = JSON.stringify({ ...filter, actors: [] })
    const answer = await this.askActorFacet(filter, signal)
    this.facets.set('byLevel' in answer ? anyLevel : exact, answer)
    if (this.facets.size > KEPT_FACETS) this.facets.delete(this.facets.keys().next().value!)
    return 'byLevel' in answer ? facetOfLevels(answer.byLevel, filter.levels, MAX_ACTORS) : answer.facet
  }

  /**
   * The actor facet as the warehouse answers it: from the actor facet it keeps beside the table
   * when no filter but levels applies (kept-actors.ts), else from the table's rows; by level
   * while the actor and level groups are at most MAX_ACTOR_LEVELS, else for the filter's levels.
   */
  private async askActorFacet(filter: FilterSpec, signal: AbortSignal): Promise<KeptFacet> {
    const table = this.client.connection.table
    const kept = this.keptFacet && keptFacetAnswers(filter)
    const rows = kept ? await keptActorLevels(this.client, table, MAX_ACTOR_LEVELS, signal) : await this.remote.actorLevels(filter, signal)
    if (rows !== null) return { byLevel: actorLevelsOf(rows) }
    return { facet: kept ? await keptActorFacet(this.client, table, filter.levels, MAX_ACTORS, signal) : await this.remote.actorFacet(filter, signal) }
  }

  /**
   * The map's events in the viewport. When the last frame at this zoom, scaled by how many events
   * pass this filter against that frame's, holds more than the point limit (a pan or a filter
   * change over a busy map), the bins are asked first (remote-points.ts): the same frame, one query.
   */
  private async points(filter: FilterSpec, matched: number, shadeBy: 'countries' | 'regions', viewport: MapViewport, signal: AbortSignal): Promise<PointFrame> {
    const key = JSON.stringify([shadeBy, viewport.scale, viewport.width, viewport.height])
    const last = this.lastFrames.get(key)
    const expected = last === undefined ? 0 : last.visible * (matched / Math.max(1, last.matched))
    const frame = await remotePoints(this.client, this.client.connection.table, filter, shadeBy, viewport, signal, this.worldColumns, expected > POINT_LIMIT, this.keptTiles)
    this.lastFrames.delete(key)
    this.lastFrames.set(key, { visible: frame.visible, matched })
    if (this.lastFrames.size > KEPT_FACETS) this.lastFrames.delete(this.lastFrames.keys().next().value!)
    return frame
  }

  /** An index with the events behind it from the warehouse. */
  private async withContributions(tally: IndexTally, filter: FilterSpec, ignored: readonly FilterDim[], target: IndexTarget | null, asOfMs: EpochMs, settings: IndexSettings, signal: AbortSignal): Promise<ThreatIndex> {
    return tally.index(await this.remote.contributions(filter, ignored, target, tally, asOfMs, settings, signal))
  }

  /** The gauges scored and ranked from the cube, their contributions still to come (`later`). */
  private earlyGauges(cube: Cube, mask: Uint8Array, request: ViewRequest, asOfMs: EpochMs): GaugesView {
    const { filter, index: settings } = request
    const ranked = cubeGauges(cube, mask, asOfMs, settings, filter, request.customRegions, request.gauges?.limit ?? 0)
    return { overall: ranked.overall.index(), regions: ranked.regions.map((g) => ({ regionId: g.regionId, index: g.tally.index() })), contributionsPending: true }
  }

  private async gauges(cube: Cube, mask: Uint8Array, request: ViewRequest, asOfMs: EpochMs, signal: AbortSignal): Promise<GaugesView> {
    const { filter, index: settings } = request
    const ranked = cubeGauges(cube, mask, asOfMs, settings, filter, request.customRegions, request.gauges?.limit ?? 0)
    const [overall, ...regions] = await Promise.all([
      this.withContributions(ranked.overall, filter, ['time'], null, asOfMs, settings, signal),
      ...ranked.regions.map((g) => this.withContributions(g.tally, filter, ['time'], { kind: 'region', value: g.regionId }, asOfMs, settings, signal)),
    ])
    return { overall: overall!, regions: ranked.regions.map((g, i) => ({ regionId: g.regionId, index: regions[i]! })) }
  }

  /** The index of a target over the events passing the filters but `ignored`: from the cube for places, from the warehouse for actors. */
  private async targetIndex(cube: Cube, mask: Uint8Array, target: IndexTarget, filter: FilterSpec, ignored: readonly FilterDim[], ignoredBits: number, asOfMs: EpochMs, settings: IndexSettings, signal: AbortSignal): Promise<IndexTally> {
    const test = cubeTargetTest(cube, target)
    // The cube holds no actors, and its actor and text filters are the request's: an index that
    // ignores either comes from the warehouse.
    if (test === null || ignored.includes('actor') || ignored.includes('text')) return this.remote.indexTally(filter, ignored, target, asOfMs, settings, signal)
    return cubeIndex(cube, mask, ignoredBits, asOfMs, settings, test)
  }

  private async watched(cube: Cube, mask: Uint8Array, request: ViewRequest, asOfMs: EpochMs, signal: AbortSignal): Promise<WatchedGauge[]> {
    const { filter, index: settings } = request
    // Watched gauges ignore time, place and actor filters (they name their own target), as the local engine's.
    const ignored: FilterDim[] = ['time', 'region', 'country', 'actor']
    return Promise.all(
      request.watchlist.map(async (item) => {
        const tally = await this.targetIndex(cube, mask, item, filter, ignored, BIT.time | PLACE_BITS, asOfMs, settings, signal)
        return { item, index: await this.withContributions(tally, filter, ignored, item, asOfMs, settings, signal) }
      }),
    )
  }

  private compare(cube: Cube, mask: Uint8Array, regionIds: readonly string[], request: ViewRequest, asOfMs: EpochMs): ComparisonRow[] {
    return regionIds.map((id) => {
      const target = { kind: 'region' as const, value: id }
      const index = cubeIndex(cube, mask, BIT.time | PLACE_BITS, asOfMs, request.index, cubeTargetTest(cube, target)!).index()
      return comparisonRow(target, lookupRegion(id, request.customRegions)?.name ?? id, index)
    })
  }

  private async timeline(cube: Cube, mask: Uint8Array, ask: TimelineAsk, filter: FilterSpec, settings: IndexSettings, custom: readonly RegionDef[], signal: AbortSignal): Promise<TimelineView> {
    const [index, markers, lanes] = await Promise.all([
      ask.indexTimes.length === 0 ? [] : Promise.all(ask.indexLines.map((s) => this.indexLine(cube, mask, s, ask.indexTimes, filter, settings, signal))),
      ask.markers === null ? null : this.remote.markers(filter, ask.markers, signal),
      ask.lanes === null ? null : warehouseLanes({ client: this.client, table: this.client.connection.table, cube, mask, custom }, ask.lanes, filter, signal),
    ])
    return { index, markers, lanes }
  }

  /**
   * An index line: the subject's score at each asked instant, NaN up to its first event; every
   * filter but time applies. Its events come grouped from the cube (places) or the warehouse (actors).
   */
  private async indexLine(cube: Cube, mask: Uint8Array, subject: IndexSubject, times: readonly EpochMs[], filter: FilterSpec, settings: IndexSettings, signal: AbortSignal): Promise<Float64Array> {
    const target: IndexTarget = { kind: subject.kind, value: subject.id }
    const test = cubeTargetTest(cube, target)
    const cells = test === null ? await this.remote.cells(filter, ['time'], target, null, signal) : cubeCells(cube, mask, BIT.time, test)
    return indexSeriesOf(cells, times, settings)
  }

  events(refs: readonly EventRef[], signal?: AbortSignal): Promise<ThreatEvent[]> {
    return this.remote.events(refs, signal)
  }

  /**
   * An answer beside the panels' runs (an export's): it supersedes none and none supersedes it.
   * Exports draw counts, the timeline's bars, the gauges' scores, the map's shading and the
   * comparison, so the warehouse is not asked for what they never draw: the actor facet (empty,
   * `actorsPending`) and the events behind the gauges (`contributionsPending`). Every part asked
   * for comes in the one answer (no `later`), the map's events too.
   */
  snapshot(request: ViewRequest, signal?: AbortSignal): Promise<Views> {
    if (signal !== undefined) return this.askSnapshot(request, signal)
    return this.exportAnswers.answer(`snapshot ${answerKey(request)}`, () => this.askSnapshot(request))
  }

  private async askSnapshot(request: ViewRequest, signal?: AbortSignal): Promise<Views> {
    const own = new AbortController()
    if (signal?.aborted) own.abort()
    signal?.addEventListener('abort', () => own.abort(), { once: true })
    const views = await this.answer(request, own.signal, true)
    if (own.signal.aborted) throw abortError()
    return views
  }

  /**
   * The matching events (every filter, the places too) over the whole world for a picture's map:
   * the map's frame of a world viewport at zoom 4 — its points when at most POINT_LIMIT, else its
   * 32-pixel bins with their counts, from the kept map tiles when they answer — so the picture
   * counts every matching event as the map panel's bins do, not a newest few. With `viewport`
   * (a picture of the map's current view), that viewport's frame instead.
   */
  pictureFrame(request: ViewRequest, viewport: MapViewport = PICTURE_VIEWPORT, signal?: AbortSignal): Promise<PointFrame> {
    const ask = (): Promise<PointFrame> => remotePoints(this.client, this.client.connection.table, request.filter, null, viewport, signal, this.worldColumns, true, this.keptTiles)
    return signal === undefined ? this.exportAnswers.answer(JSON.stringify(['frame', request.filter, viewport]), ask) : ask()
  }

  matchingEvents(request: ViewRequest, signal?: AbortSignal, page?: EventPage): Promise<ThreatEvent[]> {
    if (page !== undefined) return this.remote.listWindow(request.filter, page.offset, page.length, signal).then((rows) => rows.flatMap((r) => r.event ?? []))
    return this.remote.matchingEvents(request.filter, signal)
  }

  /**
   * The highest-level matching events, read a level at a time from the newest days back; the
   * cube's count per level (the panels' cube for the same filters) says which levels hold
   * matches and when a level is read out. Without a cube (refused for its size, or aborted by a
   * newer filter set) a level is read until it fills or the table's oldest day.
   */
  topEvents(request: ViewRequest, limit: number, signal?: AbortSignal): Promise<ThreatEvent[]> {
    if (signal !== undefined) return this.askTopEvents(request.filter, limit, signal)
    return this.exportAnswers.answer(JSON.stringify(['top', request.filter, limit]), () => this.askTopEvents(request.filter, limit))
  }

  private async askTopEvents(filter: FilterSpec, limit: number, signal?: AbortSignal): Promise<ThreatEvent[]> {
    const levelCounts = await this.cubeFor(filter).then(
      (cube) => cubeCounts(cube, cubeMask(cube, filter), this.stats, filter.timeRange).levelCounts,
      // A cube refused, or left for a newer filter set, counts nothing here: the levels are read without it.
      () => undefined,
    )
    if (signal?.aborted === true) throw abortError()
    return this.remote.topEvents(filter, limit, signal, levelCounts)
  }

  adjacent(request: ViewRequest, ref: EventRef | null, step: 1 | -1): Promise<EventRef | null> {
    return this.remote.adjacent(request.filter, ref, step)
  }

  /** The events behind a surge: one country, region or actor over [fromMs, toMs), whatever the filters (the interface's next method). */
  eventsOf(subject: IndexTarget, fromMs: EpochMs, toMs: EpochMs, limit: number): Promise<{ refs: EventRef[]; events: ThreatEvent[]; total: number }> {
    return this.remote.eventsOf(subject, fromMs, toMs, limit)
  }

  /** A fingerprint of the table's events (the interface's next method: a saved view names its data). */
  dataHash(): Promise<string> {
    return this.remote.dataHash()
  }

  async watchAlerts(request: ViewRequest, existing: readonly Pick<Alert, 'id'>[], warning?: WarningResult | null): Promise<Alert[]> {
    if (this.stats.size === 0) return []
    // A watch ignores the dashboard's filters; the time filter does not move its as-of.
    const asOfMs = this.asOfFor(request, null)
    const indexOf = (item: IndexTarget, at: EpochMs): Promise<ThreatIndex> =>
      this.remote.indexTally(NO_FILTER, [], item, at, request.index).then((tally) => this.withContributions(tally, NO_FILTER, [], item, at, request.index, new AbortController().signal))
    const indexes = await Promise.all(request.watchlist.map((item) => indexOf(item, asOfMs)))
    const raised = await evaluateAlertsFrom(request, indexes, asOfMs, existing, (refs) => this.remote.events(refs))
    if (!warning) return raised
    // The surge rule, as the tab's surgeAlerts: the place's index at early warning's as-of, and the most severe events of the surge's weeks.
    const surges = await Promise.all(
      surgeCandidates(request.watchlist, warning, [...existing, ...raised]).map(async (candidate) => {
        const [index, behind] = await Promise.all([
          indexOf(candidate.item, warning.asOfMs),
          this.remote.eventsOf({ kind: candidate.surge.kind, value: candidate.surge.place }, candidate.fromMs, candidate.toMs, MAX_ALERT_EVENTS),
        ])
        const share = 1 / Math.max(1, behind.events.length)
        return surgeAlertOf(candidate, warning, index, { total: behind.total, events: behind.events.map((e) => alertEventOf(e, share)) }, request.index, request.nowMs)
      }),
    )
    return [...raised, ...surges]
  }

  placedSpans(request: ViewRequest, span: Span, limit: number, signal?: AbortSignal): Promise<PlacedSpans> {
    return this.remote.placedSpans(request.filter, span, limit, signal)
  }

  /** The regions the table's dataset defined for itself, kept beside it by `push` (custom-regions.ts). */
  customRegions(signal?: AbortSignal): Promise<RegionDef[]> {
    return customRegionsOf(this.client, this.client.connection.table, signal)
  }

  /**
   * Early warning's weekly counts over the whole table (remote-weekly.ts): all events, countries
   * and regions from the whole table's cube — the panels' own when no text or actor filter is on,
   * fetched when there is none yet — and the actors from the warehouse. While a search's cube is
   * the panels', or when the whole table's cube cannot be had (too wide, refused), the warehouse
   * groups every kind, so that the search's cube is not dropped and early warning still comes.
   */
  async warningCounts(throughMs: EpochMs, signal?: AbortSignal): Promise<WarningCounts> {
    const wholeKey = coarseKey(EMPTY_FILTER)
    const whole = this.cube === null || this.cube.key === wholeKey ? this.cubeFor(EMPTY_FILTER).catch(() => null) : Promise.resolve(null)
    const cube = await Promise.race([whole, ...(signal ? [rejectOnAbort(signal)] : [])])
    return fetchWarningCounts(this.client, this.client.connection.table, this.stats, throughMs, signal, cube)
  }
}

/** The whole world at zoom 4 (4 096 px a side, on whole pixels): a picture's map events are binned over it. */
const PICTURE_VIEWPORT: MapViewport = { scale: 16, originX: 0, originY: 0, width: 4096, height: 4096 }

/** No filter: a watch and a surge look at the whole table. */
/** Actor facets the engine keeps (a few hundred KB at most: up to 20 000 actor and level groups each). */
const KEPT_FACETS = 16

/** Export answers kept (snapshots, map frames, top events): a picture asks three, the briefing two more. */
const KEPT_EXPORT_ANSWERS = 12

/** A promise that rejects with an AbortError when `signal` aborts (and never resolves). */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(abortError())
    else signal.addEventListener('abort', () => reject(abortError()), { once: true })
  })
  aborted.catch(() => undefined)
  return aborted
}

/** What `answer` asked before the cube came, for `fromCube`. */
interface Asked {
  readonly started: number
  readonly cubeFetched: boolean
  readonly staged: boolean
  readonly took: Map<string, number>
  readonly timed: <T>(name: string, part: Promise<T> | T) => Promise<T>
  readonly listAsked: Promise<ListRow[]> | null
  readonly cubeAsked: Promise<Cube>
  readonly actorsAsked: Facet | Promise<Facet> | null
}

/** A kept actor facet: by level (any level filter's facet sums from it), or one level filter's own. */
type KeptFacet = { readonly byLevel: ActorLevels } | { readonly facet: Facet }


const NO_FILTER: FilterSpec = { timeRange: null, regions: [], countries: [], actors: [], levels: [], categories: [], text: '' }

/**
 * Each panel's time and source. The timeline's bars come from the cube; it asks the warehouse
 * too when it shows markers, lanes or actor lines. The gauges rank on the cube and list the
 * events behind them from the warehouse; the map shades from the cube and places its events
 * from the warehouse; the list comes from the warehouse.
 */
function timingsOf(request: ViewRequest, took: ReadonlyMap<string, number>, inTabMs: number, cubeFetched: boolean): PanelTimings {
  const timing = (name: string, source: PartSource): PartTiming => ({ ms: Math.round(took.get(name) ?? inTabMs), source, cubeFetched })
  const ask = request.timeline
  const timelineRemote = ask !== null && (ask.markers !== null || ask.lanes !== null || (ask.indexTimes.length > 0 && ask.indexLines.some((l) => l.kind === 'actor')))
  const out: { -readonly [K in keyof PanelTimings]: PartTiming } = { timeline: timing(timelineRemote ? 'timeline' : '', timelineRemote ? 'cube+warehouse' : 'cube') }
  if (request.gauges !== null) out.gauges = timing('gauges', 'cube+warehouse')
  if (request.map !== null) out.map = timing(request.points === null ? '' : 'map', request.points === null ? 'cube' : 'cube+warehouse')
  if (request.list !== null) out.events = timing('events', 'warehouse')
  return out
}
