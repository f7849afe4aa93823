import { useMemo, useState } from 'react'
import { lookupCountry } from '../../../domain/regions.ts'
import { regionName, selectCustomRegions } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { MAX_INDEX_LINES, subjectKey, type Facet, type IndexSubject } from '../../../domain/engine/views-engine.ts'
import type { IndexLine } from './level-chart.tsx'

/** How many of each kind the picker offers: the busiest under the current filters. */
const PER_KIND = 25

const NO_OPTIONS: Readonly<Record<IndexSubject['kind'], readonly string[]>> = { region: [], country: [], actor: [] }

function top(tally: Facet): string[] {
  const { values } = tally
  const codes = values.map((_, code) => code).filter((code) => (tally.counts[code] ?? 0) > 0)
  codes.sort((a, b) => tally.counts[b]! - tally.counts[a]! || (values[a]! < values[b]! ? -1 : 1))
  return codes.slice(0, PER_KIND).map((code) => values[code]!)
}

/** A subject's display name. */
export function useSubjectName(): (s: IndexSubject) => string {
  const custom = useWatchfloor(selectCustomRegions)
  return useMemo(
    () => (s: IndexSubject) => (s.kind === 'region' ? regionName(s.id, custom) : s.kind === 'country' ? (lookupCountry(s.id)?.name ?? s.id) : s.id),
    [custom],
  )
}

interface IndexPickerProps {
  readonly subjects: readonly IndexSubject[]
  readonly lines: readonly IndexLine[]
  readonly onChange: (subjects: readonly IndexSubject[]) => void
}

/** Chooses up to five regions, countries or actors whose threat index is drawn as a line; the chips are the lines' key. */
export function IndexPicker({ subjects, lines, onChange }: IndexPickerProps) {
  const regions = useWatchfloor((s) => s.views.regions)
  const countries = useWatchfloor((s) => s.views.countries)
  const actors = useWatchfloor((s) => s.views.actors)
  const nameOf = useSubjectName()
  // Options are ranked only once the picker is used, not on every filter change.
  const [armed, setArmed] = useState(false)
  const options = useMemo(
    () =>
      armed
        ? {
            region: top(regions),
            country: top(countries),
            actor: top(actors),
          }
        : NO_OPTIONS,
    [armed, regions, countries, actors],
  )
  const chosen = new Set(subjects.map(subjectKey))
  const full = subjects.length >= MAX_INDEX_LINES
  return (
    <div className="timeline-index">
      <select
        aria-label="Add a threat-index line"
        data-testid="timeline-index-add"
        value=""
        disabled={full}
        onFocus={() => setArmed(true)}
        onPointerDown={() => setArmed(true)}
        title={full ? `At most ${MAX_INDEX_LINES} index lines` : 'Draw the threat index (0–100) of a region, country or actor over time'}
        onChange={(e) => {
          const [kind, ...rest] = e.target.value.split(':')
          if (!kind || rest.length === 0) return
          onChange([...subjects, { kind: kind as IndexSubject['kind'], id: rest.join(':') }])
        }}
      >
        <option value="">{full ? 'Index lines: 5 of 5' : '+ Index line…'}</option>
        {(['region', 'country', 'actor'] as const).map((kind) => (
          <optgroup key={kind} label={kind === 'region' ? 'Regions' : kind === 'country' ? 'Countries' : 'Actors'}>
            {options[kind].map((id) => (
              <option key={id} value={`${kind}:${id}`} disabled={chosen.has(`${kind}:${id}`)}>
                {nameOf({ kind, id })}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {subjects.length > 0 && (
        <ul className="timeline-index__chips" aria-label="Index lines">
          {subjects.map((s, k) => (
            <li key={subjectKey(s)} className="chip">
              <svg width="18" height="8" aria-hidden="true" focusable="false">
                <line x1="0" y1="4" x2="18" y2="4" stroke={lines[k]?.colour} strokeWidth="2" strokeDasharray={lines[k]?.dash} />
              </svg>
              <span>{nameOf(s)}</span>
              <button type="button" aria-label={`Remove index line ${nameOf(s)}`} onClick={() => onChange(subjects.filter((_, i) => i !== k))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
