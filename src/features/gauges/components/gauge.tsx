import type { ThreatIndex } from '../../../domain/threat-index.ts'
import { formatCount, formatDelta } from '../../../ui/format.ts'
import { LEVEL_COLOURS, LEVEL_GLYPHS, NO_ACTIVITY_COLOUR, levelLabel } from '../../../ui/level-style.ts'

interface GaugeProps {
  readonly regionId: string
  readonly name: string
  readonly index: ThreatIndex
  /** On the watchlist: marked with a star. */
  readonly watched?: boolean
  readonly onOpen: () => void
}

const TREND_ARROWS = { rising: '▲', steady: '▶', falling: '▼' } as const

/** A point on the gauge's half circle (centre 60,60, radius 48) for a fraction 0–1 from the left. */
function arcPoint(fraction: number): [number, number] {
  const angle = Math.PI * (1 - fraction)
  return [60 + 48 * Math.cos(angle), 60 - 48 * Math.sin(angle)]
}

function arcPath(fraction: number): string {
  const [x, y] = arcPoint(Math.max(0.0001, Math.min(1, fraction)))
  return `M 12 60 A 48 48 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`
}

/** A half-circle gauge: the arc is the score, the colour and glyph the level; a button opens the detail. */
export function Gauge({ regionId, name, index, watched = false, onOpen }: GaugeProps) {
  const colour = index.level === null ? NO_ACTIVITY_COLOUR : LEVEL_COLOURS[index.level]
  const label = levelLabel(index.level)
  // The button's name is its visible text plus what only the dial shows (score, trend word), so
  // speech users can say what they see and screen-reader users hear the whole reading.
  const spoken =
    (index.level === null
      ? '. Open details'
      : `, score ${Math.round(index.score)}, ${index.trend} against the previous window. Open details`)
  return (
    <button
      type="button"
      className={`gauge${index.level === null ? ' gauge--none' : ''}${watched ? ' gauge--watched' : ''}`}
      data-testid="gauge"
      data-region={regionId}
      data-level={index.level ?? 'none'}
      data-score={index.score}
      onClick={onOpen}
    >
      <svg viewBox="0 0 120 68" className="gauge__dial" aria-hidden="true">
        <path d={arcPath(1)} className="gauge__track" />
        {index.score > 0 && <path d={arcPath(index.score / 100)} style={{ stroke: colour }} className="gauge__value" />}
        <text x="60" y="52" textAnchor="middle" className="gauge__score">
          {index.level === null ? '–' : Math.round(index.score)}
        </text>
        <text x="60" y="65" textAnchor="middle" className="gauge__score-label">
          score
        </text>
      </svg>
      <span className="gauge__name">
        {watched && (
          <>
            <span className="visually-hidden">Watched: </span>
            <span className="gauge__star" title="On the watchlist" aria-hidden="true">
              ★{' '}
            </span>
          </>
        )}
        {name}
      </span>
      <span className="gauge__level">
        <span aria-hidden="true" style={{ color: colour }}>
          {index.level === null ? '·' : LEVEL_GLYPHS[index.level]}{' '}
        </span>
        {index.level === null ? 'No recent activity' : `${index.level} ${label}`}
      </span>
      {index.level !== null && (
        <span className={`gauge__trend gauge__trend--${index.trend}`}>
          <span aria-hidden="true">{TREND_ARROWS[index.trend]}</span> {formatDelta(index.delta)} ·{' '}
          {formatCount(index.eventCount)} {index.eventCount === 1 ? 'event' : 'events'}
        </span>
      )}
      <span className="visually-hidden">{spoken}</span>
    </button>
  )
}
