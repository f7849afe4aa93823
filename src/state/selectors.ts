import type { ViewPart } from '../domain/engine/views-engine.ts'
import type { RegionDef } from '../domain/model.ts'
import { lookupRegion } from '../domain/regions.ts'
import type { WatchfloorState } from './store-types.ts'

const NO_REGIONS: readonly RegionDef[] = []

export const selectCustomRegions = (s: WatchfloorState): readonly RegionDef[] => s.meta?.customRegions ?? NO_REGIONS

/**
 * What a panel with no data says while data is on its way: a load under way, or a warehouse just
 * connected whose first answer has not come (or failed); null when no data is coming.
 */
export function selectDataComing(s: WatchfloorState): string | null {
  if (s.load.kind === 'loading') return 'Loading the data…'
  if (s.remote === null || s.views.size > 0 || s.remoteStatus === null || s.remoteStatus.lastMs !== null) return null
  return s.remoteStatus.error === null ? 'Querying the warehouse…' : 'The warehouse did not answer: see the status above'
}

/** A region's display name; the id itself when it is unknown. */
export function regionName(id: string, custom: readonly RegionDef[]): string {
  return lookupRegion(id, custom)?.name ?? id
}

/** Whether a filter other than the time range narrows the data (a place, actor, level, category or search). */
export const selectNarrowsBeyondTime = (s: WatchfloorState): boolean => {
  const f = s.filter
  return (
    f.regions.length > 0 ||
    f.countries.length > 0 ||
    f.actors.length > 0 ||
    f.levels.length > 0 ||
    f.categories.length > 0 ||
    f.text.trim() !== ''
  )
}

/** True when any filter is set. */
export const selectHasFilters = (s: WatchfloorState): boolean => s.filter.timeRange !== null || selectNarrowsBeyondTime(s)

/** The answer's parts each panel draws from. */
const PANEL_PARTS = {
  timeline: ['timeline'],
  gauges: ['gauges', 'watched', 'compare'],
  map: ['map', 'points'],
  events: ['list'],
} as const satisfies Record<string, readonly ViewPart[]>

/** A warehouse's search whose cube is still coming: the count and the list are current, the cube's panels from before (Views.cubePending). */
export const selectCubePending = (s: WatchfloorState): boolean => s.views.cubePending === true

/** Why a warehouse's search cube could not be fetched (Views.cubeError); null when it came. */
export const selectCubeError = (s: WatchfloorState): string | null => s.views.cubeError ?? null

/** Whether the cube's panels show what they drew before: a warehouse's search cube still coming, or failed. */
export const selectCubeKept = (s: WatchfloorState): boolean => s.views.cubePending === true || s.views.cubeError !== undefined

/**
 * Per panel: true while a part it draws still shows an earlier filter's answer (see
 * ViewSlice.staleParts), or, for the panels a warehouse's cube makes, while a search's cube is
 * still coming or failed (Views.cubePending, cubeError).
 */
export const selectPanelStale = {
  timeline: (s: WatchfloorState): boolean => selectCubeKept(s) || PANEL_PARTS.timeline.some((p) => s.staleParts.has(p)),
  gauges: (s: WatchfloorState): boolean => selectCubeKept(s) || PANEL_PARTS.gauges.some((p) => s.staleParts.has(p)),
  map: (s: WatchfloorState): boolean => selectCubeKept(s) || PANEL_PARTS.map.some((p) => s.staleParts.has(p)),
  events: (s: WatchfloorState): boolean => PANEL_PARTS.events.some((p) => s.staleParts.has(p)),
} as const
