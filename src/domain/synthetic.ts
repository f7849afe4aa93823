import { DAY_MS, isoDay } from './dates.ts'
import type { CountryCode, EventId, PartialDate, ThreatEvent, ThreatLevel } from './model.ts'
import { COUNTRIES, countryByCode, regionsOfCountry } from './regions.ts'
import { DictionaryBuilder, MultiColumnBuilder, PlaceSetBuilder, PRECISION_CODES, assembleTable, inputRowOf, rowCountries, rowValues, titleAt } from './table.ts'
import { type EventTable } from './table-types.ts'
import { allocateRowColumns } from './table-order.ts'
import { mulberry32 } from './synthetic-random.ts'
import { syntheticSummary, syntheticTitle, type SyntheticTextSubject } from './synthetic-text.ts'

export const SYNTHETIC_CATEGORIES = [
  'armed-conflict',
  'civil-unrest',
  'terrorism',
  'military-exercise',
  'missile-test',
  'diplomacy',
  'cyber',
  'maritime-security',
] as const

const ACTOR_KINDS = ['armed forces', 'government', 'militia', 'protesters', 'police', 'rebel group']

/** Level weights (low → critical): most events are minor, few are critical. */
const LEVEL_CDF = [0.36, 0.64, 0.84, 0.955, 1]

export interface SyntheticOptions {
  readonly size: number
  readonly seed: number
  /** First day covered (ms, UTC); ten years of daily data by default. */
  readonly startMs?: number
  readonly days?: number
  /**
   * Called with the fraction of rows generated (0–1), every PROGRESS_EVERY_ROWS rows and once
   * at the end. It must not throw; it cannot change the table.
   */
  readonly onProgress?: (fraction: number) => void
  /**
   * `short` (the default): a few thousand shared titles ("cyber in France"), cheap to hold.
   * `real`: a unique title per row and a summary of realistic length (synthetic-text.ts), as a
   * real feed has: what memory and load figures should be measured on. The summary is made
   * again from the seed when a row's event is asked for, as a reader re-reads its row.
   */
  readonly text?: 'short' | 'real'
}

/** Rows between two progress calls: often enough for a smooth bar, rare enough to cost nothing. */
export const PROGRESS_EVERY_ROWS = 65_536

interface Burst {
  readonly country: number
  readonly centreDay: number
  readonly widthDays: number
}

function pickLevel(u: number, boost: number): ThreatLevel {
  const v = Math.min(0.9999, u + boost)
  for (let l = 0; l < 5; l++) if (v < LEVEL_CDF[l]!) return (l + 1) as ThreatLevel
  return 5
}

/** A generated burst as the evaluation of early warning reads it: where, and the days it covers. */
export interface SyntheticBurst {
  readonly country: CountryCode
  /** First and last day (ms, UTC, day starts) an event of the burst can fall on. */
  readonly firstDayMs: number
  readonly lastDayMs: number
}

interface Plan {
  readonly countryPool: readonly (typeof COUNTRIES)[number][]
  readonly pickCountry: () => number
  readonly bursts: readonly Burst[]
}

/** The countries' weights and the bursts: the generator's first draws from `random`. */
function planSynthetic(random: () => number, days: number): Plan {
  const countryPool = COUNTRIES.filter((c) => c.code !== 'AQ')
  const weights = countryPool.map((_, i) => 1 / Math.pow(i + 1, 0.9))
  const order = countryPool.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const cdf: number[] = []
  let acc = 0
  const totalWeight = weights.reduce((a, b) => a + b, 0)
  for (let i = 0; i < order.length; i++) cdf.push((acc += weights[i]! / totalWeight))
  const pickCountry = (): number => {
    const u = random()
    let lo = 0
    let hi = cdf.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cdf[mid]! < u) lo = mid + 1
      else hi = mid
    }
    return order[lo]!
  }
  const bursts: Burst[] = Array.from({ length: 40 }, () => ({
    country: pickCountry(),
    centreDay: Math.floor(random() * days),
    widthDays: 5 + Math.floor(random() * 40),
  }))
  return { countryPool, pickCountry, bursts }
}

/**
 * The crisis bursts `generateSyntheticTable` injects for these options (same seed, same bursts),
 * with the days their events can fall on: the known answers early warning is evaluated against.
 */
export function syntheticBursts({ seed, startMs = Date.UTC(2016, 0, 1), days = 3653 }: Pick<SyntheticOptions, 'seed' | 'startMs' | 'days'>): SyntheticBurst[] {
  const { countryPool, bursts } = planSynthetic(mulberry32(seed), days)
  return bursts.map((b) => {
    // The generator places a burst's events at round(centre + (u − 0.5) × width), clamped.
    const first = Math.min(days - 1, Math.max(0, Math.round(b.centreDay - b.widthDays / 2)))
    const last = Math.min(days - 1, Math.max(0, Math.round(b.centreDay + b.widthDays / 2)))
    return { country: countryPool[b.country]!.code, firstDayMs: startMs + first * DAY_MS, lastDayMs: startMs + last * DAY_MS }
  })
}

/**
 * A generated table of `size` events with realistic shape: countries by a Zipf-like weight,
 * bursts (a crisis in one country over a few weeks, with higher levels), skewed levels, a few
 * month- and year-precision dates, and events without a place. Same seed, same table.
 * Builds columns directly (no per-event objects); eventAt() builds an event on demand.
 */
export function generateSyntheticTable({ size, seed, startMs = Date.UTC(2016, 0, 1), days = 3653, onProgress, text = 'short' }: SyntheticOptions): EventTable {
  const random = mulberry32(seed)
  const { countryPool, pickCountry, bursts } = planSynthetic(random, days)

  const { startMs: startCol, endMs: endCol, precision, level, latDeg, lonDeg, approximate } = allocateRowColumns(size)
  const category = new Uint32Array(size)
  const categories = new DictionaryBuilder(['', ...SYNTHETIC_CATEGORIES])
  const places = new PlaceSetBuilder(countryPool.length)
  // Every generated event is in one country, so place set i is country i of the pool.
  for (const c of countryPool) places.idFor(c.code, () => ({ countries: [c.code], regions: regionsOfCountry(c.code) }))
  const place = new Uint32Array(size)
  const actors = new MultiColumnBuilder(size, 2)
  const titles: string[] = new Array<string>(size)
  const actorCodes = new Uint32Array(2)
  // Actor codes and titles per (country, kind) and (category, country), made on first use (so
  // the dictionary order is the same as coding every row) and then shared: no string per row.
  const actorCodeOf = new Int32Array(countryPool.length * ACTOR_KINDS.length).fill(-1)
  const actorCode = (country: number, kind: number): number => {
    const key = country * ACTOR_KINDS.length + kind
    let code = actorCodeOf[key]!
    if (code < 0) {
      code = actors.dict.code(`${countryPool[country]!.name} ${ACTOR_KINDS[kind]!}`)
      actorCodeOf[key] = code
    }
    return code
  }
  const titleOf: (string | undefined)[] = new Array<string | undefined>(SYNTHETIC_CATEGORIES.length * countryPool.length)
  const title = (cat: number, country: number): string => {
    const key = (cat - 1) * countryPool.length + country
    return (titleOf[key] ??= `${SYNTHETIC_CATEGORIES[cat - 1]!.replace('-', ' ')} in ${countryPool[country]!.name}`)
  }

  for (let i = 0; i < size; i++) {
    if (onProgress && i % PROGRESS_EVERY_ROWS === 0 && i > 0) onProgress(i / size)
    const inBurst = random() < 0.35
    const burst = bursts[Math.floor(random() * bursts.length)]!
    const c = inBurst ? burst.country : pickCountry()
    const day = inBurst
      ? Math.min(days - 1, Math.max(0, Math.round(burst.centreDay + (random() - 0.5) * burst.widthDays)))
      : Math.floor(random() * days)
    const p = random()
    const dayStart = startMs + day * DAY_MS
    if (p < 0.01) {
      const y = new Date(dayStart).getUTCFullYear()
      startCol[i] = Date.UTC(y, 0, 1)
      endCol[i] = Date.UTC(y + 1, 0, 1)
      precision[i] = 0
    } else if (p < 0.03) {
      const d = new Date(dayStart)
      startCol[i] = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
      endCol[i] = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
      precision[i] = 1
    } else {
      startCol[i] = dayStart
      endCol[i] = dayStart + DAY_MS
      precision[i] = 2
    }
    const lv = pickLevel(random(), inBurst ? 0.25 : 0)
    level[i] = lv
    const info = countryPool[c]!
    if (random() < 0.06) {
      latDeg[i] = info.latDeg
      lonDeg[i] = info.lonDeg
      approximate[i] = 1
    } else {
      // Jitter around the centroid, kept on the globe: near a pole or the antimeridian it would leave it.
      latDeg[i] = Math.max(-90, Math.min(90, info.latDeg + (random() - 0.5) * 4))
      const lon = info.lonDeg + (random() - 0.5) * 4
      lonDeg[i] = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon
    }
    const cat = 1 + Math.floor(random() * SYNTHETIC_CATEGORIES.length)
    category[i] = cat
    place[i] = c
    actorCodes[0] = actorCode(c, Math.floor(random() * ACTOR_KINDS.length))
    const second = random() < 0.4
    if (second) {
      const other = pickCountry()
      actorCodes[1] = actorCode(other, Math.floor(random() * 6))
    }
    actors.pushCodes(actorCodes, second ? 2 : 1)
    titles[i] = text === 'real' ? syntheticTitle(seed, i, { country: info.name, category: SYNTHETIC_CATEGORIES[cat - 1]!, level: lv }) : title(cat, c)
  }

  onProgress?.(1)
  const columns = { size, startMs: startCol, endMs: endCol, precision, level, latDeg, lonDeg, approximate, category, titles }
  return assembleTable(
    { ...columns, categories: categories.build(), place, places: places.build(), actors: actors.build() },
    text === 'real' ? realShapedEvent(seed) : syntheticEvent,
  )
}

/** The subject of a generated row's text, read from its columns. */
export function syntheticTextSubject(table: EventTable, row: number): SyntheticTextSubject {
  const country = rowCountries(table, row)[0]
  return {
    country: (country !== undefined ? countryByCode(country as CountryCode)?.name : undefined) ?? 'an unknown country',
    category: table.categories.values[table.category[row]!]!,
    level: table.level[row]!,
  }
}

/** eventAt for a table generated with real-shaped text from `seed`: the event with its summary made again. */
export function realShapedEvent(seed: number): (table: EventTable, row: number) => ThreatEvent {
  return (table, row) => ({ ...syntheticEvent(table, row), summary: syntheticSummary(seed, inputRowOf(table, row), syntheticTextSubject(table, row)) })
}

function syntheticDate(table: EventTable, row: number): PartialDate {
  const startMs = table.startMs[row]!
  const precision = PRECISION_CODES[table.precision[row]!]!
  const day = isoDay(startMs)
  const text = precision === 'year' ? day.slice(0, 4) : precision === 'month' ? day.slice(0, 7) : day
  return { text, precision, startMs, endMs: table.endMs[row]! }
}

/**
 * The full event of one row of a generated table, built from its columns alone (no seed or
 * generator state needed): what `eventAt` returns, and what a table generated in a worker
 * uses once its columns reach the main thread. Allocates: not for hot loops.
 */
export function syntheticEvent(table: EventTable, row: number): ThreatEvent {
  const category = table.categories.values[table.category[row]!]!
  const countries = rowCountries(table, row) as CountryCode[]
  return {
    // The generator's own row number: the same id whichever row the table stores the event at.
    id: `synthetic-${inputRowOf(table, row)}` as EventId,
    title: titleAt(table, row),
    category,
    tags: ['synthetic'],
    sectors: [],
    date: syntheticDate(table, row),
    threatLevel: table.level[row] as ThreatLevel,
    actors: rowValues(table.actors, row).map((name) => ({ name, type: 'unknown' as const })),
    countries,
    // As ingest does for an event that names countries but no region: their sub-regions.
    regions: countries.flatMap((code) => countryByCode(code)?.subRegion ?? []),
    ...(table.approximate[row] ? {} : { location: { latDeg: table.latDeg[row]!, lonDeg: table.lonDeg[row]! } }),
    impacts: [],
    quotes: [],
    sources: [{ name: 'Watchfloor synthetic generator' }],
    related: [],
  }
}
