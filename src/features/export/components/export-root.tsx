import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { useWatchfloor } from '../../../state/store.ts'
import { enterPrintMode } from '../utils/print-mode.ts'

// The dialog, and with it the capture and PowerPoint code, loads when first opened.
// The print header is only read when printing: it loads after the dashboard has painted.
const PrintSheet = lazy(() => import('./print-sheet.tsx').then((m) => ({ default: m.PrintSheet })))
const ExportDialog = lazy(() => import('./export-dialog.tsx').then((m) => ({ default: m.ExportDialog })))

/** Whether the page was opened as a print view (`?print=1`, or `?print=letter`). */
function printParam(): 'A4' | 'Letter' | null {
  const value = new URLSearchParams(window.location.search).get('print')
  if (value === null || value === '0') return null
  return value.toLowerCase() === 'letter' ? 'Letter' : 'A4'
}

/**
 * The export feature's root, mounted once by the app: opens the dialog when a panel's export
 * button asks (store action openExport), and renders the print sheet's header and footer.
 */
export function ExportRoot() {
  const target = useWatchfloor((s) => s.exportTarget)
  const closeExport = useWatchfloor((s) => s.closeExport)
  const [printing] = useState(printParam)
  useEffect(() => {
    if (printing) enterPrintMode(printing, false)
  }, [printing])
  const close = useCallback(() => closeExport(), [closeExport])
  return (
    <>
      <Suspense fallback={null}>
        <PrintSheet />
      </Suspense>
      {target && (
        <Suspense fallback={null}>
          <ExportDialog target={target} onClose={close} />
        </Suspense>
      )}
    </>
  )
}

/** The header's "Export" button: the whole dashboard (picture, briefing pack, print, data, share). */
export function DashboardExportButton() {
  const openExport = useWatchfloor((s) => s.openExport)
  return (
    <button type="button" className="button" data-testid="export-dashboard" onClick={() => openExport('dashboard')} title="Export the dashboard, a briefing pack, data or a link to this view">
      Export
    </button>
  )
}
