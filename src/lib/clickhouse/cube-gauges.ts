import type { EpochMs } from '../../domain/model.ts'
import type { IndexSettings, IndexTarget } from '../../domain/threat-index.ts'
import type { PlaceShade, Shading } from '../../domain/engine/views-engine.ts'
import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import { regionTouchesSelection, selectedCountries } from '../../domain/engine/place-selection.ts'
import type { RegionDef } from '../../domain/model.ts'
import { BIT } from './cube-counts.ts'
import { forEachSpan, type Cube } from './cube.ts'
import { IndexTally, type IndexCell } from './weighted-index.ts'

/**
 * The index views the cube answers in the tab: gauges, map shading, and the index of a region or
 * a country (watch items, comparison). Each follows the local engine's rules (its gauges.ts,
 * shading.ts, watched.ts) over the cube's cells instead of rows.
 */

/** Cells touching the index windows that pass every filter but `ignoredBits`. */
function forWindowCells(cube: Cube, mask: Uint8Array, ignoredBits: number, tally: IndexTally, visit: (cell: number) => void): void {
  const keep = ~ignoredBits
  for (let i = 0; i < cube.size; i++) {
    if ((mask[i]! & keep) === 0 && tally.touches(cube.startMs[i]!, cube.endMs[i]!)) visit(i)
  }
}

/** One index from the cells that pass every filter but `ignoredBits` and `belongs`. */
export function cubeIndex(cube: Cube, mask: Uint8Array, ignoredBits: number, asOfMs: EpochMs, settings: IndexSettings, belongs: (cell: number) => boolean = () => true): IndexTally {
  const tally = new IndexTally(asOfMs, settings)
  forWindowCells(cube, mask, ignoredBits, tally, (i) => {
    if (!belongs(i)) return
    const level = cube.level[i]!
    forEachSpan(cube, i, (start, end, n) => tally.add(start, end, level, n))
  })
  return tally
}

interface PlaceTally {
  readonly tally: IndexTally
  /** Events in the window that name the region themselves. */
  mentions: number
}

/** An index per country or region value (codes of the cube's dictionaries), from cells passing all filters but `ignoredBits`. */
function tallyByPlace(cube: Cube, mask: Uint8Array, ignoredBits: number, asOfMs: EpochMs, settings: IndexSettings, by: 'regions' | 'countries'): Map<number, PlaceTally> {
  const out = new Map<number, PlaceTally>()
  const probe = new IndexTally(asOfMs, settings)
  const sets = cube.places[by]
  forWindowCells(cube, mask, ignoredBits, probe, (i) => {
    const set = cube.place[i]!
    const named = cube.places.named[set]!
    const level = cube.level[i]!
    for (const code of sets[set]!) {
      let entry = out.get(code)
      if (!entry) out.set(code, (entry = { tally: new IndexTally(asOfMs, settings), mentions: 0 }))
      const { tally } = entry
      const mentioned = by === 'regions' && named.includes(code)
      forEachSpan(cube, i, (start, end, n) => {
        const w = tally.add(start, end, level, n)
        if (mentioned && w > 0) entry.mentions += n
      })
    }
  })
  return out
}

export interface RankedGauge {
  readonly regionId: string
  readonly tally: IndexTally
}

/**
 * The overall tally and one per region, from the cells that pass every filter but time (the
 * index has its own window); with a place filter, only the regions that share a country with the
 * selection. Ranked as the local engine ranks them (its gauges.ts): pinned first, then level,
 * score, direct mentions and name.
 */
export function cubeGauges(
  cube: Cube,
  mask: Uint8Array,
  asOfMs: EpochMs,
  settings: IndexSettings,
  filter: FilterSpec,
  customRegions: readonly RegionDef[],
  limit: number,
): { overall: IndexTally; regions: RankedGauge[] } {
  const pinned = filter.regions
  const selection = selectedCountries(filter, customRegions)
  const overall = cubeIndex(cube, mask, BIT.time, asOfMs, settings)
  const byRegion = tallyByPlace(cube, mask, BIT.time, asOfMs, settings, 'regions')
  const candidates = [...byRegion.entries()]
    .map(([code, entry]) => ({ regionId: cube.places.regionValues[code]!, entry, index: entry.tally.index() }))
    .filter((g) => regionTouchesSelection(g.regionId, filter, selection, customRegions))
    .filter((g) => g.index.level !== null || pinned.includes(g.regionId))
  candidates.sort(
    (a, b) =>
      Number(pinned.includes(b.regionId)) - Number(pinned.includes(a.regionId)) ||
      (b.index.level ?? 0) - (a.index.level ?? 0) ||
      b.index.score - a.index.score ||
      b.entry.mentions - a.entry.mentions ||
      a.regionId.localeCompare(b.regionId),
  )
  return { overall, regions: candidates.slice(0, limit).map((g) => ({ regionId: g.regionId, tally: g.entry.tally })) }
}

/**
 * The map's shading per country or region: places with matching events, the map's own selection
 * (the places it shades) and time ignored (the index has its own window), as the local engine's
 * shading.ts.
 */
export function cubeShading(cube: Cube, mask: Uint8Array, values: readonly string[], asOfMs: EpochMs, settings: IndexSettings, by: 'regions' | 'countries'): Shading {
  const ignored = BIT.time | (by === 'countries' ? BIT.country : BIT.region)
  const byPlace = tallyByPlace(cube, mask, ignored, asOfMs, settings, by)
  const totals = new Float64Array(values.length)
  const keep = ~ignored
  const sets = cube.places[by]
  for (let i = 0; i < cube.size; i++) {
    if ((mask[i]! & keep) !== 0) continue
    for (const code of sets[cube.place[i]!]!) totals[code] = totals[code]! + cube.weight[i]!
  }
  const out = new Map<string, PlaceShade>()
  values.forEach((id, code) => {
    const totalCount = totals[code] ?? 0
    if (totalCount === 0) return
    const index = byPlace.get(code)?.tally.index()
    out.set(id, { level: index?.level ?? null, score: index?.score ?? 0, windowCount: index?.eventCount ?? 0, totalCount })
  })
  return out
}

/** Whether a cell belongs to a region or country target; null for an actor (the cube holds no actors). */
export function cubeTargetTest(cube: Cube, target: IndexTarget): ((cell: number) => boolean) | null {
  if (target.kind !== 'region' && target.kind !== 'country') return null
  const values = target.kind === 'region' ? cube.places.regionValues : cube.places.countryValues
  const sets = target.kind === 'region' ? cube.places.regions : cube.places.countries
  const code = values.indexOf(target.value)
  const inSet = Uint8Array.from(sets, (codes) => (code >= 0 && codes.includes(code) ? 1 : 0))
  return (cell) => inSet[cube.place[cell]!] === 1
}

/** The cells passing every filter but `ignoredBits` that `belongs` accepts, as index cells (a daily cell's days each one). */
export function cubeCells(cube: Cube, mask: Uint8Array, ignoredBits: number, belongs: (cell: number) => boolean): IndexCell[] {
  const keep = ~ignoredBits
  const out: IndexCell[] = []
  for (let i = 0; i < cube.size; i++) {
    if ((mask[i]! & keep) !== 0 || !belongs(i)) continue
    const level = cube.level[i]!
    forEachSpan(cube, i, (startMs, endMs, n) => out.push({ startMs, endMs, level, n }))
  }
  return out
}
