import { lazy, Suspense, useCallback, useState } from 'react'
import { AlertTabCount } from '../features/alerts/components/alert-badge.tsx'
import { useAlertEngine } from '../features/alerts/hooks/use-alert-engine.ts'
import { EventsPanel } from '../features/events/components/events-panel.tsx'
import { FilterBar } from '../features/filters/components/filter-bar.tsx'
import { GaugesPanel } from '../features/gauges/components/gauges-panel.tsx'
import { ExportRoot } from '../features/export/components/export-root.tsx'
import { IngestRoot } from '../features/ingest/components/ingest-root.tsx'
import { MapPanel } from '../features/map/components/map-panel.tsx'
import { TimelinePanel } from '../features/timeline/components/timeline-panel.tsx'
import { useWatchfloor } from '../state/store.ts'
import { PanelBoundary } from '../ui/panel-boundary.tsx'
import { FreshnessProvider, PanelTimingsProvider } from './freshness-provider.tsx'
import { Header } from './header.tsx'
import { useKeyboardShortcuts } from './shortcuts.ts'
import { useEarlyWarning } from './use-early-warning.ts'

// The watchlist and alert tabs are not on screen at first paint: loaded when opened.
const WatchlistView = lazy(() =>
  import('../features/alerts/components/watchlist-view.tsx').then((m) => ({ default: m.WatchlistView })),
)
const HelpOverlay = lazy(() => import('./help-overlay.tsx').then((m) => ({ default: m.HelpOverlay })))
const AlertList = lazy(() => import('../features/alerts/components/alert-list.tsx').then((m) => ({ default: m.AlertList })))

function LoadBanner() {
  const load = useWatchfloor((s) => s.load)
  const setImportOpen = useWatchfloor((s) => s.setImportOpen)
  if (load.kind === 'loading') {
    return (
      <div className="banner" role="status" data-testid="load-status">
        <span className="spinner" aria-hidden="true" /> {load.message}
        {load.progress !== undefined && (
          <progress className="banner__progress" max={1} value={load.progress} aria-label={load.message} data-testid="load-progress" />
        )}
        {load.onCancel && (
          <button type="button" className="button" data-testid="load-cancel" onClick={load.onCancel}>
            Cancel
          </button>
        )}
      </div>
    )
  }
  if (load.kind === 'error') {
    return (
      <div className="banner banner--error" role="alert" data-testid="load-error">
        <span>
          {load.message}. Check the address (a <code>?data=</code> URL must answer with a file Watchfloor reads and allow
          cross-origin requests), or import a file instead.
        </span>
        <button type="button" className="button" onClick={() => setImportOpen(true)}>
          Import…
        </button>
      </div>
    )
  }
  return null
}

/** The dashboard: header, filters and the four panels. The only place features are composed. */
export function App() {
  const [helpOpen, setHelpOpen] = useState(false)
  const toggleHelp = useCallback(() => setHelpOpen((open) => !open), [])
  const closeHelp = useCallback(() => setHelpOpen(false), [])
  useKeyboardShortcuts(toggleHelp)
  useAlertEngine()
  useEarlyWarning()
  // Kiosk / TV mode (`?kiosk=1` or the alert setting) for a wall screen: large type, no pop-ups,
  // no editing controls (the filter bar, import, export, theme; the panels' tools, in styles.css),
  // and the room they took goes to the charts.
  const kiosk = useWatchfloor((s) => s.alertSettings.kiosk)
  const source = useWatchfloor((s) => s.source.kind)
  return (
    <FreshnessProvider>
      <PanelTimingsProvider>
      <div className={kiosk ? 'app kiosk' : 'app'} data-testid="app-root" data-source={source}>
        <a
          className="skip-link"
          href="#dashboard"
          onClick={(e) => {
            // Focus the panels without touching the URL (it holds the view).
            e.preventDefault()
            document.getElementById('dashboard')?.focus()
          }}
        >
          Skip to the panels
        </a>
        <Header onHelp={toggleHelp} kiosk={kiosk} />
        {helpOpen && (
          <Suspense fallback={null}>
            <HelpOverlay onClose={closeHelp} />
          </Suspense>
        )}
        {!kiosk && <FilterBar />}
        <LoadBanner />
        <IngestRoot />
        <ExportRoot />
        <main className="dashboard" id="dashboard" tabIndex={-1}>
          <div className="dashboard__timeline">
            <PanelBoundary title="Threat over time">
              <TimelinePanel />
            </PanelBoundary>
          </div>
          <div className="dashboard__gauges">
            <PanelBoundary title="Threat levels">
              <GaugesPanel watchlist={<WatchlistView />} alerts={<AlertList />} alertsBadge={<AlertTabCount />} />
            </PanelBoundary>
          </div>
          <div className="dashboard__map">
            <PanelBoundary title="The map">
              <MapPanel />
            </PanelBoundary>
          </div>
          <div className="dashboard__events">
            <PanelBoundary title="Events">
              <EventsPanel />
            </PanelBoundary>
          </div>
        </main>
      </div>
      </PanelTimingsProvider>
    </FreshnessProvider>
  )
}
