import { useEffect, useState } from 'react'
import { useWatchfloor } from '../../../state/store.ts'
import { formatCount } from '../../../ui/format.ts'
import { describeAge, isStale } from '../utils/freshness.ts'
import './ingest.css'

/** How fresh the data on screen is ("updated 4 min ago"), marked stale past the threshold. */
export function DataFreshness() {
  const updatedAtMs = useWatchfloor((s) => s.dataUpdatedAtMs)
  const staleAfterMs = useWatchfloor((s) => s.staleAfterMs)
  const live = useWatchfloor((s) => s.liveSource !== null)
  const newCount = useWatchfloor((s) => s.newIds.size)
  const [nowMs, setNowMs] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), 15_000)
    return () => clearInterval(timer)
  }, [])
  if (updatedAtMs === null) return null
  const stale = isStale(updatedAtMs, Math.max(nowMs, updatedAtMs), staleAfterMs)
  return (
    <span
      className={`ingest-freshness${stale ? ' ingest-freshness--stale' : ''}`}
      data-testid="data-freshness"
      data-stale={stale}
      title={`Data loaded ${new Date(updatedAtMs).toISOString().replace('T', ' ').slice(0, 16)} UTC${live ? ', refreshing live' : ''}`}
    >
      {live ? '● ' : ''}
      {describeAge(Math.max(nowMs, updatedAtMs) - updatedAtMs)}
      {stale ? ' · stale' : ''}
      {newCount > 0 ? ` · ${formatCount(newCount)} new` : ''}
    </span>
  )
}
