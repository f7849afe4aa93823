import { useMemo } from 'react'
import { useWatchfloor } from '../../../state/store.ts'

const NONE: ReadonlySet<string> = new Set()

/**
 * The places early warning flags in its judged week, as map shape ids for the shading in force:
 * alpha-2 codes for countries, region slugs for regions. Empty until the worker has answered for
 * the data on screen.
 */
export function useSurgingPlaces(shadeBy: 'countries' | 'regions'): ReadonlySet<string> {
  const warning = useWatchfloor((s) => s.warning)
  const dataToken = useWatchfloor((s) => s.dataToken)
  return useMemo(() => {
    if (warning.status !== 'ready' || warning.dataToken !== dataToken) return NONE
    const kind = shadeBy === 'countries' ? 'country' : 'region'
    const ids = warning.result.surges.filter((s) => s.kind === kind).map((s) => s.place)
    return ids.length === 0 ? NONE : new Set(ids)
  }, [warning, dataToken, shadeBy])
}
