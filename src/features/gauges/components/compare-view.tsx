import { useEffect, useMemo, useState } from 'react'
import { csvForSpreadsheets } from '../../../domain/export/csv.ts'
import { isoDay } from '../../../domain/dates.ts'
import { comparisonCsv } from '../../../domain/period-comparison.ts'
import type { RegionGauge } from '../../../domain/engine/views-engine.ts'
import { regionName, selectCustomRegions, selectDataComing } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { formatDay, formatDelta } from '../../../ui/format.ts'
import { LevelBadge } from '../../../ui/level-badge.tsx'
import { useGauges } from '../hooks/use-gauges.ts'
import { downloadText } from '../../../lib/download.ts'

const NO_GAUGES: readonly RegionGauge[] = []

/**
 * This window against the previous one for chosen regions: level, score, events and delta,
 * exportable as CSV. Starts with the watched and most-affected regions.
 */
export function CompareView() {
  const size = useWatchfloor((s) => s.views.size)
  const regionFacet = useWatchfloor((s) => s.views.regions)
  const rows = useWatchfloor((s) => s.views.compare)
  const setAsk = useWatchfloor((s) => s.setAsk)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const settings = useWatchfloor((s) => s.indexSettings)
  const watchlist = useWatchfloor((s) => s.watchlist)
  const custom = useWatchfloor(selectCustomRegions)
  const topRegions = useGauges()?.regions ?? NO_GAUGES
  const [chosen, setChosen] = useState<readonly string[] | null>(null)

  const defaults = useMemo(() => {
    const ids = [...watchlist.filter((w) => w.kind === 'region').map((w) => w.value), ...topRegions.map((g) => g.regionId)]
    return [...new Set(ids)]
  }, [watchlist, topRegions])
  const selected = chosen ?? defaults
  const coming = useWatchfloor(selectDataComing)
  const available = useMemo(
    () =>
      regionFacet.values
        .map((id) => ({ id, name: regionName(id, custom) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [regionFacet, custom],
  )
  // The comparison is asked for while this view is open, and for the regions chosen.
  const selectedKey = selected.join('\n')
  useEffect(() => {
    setAsk('compare', selectedKey === '' ? [] : selectedKey.split('\n'))
    return () => setAsk('compare', null)
  }, [selectedKey, setAsk])

  if (size === 0) return <p className="muted">{coming ?? 'No data loaded yet.'}</p>
  const days = settings.windowDays
  if (rows === null) return <p className="muted">Comparing…</p>
  const exportCsv = (): void =>
    downloadText(`watchfloor-comparison-${isoDay(asOfMs - 1)}.csv`, csvForSpreadsheets(comparisonCsv(rows, asOfMs, days)), 'text/csv;charset=utf-8')

  return (
    <div className="compare" data-testid="compare">
      <div className="compare__toolbar">
        <label className="field field--inline">
          <span className="field__label">Add region</span>
          <select
            data-testid="compare-add"
            value=""
            onChange={(e) => e.target.value && setChosen([...selected.filter((id) => id !== e.target.value), e.target.value])}
          >
            <option value="">Choose…</option>
            {available
              .filter((r) => !selected.includes(r.id))
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </select>
        </label>
        <button type="button" className="button" data-testid="compare-export-csv" disabled={rows.length === 0} onClick={exportCsv}>
          Export CSV
        </button>
      </div>
      <table className="data-table compare__table">
        <caption>
          The {days} days to {formatDay(asOfMs - 1)} against the {days} days before
        </caption>
        <thead>
          <tr>
            <th scope="col">Region</th>
            <th scope="col">Level (before → now)</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col" className="num">
              Δ
            </th>
            <th scope="col" className="num">
              Events (before → now)
            </th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.target.value} data-testid="compare-row" data-region={r.target.value}>
              <th scope="row">{r.label}</th>
              <td>
                <LevelBadge level={r.previousLevel} /> → <LevelBadge level={r.level} />
              </td>
              <td className="num">
                {r.score} <span className="muted">({r.previousScore})</span>
              </td>
              <td className={`num${r.delta > 0 ? ' compare__up' : ''}`}>{formatDelta(r.delta)}</td>
              <td className="num">
                {r.previousEvents} → {r.events}
              </td>
              <td>
                <button
                  type="button"
                  className="icon-button icon-button--small"
                  aria-label={`Remove ${r.label} from the comparison`}
                  onClick={() => setChosen(selected.filter((id) => id !== r.target.value))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">Add a region to compare.</p>}
    </div>
  )
}
