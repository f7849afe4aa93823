import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { useWatchfloor } from '../../../state/store.ts'
import { serialiseUrlState } from '../../../state/url-state.ts'
import { useImport } from '../hooks/use-import.ts'
import { useLiveRefresh } from '../hooks/use-live-refresh.ts'
import { savingWorkspace } from '../../../services/ingest/link-visit.ts'
import { restoreImportSettings, startLivePersistence, startSettingsPersistence, startViewPersistence } from '../../../services/ingest/persist.ts'
import { LinkVisitBanner } from './link-visit-banner.tsx'
import { WorkspaceNotices } from './workspace-notices.tsx'
import './ingest.css'

const MIB = 1024 * 1024

// Not on screen at first paint: the dialog (column mapping, draft review) loads when first opened.
const ImportDialog = lazy(() => import('./import-dialog.tsx').then((m) => ({ default: m.ImportDialog })))
// The report is shown after an import, so it loads with the first one (as the dialog does).
const ImportReport = lazy(() => import('./import-report.tsx').then((m) => ({ default: m.ImportReport })))
// Only data from an ACLED update has events removed upstream to review and drop.
const RemovedUpstreamBar = lazy(() => import('./removed-upstream-bar.tsx').then((m) => ({ default: m.RemovedUpstreamBar })))
// Shown only after a start with a saved session or an import that can be undone.
const SessionOffers = lazy(() => import('./session-offers.tsx').then((m) => ({ default: m.SessionOffers })))

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
}

function hasFiles(e: DragEvent): boolean {
  return Boolean(e.dataTransfer?.types.includes('Files'))
}

/**
 * Everything about bringing data in that is not a panel: the import dialog, dropping files on
 * the page, pasting data, the report of a `?data=` load, and workspace notices.
 */
export function IngestRoot() {
  const importOpen = useWatchfloor((s) => s.importOpen)
  const setImportOpen = useWatchfloor((s) => s.setImportOpen)
  const report = useWatchfloor((s) => s.importReport)
  const reportOpen = useWatchfloor((s) => s.reportOpen)
  const closeReport = useWatchfloor((s) => s.closeReport)
  const hasRemovedUpstream = useWatchfloor((s) => s.importReport?.removedUpstream !== undefined || s.droppedUpstream !== null)
  const maxImportBytes = useWatchfloor((s) => s.maxImportBytes)
  const offering = useWatchfloor((s) => s.savedViewOffer !== null || s.importUndo !== null)
  const setMaxImportBytes = useWatchfloor((s) => s.setMaxImportBytes)
  const onMaxMegabytes = useCallback((mb: number) => setMaxImportBytes(mb * MIB), [setMaxImportBytes])
  const controls = useImport(maxImportBytes)
  const [dragging, setDragging] = useState(false)
  const { read, cancel } = controls
  useLiveRefresh()

  useEffect(
    () =>
      startViewPersistence(() => {
        const { filter, asOfSetting } = useWatchfloor.getState()
        return serialiseUrlState('', filter, asOfSetting)
      }, savingWorkspace),
    [],
  )

  useEffect(() => {
    const stopSettings = startSettingsPersistence()
    const stopLive = startLivePersistence(savingWorkspace)
    void restoreImportSettings()
    return () => {
      stopSettings()
      stopLive()
    }
  }, [])

  useEffect(() => {
    let depth = 0
    const onEnter = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      depth++
      setDragging(true)
    }
    const onLeave = (): void => {
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const onOver = (e: DragEvent): void => {
      if (hasFiles(e)) e.preventDefault()
    }
    const onDrop = (e: DragEvent): void => {
      depth = 0
      setDragging(false)
      const files = e.dataTransfer?.files
      if (!files || files.length === 0) return
      e.preventDefault()
      setImportOpen(true)
      read([...files].map((file) => ({ kind: 'file', file, name: file.name })))
    }
    const onPaste = (e: ClipboardEvent): void => {
      if (isEditable(e.target) || useWatchfloor.getState().importOpen) return
      const files = e.clipboardData?.files
      const text = e.clipboardData?.getData('text/plain') ?? ''
      if (files && files.length > 0) {
        e.preventDefault()
        setImportOpen(true)
        read([...files].map((file) => ({ kind: 'file', file, name: file.name })))
      } else if (text.trim().length > 0) {
        e.preventDefault()
        setImportOpen(true)
        read([{ kind: 'text', text, name: 'pasted text' }])
      }
    }
    window.addEventListener('dragenter', onEnter)
    window.addEventListener('dragleave', onLeave)
    window.addEventListener('dragover', onOver)
    window.addEventListener('drop', onDrop)
    window.addEventListener('paste', onPaste)
    return () => {
      window.removeEventListener('dragenter', onEnter)
      window.removeEventListener('dragleave', onLeave)
      window.removeEventListener('dragover', onOver)
      window.removeEventListener('drop', onDrop)
      window.removeEventListener('paste', onPaste)
    }
  }, [read, setImportOpen])

  const close = useCallback(() => {
    cancel()
    setImportOpen(false)
  }, [cancel, setImportOpen])

  return (
    <>
      <WorkspaceNotices />
      {/* Bottom left, one above the other (session offers, a link's banner, removed-upstream events): the import report's toast keeps the right. */}
      <div className="ingest-corner">
        {offering && (
          <Suspense fallback={null}>
            <SessionOffers />
          </Suspense>
        )}
        <LinkVisitBanner />
        {hasRemovedUpstream && !importOpen && (
          <Suspense fallback={null}>
            <RemovedUpstreamBar />
          </Suspense>
        )}
      </div>
      {dragging && (
        <div className="ingest-dropzone" aria-hidden="true">
          Drop files to import them
        </div>
      )}
      {report && reportOpen && !importOpen && (
        <aside className="ingest-toast" aria-label="Import report" data-testid="import-report-toast">
          <button type="button" className="icon-button ingest-toast__close" aria-label="Close the import report" onClick={closeReport}>
            ×
          </button>
          <Suspense fallback={null}>
            <ImportReport report={report} mode="done" />
          </Suspense>
        </aside>
      )}
      {importOpen && (
        <Suspense fallback={null}>
          <ImportDialog controls={controls} maxMegabytes={Math.round(maxImportBytes / MIB)} onMaxMegabytes={onMaxMegabytes} onClose={close} />
        </Suspense>
      )}
    </>
  )
}
