import { useEffect, useState } from 'react'
import { useWatchfloor } from '../../../state/store.ts'

/** How long the map waits for the first data before it loads anyway, ms. */
export const MAP_START_LATEST_MS = 2000

/**
 * Whether the map (Leaflet, its code and the basemap: about 100 KB gzip and a worker) may load:
 * once the first data has arrived or failed to, or MAP_START_LATEST_MS after the panel mounted,
 * whichever is first (in the task after, when the data arrives); then for good. Until then the first painted dashboard does not wait for
 * the map's download, which would compete with the data's.
 */
export function useMapStarted(): boolean {
  const ready = useWatchfloor((s) => s.views.size > 0 || s.load.kind === 'error')
  const [started, setStarted] = useState(ready)
  useEffect(() => {
    if (started) return
    // Data that arrives starts the map in the task after the one that draws it: requesting the
    // map's chunks is then not part of that task.
    const timer = setTimeout(() => setStarted(true), ready ? 0 : MAP_START_LATEST_MS)
    return () => clearTimeout(timer)
  }, [started, ready])
  return started
}
