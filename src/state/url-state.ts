import { DAY_MS, isoDay, parsePartialDate } from '../domain/dates.ts'
import { EMPTY_FILTER, type FilterSpec } from '../domain/engine/filter-spec.ts'
import type { ThreatLevel } from '../domain/model.ts'
import type { AsOfSetting } from '../domain/engine/views-engine.ts'
import type { MapView } from './map-slice.ts'

/** What the query string carries: filters, as-of, and how to load data. */
export interface UrlState {
  readonly filter: FilterSpec
  readonly asOf: AsOfSetting | null
  readonly dataUrl: string | null
  readonly synthetic: { readonly size: number; readonly seed: number } | null
  /** `map=lat,lon,zoom`; absent when the URL has none (or a malformed one). */
  readonly mapView?: MapView
}

/** The largest generated dataset the URL may ask for. */
export const MAX_SYNTHETIC = 5_000_000

/**
 * Splits a raw query string into decoded values per key. List values are comma-separated with
 * each item percent-encoded, so a comma inside a name (`%2C`) survives; repeated keys add items.
 */
function rawParams(search: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq))
    const value = eq < 0 ? '' : part.slice(eq + 1)
    out.set(key, [...(out.get(key) ?? []), value])
  }
  return out
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

function list(params: Map<string, string[]>, key: string): string[] {
  return (params.get(key) ?? [])
    .flatMap((v) => v.split(','))
    .map(safeDecode)
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

function single(params: Map<string, string[]>, key: string): string | null {
  const v = params.get(key)?.[0]
  return v === undefined ? null : safeDecode(v).trim()
}

/** `from` is the first day included and `to` the last (both ISO dates of any precision). */
function timeRange(from: string | null, to: string | null): FilterSpec['timeRange'] {
  const a = from ? parsePartialDate(from) : null
  const b = to ? parsePartialDate(to) : null
  if (!a && !b) return null
  const fromMs = a ? a.startMs : -8.64e15
  const toMs = b ? b.endMs : 8.64e15
  return fromMs < toMs ? { fromMs, toMs } : null
}

/** Reads the URL's query string. Unknown or malformed values are ignored, never fatal. */
export function parseUrlState(search: string): UrlState {
  const params = rawParams(search)
  const levels = list(params, 'levels')
    .map(Number)
    .filter((l): l is ThreatLevel => Number.isInteger(l) && l >= 1 && l <= 5)
  const filter: FilterSpec = {
    ...EMPTY_FILTER,
    timeRange: timeRange(single(params, 'from'), single(params, 'to')),
    regions: list(params, 'regions'),
    countries: list(params, 'countries'),
    actors: list(params, 'actors'),
    categories: list(params, 'categories'),
    levels: [...new Set(levels)].sort((a, b) => a - b),
    text: single(params, 'q') ?? '',
  }
  const asOfText = single(params, 'asOf')
  let asOf: AsOfSetting | null = null
  if (asOfText === 'today') asOf = { mode: 'today' }
  else if (asOfText) {
    const d = parsePartialDate(asOfText)
    if (d) asOf = { mode: 'fixed', ms: d.precision === 'instant' ? d.startMs : d.endMs }
  }
  const size = Number(single(params, 'synthetic'))
  const seed = Number(single(params, 'seed') ?? 1)
  const synthetic =
    Number.isInteger(size) && size > 0 ? { size: Math.min(size, MAX_SYNTHETIC), seed: Number.isFinite(seed) ? seed : 1 } : null
  const mapView = parseMapView(single(params, 'map'))
  return { filter, asOf, dataUrl: single(params, 'data') || null, synthetic, ...(mapView ? { mapView } : {}) }
}

function encodeList(items: readonly string[]): string {
  return items.map(encodeURIComponent).join(',')
}

/**
 * Writes the filters and as-of into a query string, keeping the other parameters of `search`
 * (data, synthetic, map view…) as they were.
 */
export function serialiseUrlState(search: string, filter: FilterSpec, asOf: AsOfSetting): string {
  const managed = new Set(['from', 'to', 'regions', 'countries', 'actors', 'categories', 'levels', 'q', 'asOf'])
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p !== '' && !managed.has(safeDecode(p.split('=')[0]!)))
  const parts: string[] = []
  if (filter.timeRange) {
    const { fromMs, toMs } = filter.timeRange
    if (fromMs > -8.64e15) parts.push(`from=${isoDay(fromMs)}`)
    if (toMs < 8.64e15) parts.push(`to=${isoDay(toMs - DAY_MS)}`)
  }
  if (filter.regions.length) parts.push(`regions=${encodeList(filter.regions)}`)
  if (filter.countries.length) parts.push(`countries=${encodeList(filter.countries)}`)
  if (filter.actors.length) parts.push(`actors=${encodeList(filter.actors)}`)
  if (filter.categories.length) parts.push(`categories=${encodeList(filter.categories)}`)
  if (filter.levels.length) parts.push(`levels=${filter.levels.join(',')}`)
  if (filter.text.trim()) parts.push(`q=${encodeURIComponent(filter.text.trim())}`)
  if (asOf.mode === 'today') parts.push('asOf=today')
  if (asOf.mode === 'fixed') parts.push(`asOf=${new Date(asOf.ms).toISOString().replace('.000', '')}`)
  const all = [...kept, ...parts]
  return all.length ? `?${all.join('&')}` : ''
}

/** Reads `lat,lon,zoom` (degrees, degrees, 0–18); null when malformed or out of range. */
export function parseMapView(text: string | null): MapView | null {
  if (!text) return null
  const parts = text.split(',').map((p) => p.trim())
  if (parts.length !== 3 || parts.some((p) => p === '')) return null
  const [latDeg, lonDeg, zoom] = parts.map(Number) as [number, number, number]
  if (![latDeg, lonDeg, zoom].every(Number.isFinite)) return null
  if (Math.abs(latDeg) > 90 || Math.abs(lonDeg) > 180 || zoom < 0 || zoom > 18) return null
  return { latDeg, lonDeg, zoom }
}

const fixed = (value: number, digits: number): string => String(Number(value.toFixed(digits)))

/**
 * Writes the map view as `map=lat,lon,zoom` (4 decimals for degrees, about 10 m; 2 for zoom),
 * or removes it for null, keeping every other parameter of `search` as it was.
 */
export function serialiseMapView(search: string, view: MapView | null): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p !== '' && safeDecode(p.split('=')[0]!) !== 'map')
  if (view) kept.push(`map=${fixed(view.latDeg, 4)},${fixed(view.lonDeg, 4)},${fixed(view.zoom, 2)}`)
  return kept.length ? `?${kept.join('&')}` : ''
}
