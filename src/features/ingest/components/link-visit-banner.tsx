import { useState, useSyncExternalStore } from 'react'
import { useWatchfloor } from '../../../state/store.ts'
import { formatCount } from '../../../ui/format.ts'
import { currentVisit, keepVisit, refreshVisit, subscribeVisit, type LinkVisit } from '../../../services/ingest/link-visit.ts'
import './ingest.css'

/**
 * Says that the data on screen came from a link and is not saved, and offers to keep it (and,
 * for a `kiosk=1` link, to refresh it): a link someone sends never takes over the workspace.
 */
export function LinkVisitBanner() {
  // The visit ends when other data is on screen: read it again whenever the data changes.
  useWatchfloor((s) => s.dataToken)
  const visit = useSyncExternalStore(subscribeVisit, currentVisit, currentVisit)
  // Dismissed for this visit's data only: the next link shows the banner again.
  const [dismissed, setDismissed] = useState<LinkVisit['dataToken'] | null>(null)
  if (!visit || dismissed === visit.dataToken) return null
  return (
    <section className="ingest-visit" role="region" aria-label="Data from a link" data-testid="link-visit">
      <p>
        Opened from a link: <strong>{visit.name}</strong> ({formatCount(visit.eventCount)} events) is shown but not saved in this browser. Your saved
        workspace is unchanged.
      </p>
      <div className="ingest-visit__actions">
        <button type="button" className="button" data-testid="link-visit-keep" onClick={() => void keepVisit()}>
          Keep it in this browser
        </button>
        {visit.offerRefresh && (
          <button type="button" className="button" data-testid="link-visit-refresh" onClick={refreshVisit}>
            Refresh it every 5 minutes
          </button>
        )}
        <button type="button" className="button" data-testid="link-visit-dismiss" onClick={() => setDismissed(visit.dataToken)}>
          Not now
        </button>
      </div>
    </section>
  )
}
