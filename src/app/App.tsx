import { useCallback, useState } from 'react'
import { EventsPanel } from '../features/events/components/events-panel.tsx'
import { FilterBar } from '../features/filters/components/filter-bar.tsx'
import { GaugesPanel } from '../features/gauges/components/gauges-panel.tsx'
import { MapPanel } from '../features/map/components/map-panel.tsx'
import { TimelinePanel } from '../features/timeline/components/timeline-panel.tsx'
import { useWatchfloor } from '../state/store.ts'
import { PanelBoundary } from '../ui/panel-boundary.tsx'
import { Header } from './header.tsx'
import { HelpOverlay } from './help-overlay.tsx'
import { useKeyboardShortcuts } from './shortcuts.ts'

function LoadBanner() {
  const load = useWatchfloor((s) => s.load)
  if (load.kind === 'loading') {
    return (
      <div className="banner" role="status" data-testid="load-status">
        <span className="spinner" aria-hidden="true" /> {load.message}
      </div>
    )
  }
  if (load.kind === 'error') {
    return (
      <div className="banner banner--error" role="alert" data-testid="load-error">
        {load.message}
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
  return (
    <div className="app">
      <Header onHelp={toggleHelp} />
      {helpOpen && <HelpOverlay onClose={closeHelp} />}
      <FilterBar />
      <LoadBanner />
      <main className="dashboard">
        <div className="dashboard__timeline">
          <PanelBoundary title="Threat over time">
            <TimelinePanel />
          </PanelBoundary>
        </div>
        <div className="dashboard__gauges">
          <PanelBoundary title="Threat levels">
            <GaugesPanel />
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
  )
}
