import { DAY_MS } from '../../domain/dates.ts'
import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import { MAX_TIMELINE_DAYS } from '../../domain/engine/local/day-index.ts'
import { countDay } from '../../domain/engine/local/view-counts.ts'
import type { Facet, TimelineCounts } from '../../domain/engine/views-engine.ts'
import { eventsIn, type Cube } from './cube.ts'

/**
 * Crossfiltering the cube in the tab: the fine filters (time, place, level, category) set a bit
 * per cell, and each view counts the cells whose bits pass every filter but its own ("all
 * filters but mine"), weighted by the cell's events. One pass over the cells, which are far
 * fewer than the events they stand for.
 */

export const BIT = { time: 1, region: 2, country: 4, level: 8, category: 16 } as const

export const PLACE_BITS = BIT.region | BIT.country

/** A bit per filter a cell fails; a daily cell fails the time filter when none of its days with events overlaps the range. */
export function cubeMask(cube: Cube, filter: FilterSpec): Uint8Array {
  const mask = new Uint8Array(cube.size)
  const { places } = cube
  const anyOf = (selected: readonly string[], values: readonly string[], sets: readonly Uint32Array[]): Uint8Array | null => {
    if (selected.length === 0) return null
    const wanted = new Set(selected)
    const hit = values.map((v) => wanted.has(v))
    return Uint8Array.from(sets, (codes) => (codes.some((c) => hit[c]) ? 1 : 0))
  }
  const regionPass = anyOf(filter.regions, places.regionValues, places.regions)
  const countryPass = anyOf(filter.countries, places.countryValues, places.countries)
  const levels = new Set<number>(filter.levels)
  const categories = new Set(filter.categories)
  const range = filter.timeRange
  for (let i = 0; i < cube.size; i++) {
    let bits = 0
    if (range !== null && eventsIn(cube, i, range.fromMs, range.toMs) === 0) bits |= BIT.time
    if (regionPass !== null && regionPass[cube.place[i]!] === 0) bits |= BIT.region
    if (countryPass !== null && countryPass[cube.place[i]!] === 0) bits |= BIT.country
    if (levels.size > 0 && !levels.has(cube.level[i]!)) bits |= BIT.level
    if (categories.size > 0 && !categories.has(cube.categories[cube.category[i]!]!)) bits |= BIT.category
    mask[i] = bits
  }
  return mask
}

/** The table-wide numbers the cube's views need: its size and the timeline's frame. */
export interface TableStats {
  readonly size: number
  readonly minStartMs: number
  readonly maxEndMs: number
  /** The latest start: the default as-of is the end of its day. */
  readonly maxStartMs: number
}

export interface CubeCounts {
  readonly matched: number
  readonly levelCounts: Uint32Array
  readonly days: TimelineCounts
  readonly regions: Facet
  readonly countries: Facet
  readonly categories: Facet
}

/** The timeline's frame for the whole table, as the local engine frames its own (day-index.ts). */
export function frameOf(stats: TableStats): { firstDay: number; days: number } {
  if (stats.size === 0) return { firstDay: 0, days: 0 }
  const firstDay = Math.floor(stats.minStartMs / DAY_MS)
  const lastDay = Math.ceil(stats.maxEndMs / DAY_MS)
  return { firstDay, days: Math.min(MAX_TIMELINE_DAYS, Math.max(1, lastDay - firstDay)) }
}

function facetOf(values: readonly string[]): { values: readonly string[]; counts: Uint32Array; maxLevel: Uint8Array } {
  return { values, counts: new Uint32Array(values.length), maxLevel: new Uint8Array(values.length) }
}

/** Per (code, level) sums, indexed code × 6 + level, into a facet: its counts and its highest level. */
function facetFrom(values: readonly string[], byLevel: Float64Array, codesOf: (id: number) => ArrayLike<number>, ids: number): { values: readonly string[]; counts: Uint32Array; maxLevel: Uint8Array } {
  const facet = facetOf(values)
  for (let id = 0; id < ids; id++) {
    for (let level = 1; level <= 5; level++) {
      const n = byLevel[id * 6 + level]!
      if (n === 0) continue
      const codes = codesOf(id)
      for (let k = 0; k < codes.length; k++) {
        const code = codes[k]!
        facet.counts[code]! += n
        if (level > facet.maxLevel[code]!) facet.maxLevel[code] = level
      }
    }
  }
  return facet
}

/**
 * Every count view from the cube under `mask`. The views the time filter applies to count a
 * daily cell's events on the days inside `range`; the timeline (which ignores it) counts each
 * day's events on its day, and a span cell's spread over its days, as the local engine does.
 */
export function cubeCounts(cube: Cube, mask: Uint8Array, stats: TableStats, range: FilterSpec['timeRange'] = null): CubeCounts {
  const { places } = cube
  const { firstDay, days } = frameOf(stats)
  const exact = new Float64Array(days * 5)
  const spreadDiff = new Float64Array((days + 1) * 5)
  const levelCounts = new Uint32Array(6)
  const byCategory = new Float64Array(cube.categories.length * 6)
  const byPlace = new Float64Array(places.size * 6)
  let matched = 0
  for (let i = 0; i < cube.size; i++) {
    const bits = mask[i]!
    const level = cube.level[i]!
    if ((bits & ~BIT.time) === 0) {
      const first = cube.slotFirst[i]!
      const last = cube.slotFirst[i + 1]!
      if (first === last) countDay(exact, spreadDiff, firstDay, days, cube.startMs[i]!, cube.endMs[i]!, level - 1, cube.weight[i]!)
      else {
        const day0 = Math.floor(cube.startMs[i]! / DAY_MS) - firstDay
        for (let s = first; s < last; s++) {
          const d = day0 + cube.slotDay[s]!
          if (d >= 0 && d < days) exact[d * 5 + level - 1]! += cube.slotN[s]!
        }
      }
    }
    // The other views apply the time filter; a cell failing two filters counts in none of them.
    if ((bits & BIT.time) !== 0) continue
    if ((bits & ~BIT.level) !== 0 && (bits & ~BIT.category) !== 0 && (bits & ~PLACE_BITS) !== 0) continue
    const n = range === null ? cube.weight[i]! : eventsIn(cube, i, range.fromMs, range.toMs)
    if (bits === 0) matched += n
    if ((bits & ~BIT.level) === 0) levelCounts[level]! += n
    if ((bits & ~BIT.category) === 0) byCategory[cube.category[i]! * 6 + level]! += n
    if ((bits & ~PLACE_BITS) === 0) byPlace[cube.place[i]! * 6 + level]! += n
  }
  const spread = new Float64Array(days * 5)
  for (let l = 0; l < 5; l++) {
    let running = 0
    for (let d = 0; d < days; d++) {
      running += spreadDiff[d * 5 + l]!
      spread[d * 5 + l] = running < 1e-9 ? 0 : running
    }
  }
  const categories = facetFrom(cube.categories, byCategory, (id) => [id], cube.categories.length)
  const regions = facetFrom(places.regionValues, byPlace, (id) => places.regions[id]!, places.size)
  const countries = facetFrom(places.countryValues, byPlace, (id) => places.countries[id]!, places.size)
  return { matched, levelCounts, days: { firstDay, days, exact, spread }, regions, countries, categories }
}
