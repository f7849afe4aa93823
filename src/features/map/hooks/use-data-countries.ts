import { useState } from 'react'
import { selectedCountries } from '../../../domain/engine/place-selection.ts'
import type { RegionDef } from '../../../domain/model.ts'
import type { Shading } from '../../../domain/engine/views-engine.ts'
import { useWatchfloor } from '../../../state/store.ts'
import type { ShadeBy } from './use-shading.ts'

/**
 * The countries the dataset has events in, for fitting the map to the data: taken from the
 * shading the first time it has places after a dataset is loaded, then kept for that dataset,
 * so a filter that empties a country does not move the map. Null before the shading has any
 * place. Regions (when the map shades by region) stand for their countries.
 */
export function useDataCountries(shading: Shading, shadeBy: ShadeBy, custom: readonly RegionDef[]): ReadonlySet<string> | null {
  const dataToken = useWatchfloor((s) => s.dataToken)
  const [kept, setKept] = useState<{ token: object; countries: ReadonlySet<string> } | null>(null)
  // Adjusted while rendering (React's pattern for state derived from a change), not in an effect.
  if (kept?.token !== dataToken && shading.size > 0) {
    const ids = [...shading.keys()]
    const countries = shadeBy === 'countries' ? new Set(ids) : selectedCountries({ regions: ids, countries: [] }, custom)
    if (countries !== null && countries.size > 0) {
      setKept({ token: dataToken, countries })
      return countries
    }
  }
  return kept?.token === dataToken ? kept.countries : null
}
