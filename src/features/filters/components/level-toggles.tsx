import { LEVEL_LABELS, THREAT_LEVELS } from '../../../domain/model.ts'
import { selectCubeKept, selectCubePending } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { LEVEL_COLOURS, LEVEL_GLYPHS } from '../../../ui/level-style.ts'
import { formatCount } from '../../../ui/format.ts'

/** One toggle per level, with the count each would show (level filter ignored). */
export function LevelToggles() {
  const levels = useWatchfloor((s) => s.filter.levels)
  const counts = useWatchfloor((s) => s.views.levelCounts)
  const toggleLevel = useWatchfloor((s) => s.toggleLevel)
  // A warehouse's search whose cube is still coming, or failed: the counts per level are not known.
  const counting = useWatchfloor(selectCubePending)
  const unknown = useWatchfloor(selectCubeKept)
  return (
    <div className="level-toggles" role="group" aria-label="Threat levels" aria-busy={counting || undefined}>
      {THREAT_LEVELS.map((level) => {
        const on = levels.length === 0 || levels.includes(level)
        return (
          <button
            key={level}
            type="button"
            className={`level-toggle${on ? ' level-toggle--on' : ''}`}
            data-testid={`filter-level-${level}`}
            aria-pressed={levels.includes(level)}
            title={`${levels.includes(level) ? 'Stop showing only' : 'Show only'} level ${level} (${LEVEL_LABELS[level]}); others can be added`}
            onClick={() => toggleLevel(level)}
            style={{ ['--level-colour' as string]: LEVEL_COLOURS[level] }}
          >
            <span aria-hidden="true" className="level-toggle__glyph">
              {LEVEL_GLYPHS[level]}
            </span>
            <span className="level-toggle__name">
              {level} {LEVEL_LABELS[level]}
            </span>
            <span className="level-toggle__count" title={counting ? 'Still counting…' : unknown ? 'Not counted: the counts could not be fetched' : undefined}>
              {unknown ? '…' : formatCount(counts[level] ?? 0)}
            </span>
          </button>
        )
      })}
    </div>
  )
}
