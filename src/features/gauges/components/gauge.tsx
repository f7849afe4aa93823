import type { ThreatIndex } from '../../../domain/threat-index.ts'
import { formatCount, formatDelta } from '../../../ui/format.ts'
import { LEVEL_COLOURS, LEVEL_GLYPHS, NO_ACTIVITY_COLOUR, levelLabel } from '../../../ui/level-style.ts'
import { SCORE_COLOURS, SCORE_STEPS, scoreColour } from '../../../ui/score-style.ts'

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

/** The arc from `from` to `to` (fractions 0–1 of the half circle, from the left). */
function arcPath(to: number, from = 0): string {
  const [x0, y0] = arcPoint(Math.max(0, Math.min(1, from)))
  const [x, y] = arcPoint(Math.max(0.0001, Math.min(1, to)))
  return `M ${x0.toFixed(2)} ${y0.toFixed(2)} A 48 48 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`
}

/** The score bands under the arc (0–20, 20–40 …), faint: the arc's colour is its band's. */
const BANDS = SCORE_COLOURS.map((colour, step) => ({ colour, from: step === 0 ? 0 : SCORE_STEPS[step - 1]! / 100, to: (SCORE_STEPS[step] ?? 100) / 100 }))

/**
 * A half-circle gauge with one encoding: the score is the arc's length and its colour band (the
 * map's score colours); the level is said in words with its glyph; the events in the window are
 * always counted. A button opens the detail.
 */
export function Gauge({ regionId, name, index, watched = false, onOpen }: GaugeProps) {
  const levelColour = index.level === null ? NO_ACTIVITY_COLOUR : LEVEL_COLOURS[index.level]
  const colour = scoreColour(index.score)
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
        {BANDS.map((band) => (
          <path key={band.colour} d={arcPath(band.to, band.from)} style={{ stroke: band.colour }} className="gauge__band" />
        ))}
        {index.score > 0 && <path d={arcPath(index.score / 100)} style={{ stroke: colour }} className="gauge__value" data-testid="gauge-arc" />}
        <text x="60" y="56" textAnchor="middle" className="gauge__score">
          {index.level === null ? '–' : Math.round(index.score)}
        </text>
      </svg>
      <span className="gauge__score-label" aria-hidden="true">
        score 0–100
      </span>
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
        <span aria-hidden="true" style={{ color: levelColour }}>
          {index.level === null ? '·' : LEVEL_GLYPHS[index.level]}{' '}
        </span>
        {index.level === null ? 'No recent activity' : `${index.level} ${label}`}
      </span>
      <span className={`gauge__trend gauge__trend--${index.trend}`} data-testid="gauge-count">
        {index.level !== null && (
          <>
            <span aria-hidden="true">{TREND_ARROWS[index.trend]}</span> {formatDelta(index.delta)} ·{' '}
          </>
        )}
        {formatCount(index.eventCount)} {index.eventCount === 1 ? 'event' : 'events'}
      </span>
      <span className="visually-hidden">{spoken}</span>
    </button>
  )
}
