import type { ThreatLevel } from '../domain/model.ts'
import { LEVEL_COLOURS, LEVEL_GLYPHS, NO_ACTIVITY_COLOUR, levelLabel } from './level-style.ts'

interface LevelBadgeProps {
  readonly level: ThreatLevel | null
  /** Show the number and label ("4 high"); otherwise the number only, with the label as a title. */
  readonly withLabel?: boolean
}

/** A threat level as a coloured chip with its number, glyph and (optionally) label. */
export function LevelBadge({ level, withLabel = false }: LevelBadgeProps) {
  const colour = level === null ? NO_ACTIVITY_COLOUR : LEVEL_COLOURS[level]
  return (
    <span
      className={`level-badge${level === null ? ' level-badge--none' : ''}`}
      style={{ borderColor: colour, ['--level-colour' as string]: colour }}
      title={`Level ${level ?? '–'}: ${levelLabel(level)}`}
    >
      <span aria-hidden="true" className="level-badge__glyph" style={{ color: colour }}>
        {level === null ? '·' : LEVEL_GLYPHS[level]}
      </span>
      <span>{level ?? '–'}</span>
      {withLabel && <span className="level-badge__label">{levelLabel(level)}</span>}
    </span>
  )
}
