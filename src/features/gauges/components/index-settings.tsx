import { INDEX_METHODS, type IndexMethod } from '../../../domain/threat-index.ts'
import { LATEST_AS_OF } from '../../../domain/engine/views-engine.ts'
import { useWatchfloor } from '../../../state/store.ts'

export const METHOD_NAMES: Readonly<Record<IndexMethod, string>> = {
  recency: 'Recency-weighted severity',
  peak: 'Highest level and count',
}

const HALF_LIVES = [3, 7, 14, 30] as const
const TODAY = { mode: 'today' } as const

/** The index settings: method, half-life and the as-of switch (latest in data / today). */
export function IndexSettingsBar() {
  const settings = useWatchfloor((s) => s.indexSettings)
  const setIndexSettings = useWatchfloor((s) => s.setIndexSettings)
  const asOfMode = useWatchfloor((s) => s.asOfSetting.mode)
  const setAsOf = useWatchfloor((s) => s.setAsOf)
  const method = settings.method ?? 'recency'
  return (
    <details className="index-settings" data-testid="index-settings">
      <summary>
        Index: {METHOD_NAMES[method].toLowerCase()}
        {method === 'recency' ? `, half-life ${settings.halfLifeDays} d` : ''}, as of{' '}
        {asOfMode === 'today' ? 'today' : asOfMode === 'latest' ? 'latest event' : 'a fixed date'}
      </summary>
      <div className="index-settings__row">
        <label className="field field--inline">
          <span className="field__label">Method</span>
          <select
            data-testid="index-method"
            value={method}
            onChange={(e) => setIndexSettings({ ...settings, method: e.target.value as IndexMethod })}
          >
            {INDEX_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_NAMES[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span className="field__label">Half-life</span>
          <select
            data-testid="index-half-life"
            value={settings.halfLifeDays}
            disabled={method !== 'recency'}
            onChange={(e) => setIndexSettings({ ...settings, halfLifeDays: Number(e.target.value) })}
          >
            {HALF_LIVES.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </label>
        <div className="field field--inline" role="group" aria-label="As of">
          <span className="field__label">As of</span>
          <div className="segmented">
            <button type="button" aria-pressed={asOfMode === 'latest'} onClick={() => setAsOf(LATEST_AS_OF)}>
              Latest event
            </button>
            <button type="button" aria-pressed={asOfMode === 'today'} data-testid="as-of-today" onClick={() => setAsOf(TODAY)}>
              Today
            </button>
          </div>
        </div>
      </div>
    </details>
  )
}
