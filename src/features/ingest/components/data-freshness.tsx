import { formatCount } from '../../../ui/format.ts'
import { formatUtcMinute } from '../../../domain/date-labels.ts'
import { describeAge, isStale } from '../../../ui/freshness.ts'
import { useFreshness } from '../../../ui/freshness-context.tsx'
import './ingest.css'

/**
 * How fresh the data on screen is ("updated 4 min ago"), marked stale past the threshold, and
 * how many events the last live refresh brought. Reads the app's one clock (FreshnessContext).
 */
export function DataFreshness() {
  const freshness = useFreshness()
  if (!freshness || freshness.updatedAtMs === null) return null
  const { updatedAtMs, nowMs, staleAfterMs, live, newCount } = freshness
  const stale = isStale(updatedAtMs, nowMs, staleAfterMs)
  // A second short line, so that the header's tools never wrap for it.
  const extra = [...(stale ? ['stale'] : []), ...(newCount > 0 ? [`${formatCount(newCount)} new`] : [])]
  return (
    <span
      className={`ingest-freshness${stale ? ' ingest-freshness--stale' : ''}`}
      data-testid="data-freshness"
      data-stale={stale}
      title={`Data loaded ${formatUtcMinute(updatedAtMs)}${live ? ', refreshing live' : ''}`}
    >
      <span>
        {live ? '● ' : ''}
        {describeAge(nowMs - updatedAtMs)}
      </span>
      {extra.length > 0 && (
        <span className="ingest-freshness__extra">
          <span className="visually-hidden"> · </span>
          {extra.join(' · ')}
        </span>
      )}
    </span>
  )
}
