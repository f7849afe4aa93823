import type { WatchedGauge } from '../views-engine.ts'
import type { WatchItem } from '../../alerts.ts'
import { DIM } from './mask.ts'
import type { EpochMs } from '../../model.ts'
import type { EventTable } from '../../table-types.ts'
import { indexOfTarget, type IndexSettings } from '../../threat-index.ts'

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
