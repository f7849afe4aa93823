import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { useWatchfloor } from '../state/store.ts'
import { startUrlSync } from '../state/url-sync.ts'
import { parseUrlState } from '../state/url-state.ts'
import { parseWarningUrl } from '../state/warning-url.ts'
import { App } from './App.tsx'
import { installGlobalErrorReporting } from './global-errors.ts'
import { loadInitialData } from './load-data.ts'
import './styles.css'

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

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
