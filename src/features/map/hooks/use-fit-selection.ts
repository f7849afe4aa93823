import { useEffect, useRef } from 'react'
import type { LeafletKeyboardEvent, LeafletMap } from '../../../lib/leaflet/leaflet.ts'
import { MAP_PRESETS } from '../utils/presets.ts'
import { selectionBounds, type Bounds } from '../utils/selection-bounds.ts'
import type { MapShape } from '../utils/world-shapes.ts'

const WORLD = MAP_PRESETS[0]!.bounds as Bounds
/** A selection of one small country is not fitted closer than this. */
const MAX_FIT_ZOOM = 6

/**
 * The data's box without the polar reaches the world view leaves out too (Russia's Arctic
 * islands, Antarctica): they would shrink the map to fit ice where no event is.
 */
function withinWorld([[south, west], [north, east]]: Bounds): Bounds {
  const [[worldSouth], [worldNorth]] = WORLD
  return [
    [Math.max(south, worldSouth), west],
    [Math.min(north, worldNorth), east],
  ]
}

/**
 * Fits the map to the place selection when it changes (a region's preset box when there is one,
 * else the box round its countries' shapes), and with no selection to the places the data
 * covers (the world while there is none); fits again when the map is resized (a maximised panel,
 * a window made larger or smaller) as long as the user has not moved or zoomed the map since
 * the last fit. A view given by the URL, or one the user chose before the data's places came, is
 * kept until the selection changes.
 */
export function useFitSelection(
  map: LeafletMap | null,
  countryShapes: readonly MapShape[] | null,
  selected: { readonly regions: readonly string[]; readonly countries: readonly string[] },
  /** Every country of the selection (selectedCountries), or null when no place is selected. */
  countries: ReadonlySet<string> | null,
  /** The countries the dataset has events in (stable per dataset), or null before there are any. */
  dataCountries: ReadonlySet<string> | null,
  keepInitialView: boolean,
): void {
  const { regions } = selected
  const onlyRegion = regions.length === 1 && selected.countries.length === 0 ? regions[0]! : null
  // The box of the last fit, and whether the user has moved the map since (a URL's view counts).
  const fittedBounds = useRef<Bounds | null>(null)
  const userMoved = useRef(keepInitialView)
  const urlView = useRef(keepInitialView)
  const fitting = useRef(false)
  const fitRef = useRef<((bounds: Bounds) => void) | null>(null)
  const key =
    countries === null
      ? `data:${dataCountries === null || !countryShapes ? '' : [...dataCountries].sort().join(',')}`
      : [...regions, '|', ...[...countries].sort()].join(',')
  const lastKey = useRef<string | null>(null)

  useEffect(() => {
    if (!map) return
    // Our own fits zoom the map too: only a zoom or drag outside them is the user's.
    const moved = (): void => {
      if (!fitting.current) userMoved.current = true
    }
    const onKey = (e: LeafletKeyboardEvent): void => {
      if (/^(Arrow|\+|-|=)/.test(e.originalEvent.key)) moved()
    }
    const onResize = (): void => {
      if (!userMoved.current && fittedBounds.current !== null) fit(fittedBounds.current)
    }
    const fit = (bounds: Bounds): void => {
      const size = map.getSize()
      // A map with no size yet (hidden, or not laid out) is fitted when it gets one.
      if (size.x === 0 || size.y === 0) return
      fitting.current = true
      try {
        map.fitBounds(bounds, { padding: [12, 12], maxZoom: MAX_FIT_ZOOM, animate: false })
      } finally {
        fitting.current = false
      }
    }
    fitRef.current = (bounds) => {
      fittedBounds.current = bounds
      userMoved.current = false
      urlView.current = false
      fit(bounds)
    }
    map.on('dragstart zoomstart', moved)
    map.on('keydown', onKey)
    map.on('resize', onResize)
    return () => {
      map.off('dragstart zoomstart', moved)
      map.off('keydown', onKey)
      map.off('resize', onResize)
      fitRef.current = null
    }
  }, [map])

  useEffect(() => {
    if (!map || !fitRef.current || (countries !== null && !countryShapes)) return
    if (key === lastKey.current) return
    const fromData = lastKey.current?.startsWith('data:') === true
    lastKey.current = key
    if (countries === null) {
      // A view from the URL stays until the user selects a place; so does a view the user chose
      // while the data's places were still coming (the map starts before the data has arrived).
      // A selection cleared brings the data's view back.
      if (urlView.current || (fromData && userMoved.current)) return
      const dataBounds = dataCountries !== null && countryShapes ? selectionBounds(countryShapes, dataCountries) : null
      fitRef.current(dataBounds === null ? WORLD : withinWorld(dataBounds))
      return
    }
    // One region with a hand-made box (Eastern Europe without Siberia) is fitted to that box.
    const preset = onlyRegion === null ? undefined : MAP_PRESETS.find((p) => p.id === onlyRegion)
    const bounds = preset !== undefined ? (preset.bounds as Bounds) : selectionBounds(countryShapes!, countries)
    if (bounds !== null) fitRef.current(bounds)
  }, [map, countryShapes, key, onlyRegion, countries, dataCountries])
}
