/**
 * Fill colours for the choropleth. Levels use the Okabe–Ito level palette (ui/level-style.ts);
 * scores use five steps of viridis, which stays ordered for colour-blind readers and in grey.
 * "No recent activity" is a hatched neutral, "no events" the bare land colour, so neither
 * reads as "low".
 */
import type { ThreatLevel } from '../../../domain/model.ts'
import { LEVEL_COLOURS, NO_ACTIVITY_COLOUR } from '../../../ui/level-style.ts'
import type { PlaceShade } from '../../../domain/engine/views-engine.ts'

export type ShadeMeasure = 'level' | 'score'

import { SCORE_COLOURS, scoreStep } from '../../../ui/score-style.ts'

// The score bands live in ui/score-style.ts, shared with the gauges' arcs.
export { SCORE_COLOURS, SCORE_STEPS, scoreStep } from '../../../ui/score-style.ts'

export interface ShapeStyle {
  readonly fillColor: string
  readonly fillOpacity: number
  /** True for "no recent activity": drawn dashed. */
  readonly quiet: boolean
}

/** The fill of a shape with this shade (undefined: no matching events at all). */
export function shapeStyle(shade: PlaceShade | undefined, measure: ShadeMeasure): ShapeStyle | null {
  if (shade === undefined) return null
  if (shade.level === null) return { fillColor: NO_ACTIVITY_COLOUR, fillOpacity: 0.35, quiet: true }
  if (measure === 'level') return { fillColor: LEVEL_COLOURS[shade.level as ThreatLevel], fillOpacity: 0.7, quiet: false }
  return { fillColor: SCORE_COLOURS[scoreStep(shade.score)]!, fillOpacity: 0.75, quiet: false }
}
