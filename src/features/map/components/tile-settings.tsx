import { useId, useState, type FormEvent } from 'react'
import { isTileUrl, type TileSettings } from '../utils/tiles.ts'

interface TileSettingsProps {
  readonly enabled: boolean
  readonly settings: TileSettings
  readonly onChange: (enabled: boolean, settings: TileSettings) => void
}

/**
 * The optional online basemap: off by default (the app makes no network request unless asked),
 * with the tile URL template and its attribution editable.
 */
export function TileSettingsControl({ enabled, settings, onChange }: TileSettingsProps) {
  const id = useId()
  const [url, setUrl] = useState(settings.url)
  const [attribution, setAttribution] = useState(settings.attribution)
  const valid = isTileUrl(url.trim())
  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (valid) onChange(enabled, { url: url.trim(), attribution: attribution.trim() })
  }
  return (
    <details className="tile-settings" data-testid="map-tile-settings">
      <summary>Basemap</summary>
      <form className="tile-settings__body" onSubmit={submit}>
        <label className="field field--inline">
          <input
            type="checkbox"
            checked={enabled}
            data-testid="map-tiles-toggle"
            onChange={(e) => onChange(e.target.checked && valid, { url: url.trim(), attribution: attribution.trim() })}
            disabled={!valid}
          />
          Online tiles (requests leave this machine)
        </label>
        <label className="field" htmlFor={`${id}-url`}>
          <span className="field__label">Tile URL</span>
          <input id={`${id}-url`} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…/{z}/{x}/{y}.png" />
        </label>
        <label className="field" htmlFor={`${id}-attribution`}>
          <span className="field__label">Attribution</span>
          <input id={`${id}-attribution`} value={attribution} onChange={(e) => setAttribution(e.target.value)} />
        </label>
        {!valid && <span className="tile-settings__hint">An http(s) URL with {'{z}'}, {'{x}'} and {'{y}'}.</span>}
        <button type="submit" className="button" disabled={!valid}>
          Apply
        </button>
      </form>
    </details>
  )
}
