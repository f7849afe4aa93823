import { useState } from 'react'
import { bandKey } from '../../../domain/warning/band-key.ts'
import { weekStartMs } from '../../../domain/warning/weeks.ts'
import type { PlaceKind } from '../../../domain/warning/weekly-counts.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { formatDay } from '../../../ui/format.ts'
import { ExpectedBands } from './expected-bands.tsx'
import { SurgeSettings } from './surge-settings.tsx'
import { SurgeRow } from './surge-row.tsx'
import './surges.css'

type KindFilter = PlaceKind | 'all'

/**
 * The Surges tab: places whose last complete week stands out against their own history
 * (docs/early-warning.md), strongest first, with the method and what is counted as settings.
 * Computed on the whole table (filters do not apply), in a worker.
 */
export function SurgesView() {
  const warning = useWatchfloor((s) => s.warning)
  const settings = useWatchfloor((s) => s.warningSettings)
  const setSettings = useWatchfloor((s) => s.setWarningSettings)
  const selectRow = useWatchfloor((s) => s.selectRow)
  const watchlist = useWatchfloor((s) => s.watchlist)
  const timelineBands = useWatchfloor((s) => s.timelineBands)
  const [kind, setKind] = useState<KindFilter>('all')

  const controls = (
    <div className="surges__controls">
      <label className="field field--inline">
        <span className="field__label">Method</span>
        <select data-testid="surge-method" value={settings.method} onChange={(e) => setSettings({ method: e.target.value === 'acled' ? 'acled' : 'stat' })}>
          <option value="stat">Statistical</option>
          <option value="acled">ACLED-style rule</option>
        </select>
      </label>
      <SurgeSettings settings={settings} onChange={setSettings} />
      <label className="field field--inline">
        <span className="field__label">Count</span>
        <select data-testid="surge-measure" value={settings.measure} onChange={(e) => setSettings({ measure: e.target.value === 'weighted' ? 'weighted' : 'count' })}>
          <option value="count">Events</option>
          <option value="weighted">Severity-weighted</option>
        </select>
      </label>
      <label className="field field--inline">
        <span className="field__label">Places</span>
        <select data-testid="surge-kind" value={kind} onChange={(e) => setKind(e.target.value as KindFilter)}>
          <option value="all">All</option>
          <option value="country">Countries</option>
          <option value="region">Regions</option>
          <option value="actor">Actors</option>
        </select>
      </label>
    </div>
  )

  if (warning.status === 'idle') return <p className="muted">Load data to look for surges.</p>
  if (warning.status === 'failed') {
    return (
      <div className="surges">
        {controls}
        <p role="alert" className="surges__error">Early warning could not be computed: {warning.reason}</p>
      </div>
    )
  }
  if (warning.status === 'computing') {
    return (
      <div className="surges">
        {controls}
        <div role="status" className="surges__progress" data-testid="surges-progress">
          <span>Looking for surges… {Math.round(warning.fraction * 100)} %</span>
          <progress max={1} value={warning.fraction} aria-label="Early warning progress" />
        </div>
      </div>
    )
  }
  const { result } = warning
  const shown = kind === 'all' ? result.surges : result.surges.filter((s) => s.kind === kind)
  const weekLabel = formatDay(weekStartMs(result.week))
  return (
    <div className="surges" data-testid="surges" data-week={weekLabel}>
      {controls}
      <p className="surges__summary muted" data-testid="surges-summary">
        Week of {weekLabel} (the last complete week at the as-of date): {result.surges.length} surge{result.surges.length === 1 ? '' : 's'} among {result.judged} places judged
        {result.tooLittleHistory > 0 ? `; ${result.tooLittleHistory} with too little history, not judged` : ''}
        {result.settings.method === 'stat'
          ? ` (false discovery rate ${result.settings.falseDiscoveryRate})`
          : ` (rule: more than ${result.settings.acledRatio} × the 4- and 52-week averages)`}
        .
      </p>
      {shown.length === 0 ? (
        <p className="muted" data-testid="surges-empty">
          No {kind === 'all' ? 'place' : kind} stands out against its own history this week.
        </p>
      ) : (
        <ul className="surges__list">
          {shown.map((s) => (
            <SurgeRow key={`${s.kind}:${s.place}`} surge={s} onSelectEvent={selectRow} />
          ))}
        </ul>
      )}
      <ExpectedBands bands={result.bands.filter((b) => b.kind === 'all' || timelineBands.includes(bandKey(b)) || watchlist.some((w) => w.kind === b.kind && w.value === b.place))} />
    </div>
  )
}
