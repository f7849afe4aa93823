import type { GaugesView } from '../../../domain/engine/views-engine.ts'
import { useWatchfloor } from '../../../state/store.ts'

/** How many region gauges the panel shows beside the overall one. */
export const REGION_GAUGE_LIMIT = 5

/** The overall gauge and the region gauges for the current data, filters and as-of; null while they are being made. */
export function useGauges(): GaugesView | null {
  return useWatchfloor((s) => s.views.gauges)
}
