import type { WatchedGauge } from '../../../domain/engine/views-engine.ts'
import { useWatchfloor } from '../../../state/store.ts'

const NONE: readonly WatchedGauge[] = []

/** A gauge per watchlist item, for the current data, filters, as-of and index settings. */
export function useWatchedGauges(): readonly WatchedGauge[] {
  return useWatchfloor((s) => s.views.watched) ?? NONE
}
