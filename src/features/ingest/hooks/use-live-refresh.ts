import { useEffect } from 'react'
import type { Validators } from '../../../domain/ingest/ingest-protocol.ts'
import { startIngest } from '../../../lib/ingest/ingest-client.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { newIdsOf } from '../utils/freshness.ts'
import { currentVisit, setVisit } from '../../../services/ingest/link-visit.ts'
import { savedIdForUrl, urlInput } from '../../../services/ingest/url-source.ts'

/** The HTTP validators of the live source's last answer, for conditional requests. */
let lastValidators: Validators = {}

export function setLiveValidators(validators: Validators): void {
  lastValidators = validators
}

/**
 * Refreshes the live URL source on its interval: a conditional request (ETag / Last-Modified),
 * so an unchanged source costs one small answer; new data replaces the old and its new ids are
 * marked, and the refreshed data is saved over the source's saved dataset so that a reload
 * brings back the latest. A failed refresh keeps the data and says so.
 */
export function useLiveRefresh(): void {
  const live = useWatchfloor((s) => s.liveSource)
  useEffect(() => {
    if (!live) return
    let busy = false
    const timer = setInterval(() => {
      if (busy) return
      busy = true
      const job = startIngest({ kind: 'url', url: live.url, ...lastValidators }, { refuseHtml: true })
      void job.done.then(async (outcome) => {
        busy = false
        const store = useWatchfloor.getState()
        if (outcome.kind === 'unchanged') store.setDataUpdatedAt(Date.now())
        else if (outcome.kind === 'failed') store.addNotice(`Could not refresh ${live.url}: ${outcome.reason}. The data on screen is kept.`)
        else if (outcome.kind === 'done') {
          const fresh = newIdsOf(store.currentIds, outcome.data.ids)
          lastValidators = outcome.data.validators
          // A link's data (not kept) refreshes on screen only: the workspace is not replaced.
          const visit = currentVisit()
          const input = urlInput(live.url, outcome.data)
          // Committing loads with the first refresh, not with the page.
          const { commitImport } = await import('../../../services/ingest/commit-import.ts')
          await commitImport(outcome.data, { mode: 'replace', inputs: [input], showReport: false, persist: visit === null, savedId: savedIdForUrl(live.url) })
          const after = useWatchfloor.getState()
          if (visit) setVisit({ ...visit, input, eventCount: after.views.size, dataToken: after.dataToken })
          after.setNewIds(fresh)
        }
      })
    }, live.intervalMs)
    return () => clearInterval(timer)
  }, [live])
}
