import { useMemo, useState } from 'react'
import { regionTouchesSelection, selectedCountries } from '../../../domain/engine/place-selection.ts'
import type { LeafletMap } from '../../../lib/leaflet/leaflet.ts'
import { selectCustomRegions } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import type { MapShape } from '../utils/world-shapes.ts'
import type { Shading } from '../../../domain/engine/views-engine.ts'
import { useDataCountries } from './use-data-countries.ts'
import { useFitSelection } from './use-fit-selection.ts'
import type { ShadeBy } from './use-shading.ts'

const NONE: readonly string[] = []

/**
 * How the map shows the place selection: it dims the places outside it (its own clicks included,
 * so a selected country stands out among its shaded neighbours) and fits itself to the selection
 * made elsewhere (a region chosen in the filter bar or from a gauge), not to its own clicks, which
 * would move the map under the pointer; with no selection it fits itself to the data. Returns whether a place id is outside the selection.
 */
export function useSelectionView(
  map: LeafletMap | null,
  countryShapes: readonly MapShape[] | null,
  shadeBy: ShadeBy,
  shading: Shading,
): (id: string) => boolean {
  const regions = useWatchfloor((s) => s.filter.regions)
  const countries = useWatchfloor((s) => s.filter.countries)
  const custom = useWatchfloor(selectCustomRegions)
  // A view from the URL is kept on first show; a selection made later fits the map.
  const [keepInitialView] = useState(() => useWatchfloor.getState().mapView !== null)

  const outside = useMemo(() => {
    const filter = { regions, countries }
    const selection = selectedCountries(filter, custom)
    if (selection === null) return () => false
    return shadeBy === 'countries' ? (id: string) => !selection.has(id) : (id: string) => !regionTouchesSelection(id, filter, selection, custom)
  }, [regions, countries, custom, shadeBy])

  const elsewhere = useMemo(() => (shadeBy === 'countries' ? { regions, countries: NONE } : { regions: NONE, countries }), [shadeBy, regions, countries])
  const fitCountries = useMemo(() => selectedCountries(elsewhere, custom), [elsewhere, custom])
  const dataCountries = useDataCountries(shading, shadeBy, custom)
  useFitSelection(map, countryShapes, elsewhere, fitCountries, dataCountries, keepInitialView)
  return outside
}
