import { useMemo, useRef } from 'react'
import { formatPartialDate } from '../../../domain/dates.ts'
import { PEAK_COUNT_HALF, SCORE_HALVING, TREND_THRESHOLD, type IndexSettings, type ThreatIndex } from '../../../domain/threat-index.ts'
import { useWatchfloor } from '../../../state/store.ts'
import type { IndexWindow } from '../../../domain/engine/views-engine.ts'
import { describeIndexWindow } from '../../../domain/panel-captions.ts'
import { formatCount, formatDelta } from '../../../ui/format.ts'
import { LevelBadge } from '../../../ui/level-badge.tsx'
import { levelLabel } from '../../../ui/level-style.ts'
import { useAnswer } from '../../../ui/use-answer.ts'
import { useDismiss } from '../../../ui/use-dismiss.ts'

interface GaugeDetailProps {
  readonly name: string
  /** The region the gauge stands for; absent for the overall gauge. */
  readonly regionId?: string
  readonly index: ThreatIndex
  /** The window the index scored (the time range, or the rolling days to the as-of). */
  readonly window: IndexWindow
  readonly settings: IndexSettings
  /** The index is scored and its contributing events are still on their way (a warehouse's early answer). */
  readonly pending?: boolean
  /** Why its contributing events could not be found (a warehouse's early answer whose later part failed). */
  readonly failed?: string
  readonly onClose: () => void
}

/** Why a gauge reads what it reads: the contributing events with their weights, and the method. */
export function GaugeDetail({ name, regionId, index, window, settings, pending = false, failed, onClose }: GaugeDetailProps) {
  const fetchEvents = useWatchfloor((s) => s.fetchEvents)
  // Only the contributions on screen are read, once per index: a new index drops an answer not yet come.
  const shown = useMemo(() => index.contributions.slice(0, 50), [index])
  const events = useAnswer(shown, (signal) => fetchEvents(shown.map((c) => c.row), signal))
  const setRegions = useWatchfloor((s) => s.setRegions)
  const selectRow = useWatchfloor((s) => s.selectRow)
  const closeRef = useRef<HTMLButtonElement>(null)
  useDismiss(onClose, closeRef)
  return (
    <div className="detail gauge-detail" role="dialog" aria-labelledby="gauge-detail-title" data-testid="gauge-detail">
      <header className="detail__header">
        <LevelBadge level={index.level} withLabel />
        <h3 id="gauge-detail-title">{name}</h3>
        <button ref={closeRef} type="button" className="icon-button" aria-label="Close gauge detail" onClick={onClose}>
          ×
        </button>
      </header>
      <p className="detail__meta">
        Score {index.score} ({index.trend}, {formatDelta(index.delta)} against {index.previousScore} in the window before) ·{' '}
        {formatCount(index.eventCount)} {index.eventCount === 1 ? 'event' : 'events'} in {describeIndexWindow(window)}
      </p>
      {regionId && (
        <p>
          <button
            type="button"
            className="button"
            data-testid="gauge-filter-region"
            onClick={() => {
              setRegions([regionId])
              onClose()
            }}
          >
            Filter the dashboard by {name}
          </button>
        </p>
      )}
      {failed !== undefined ? (
        <p role="alert" data-testid="gauge-contributions-failed">
          The events behind this gauge could not be found: {failed}
        </p>
      ) : pending ? (
        <p className="muted" role="status" aria-busy="true" data-testid="gauge-contributions-pending">
          Finding the events behind this gauge…
        </p>
      ) : index.contributions.length === 0 ? (
        <p>No events in the window: {levelLabel(null)}.</p>
      ) : (
        <table className="data-table">
          <caption>Contributing events, largest weight first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Date</th>
              <th scope="col">Level</th>
              <th scope="col" className="num">
                Weight
              </th>
            </tr>
          </thead>
          <tbody aria-busy={events.state === 'busy'}>
            {events.state !== 'done' ? (
              <tr>
                <td colSpan={4} className={events.state === 'busy' ? 'muted' : undefined} role={events.state === 'busy' ? 'status' : 'alert'}>
                  {events.state === 'busy' ? 'Reading the events…' : `The events could not be read: ${events.message}`}
                </td>
              </tr>
            ) : (
              shown.map((c, i) => {
                const event = events.value[i]
                if (event === undefined) return null
                return (
                  <tr key={c.row}>
                    <td>
                      <button type="button" className="link-button" onClick={() => selectRow(c.row)}>
                        {event.title}
                      </button>
                    </td>
                    <td>{formatPartialDate(event.date)}</td>
                    <td>
                      <LevelBadge level={event.threatLevel} />
                    </td>
                    <td className="num">{(c.share * 100).toFixed(1)} %</td>
                  </tr>
                )
              })
            )}
          </tbody>
        </table>
      )}
      {index.contributions.length > 50 && <p className="muted">and {index.contributions.length - 50} more with smaller weights</p>}
      <details className="method">
        <summary>Method</summary>
        {settings.method === 'peak' ? (
          <p>
            Highest level and count. Level: the highest level of any event in the {settings.windowDays} days before the
            as-of time. Score: the level sets the band and the number of events n the place in it: score = 20 × (level − 1)
            + 20 × n / (n + {PEAK_COUNT_HALF}); each event counts by the part of its date span inside the window, with no
            decay. Trend: this window&apos;s score against the previous window&apos;s; a change of {TREND_THRESHOLD} points
            or more is rising or falling.
          </p>
        ) : (
          <p>
            Recency-weighted severity. Level: the highest level of any event in the {settings.windowDays} days before the
            as-of time. Score: each event weighs 2^(level − 1), halved every {settings.halfLifeDays} days of age and
            multiplied by the part of its date span inside the window; score = 100 × (1 − (1 + total)^(−1/4)), so every{' '}
            {SCORE_HALVING}-fold of (1 + total) halves the distance to 100: one critical event today reads 51, never 100.
            Trend: this window&apos;s score against the previous window&apos;s; a change of {TREND_THRESHOLD} points or more
            is rising or falling.
          </p>
        )}
      </details>
    </div>
  )
}
