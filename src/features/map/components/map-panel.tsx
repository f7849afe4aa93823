import { lazy, Suspense, useMemo, useState } from 'react'
import type { RegionDef } from '../../../domain/model.ts'
import { describeIndexWindow, describeScope, describeScored } from '../../../domain/panel-captions.ts'
import { lookupCountry } from '../../../domain/regions.ts'
import { regionName, selectCustomRegions, selectCubeError, selectCubePending, selectPanelStale } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { Panel } from '../../../ui/panel.tsx'
import { CubeNote } from '../../../ui/cube-note.tsx'
import { ExportButton } from '../../../ui/export-button.tsx'
import { useShading, type ShadeBy } from '../hooks/use-shading.ts'
import { useTileSettings } from '../hooks/use-tile-settings.ts'
import type { ShadeMeasure } from '../utils/palette.ts'
import { MAP_PRESETS, type MapPreset } from '../utils/presets.ts'
import { MapLegend } from './map-legend.tsx'
import { useSurgingPlaces } from '../hooks/use-surging-places.ts'
import { useMapStarted } from '../hooks/use-map-started.ts'
import './map-panel.css'
import { TileSettingsControl } from './tile-settings.tsx'

// Leaflet, the map code and the basemap load on first show, keeping the initial download small.
const GeoTable = lazy(() => import('./geo-table.tsx').then((m) => ({ default: m.GeoTable })))
const WorldMap = lazy(() => import('./world-map.tsx').then((m) => ({ default: m.WorldMap })))

type Tab = 'map' | 'table'

const mapLoading = <div className="world-map" role="status" aria-label="Loading the map" />

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

function nameOfPlace(shadeBy: ShadeBy, custom: readonly RegionDef[]): (id: string) => string {
  return (id) => (shadeBy === 'countries' ? (lookupCountry(id)?.name ?? id) : regionName(id, custom))
}

/**
 * Where: a map of countries or regions shaded by threat with the events on top, and a Table tab
 * that lists the same places as text. Every filter narrows it but its own selection (the places
 * clicked on it), which it shows as a selection: its neighbours stay shaded, dimmed. A click on a
 * place filters the dashboard by it.
 */
export function MapPanel() {
  const [tab, setTab] = useState<Tab>('map')
  const [shadeBy, setShadeBy] = useState<ShadeBy>('countries')
  const [measure, setMeasure] = useState<ShadeMeasure>('level')
  const [fitTo, setFitTo] = useState<{ preset: MapPreset } | null>(null)
  const [tiles, setTiles] = useTileSettings()
  const shading = useShading(shadeBy)
  const surging = useSurgingPlaces(shadeBy)
  const stale = useWatchfloor(selectPanelStale.map)
  // A warehouse's search whose cube is still coming (or failed): said over the faded content.
  const cubePending = useWatchfloor(selectCubePending)
  const cubeError = useWatchfloor(selectCubeError)
  const retryRemote = useWatchfloor((s) => s.retryRemote)
  const openExport = useWatchfloor((s) => s.openExport)
  const custom = useWatchfloor(selectCustomRegions)
  const indexWindow = useWatchfloor((s) => s.views.indexWindow)
  const hasData = useWatchfloor((s) => s.views.size > 0)
  const filter = useWatchfloor((s) => s.filter)
  const mapStarted = useMapStarted()
  // No data, no as-of: an as-of of 0 would read as 31 Dec 1969.
  const windowText = hasData ? describeIndexWindow(indexWindow) : ''
  const own = shadeBy === 'countries' ? 'countries' : 'regions'
  const ownSelection = (shadeBy === 'countries' ? filter.countries : filter.regions).map(nameOfPlace(shadeBy, custom))
  const nameOf = useMemo(() => nameOfPlace(shadeBy, custom), [shadeBy, custom])
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
      busy={stale}
      note={<CubeNote pending={cubePending} error={cubeError} onRetry={retryRemote} />}
      title="Where"
      subtitle={
        tab === 'map' ? (
          <>
            {hasData ? describeScored(measure === 'level' ? 'Highest level' : 'Threat score', indexWindow, describeScope(filter, custom, [own])) : 'Threat by place'}
            {' · '}
            {ownSelection.length > 0 ? (
              <span data-testid="map-selection">Selected: {ownSelection.join(', ')} (click again or Esc to clear)</span>
            ) : (
              'click a place to filter'
            )}
          </>
        ) : (
          ['Events by region and country', describeScope(filter, custom), 'click to filter'].filter((s) => s !== '').join(' · ')
        )
      }
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
          <Suspense fallback={mapLoading}>
            {mapStarted ? (
              <WorldMap
                shadeBy={shadeBy}
                measure={measure}
                shading={shading}
                fitTo={fitTo}
                tiles={tiles.enabled ? tiles.settings : null}
                nameOf={nameOf}
              >
                <MapLegend measure={measure} windowText={windowText} surges={surging.size} />
              </WorldMap>
            ) : (
              mapLoading
            )}
          </Suspense>
        </>
      ) : (
        <Suspense fallback={<div role="status">Loading the table…</div>}>
          <GeoTable />
        </Suspense>
      )}
    </Panel>
  )
}
