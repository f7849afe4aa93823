import { useEffect, useState } from 'react'
import type { SubjectEvents } from '../../../domain/engine/views-engine.ts'
import { DAY_MS } from '../../../domain/dates.ts'
import type { PlaceSurge } from '../../../domain/warning/dashboard-warning.ts'
import { weekStartMs } from '../../../domain/warning/weeks.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { formatDay } from '../../../ui/format.ts'
import { LevelBadge } from '../../../ui/level-badge.tsx'
import { Sparkline } from '../../../ui/sparkline.tsx'

/** Events listed under "Why"; the rest are counted. */
const WHY_EVENTS = 8

const KIND_LABELS = { country: 'Country', region: 'Region', actor: 'Actor' } as const

interface SurgeRowProps {
  readonly surge: PlaceSurge
  readonly onSelectEvent: (row: number) => void
}

/** A p-value as analysts read it: "p < 0.0001" for tiny ones. */
export function formatP(p: number): string {
  if (p < 1e-4) return 'p < 0.0001'
  return `p = ${p.toPrecision(2)}`
}

/** A weekly count: whole when it is (near enough), else to one decimal (imprecise dates count in part). */
function formatCount(n: number): string {
  return n >= 100 || Math.abs(n - Math.round(n)) < 0.05 ? String(Math.round(n)) : n.toFixed(1)
}

/** One surge: where, since when, observed against expected, why it was flagged, and the events behind it. */
export function SurgeRow({ surge, onSelectEvent }: SurgeRowProps) {
  const [open, setOpen] = useState(false)
  const fetchEventsOf = useWatchfloor((s) => s.fetchEventsOf)
  const fromMs = weekStartMs(surge.sinceWeek)
  const toMs = weekStartMs(surge.week + 1)
  // The events behind it, asked for when "Why" opens (from the warehouse in warehouse mode).
  const [behind, setBehind] = useState<SubjectEvents | { failed: string } | null>(null)
  useEffect(() => {
    if (!open) return
    let live = true
    fetchEventsOf({ kind: surge.kind, value: surge.place }, fromMs, toMs, WHY_EVENTS).then(
      (found) => live && setBehind(found),
      (error: unknown) => live && setBehind({ failed: error instanceof Error ? error.message : String(error) }),
    )
    return () => {
      live = false
      setBehind(null)
    }
    // A surge belongs to one early-warning result, made for the data on screen: new data, new surges.
  }, [open, fetchEventsOf, surge, fromMs, toMs])
  const since = surge.sinceWeek === surge.week ? `week of ${formatDay(fromMs)}` : `since the week of ${formatDay(fromMs)}`
  const detailId = `surge-why-${surge.kind}-${surge.place}`
  return (
    <li className="surge" data-testid="surge" data-place={surge.place} data-kind={surge.kind}>
      <div className="surge__head">
        <span className="surge__name">
          {surge.name} <span className="surge__kind">{KIND_LABELS[surge.kind]}</span>
        </span>
        <Sparkline
          values={surge.recent}
          reference={surge.expected}
          label={`Weekly events over the last ${surge.recent.length} weeks; the dashed line is the expected level`}
        />
      </div>
      <div className="surge__facts">
        <span>{since}</span>
        <span data-testid="surge-counts">
          <strong>{formatCount(surge.observed)}</strong> events, {formatCount(surge.expected)} expected
        </span>
        <span className="surge__why-text" title={surge.adjustedP !== undefined ? `Adjusted for the places judged at once: ${formatP(surge.adjustedP)}` : undefined}>
          {surge.p !== undefined ? formatP(surge.p) : surge.rule}
        </span>
        <button type="button" className="link-button" aria-expanded={open} aria-controls={detailId} onClick={() => setOpen(!open)}>
          {open ? 'Hide why' : 'Why'}
        </button>
      </div>
      {open && behind === null && (
        <p id={detailId} role="status" className="muted">
          Finding the events behind it…
        </p>
      )}
      {open && behind !== null && 'failed' in behind && (
        <p id={detailId} role="alert" className="surges__error">
          The events behind it could not be read: {behind.failed}
        </p>
      )}
      {open && behind !== null && !('failed' in behind) && (
        <div id={detailId} className="surge__events">
          <p className="muted">
            {behind.total} event{behind.total === 1 ? '' : 's'} from {formatDay(fromMs)} to {formatDay(toMs - DAY_MS)} (dates known only to the month or year count in part)
            {behind.total > behind.refs.length ? `; the ${behind.refs.length} most severe:` : ':'}
          </p>
          <ul>
            {behind.events.map((event, i) => {
              const row = behind.refs[i]!
              return (
                <li key={row}>
                  <button type="button" className="link-button surge__event" onClick={() => onSelectEvent(row)}>
                    <LevelBadge level={event.threatLevel} /> <span>{event.date.text}</span> <span>{event.title}</span>
                  </button>
                </li>
              )
            })}
          </ul>
        </div>
      )}
    </li>
  )
}
