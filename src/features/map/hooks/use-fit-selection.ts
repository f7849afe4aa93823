import { useEffect, useRef } from 'react'
import type { LeafletMap } from '../../../lib/leaflet/leaflet.ts'
import { MAP_PRESETS } from '../utils/presets.ts'
import { selectionBounds, type Bounds } from '../utils/selection-bounds.ts'
import type { MapShape } from '../utils/world-shapes.ts'

const WORLD = MAP_PRESETS[0]!.bounds as Bounds
/** A selection of one small country is not fitted closer than this. */
const MAX_FIT_ZOOM = 6

/** The view a fit left the map at: a resize re-fits only while the map is still there. */
interface FittedView {
  readonly bounds: Bounds
  readonly lat: number
  readonly lng: number
  readonly zoom: number
}

/** Fits the map to `bounds` (a map with no size yet, hidden or not laid out, is left alone) and notes the view. */
function fit(map: LeafletMap, bounds: Bounds): FittedView {
  const size = map.getSize()
  if (size.x > 0 && size.y > 0) map.fitBounds(bounds, { padding: [12, 12], maxZoom: MAX_FIT_ZOOM, animate: false })
  return viewAt(map, bounds)
}

function viewAt(map: LeafletMap, bounds: Bounds): FittedView {
  const c = map.getCenter()
  return { bounds, lat: c.lat, lng: c.lng, zoom: map.getZoom() }
}

function stillAt(map: LeafletMap, view: FittedView): boolean {
  const c = map.getCenter()
  return map.getZoom() === view.zoom && Math.abs(c.lat - view.lat) < 1e-6 && Math.abs(c.lng - view.lng) < 1e-6
}

/**
 * Fits the map to the place selection when it changes (a region's preset box when there is one,
 * else the box round its countries' shapes), back to the world when it is cleared, and fits
 * again when the map is resized (a maximised panel, a window made larger) as long as the user
 * has not moved the map since. A view given by the URL is kept until the selection changes.
 */
export function useFitSelection(
  map: LeafletMap | null,
  countryShapes: readonly MapShape[] | null,
  selected: { readonly regions: readonly string[]; readonly countries: readonly string[] },
  /** Every country of the selection (selectedCountries), or null when no place is selected. */
  countries: ReadonlySet<string> | null,
  keepInitialView: boolean,
): void {
  const { regions } = selected
  const onlyRegion = regions.length === 1 && selected.countries.length === 0 ? regions[0]! : null
  const fitted = useRef<FittedView | null>(null)
  const key = countries === null ? '' : [...regions, '|', ...[...countries].sort()].join(',')
  const lastKey = useRef<string | null>(null)

  useEffect(() => {
    if (!map || (countries !== null && !countryShapes)) return
    const first = lastKey.current === null
    if (key === lastKey.current) return
    lastKey.current = key
    if (countries === null) {
      // On first show the map is already fitted to the world (or shows the URL's view, kept as given).
      if (first) fitted.current = keepInitialView ? null : viewAt(map, WORLD)
      else fitted.current = fit(map, WORLD)
      return
    }
    // One region with a hand-made box (Eastern Europe without Siberia) is fitted to that box.
    const preset = onlyRegion === null ? undefined : MAP_PRESETS.find((p) => p.id === onlyRegion)
    const bounds = preset !== undefined ? (preset.bounds as Bounds) : selectionBounds(countryShapes!, countries)
    if (bounds !== null) fitted.current = fit(map, bounds)
  }, [map, countryShapes, key, onlyRegion, countries, keepInitialView])

  useEffect(() => {
    if (!map) return
    const onResize = (): void => {
      const view = fitted.current
      if (view !== null && stillAt(map, view)) fitted.current = fit(map, view.bounds)
    }
    map.on('resize', onResize)
    return () => {
      map.off('resize', onResize)
    }
  }, [map])
}
