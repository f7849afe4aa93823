import type { GaugesView } from '../views-engine.ts'
import type { LevelSplitUse } from './level-split.ts'
import { DIM } from './mask.ts'
import type { EpochMs, RegionDef } from '../../model.ts'
import type { EventTable } from '../../table-types.ts'
import type { FilterSpec } from '../filter-spec.ts'
import { regionTouchesSelection, selectedCountries } from '../place-selection.ts'
import {
  countsInWindow,
  hasRows,
  indexOfTallies,
  summaryOfTallies,
  talliesOfAll,
  talliesPerValue,
  type IndexSettings,
  type LevelTallies,
} from '../../threat-index.ts'
import { windowTallying, type WindowTallying } from './window-tallies.ts'

/**
 * Gauges have their own window ending at the as-of instant, so the time filter does not apply;
 * every other filter does (a region filter narrows the gauges as it narrows every panel).
 */
const GAUGES_IGNORED = DIM.time

interface RegionTallies {
  readonly regionId: string
  /** The region's rows near the windows, ascending: listed when a gauge's contributions are read. */
  readonly rows: () => ArrayLike<number>
  readonly tallies: LevelTallies
  /** Per level: how many of its events inside the window name the region themselves (not via a country). */
  readonly mentions: Float64Array
}

/** What the gauges are made from: every gauged region's rows and tallies, and the overall rows and tallies. */
export interface GaugeTallies {
  readonly regions: readonly RegionTallies[]
  readonly overallRows: ArrayLike<number>
  readonly overall: LevelTallies
}

/** The rows of `rows` whose place set is one of the region's (by code in `table.places.regions.dict`), in their order. */
function rowsOfRegion(table: EventTable, rows: Uint32Array, code: number): Uint32Array {
  const { offsets, values } = table.places.regions
  const inRegion = new Uint8Array(table.places.size)
  for (let set = 0; set < inRegion.length; set++) {
    for (let j = offsets[set]!; j < offsets[set + 1]!; j++) if (values[j] === code) inRegion[set] = 1
  }
  const { place } = table
  return rows.filter((row) => inRegion[place[row]!] === 1)
}

/**
 * The tallies of the rows whose mask byte has none of `bits` set, for every region the place
 * selection lets be gauged: the window's rows are weighed once, per place set, and each region
 * sums its sets.
 */
function gaugeTallies(table: EventTable, tally: WindowTallying, bits: number, filter: FilterSpec, customRegions: readonly RegionDef[]): GaugeTallies {
  const selection = selectedCountries(filter, customRegions)
  const { rows: overallRows, perSet } = tally(bits)
  const named = table.places.named
  const mentionsByNamed = talliesPerValue(perSet, named)
  const regions: RegionTallies[] = []
  for (const [code, tallies] of talliesPerValue(perSet, table.places.regions)) {
    const regionId = table.places.regions.dict.values[code]!
    if (!regionTouchesSelection(regionId, filter, selection, customRegions)) continue
    const mentioned = mentionsByNamed.get(named.dict.indexOf.get(regionId) ?? -1)
    let rows: Uint32Array | null = null
    regions.push({
      regionId,
      rows: () => (rows ??= rowsOfRegion(table, overallRows, code)),
      tallies,
      mentions: mentioned ? countsInWindow(mentioned) : new Float64Array(5),
    })
  }
  return { regions, overallRows, overall: talliesOfAll(perSet) }
}

function sumShown(perLevel: Float64Array, shown: ArrayLike<number> | undefined): number {
  let n = 0
  for (let l = 0; l < 5; l++) if (shown === undefined || shown[l] === 1) n += perLevel[l]!
  return n
}

/**
 * The overall index and one per region, for the rows that pass every filter but time (the index
 * has its own window). With a place filter, only regions that share a country with the selection
 * are gauged (Europe beside Eastern Europe; not Africa for an event that also names Egypt).
 * Regions are ranked by level, then score, then how often events name them directly; regions in
 * the region filter come first. Every region is ranked on its summary; only those shown get
 * their full index (contributions sorted when read). While only the level filter changes, the
 * tallies made with it ignored are recombined for the levels shown (LevelSplit). `tally` weighs
 * the window's rows (the engine shares it with the map's shading).
 */
export function selectGauges(
  table: EventTable,
  mask: Uint8Array,
  asOfMs: EpochMs,
  settings: IndexSettings,
  filter: FilterSpec,
  customRegions: readonly RegionDef[],
  limit: number,
  levels?: LevelSplitUse<GaugeTallies>,
  tally: WindowTallying = windowTallying(table, mask, asOfMs, settings),
): GaugesView {
  const split = levels?.split.get([levels.levelFree, asOfMs, settings, filter.regions, filter.countries, customRegions], () =>
    gaugeTallies(table, tally, ~(GAUGES_IGNORED | DIM.level) & 0xff, filter, customRegions),
  )
  const shown = split ? levels!.selected : undefined
  const made = split ?? gaugeTallies(table, tally, ~GAUGES_IGNORED & 0xff, filter, customRegions)
  const pinned = filter.regions
  const candidates = made.regions
    .filter((g) => hasRows(g.tallies, shown))
    .map((g) => ({ ...g, summary: summaryOfTallies(g.tallies, settings, shown), mentions: sumShown(g.mentions, shown) }))
    .filter((g) => g.summary.level !== null || pinned.includes(g.regionId))
  candidates.sort(
    (a, b) =>
      Number(pinned.includes(b.regionId)) - Number(pinned.includes(a.regionId)) ||
      (b.summary.level ?? 0) - (a.summary.level ?? 0) ||
      b.summary.score - a.summary.score ||
      b.mentions - a.mentions ||
      a.regionId.localeCompare(b.regionId),
  )
  return {
    overall: indexOfTallies(table, made.overallRows, made.overall, asOfMs, settings, shown),
    regions: candidates.slice(0, limit).map(({ regionId, rows, tallies }) => ({ regionId, index: indexOfTallies(table, rows, tallies, asOfMs, settings, shown) })),
  }
}
