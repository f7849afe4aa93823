import { useState } from 'react'
import { canUndoDrop, dropRemovedUpstream, undoDropRemovedUpstream } from '../../../services/ingest/drop-removed.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { formatCount } from '../../../ui/format.ts'
import { RemovedUpstream, type RemovedUpstreamActions } from './removed-upstream.tsx'
import './ingest.css'

/**
 * The ACLED events removed upstream in the data on screen, after its import: counted, listed on
 * request, and dropped (asked first, undoable) from the data and its saved copy. Hidden until
 * the data has such events, or while a drop can be undone; "Not now" hides it for this data.
 */
export function RemovedUpstreamBar() {
  const removed = useWatchfloor((s) => s.importReport?.removedUpstream)
  const dropped = useWatchfloor((s) => s.droppedUpstream)
  const dataToken = useWatchfloor((s) => s.dataToken)
  const [busy, setBusy] = useState(false)
  const [open, setOpen] = useState(false)
  const [hiddenFor, setHiddenFor] = useState<object | null>(null)
  // dataToken follows the data on screen, and with it whether the last drop can still be undone.
  const actions: RemovedUpstreamActions = {
    dropped: dropped !== null && canUndoDrop() ? dropped : null,
    drop: () => {
      setBusy(true)
      void dropRemovedUpstream().finally(() => setBusy(false))
    },
    undoDrop: () => {
      undoDropRemovedUpstream()
      setOpen(false)
    },
  }
  if (hiddenFor === dataToken) return null
  if (actions.dropped === null && (!removed || removed.count === 0)) return null
  const count = removed?.count ?? 0
  return (
    <section className="ingest-visit ingest-removed" role="region" aria-label="Events removed upstream" data-testid="removed-upstream-bar" data-count={count}>
      {actions.dropped === null && !open ? (
        <>
          <p>
            <strong data-testid="removed-upstream-count">{formatCount(count)}</strong> {count === 1 ? 'event' : 'events'} in this data{' '}
            {count === 1 ? 'is' : 'are'} no longer in the newer ACLED export: removed upstream, kept and tagged until you drop {count === 1 ? 'it' : 'them'}.
          </p>
          <div className="ingest-visit__actions">
            <button type="button" className="button" data-testid="removed-upstream-review" onClick={() => setOpen(true)}>
              Review…
            </button>
            <button type="button" className="button" data-testid="removed-upstream-hide" onClick={() => setHiddenFor(dataToken)}>
              Not now
            </button>
          </div>
        </>
      ) : (
        <div className="ingest-removed__review">
          <RemovedUpstream removed={removed} review={actions} stage="done" busy={busy} />
          <button type="button" className="button" data-testid="removed-upstream-close" onClick={() => (actions.dropped === null ? setOpen(false) : setHiddenFor(dataToken))}>
            Close
          </button>
        </div>
      )}
    </section>
  )
}
