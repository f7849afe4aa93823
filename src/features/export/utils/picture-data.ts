import type { ChartSpec, PictureSpec } from '../../../domain/export/picture/compose.ts'
import type { PictureTheme } from '../../../domain/export/picture/colours.ts'
import type { EventRowData, EventsChartData } from '../../../domain/export/picture/events-chart.ts'
import type { PictureText } from '../../../domain/export/picture/frame.ts'
import type { GaugeCard, GaugesChartData } from '../../../domain/export/picture/gauges-chart.ts'
import { boxAroundPoints, boxOfView, pointInRings, WHOLE_WORLD, type WorldBox } from '../../../domain/export/picture/map-fit.ts'
import type { BasemapShape, MapChartData, MapPoints } from '../../../domain/export/picture/map-chart.ts'
import { framePoints } from '../../../domain/export/picture/frame-points.ts'
import type { MeasureText } from '../../../domain/export/picture/measure.ts'
import { presetSize, typeScale, type PictureSize } from '../../../domain/export/picture/presets.ts'
import { pictureBucketUnit, type TimelineChartData } from '../../../domain/export/picture/timeline-chart.ts'
import { briefTitle, eventsTitle, gaugesTitle, mapTitle, timelineTitle } from '../../../domain/export/picture/titles.ts'
import { DAY_MS } from '../../../domain/dates.ts'
import type { PlaceShade, ViewRequest, Views } from '../../../domain/engine/views-engine.ts'
import { panelElementId } from '../../../domain/panels.ts'
import { countryByCode, lookupRegion, regionsOfCountry } from '../../../domain/regions.ts'
import { visibleSpan, type Span } from '../../../domain/timeline/buckets.ts'
import type { CountryCode, ThreatLevel } from '../../../domain/model.ts'
import type { ThreatIndex } from '../../../domain/threat-index.ts'
import type { ExportTarget } from '../../../state/export-slice.ts'
import { exportAnswer, fetchPlacedEvents } from '../../../state/export-reads.ts'
import { requestOf } from '../../../state/run-views.ts'
import { regionName } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'
import { captionFor, topEvents } from './export-context.ts'

/** Where a picture's map looks: around the matching events, or as the map panel shows it now. */
export type MapFit = 'events' | 'view'

export interface PictureOptions {
  readonly target: ExportTarget
  readonly size: PictureSize
  /** The user's title; blank for the descriptive default. */
  readonly title: string
  readonly caption: string
  readonly marking: string
  readonly theme: PictureTheme
  readonly mapFit: MapFit
}

/** Gauges a picture shows at most. */
const GAUGE_LIMIT = 8

export type State = ReturnType<typeof useWatchfloor.getState>

/**
 * The answer a picture is drawn from: the store's request with every picture's part asked for
 * (and the comparison of `compare`'s regions, for the briefing's "What changed").
 */
export function exportRequest(s: State, compare: readonly string[] | null = null): ViewRequest {
  // Pictures and the briefing draw neither the list, the map's events of the panel (they fetch
  // their own), the timeline's markers and lanes, nor the watched gauges: none is asked for.
  const request = requestOf({ ...s, asks: { ...s.asks, gauges: { limit: 12 }, map: s.asks.map ?? { shadeBy: 'countries' }, compare } })
  return { ...request, list: null, points: null, timeline: null, watchlist: [] }
}

/** The answer at once, for a default title: the tab's engine answers it; a warehouse's is the one on screen. */
export function exportViews(s: State): Views {
  return s.remote === null ? s.engine.answer(exportRequest(s)) : s.views
}

/** The answer a picture or the briefing draws, from whichever engine answers (beside the panels' runs). */
export function exportViewsOf(s: State, compare: readonly string[] | null = null): Promise<Views> {
  return exportAnswer(s, exportRequest(s, compare))
}

/** Most events a picture's map draws from a warehouse: the newest this many. */
export const WAREHOUSE_MAP_POINTS = 20_000

/** True when a country passes the place filters (the map and the region gauges ignore them, a picture does not). */
export function placeFilter(s: State): (code: string) => boolean {
  const { regions, countries } = s.filter
  if (regions.length === 0 && countries.length === 0) return () => true
  const custom = s.meta?.customRegions ?? []
  const allowed = new Set<string>(countries)
  for (const id of regions) for (const c of lookupRegion(id, custom)?.countries ?? []) allowed.add(c)
  return (code) => allowed.has(code)
}

export function timelineData(s: State, views: Views): TimelineChartData {
  const span: Span = visibleSpan(views.days, s.filter.timeRange) ?? { fromMs: views.asOfMs - 30 * DAY_MS, toMs: views.asOfMs }
  return { counts: views.days, span }
}

/** Every time: the picture draws every matching event with a place, whatever its date. */
const ALL_TIME: Span = { fromMs: -Infinity, toMs: Infinity }

/**
 * The matching events' positions and levels: from the tab's columns (no event is built); from a
 * warehouse, binned by it with their counts (`pictureFrame`: over the whole world, or over the
 * map's current view for a picture of that view), so the picture counts every matching event as
 * the map does; else the newest WAREHOUSE_MAP_POINTS fetched from it.
 */
async function points(s: State, fit: MapFit): Promise<MapPoints> {
  if (s.remote === null) {
    const { lonDeg, latDeg, level } = await s.engine.placedSpans(requestOf(s), ALL_TIME, Infinity)
    return { lonDeg, latDeg, level }
  }
  if (s.remote.pictureFrame !== undefined) {
    const viewport = fit === 'view' ? s.asks.points?.viewport : undefined
    return framePoints(await s.remote.pictureFrame(requestOf(s), viewport))
  }
  const { placed } = await fetchPlacedEvents(s, { cap: WAREHOUSE_MAP_POINTS })
  const lonDeg = new Float32Array(placed.length)
  const latDeg = new Float32Array(placed.length)
  const level = new Uint8Array(placed.length)
  placed.forEach((p, i) => {
    lonDeg[i] = p.lonDeg
    latDeg[i] = p.latDeg
    level[i] = p.event.threatLevel
  })
  return { lonDeg, latDeg, level }
}

/**
 * With a region or country filter, the events that lie inside those places: an event that also
 * names a far country (a summit in Alaska) is drawn when in view but does not widen the map.
 */
function inFilteredPlaces(s: State, pts: MapPoints, shapes: readonly BasemapShape[]): MapPoints {
  const { regions, countries } = s.filter
  if (regions.length === 0 && countries.length === 0) return pts
  const passes = placeFilter(s)
  const places = shapes.filter((shape) => shape.code !== null && passes(shape.code))
  const keep = (i: number): boolean => places.some((shape) => pointInRings(pts.lonDeg[i]!, pts.latDeg[i]!, shape.rings))
  const lonDeg = pts.lonDeg.map((v, i) => (keep(i) ? v : NaN))
  return lonDeg.some((v) => !Number.isNaN(v)) ? { ...pts, lonDeg } : pts
}

/** The map's box: around the events (in the filtered places), or the panel's current view at the panel's size. */
async function mapBox(s: State, fit: MapFit, pts: MapPoints): Promise<WorldBox> {
  if (fit === 'events') {
    const { loadBasemap } = await import('../../../lib/export/basemap.ts')
    const fitted = inFilteredPlaces(s, pts, await loadBasemap('110m'))
    return boxAroundPoints(fitted.lonDeg, fitted.latDeg)
  }
  if (s.mapView === null) return WHOLE_WORLD
  const r = document.getElementById(panelElementId('map'))?.getBoundingClientRect()
  return boxOfView(s.mapView, r && r.width > 0 ? r.width : 800, r && r.height > 0 ? r.height - 80 : 480)
}

export async function mapData(s: State, views: Views, fit: MapFit): Promise<MapChartData> {
  const pts = await points(s, fit)
  const box = await mapBox(s, fit, pts)
  const { loadBasemap } = await import('../../../lib/export/basemap.ts')
  const shapes = await loadBasemap(box.x1 - box.x0 > 64 ? '110m' : '50m')
  const shading = views.map?.shading ?? new Map<string, PlaceShade>()
  const byRegion = views.map?.shadeBy === 'regions'
  const passes = placeFilter(s)
  const shadeOf = (code: string): PlaceShade | undefined => {
    if (!passes(code)) return undefined
    if (!byRegion) return shading.get(code)
    const sub = countryByCode(code as CountryCode)?.subRegion
    return sub ? shading.get(sub) : undefined
  }
  return { shapes, shadeOf, points: pts, box, legendTitle: `Highest level, ${s.indexSettings.windowDays} days` }
}

function card(name: string, index: ThreatIndex): GaugeCard {
  const change = index.delta === 0 ? '' : ` (${index.delta > 0 ? '+' : '−'}${Math.abs(index.delta).toFixed(1)})`
  return { name, level: index.level, score: index.score, trend: `${index.trend}${change}`, eventCount: index.eventCount }
}

export function gaugesData(s: State, views: Views): GaugesChartData {
  const custom = s.meta?.customRegions ?? []
  const gauges = views.gauges
  const cards: GaugeCard[] = []
  if (gauges) {
    const { regions, countries } = s.filter
    const wanted = (id: string): boolean =>
      regions.length > 0 ? regions.includes(id) : countries.length === 0 || countries.some((c) => regionsOfCountry(c as CountryCode).includes(id as never))
    const filtered = regions.length > 0 || countries.length > 0
    cards.push(card(filtered ? 'All matching events' : 'All regions', gauges.overall))
    for (const g of gauges.regions) if (wanted(g.regionId) && cards.length < GAUGE_LIMIT) cards.push(card(regionName(g.regionId, custom), g.index))
  }
  return { cards, windowDays: s.indexSettings.windowDays }
}

export async function eventsData(views: Views, limit = 40): Promise<EventsChartData> {
  const rows: EventRowData[] = (await topEvents(limit)).map((e) => ({
    level: e.event.threatLevel as ThreatLevel,
    levelText: e.level,
    date: e.date,
    title: e.title,
    where: e.where,
  }))
  return { rows, total: views.matched }
}

function defaultTitle(s: State, target: ExportTarget, size: PictureSize, views: Views, timeline: TimelineChartData): string {
  const windowDays = s.indexSettings.windowDays
  switch (target) {
    case 'timeline': {
      const type = typeScale(size)
      return timelineTitle(pictureBucketUnit(timeline.span, size.widthPx - 2 * type.pad - type.label * 4, type.label), timeline.span)
    }
    case 'map':
      return mapTitle(views.map?.shadeBy ?? 'countries', windowDays, views.asOfMs)
    case 'gauges':
      return gaugesTitle(windowDays, views.asOfMs)
    case 'events':
      return eventsTitle(views.asOfMs)
    case 'dashboard':
      return briefTitle(s.meta?.name ?? 'No data', views.asOfMs)
  }
}

/** The words around the picture: title (the user's or the default), filters and as-of, caption, source, marking. */
export function pictureText(options: Pick<PictureOptions, 'target' | 'title' | 'caption' | 'marking'>, fallbackTitle: string): PictureText {
  const block = captionFor(options.target, options.title.trim() === '' ? fallbackTitle : options.title, options.caption, options.marking)
  return { title: block.title, subtitle: `${block.filters} · ${block.asOf}`, caption: block.caption, source: block.source, marking: block.marking }
}

/** The default title a picture of `target` gets at `size` when the user types none. */
export function defaultPictureTitle(target: ExportTarget, size: PictureSize = presetSize('slide-16x9')): string {
  const s = useWatchfloor.getState()
  const views = exportViews(s)
  return defaultTitle(s, target, size, views, timelineData(s, views))
}

/** Everything a composed picture of `target` needs, from the store's current view. */
export async function buildPictureSpec(options: PictureOptions, measure: MeasureText): Promise<PictureSpec> {
  const s = useWatchfloor.getState()
  const views = await exportViewsOf(s)
  const timeline = timelineData(s, views)
  const text = pictureText(options, defaultTitle(s, options.target, options.size, views, timeline))
  let chart: ChartSpec
  switch (options.target) {
    case 'timeline':
      chart = { kind: 'timeline', data: timeline }
      break
    case 'map':
      chart = { kind: 'map', data: await mapData(s, views, options.mapFit) }
      break
    case 'gauges':
      chart = { kind: 'gauges', data: gaugesData(s, views) }
      break
    case 'events':
      chart = { kind: 'events', data: await eventsData(views) }
      break
    case 'dashboard':
      chart = { kind: 'brief', data: { timeline, map: await mapData(s, views, options.mapFit), gauges: gaugesData(s, views), events: await eventsData(views) } }
      break
  }
  return { size: options.size, theme: options.theme, text, chart, levelColours: LEVEL_COLOURS, measure }
}
