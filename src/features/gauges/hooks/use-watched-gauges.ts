import { useMemo } from 'react'
import { useWatchfloor } from '../../../state/store.ts'
import { selectWatchedGauges, type WatchedGauge } from '../utils/select-watched.ts'

/** A gauge per watchlist item, for the current data, filters, as-of and index settings. */
export function useWatchedGauges(): readonly WatchedGauge[] {
  const table = useWatchfloor((s) => s.table)
  const mask = useWatchfloor((s) => s.mask)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const settings = useWatchfloor((s) => s.indexSettings)
  const watchlist = useWatchfloor((s) => s.watchlist)
  return useMemo(() => selectWatchedGauges(table, mask, asOfMs, settings, watchlist), [table, mask, asOfMs, settings, watchlist])
}
