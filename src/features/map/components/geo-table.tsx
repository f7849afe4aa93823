import { useMemo } from 'react'
import type { ThreatLevel } from '../../../domain/model.ts'
import { lookupCountry } from '../../../domain/regions.ts'
import type { Facet } from '../../../domain/engine/views-engine.ts'
import { regionName, selectCustomRegions, selectHasFilters } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { NothingMatches } from '../../../ui/next-steps.tsx'
import { formatCount } from '../../../ui/format.ts'
import { LevelBadge } from '../../../ui/level-badge.tsx'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'

const LIMIT = 12

interface Row {
  readonly id: string
  readonly name: string
  readonly count: number
  readonly maxLevel: ThreatLevel
}

function topRows(tally: Facet, name: (id: string) => string): Row[] {
  const rows: Row[] = []
  tally.values.forEach((id, code) => {
    const count = tally.counts[code] ?? 0
    if (count > 0) rows.push({ id, name: name(id), count, maxLevel: tally.maxLevel[code] as ThreatLevel })
  })
  return rows.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, LIMIT)
}

interface BreakdownProps {
  readonly title: string
  readonly rows: readonly Row[]
  readonly selected: readonly string[]
  readonly onToggle: (id: string) => void
}

function Breakdown({ title, rows, selected, onToggle }: BreakdownProps) {
  const max = rows[0]?.count ?? 1
  return (
    <div className="breakdown">
      <h3 className="breakdown__title">{title}</h3>
      <ul>
        {rows.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className="breakdown__row"
              aria-pressed={selected.includes(r.id)}
              data-testid="geo-row"
              data-id={r.id}
              onClick={() => onToggle(r.id)}
              title={`${selected.includes(r.id) ? 'Stop filtering' : 'Filter'} by ${r.name}`}
            >
              <span className="breakdown__name">{r.name}</span>
              <span className="breakdown__bar" aria-hidden="true">
                <span style={{ width: `${(100 * r.count) / max}%`, background: LEVEL_COLOURS[r.maxLevel] }} />
              </span>
              <span className="breakdown__count">{formatCount(r.count)}</span>
              <LevelBadge level={r.maxLevel} />
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * The map's text alternative: regions and countries by event count, coloured by their highest
 * level. Ignores the region and country filters so neighbours stay visible; a click filters by one.
 */
export function GeoTable() {
  const regionFacet = useWatchfloor((s) => s.views.regions)
  const countryFacet = useWatchfloor((s) => s.views.countries)
  const custom = useWatchfloor(selectCustomRegions)
  const selectedRegions = useWatchfloor((s) => s.filter.regions)
  const selectedCountries = useWatchfloor((s) => s.filter.countries)
  const toggleRegion = useWatchfloor((s) => s.toggleRegion)
  const toggleCountry = useWatchfloor((s) => s.toggleCountry)
  const hasFilters = useWatchfloor(selectHasFilters)
  const clearFilters = useWatchfloor((s) => s.clearFilters)
  const regions = useMemo(
    () => topRows(regionFacet, (id) => regionName(id, custom)),
    [regionFacet, custom],
  )
  const countries = useMemo(
    () => topRows(countryFacet, (id) => lookupCountry(id)?.name ?? id),
    [countryFacet],
  )
  if (regions.length === 0 && countries.length === 0) return <NothingMatches what="places" onClear={hasFilters ? clearFilters : undefined} />
  return (
    <div className="breakdowns">
      <Breakdown title="Regions" rows={regions} selected={selectedRegions} onToggle={toggleRegion} />
      <Breakdown title="Countries" rows={countries} selected={selectedCountries} onToggle={toggleCountry} />
    </div>
  )
}
