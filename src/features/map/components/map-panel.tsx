import { lazy, Suspense, useCallback, useState } from 'react'
import { lookupCountry } from '../../../domain/regions.ts'
import { regionName, selectCustomRegions } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { Panel } from '../../../ui/panel.tsx'
import { ExportButton } from '../../../ui/export-button.tsx'
import { useShading, type ShadeBy } from '../hooks/use-shading.ts'
import { useTileSettings } from '../hooks/use-tile-settings.ts'
import type { ShadeMeasure } from '../utils/palette.ts'
import { MAP_PRESETS, type MapPreset } from '../utils/presets.ts'
import { GeoTable } from './geo-table.tsx'
import { MapLegend } from './map-legend.tsx'
import { useSurgingPlaces } from '../hooks/use-surging-places.ts'
import './map-panel.css'
import { TileSettingsControl } from './tile-settings.tsx'

// Leaflet, the map code and the basemap load on first show, keeping the initial download small.
const WorldMap = lazy(() => import('./world-map.tsx').then((m) => ({ default: m.WorldMap })))

type Tab = 'map' | 'table'

function MapTabs({ tab, onTab }: { readonly tab: Tab; readonly onTab: (tab: Tab) => void }) {
  return (
    <div className="segmented" role="tablist" aria-label="Map or table">
      {(['map', 'table'] as const).map((t) => (
        <button
          key={t}
          type="button"
          role="tab"
          aria-selected={tab === t}
          data-testid={`map-tab-${t}`}
          onClick={() => onTab(t)}
        >
          {t === 'map' ? 'Map' : 'Table'}
        </button>
      ))}
    </div>
  )
}

/**
 * Where: a map of countries or regions shaded by threat with the events on top, and a Table tab
 * that lists the same places as text. Ignores its own region and country filters so neighbours
 * stay visible; a click on a place filters the dashboard by it.
 */
export function MapPanel() {
  const [tab, setTab] = useState<Tab>('map')
  const [shadeBy, setShadeBy] = useState<ShadeBy>('countries')
  const [measure, setMeasure] = useState<ShadeMeasure>('level')
  const [fitTo, setFitTo] = useState<{ preset: MapPreset } | null>(null)
  const [tiles, setTiles] = useTileSettings()
  const shading = useShading(shadeBy)
  const surging = useSurgingPlaces(shadeBy)
  const openExport = useWatchfloor((s) => s.openExport)
  const custom = useWatchfloor(selectCustomRegions)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const windowDays = useWatchfloor((s) => s.indexSettings.windowDays)
  const nameOf = useCallback(
    (id: string) => (shadeBy === 'countries' ? (lookupCountry(id)?.name ?? id) : regionName(id, custom)),
    [shadeBy, custom],
  )
  const controls = (
    <div className="map-controls">
      <MapTabs tab={tab} onTab={setTab} />
      {tab === 'map' && (
        <>
          <select
            value={shadeBy}
            aria-label="Shade countries or regions"
            data-testid="map-shade-by"
            onChange={(e) => setShadeBy(e.target.value as ShadeBy)}
          >
            <option value="countries">Countries</option>
            <option value="regions">Regions</option>
          </select>
          <select
            value={measure}
            aria-label="Shade by level or score"
            data-testid="map-measure"
            onChange={(e) => setMeasure(e.target.value as ShadeMeasure)}
          >
            <option value="level">by level</option>
            <option value="score">by score</option>
          </select>
          <select
            value=""
            aria-label="Go to a region"
            data-testid="map-preset"
            onChange={(e) => {
              const preset = MAP_PRESETS.find((p) => p.id === e.target.value)
              if (preset) setFitTo({ preset })
            }}
          >
            <option value="">Go to…</option>
            {MAP_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <TileSettingsControl enabled={tiles.enabled} settings={tiles.settings} onChange={setTiles} />
        </>
      )}
    </div>
  )
  return (
    <Panel
      name="map"
      title="Where"
      subtitle={tab === 'map' ? 'Click a place to filter, again or Esc to clear' : 'Events by region and country; click to filter'}
      actions={
        <>
          {controls}
          <ExportButton panel="map" onExport={openExport} />
        </>
      }
      className="map-panel"
    >
      {tab === 'map' ? (
        <>
          <Suspense fallback={<div className="world-map" role="status" aria-label="Loading the map" />}>
            <WorldMap
              shadeBy={shadeBy}
              measure={measure}
              shading={shading}
              fitTo={fitTo}
              tiles={tiles.enabled ? tiles.settings : null}
              nameOf={nameOf}
            >
              <MapLegend measure={measure} asOfMs={asOfMs} windowDays={windowDays} surges={surging.size} />
            </WorldMap>
          </Suspense>
        </>
      ) : (
        <GeoTable />
      )}
    </Panel>
  )
}
