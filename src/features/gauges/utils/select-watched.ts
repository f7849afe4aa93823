import type { WatchItem } from '../../../domain/alerts.ts'
import { DIM } from '../../../domain/filter.ts'
import type { EpochMs } from '../../../domain/model.ts'
import type { EventTable } from '../../../domain/table.ts'
import { indexOfTarget, type IndexSettings, type ThreatIndex } from '../../../domain/threat-index.ts'

export interface WatchedGauge {
  readonly item: WatchItem
  readonly index: ThreatIndex
}

/** Watched gauges ignore the time filter (own window) and the place and actor filters (they name their own). */
const WATCHED_IGNORED = DIM.time | DIM.region | DIM.country | DIM.actor

/** One index per watch item over the rows that pass the remaining filters (level, category, text). */
export function selectWatchedGauges(
  table: EventTable,
  mask: Uint8Array,
  asOfMs: EpochMs,
  settings: IndexSettings,
  items: readonly WatchItem[],
): WatchedGauge[] {
  const include = (row: number): boolean => (mask[row]! & ~WATCHED_IGNORED) === 0
  return items.map((item) => ({ item, index: indexOfTarget(table, item, asOfMs, settings, include) }))
}
