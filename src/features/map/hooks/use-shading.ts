import { useMemo } from 'react'
import { useWatchfloor } from '../../../state/store.ts'
import { STAGED_ROWS, useStagedRender } from '../../../ui/use-staged-render.ts'
import { shadePlaces, type Shading } from '../utils/shading.ts'

export type ShadeBy = 'countries' | 'regions'

const NO_SHADING: Shading = new Map()

/** Threat level and score per country or region for the choropleth, recomputed when data or filters change. */
export function useShading(by: ShadeBy): Shading {
  const table = useWatchfloor((s) => s.table)
  const mask = useWatchfloor((s) => s.mask)
  const views = useWatchfloor((s) => s.views)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const settings = useWatchfloor((s) => s.indexSettings)
  // A large new table is shaded in a later task of its own, after the count has painted.
  const ready = useStagedRender(table, table.size >= STAGED_ROWS)
  return useMemo(
    () =>
      !ready
        ? NO_SHADING
        : by === 'countries'
        ? shadePlaces(table, table.places.countries, views.countries, mask, asOfMs, settings)
        : shadePlaces(table, table.places.regions, views.regions, mask, asOfMs, settings),
    [ready, by, table, mask, views, asOfMs, settings],
  )
}
