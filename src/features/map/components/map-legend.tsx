import { THREAT_LEVELS } from '../../../domain/model.ts'
import { LEVEL_COLOURS, levelLabel } from '../../../ui/level-style.ts'
import { SCORE_COLOURS, SCORE_STEPS, type ShadeMeasure } from '../utils/palette.ts'

interface MapLegendProps {
  readonly measure: ShadeMeasure
  /** The window the shading scores, in words ("1 Apr 2022 – 31 Jan 2025"); "" before any data. */
  readonly windowText: string
  /** Places outlined as surges (early warning); the key shows only when there are some. */
  readonly surges?: number
}

function scoreLabel(step: number): string {
  const from = step === 0 ? 0 : SCORE_STEPS[step - 1]!
  const to = SCORE_STEPS[step] ?? 100
  return `${from}–${to}`
}

/** The scale of the shading, the two kinds of empty, and how events are drawn. */
export function MapLegend({ measure, windowText, surges = 0 }: MapLegendProps) {
  return (
    <div className="map-legend" data-testid="map-legend">
      <span className="map-legend__caption">{measure === 'level' ? 'Highest level' : 'Threat score'}</span>
      {windowText !== '' && <span data-testid="map-legend-window">{windowText}</span>}
      <ul className="map-legend__items">
        {measure === 'level'
          ? THREAT_LEVELS.map((level) => (
              <li key={level}>
                <span className="map-legend__swatch" style={{ background: LEVEL_COLOURS[level] }} aria-hidden="true" />
                {level} {levelLabel(level)}
              </li>
            ))
          : SCORE_COLOURS.map((colour, step) => (
              <li key={colour}>
                <span className="map-legend__swatch" style={{ background: colour }} aria-hidden="true" />
                {scoreLabel(step)}
              </li>
            ))}
        <li>
          <span className="map-legend__swatch map-legend__swatch--quiet" aria-hidden="true" />
          no recent activity
        </li>
        <li>
          <span className="map-legend__swatch map-legend__swatch--empty" aria-hidden="true" />
          no events
        </li>
        {surges > 0 && (
          <li data-testid="map-legend-surge">
            <span className="map-legend__swatch map-legend__swatch--surge" aria-hidden="true" />
            surge this week ({surges})
          </li>
        )}
        <li>
          <span className="map-legend__dot" aria-hidden="true" />
          event
        </li>
        <li>
          <span className="map-legend__dot map-legend__dot--approximate" aria-hidden="true" />
          approximate place
        </li>
      </ul>
    </div>
  )
}
