import { serialiseMapView, serialiseUrlState } from './url-state.ts'
import { useWatchfloor } from './store.ts'
import { serialiseWarningUrl } from './warning-url.ts'

/**
 * Keeps the query string in step with the filters, as-of, map view and early-warning settings (replaceState, so the back button
 * is not flooded). Returns the unsubscribe function.
 */
export function startUrlSync(win: Window = window): () => void {
  let pending: number | undefined
  const write = (): void => {
    pending = undefined
    const { filter, asOfSetting, mapView, warningSettings, timelineBands } = useWatchfloor.getState()
    const search = serialiseWarningUrl(serialiseMapView(serialiseUrlState(win.location.search, filter, asOfSetting), mapView), warningSettings, timelineBands)
    if (search !== win.location.search) {
      win.history.replaceState(win.history.state, '', `${win.location.pathname}${search}${win.location.hash}`)
    }
  }
  const unsubscribe = useWatchfloor.subscribe((state, previous) => {
    if (
      state.filter === previous.filter &&
      state.asOfSetting === previous.asOfSetting &&
      state.mapView === previous.mapView &&
      state.warningSettings === previous.warningSettings &&
      state.timelineBands === previous.timelineBands
    ) {
      return
    }
    if (pending === undefined) pending = win.setTimeout(write, 100)
  })
  return () => {
    unsubscribe()
    if (pending !== undefined) win.clearTimeout(pending)
  }
}
