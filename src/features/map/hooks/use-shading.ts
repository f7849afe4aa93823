import { useEffect } from 'react'
import type { Shading } from '../../../domain/engine/views-engine.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { useStagedRender } from '../../../ui/use-staged-render.ts'

export type ShadeBy = 'countries' | 'regions'

const NO_SHADING: Shading = new Map()

/** Threat level and score per country or region for the choropleth: the map asks the engine, and reads its answer. */
export function useShading(by: ShadeBy): Shading {
  const setAsk = useWatchfloor((s) => s.setAsk)
  const map = useWatchfloor((s) => s.views.map)
  const dataToken = useWatchfloor((s) => s.dataToken)
  const drawInStages = useWatchfloor((s) => s.drawInStages)
  // A large new table (or the page's first) is shaded in a later task of its own, after the count has painted.
  const ready = useStagedRender(dataToken, drawInStages)
  useEffect(() => {
    if (useWatchfloor.getState().asks.map?.shadeBy !== by) setAsk('map', { shadeBy: by })
  }, [by, setAsk])
  return ready && map !== null && map.shadeBy === by ? map.shading : NO_SHADING
}
