import { useMemo, useState, type FormEvent } from 'react'
import { watchItemId } from '../../../domain/alerts.ts'
import { THREAT_LEVELS, type ThreatLevel } from '../../../domain/model.ts'
import type { TargetKind } from '../../../domain/threat-index.ts'
import { selectCustomRegions } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { levelLabel } from '../../../ui/level-style.ts'
import { KIND_NAMES, targetLabel, targetOptions } from '../utils/target-options.ts'
import './alerts.css'

const KINDS: readonly TargetKind[] = ['region', 'country', 'actor']

/** Parses the rise field: a positive number of points, or null for "no rise alert". */
function riseOf(text: string): number | null {
  const n = Number(text)
  return text.trim() === '' || !Number.isFinite(n) || n <= 0 ? null : n
}

/** The watchlist: pick regions, countries or actors, each with a threshold level and a rise threshold. */
export function WatchlistView() {
  const custom = useWatchfloor(selectCustomRegions)
  const watchlist = useWatchfloor((s) => s.watchlist)
  const windowDays = useWatchfloor((s) => s.indexSettings.windowDays)
  const addWatchItem = useWatchfloor((s) => s.addWatchItem)
  const updateWatchItem = useWatchfloor((s) => s.updateWatchItem)
  const removeWatchItem = useWatchfloor((s) => s.removeWatchItem)
  const [kind, setKind] = useState<TargetKind>('region')
  const [value, setValue] = useState('')
  const [threshold, setThreshold] = useState<ThreatLevel>(4)
  const [rise, setRise] = useState('15')
  // Every value of the kind in the data (a facet's values stay the same object while the data does).
  const values = useWatchfloor((s) => (kind === 'region' ? s.views.regions.values : kind === 'country' ? s.views.countries.values : s.views.actors.values))
  const options = useMemo(() => targetOptions(values, kind, custom), [values, kind, custom])

  const add = (e: FormEvent): void => {
    e.preventDefault()
    if (value === '') return
    const target = { kind, value }
    addWatchItem({
      ...target,
      id: watchItemId(target),
      label: targetLabel(kind, value, custom),
      thresholdLevel: threshold,
      risePoints: riseOf(rise),
      muted: false,
      surge: true,
    })
    setValue('')
  }

  return (
    <div className="watchlist" data-testid="watchlist">
      <form className="watchlist__form" onSubmit={add} aria-label="Add to the watchlist">
        <label className="field">
          <span className="field__label">Watch</span>
          <select
            data-testid="watch-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as TargetKind)
              setValue('')
            }}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field watchlist__target">
          <span className="field__label">{KIND_NAMES[kind]}</span>
          <select data-testid="watch-target" value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">Choose…</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Alert at level</span>
          <select data-testid="watch-threshold" value={threshold} onChange={(e) => setThreshold(Number(e.target.value) as ThreatLevel)}>
            {THREAT_LEVELS.map((l) => (
              <option key={l} value={l}>
                ≥ {l} {levelLabel(l)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">or rise of (points)</span>
          <input
            data-testid="watch-rise"
            type="number"
            min={1}
            max={100}
            step={1}
            inputMode="numeric"
            placeholder="none"
            value={rise}
            onChange={(e) => setRise(e.target.value)}
            className="watchlist__rise"
          />
        </label>
        <button type="submit" className="button" data-testid="watch-add" disabled={value === ''}>
          Watch
        </button>
      </form>
      {watchlist.length === 0 ? (
        <p className="muted">
          Nothing watched yet. A watched item gets its own gauge and raises an alert when its level reaches the threshold,
          its score rises by the given points against the previous {windowDays} days, or (with Surge ticked) early warning
          finds a surge there.
        </p>
      ) : (
        <ul className="watchlist__items">
          {watchlist.map((w) => (
            <li key={w.id} className={`watchlist__item${w.muted ? ' watchlist__item--muted' : ''}`} data-testid="watch-item" data-id={w.id}>
              <span className="watchlist__name">
                <span className="tag tag--muted">{KIND_NAMES[w.kind]}</span> {w.label}
              </span>
              <label className="field field--inline">
                <span className="visually-hidden">Alert level for {w.label}</span>
                <select
                  value={w.thresholdLevel}
                  onChange={(e) => updateWatchItem(w.id, { thresholdLevel: Number(e.target.value) as ThreatLevel })}
                >
                  {THREAT_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      ≥ {l}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field field--inline">
                <span className="visually-hidden">Rise threshold for {w.label}, points</span>
                <input
                  type="number"
                  min={1}
                  max={100}
                  placeholder="no rise"
                  className="watchlist__rise"
                  defaultValue={w.risePoints ?? ''}
                  onBlur={(e) => updateWatchItem(w.id, { risePoints: riseOf(e.target.value) })}
                />
              </label>
              <label className="field field--inline" title="Alert when early warning finds a surge here">
                <input
                  type="checkbox"
                  data-testid="watch-surge"
                  checked={w.surge === true}
                  onChange={(e) => updateWatchItem(w.id, { surge: e.target.checked })}
                />
                <span>Surge</span>
              </label>
              <button
                type="button"
                className="button button--small"
                aria-pressed={w.muted}
                onClick={() => updateWatchItem(w.id, { muted: !w.muted })}
              >
                {w.muted ? 'Muted' : 'Mute'}
              </button>
              <button
                type="button"
                className="icon-button icon-button--small"
                aria-label={`Stop watching ${w.label}`}
                onClick={() => removeWatchItem(w.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
