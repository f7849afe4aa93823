import { memo } from 'react'
import { LEVEL_LABELS, THREAT_LEVELS, type ThreatLevel } from '../../../domain/model.ts'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'

/** The fill of a level's bars: its colour with its own texture, so levels differ without colour too. */
export function levelFill(level: ThreatLevel, imprecise = false): string {
  return `url(#wf-tl-${imprecise ? 'spread' : 'level'}-${level})`
}

/** Texture strokes per level: 1 plain, 2 dots, 3 horizontal lines, 4 diagonal lines, 5 cross-hatch. */
function Texture({ level }: { readonly level: ThreatLevel }) {
  const ink = 'rgba(0,0,0,0.45)'
  switch (level) {
    case 1:
      return null
    case 2:
      return <circle cx="3" cy="3" r="1.1" fill={ink} />
    case 3:
      return <line x1="0" y1="3" x2="6" y2="3" stroke={ink} strokeWidth="1.2" />
    case 4:
      return <path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke={ink} strokeWidth="1.2" />
    case 5:
      return <path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2 M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2" stroke={ink} strokeWidth="1.1" />
  }
}

/**
 * SVG pattern definitions for every level, precise and imprecise (faded, with the same texture).
 * Rendered once per panel in a hidden SVG; the chart, legend and lanes refer to them by id.
 * Static, so the panel's re-renders skip it.
 */
export const LevelPatternDefs = memo(function LevelPatternDefs() {
  return (
    <svg width="0" height="0" style={{ position: 'absolute' }} aria-hidden="true" focusable="false">
      <defs>
        {THREAT_LEVELS.map((l) => (
          <pattern key={`p${l}`} id={`wf-tl-level-${l}`} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill={LEVEL_COLOURS[l]} />
            <Texture level={l} />
          </pattern>
        ))}
        {THREAT_LEVELS.map((l) => (
          <pattern key={`s${l}`} id={`wf-tl-spread-${l}`} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill={LEVEL_COLOURS[l]} fillOpacity="0.35" />
            <Texture level={l} />
          </pattern>
        ))}
      </defs>
    </svg>
  )
})

function Swatch({ fill, dashed = false }: { readonly fill: string; readonly dashed?: boolean }) {
  return (
    <svg width="14" height="10" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="13" height="9" fill={fill} stroke="var(--muted)" strokeWidth="1" strokeDasharray={dashed ? '2 1.5' : undefined} />
    </svg>
  )
}

/**
 * The chart's key: one swatch per level (colour and texture), the imprecise style and the markers.
 * It never changes, so the panel's own re-renders (one per stage of a new table) skip it.
 */
export const LevelLegend = memo(function LevelLegend() {
  return (
    <ul className="timeline-legend" aria-label="Legend">
      {THREAT_LEVELS.map((l) => (
        <li key={l}>
          <Swatch fill={levelFill(l)} /> {l} {LEVEL_LABELS[l]}
        </li>
      ))}
      <li title="Dates known only to the month or year, and spans with an end date, are spread evenly over their days">
        <Swatch fill={levelFill(3, true)} dashed /> faded: date imprecise or a span, spread
      </li>
      <li>
        <svg width="12" height="10" aria-hidden="true" focusable="false">
          <path d="M6,1 L11,9 L1,9 Z" fill={LEVEL_COLOURS[4]} stroke="var(--text)" strokeWidth="0.8" />
        </svg>{' '}
        high /{' '}
        <svg width="12" height="10" aria-hidden="true" focusable="false">
          <path d="M6,0 L11,5 L6,10 L1,5 Z" fill={LEVEL_COLOURS[5]} stroke="var(--text)" strokeWidth="0.8" />
        </svg>{' '}
        critical event
      </li>
    </ul>
  )
})
