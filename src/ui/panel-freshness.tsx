import { formatUtcMinute } from '../domain/date-labels.ts'
import { describeAge, isStale } from './freshness.ts'
import { useFreshness } from './freshness-context.tsx'

/**
 * A panel's "updated 4 min ago", with "stale" in words (not colour alone) past the user's
 * threshold. Renders nothing when the data's age is unknown.
 */
export function PanelFreshness() {
  const freshness = useFreshness()
  if (!freshness || freshness.updatedAtMs === null) return null
  const { updatedAtMs, nowMs, staleAfterMs, live } = freshness
  const stale = isStale(updatedAtMs, nowMs, staleAfterMs)
  return (
    <span
      className={`panel-freshness${stale ? ' panel-freshness--stale' : ''}`}
      data-testid="panel-freshness"
      data-stale={stale}
      title={`Data loaded ${formatUtcMinute(updatedAtMs)}${live ? ', refreshing live' : ''}${stale ? `; older than ${Math.round(staleAfterMs / 60_000)} min counts as stale` : ''}`}
    >
      {describeAge(nowMs - updatedAtMs)}
      {stale && <span className="panel-freshness__stale"> · stale</span>}
    </span>
  )
}
