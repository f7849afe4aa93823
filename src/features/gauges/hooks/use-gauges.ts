import { useMemo } from 'react'
import { useWatchfloor } from '../../../state/store.ts'
import { selectGauges, type GaugeSet } from '../utils/select-gauges.ts'

/** How many region gauges the panel shows beside the overall one. */
export const REGION_GAUGE_LIMIT = 5

/** The overall gauge and the region gauges for the current data, filters and as-of. */
export function useGauges(): GaugeSet {
  const table = useWatchfloor((s) => s.table)
  const mask = useWatchfloor((s) => s.mask)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const settings = useWatchfloor((s) => s.indexSettings)
  const pinned = useWatchfloor((s) => s.filter.regions)
  return useMemo(
    () => selectGauges(table, mask, asOfMs, settings, pinned, REGION_GAUGE_LIMIT),
    [table, mask, asOfMs, settings, pinned],
  )
}
