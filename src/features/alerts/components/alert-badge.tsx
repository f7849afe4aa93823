import { selectUnacknowledgedCount } from '../../../state/alerts-slice.ts'
import { useWatchfloor } from '../../../state/store.ts'
import './alerts.css'

/** The header's alert count: opens the Alerts tab of the threat-levels panel. Hidden when nothing is watched or raised. */
export function AlertBadge() {
  const open = useWatchfloor(selectUnacknowledgedCount)
  const total = useWatchfloor((s) => s.alerts.length)
  const watching = useWatchfloor((s) => s.watchlist.length)
  const setTab = useWatchfloor((s) => s.setGaugesTab)
  if (total === 0 && watching === 0) return null
  return (
    <button
      type="button"
      className={`alert-badge${open > 0 ? ' alert-badge--open' : ''}`}
      data-testid="alert-badge"
      data-count={open}
      aria-label={`${open} ${open === 1 ? 'alert' : 'alerts'} not acknowledged. Show alerts`}
      onClick={() => setTab('alerts')}
    >
      <span aria-hidden="true">⚑</span> {open}
    </button>
  )
}

/** The count beside the Alerts tab's name, when any alert waits. */
export function AlertTabCount() {
  const open = useWatchfloor(selectUnacknowledgedCount)
  if (open === 0) return null
  return (
    <span className="alert-count" data-testid="alert-tab-count">
      {open}
    </span>
  )
}
