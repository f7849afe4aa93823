import type { Alert } from '../../../domain/alerts.ts'
import { dayLabel, dayMonthTimeLabel } from '../../../domain/date-labels.ts'
import { formatDelta } from '../../../ui/format.ts'
import { LevelBadge } from '../../../ui/level-badge.tsx'
import { useWatchfloor } from '../../../state/store.ts'
import { AlertSettingsBar } from './alert-settings.tsx'
import './alerts.css'


function reasonText(alert: Alert): string {
  const parts: string[] = []
  if (alert.reasons.includes('level')) parts.push('level reached the threshold')
  if (alert.reasons.includes('rise')) parts.push(`score rose ${formatDelta(alert.delta)} points`)
  if (alert.reasons.includes('surge') && alert.surge) {
    const s = alert.surge
    const why = s.p !== undefined ? (s.p < 1e-4 ? 'p < 0.0001' : `p = ${s.p.toPrecision(2)}`) : (s.rule ?? '')
    parts.push(`surge in the week of ${s.weekStart}: ${Math.round(s.observed)} events against ${s.expected.toFixed(1)} expected (${why})`)
  }
  return parts.join('; ')
}

function AlertItem({ alert }: { readonly alert: Alert }) {
  const acknowledgeAlert = useWatchfloor((s) => s.acknowledgeAlert)
  const updateWatchItem = useWatchfloor((s) => s.updateWatchItem)
  const muted = useWatchfloor((s) => s.watchlist.find((w) => w.id === alert.itemId)?.muted ?? false)
  return (
    <li
      className={`alert-item${alert.acknowledged ? ' alert-item--ack' : ''}`}
      data-testid="alert"
      data-item={alert.itemId}
      data-acknowledged={alert.acknowledged}
    >
      <div className="alert-item__head">
        <strong className="alert-item__name">{alert.itemLabel}</strong>
        <span className="alert-item__levels" aria-label={`level ${alert.oldLevel ?? 'none'} to ${alert.newLevel ?? 'none'}`}>
          <LevelBadge level={alert.oldLevel} /> → <LevelBadge level={alert.newLevel} withLabel />
        </span>
        <time className="muted alert-item__time" dateTime={new Date(alert.raisedAtMs).toISOString()}>
          {dayMonthTimeLabel(alert.raisedAtMs)}
        </time>
      </div>
      <p className="alert-item__why">
        {reasonText(alert)} · score {alert.oldScore} → {alert.newScore} · {alert.eventCount}{' '}
        {alert.eventCount === 1 ? 'event' : 'events'} in the {alert.windowDays} days to {dayLabel(alert.asOfMs - 1)}
      </p>
      <ul className="alert-item__events" aria-label="Events that caused it">
        {alert.events.map((e) => (
          <li key={e.id}>
            <LevelBadge level={e.level} /> <span className="alert-item__event-title">{e.title}</span>{' '}
            <span className="muted">
              {e.date} · {(e.share * 100).toFixed(0)} %
            </span>
          </li>
        ))}
      </ul>
      <div className="alert-item__actions">
        {!alert.acknowledged && (
          <button type="button" className="button button--small" data-testid="alert-ack" onClick={() => acknowledgeAlert(alert.id)}>
            Acknowledge
          </button>
        )}
        <button
          type="button"
          className="button button--small"
          aria-pressed={muted}
          data-testid="alert-mute"
          onClick={() => updateWatchItem(alert.itemId, { muted: !muted })}
        >
          {muted ? `Unmute ${alert.itemLabel}` : `Mute ${alert.itemLabel}`}
        </button>
      </div>
    </li>
  )
}

/** The alert list: newest first, with the events that caused each; acknowledge and mute. */
export function AlertList() {
  const alerts = useWatchfloor((s) => s.alerts)
  const notice = useWatchfloor((s) => s.workspaceNotice)
  const setNotice = useWatchfloor((s) => s.setWorkspaceNotice)
  const acknowledgeAll = useWatchfloor((s) => s.acknowledgeAll)
  const clearAlerts = useWatchfloor((s) => s.clearAlerts)
  const watching = useWatchfloor((s) => s.watchlist.length)
  const open = alerts.filter((a) => !a.acknowledged).length
  return (
    <div className="alert-list" data-testid="alert-list">
      {notice && (
        <p className="alert-list__notice" role="status" data-testid="workspace-notice">
          {notice}{' '}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      <AlertSettingsBar />
      {alerts.length === 0 ? (
        <p className="muted">
          {watching === 0
            ? 'No alerts. Add regions, countries or actors to the watchlist to be alerted when their threat level crosses a threshold.'
            : 'No alerts: no watched item has crossed its threshold.'}
        </p>
      ) : (
        <>
          <div className="alert-list__toolbar">
            <span className="muted">
              {alerts.length} {alerts.length === 1 ? 'alert' : 'alerts'}, {open} not acknowledged
            </span>
            <span>
              {open > 0 && (
                <button type="button" className="button button--small" onClick={acknowledgeAll}>
                  Acknowledge all
                </button>
              )}{' '}
              <button type="button" className="button button--small" onClick={clearAlerts}>
                Clear
              </button>
            </span>
          </div>
          <ul className="alert-list__items">
            {alerts.map((a) => (
              <AlertItem key={a.id} alert={a} />
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
