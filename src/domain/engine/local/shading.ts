/**
 * The choropleth's numbers: for each country and each region, the threat index (level and
 * score, see domain/threat-index.ts) at the as-of instant, from the events that pass every
 * filter but the map's own selection (the countries clicked when it shades countries, the
 * regions when it shades regions), plus whether the place has any matching event at all, so
 * "no recent activity" (events, none in the window) is told apart from "no events".
 */
import type { LevelSplit, LevelSplitUse } from './level-split.ts'
import { DIM } from './mask.ts'
import type { EpochMs } from '../../model.ts'
import type { EventTable, MultiColumn } from '../../table-types.ts'
import { summaryOfTallies, talliesPerValue, type IndexSettings, type LevelTallies } from '../../threat-index.ts'
import { windowTallying, type WindowTallying } from './window-tallies.ts'
import type { PlaceShade, Shading } from '../views-engine.ts'

/**
 * The map's own selection: the filter its clicks set, which it ignores so that a selected
 * country still shows its neighbours (dimmed). Every other filter, a region chosen in the filter
 * bar included, narrows the map.
 */
export function mapOwnBits(shadeBy: 'countries' | 'regions'): number {
  return shadeBy === 'countries' ? DIM.country : DIM.region
}

/** The map's own bits when it shades countries (its default). */
export const MAP_IGNORED_BITS = mapOwnBits('countries')

/** Rows passing `keep` per place set, over the whole table; with `levelsApart`, per place set and level (`set * 5 + level - 1`). */
function rowsPerSet(table: EventTable, keep: number, mask: Uint8Array, levelsApart: boolean): Uint32Array {
  const { place, level } = table
  if (!levelsApart) {
    const perSet = new Uint32Array(table.places.size)
    for (let row = 0; row < table.size; row++) if ((mask[row]! & keep) === 0) perSet[place[row]!]!++
    return perSet
  }
  const perSetLevel = new Uint32Array(table.places.size * 5)
  const levelFree = keep & ~DIM.level
  for (let row = 0; row < table.size; row++) if ((mask[row]! & levelFree) === 0) perSetLevel[place[row]! * 5 + level[row]! - 1]!++
  return perSetLevel
}

/** Rows per place set for the levels shown, from rowsPerSet's per-level counts. */
function shownPerSet(perSetLevel: Uint32Array, selected: Uint8Array): Uint32Array {
  const perSet = new Uint32Array(perSetLevel.length / 5)
  for (let set = 0; set < perSet.length; set++) {
    for (let l = 0; l < 5; l++) if (selected[l] === 1) perSet[set]! += perSetLevel[set * 5 + l]!
  }
  return perSet
}

/**
 * Matching rows per value of `column`, over the whole table: one pass over the rows, then one
 * per place set; while only the level and time filters change, from per-level counts kept
 * (LevelSplit, keyed by the engine's time-and-level-free token: these totals ignore time).
 */
function totalsByPlaceValue(table: EventTable, column: MultiColumn, keep: number, mask: Uint8Array, levels?: LevelSplitUse<Uint32Array>): Uint32Array {
  const perSetLevel = levels?.split.get([levels.levelFree, keep], () => rowsPerSet(table, keep, mask, true))
  const perSet = perSetLevel ? shownPerSet(perSetLevel, levels!.selected) : rowsPerSet(table, keep, mask, false)
  const out = new Uint32Array(column.dict.values.length)
  for (let set = 0; set < perSet.length; set++) {
    const n = perSet[set]!
    if (n === 0) continue
    for (let j = column.offsets[set]!; j < column.offsets[set + 1]!; j++) out[column.values[j]!] = out[column.values[j]!]! + n
  }
  return out
}

/** Window tallies per value of a place-set column (countries or regions), from the rows passing `keep`: each row weighed once, per place set. */
function talliesByPlaceValue(column: MultiColumn, keep: number, tally: WindowTallying): Map<number, LevelTallies> {
  return talliesPerValue(tally(keep & 0xff).perSet, column)
}

/**
 * The LevelSplits the shading keeps: totals per place set and level while only the level and
 * time filters change (`timeLevelFree`), and window tallies per place while only the level
 * filter changes (`levelFree`).
 */
export interface ShadingSplits {
  readonly totals: LevelSplit<Uint32Array>
  readonly windows: LevelSplit<Map<number, LevelTallies>>
  readonly levelFree: object
  readonly timeLevelFree: object
  readonly selected: Uint8Array
}

/**
 * Level and score per country (alpha-2) or region id, from the events that pass every filter but
 * time (the index window is the shading's own) and the map's own selection (see `mapOwnBits`).
 * `tally` weighs the window's rows (the engine shares it with the gauges).
 */
export function shadePlaces(
  table: EventTable,
  shadeBy: 'countries' | 'regions',
  mask: Uint8Array,
  asOfMs: EpochMs,
  settings: IndexSettings,
  levels?: ShadingSplits,
  tally: WindowTallying = windowTallying(table, mask, asOfMs, settings),
): Shading {
  const column = shadeBy === 'countries' ? table.places.countries : table.places.regions
  // The index has its own window, so the time filter does not narrow the shading (the points follow it).
  const keep = ~(mapOwnBits(shadeBy) | DIM.time)
  const split = levels?.windows.get([levels.levelFree, keep, asOfMs, settings], () =>
    talliesByPlaceValue(column, keep & ~DIM.level, tally),
  )
  const shown = split ? levels!.selected : undefined
  const tallies = split ?? talliesByPlaceValue(column, keep, tally)
  const totals = totalsByPlaceValue(table, column, keep, mask, levels && { split: levels.totals, levelFree: levels.timeLevelFree, selected: levels.selected })
  const out = new Map<string, PlaceShade>()
  column.dict.values.forEach((id, code) => {
    const totalCount = totals[code] ?? 0
    if (totalCount === 0) return
    const group = tallies.get(code)
    const index = group ? summaryOfTallies(group, settings, shown) : null
    out.set(id, {
      level: index?.level ?? null,
      score: index?.score ?? 0,
      windowCount: index?.eventCount ?? 0,
      totalCount,
    })
  })
  return out
}
