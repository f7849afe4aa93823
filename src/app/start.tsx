import { StrictMode, startTransition } from 'react'
import type { Root } from 'react-dom/client'
import { useWatchfloor } from '../state/store.ts'
import { startUrlSync } from '../state/url-sync.ts'
import { parseUrlState } from '../state/url-state.ts'
import { parseWarningUrl } from '../state/warning-url.ts'
import { App } from './App.tsx'
import { installGlobalErrorReporting } from './global-errors.ts'
import { loadInitialData } from './load-data.ts'

/**
 * Starts the app in `root`: the view the URL names goes into the store before the first render,
 * the data starts loading, and the dashboard renders. Loaded by main.tsx as a chunk of its own,
 * so that evaluating the app's modules is a task apart from evaluating React's.
 */
export function startApp(root: Root): void {
  installGlobalErrorReporting(window)
  const url = parseUrlState(window.location.search)
  const store = useWatchfloor.getState()
  store.setFilter(url.filter)
  if (url.asOf) store.setAsOf(url.asOf)
  if (url.mapView) store.setMapView(url.mapView)
  const warningUrl = parseWarningUrl(window.location.search)
  store.setWarningSettings(warningUrl.settings)
  if (warningUrl.bands) store.setTimelineBands(warningUrl.bands)
  startUrlSync()
  void loadInitialData(url)
  // As a transition, React renders the dashboard's first frame in slices of a few milliseconds,
  // yielding between them, rather than in one task (its components' first calls compile them too).
  startTransition(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  )
}
