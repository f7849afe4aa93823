import type { ThreatLevel } from '../../model.ts'
import type { PictureColours } from './colours.ts'
import type { MeasureText } from './measure.ts'
import type { TypeScale } from './presets.ts'

/** What every chart drawer is given besides its data and box. */
export interface ChartContext {
  readonly measure: MeasureText
  readonly type: TypeScale
  readonly colours: PictureColours
  readonly levelColours: Readonly<Record<ThreatLevel, string>>
  /** Prefix for ids (patterns, clip paths) so that several pictures can share a page. */
  readonly idPrefix: string
}
