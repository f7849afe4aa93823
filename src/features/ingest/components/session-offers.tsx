import { useEffect, useState } from 'react'
import { describeSavedView, restoreSavedView } from '../../../services/ingest/saved-view.ts'
import { forgetUndo, undoImport } from '../../../services/ingest/import-undo.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { formatCount } from '../../../ui/format.ts'
import './ingest.css'

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
}

/** "Restore last session": the saved view, offered on a bare address (the URL wins, so it is never applied alone). */
function SavedViewOffer({ view }: { readonly view: string }) {
  const dismiss = useWatchfloor((s) => s.setSavedViewOffer)
  return (
    <section className="ingest-offer" role="region" aria-label="Last session" data-testid="restore-session">
      <p>
        Opened with the default view. Your last session: <span data-testid="restore-session-summary">{describeSavedView(view)}</span>.
      </p>
      <div className="ingest-visit__actions">
        <button type="button" className="button button--primary" data-testid="restore-session-apply" onClick={restoreSavedView}>
          Restore last session
        </button>
        <button type="button" className="button" data-testid="restore-session-dismiss" onClick={() => dismiss(null)}>
          Dismiss
        </button>
      </div>
    </section>
  )
}

/** "Undo import" after an import replaced the data on screen; Ctrl+Z (⌘Z) too while offered. */
function UndoImportOffer() {
  const offer = useWatchfloor((s) => s.importUndo)
  const [undoing, setUndoing] = useState(false)
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key.toLowerCase() !== 'z' || !(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || isEditable(e.target)) return
      if (useWatchfloor.getState().importOpen) return
      e.preventDefault()
      void undoImport()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  if (!offer) return null
  const until = new Date(offer.untilMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
  return (
    <section className="ingest-offer" role="region" aria-label="Undo import" data-testid="undo-import">
      <p role="status">
        <strong>{offer.importedName}</strong> replaced {offer.replacedName} ({formatCount(offer.replacedCount)} events). You can undo this until {until}, or until other data is loaded.
      </p>
      <div className="ingest-visit__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="undo-import-apply"
          aria-keyshortcuts="Control+Z"
          disabled={undoing}
          onClick={() => {
            setUndoing(true)
            void undoImport().finally(() => setUndoing(false))
          }}
        >
          Undo import
        </button>
        <button type="button" className="button" data-testid="undo-import-dismiss" onClick={forgetUndo}>
          Keep the new data
        </button>
      </div>
    </section>
  )
}

/** Offers that follow a start or an import: restoring the last session, undoing a replace. */
export function SessionOffers() {
  const view = useWatchfloor((s) => s.savedViewOffer)
  return (
    <div className="ingest-offers">
      {view !== null && <SavedViewOffer view={view} />}
      <UndoImportOffer />
    </div>
  )
}
