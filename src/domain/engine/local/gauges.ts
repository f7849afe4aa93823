import type { GaugesView } from '../views-engine.ts'
import { DIM } from './mask.ts'
import type { EpochMs, RegionDef } from '../../model.ts'
import type { EventTable } from '../../table-types.ts'
import type { FilterSpec } from '../filter-spec.ts'
import { regionTouchesSelection, selectedCountries } from '../place-selection.ts'
import { indexOfRows, rowsByRegion, rowsInWindows, summaryOfRows, type IndexSettings } from '../../threat-index.ts'

/**
 * Gauges have their own window ending at the as-of instant, so the time filter does not apply;
 * every other filter does (a region filter narrows the gauges as it narrows every panel).
 */
const GAUGES_IGNORED = DIM.time

/** How many of the events behind an index (its rows in the window) name the region themselves (not via a country). */
function explicitMentions(table: EventTable, windowRows: readonly number[], regionId: string): number {
  const { offsets, values, dict } = table.places.named
  let n = 0
  for (const row of windowRows) {
    const set = table.place[row]!
    for (let j = offsets[set]!; j < offsets[set + 1]!; j++) if (dict.values[values[j]!] === regionId) n++
  }
  return n
}

/**
 * The overall index and one per region, for the rows that pass every filter but time (the index
 * has its own window). With a place filter, only regions that share a country with the selection
 * are gauged (Europe beside Eastern Europe; not Africa for an event that also names Egypt).
 * Regions are ranked by level, then score, then how often events name them directly; regions in
 * the region filter come first. Every region is ranked on its summary; only those shown get
 * their full index (contributions sorted for the detail view).
 */
export function selectGauges(
  table: EventTable,
  mask: Uint8Array,
  asOfMs: EpochMs,
  settings: IndexSettings,
  filter: FilterSpec,
  customRegions: readonly RegionDef[],
  limit: number,
): GaugesView {
  const include = (row: number): boolean => (mask[row]! & ~GAUGES_IGNORED) === 0
  const byRegion = rowsByRegion(table, include, asOfMs, settings)
  const overallRows = rowsInWindows(table, include, asOfMs, settings)
  const pinned = filter.regions
  const selection = selectedCountries(filter, customRegions)
  const candidates = [...byRegion.entries()]
    .map(([code, rows]) => ({ regionId: table.places.regions.dict.values[code]!, rows }))
    .filter((g) => regionTouchesSelection(g.regionId, filter, selection, customRegions))
    .map((g) => ({ ...g, summary: summaryOfRows(table, g.rows, asOfMs, settings), mentions: 0 }))
    .filter((g) => g.summary.level !== null || pinned.includes(g.regionId))
  for (const g of candidates) g.mentions = explicitMentions(table, g.summary.windowRows, g.regionId)
  candidates.sort(
    (a, b) =>
      Number(pinned.includes(b.regionId)) - Number(pinned.includes(a.regionId)) ||
      (b.summary.level ?? 0) - (a.summary.level ?? 0) ||
      b.summary.score - a.summary.score ||
      b.mentions - a.mentions ||
      a.regionId.localeCompare(b.regionId),
  )
  return {
    overall: indexOfRows(table, overallRows, asOfMs, settings),
    regions: candidates.slice(0, limit).map(({ regionId, rows }) => ({ regionId, index: indexOfRows(table, rows, asOfMs, settings) })),
  }
}
